/* strpool.c: chunked string arena (see strpool.h). libc only. */
#include "config.h"

#include "core/strpool.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

#define CHUNK_MIN 65536

struct strpool_chunk {
	struct strpool_chunk *next;
	size_t size, used;
	char data[];
};

const char *
strpool_add(struct strpool *p, const char *s, size_t len)
{
	struct strpool_chunk *c = p->head;
	char *out;

	while (c != NULL && c->size - c->used < len + 1)
		c = c->next; /* later chunks are empty after a clear */
	if (c == NULL) {
		size_t size = len + 1 > CHUNK_MIN ? len + 1 : CHUNK_MIN;

		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->next = NULL;
		if (p->first == NULL)
			p->first = c;
		else {
			struct strpool_chunk *last = p->head;

			while (last->next != NULL)
				last = last->next;
			last->next = c;
		}
	}
	p->head = c;
	out = c->data + c->used;
	if (len > 0)
		memcpy(out, s, len);
	out[len] = '\0';
	c->used += len + 1;
	return out;
}

void
strpool_clear(struct strpool *p)
{
	struct strpool_chunk *c;

	for (c = p->first; c != NULL; c = c->next)
		c->used = 0;
	p->head = p->first;
}

void
strpool_free(struct strpool *p)
{
	struct strpool_chunk *c, *next;

	for (c = p->first; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	p->first = p->head = NULL;
}
