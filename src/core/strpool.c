/* strpool.c: chunked string arena (see strpool.h). libc only. */
#include "config.h"

#include "core/strpool.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* Chunks double from CHUNK_FIRST to CHUNK_MAX: a snapshot with a few
 * names (the store's copy of the system areas) costs a page, not 64 KiB. */
#define CHUNK_FIRST 4096
#define CHUNK_MAX 65536

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

	/* The chunk of the last string, else the first with room: a long
	 * command line that moved on to a bigger chunk leaves the room it
	 * skipped to the short strings after it. */
	if (c != NULL && c->size - c->used < len + 1)
		for (c = p->first; c != NULL && c->size - c->used < len + 1;)
			c = c->next;
	if (c == NULL) {
		struct strpool_chunk *last = p->first;
		size_t alloc = CHUNK_FIRST; /* header included */

		while (last != NULL && last->next != NULL)
			last = last->next;
		if (last != NULL) {
			alloc = sizeof(*c) + last->size;
			alloc = alloc >= CHUNK_MAX / 2 ? CHUNK_MAX : alloc * 2;
		}
		if (alloc - sizeof(*c) < len + 1)
			alloc = sizeof(*c) + len + 1;
		c = xmalloc(alloc);
		c->size = alloc - sizeof(*c);
		c->used = 0;
		c->next = NULL;
		if (last == NULL)
			p->first = c;
		else
			last->next = c;
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
