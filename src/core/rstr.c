/* rstr.c: reference-counted strings (see rstr.h). libc only. */
#include "config.h"

#include "core/rstr.h"

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct rstr {
	uint32_t refs;
	uint32_t len;
	char s[];
};

static struct rstr *
hdr(const char *r)
{
	return (struct rstr *)(void *)((char *)(uintptr_t)r -
	    offsetof(struct rstr, s));
}

const char *
rstr_new(const char *s, size_t len)
{
	struct rstr *h;

	assert(len < UINT32_MAX);
	h = xmalloc(sizeof(*h) + len + 1);
	h->refs = 1;
	h->len = (uint32_t)len;
	if (len > 0)
		memcpy(h->s, s, len);
	h->s[len] = '\0';
	return h->s;
}

const char *
rstr_ref(const char *r)
{
	struct rstr *h = hdr(r);

	assert(h->refs > 0 && h->refs < UINT32_MAX);
	h->refs++;
	return r;
}

void
rstr_unref(const char *r)
{
	struct rstr *h;

	if (r == NULL)
		return;
	h = hdr(r);
	assert(h->refs > 0);
	if (--h->refs == 0)
		free(h);
}

size_t
rstr_len(const char *r)
{
	return hdr(r)->len;
}

int
rstr_eq(const char *r, const char *s, size_t len)
{
	return r != NULL && hdr(r)->len == len && memcmp(r, s, len) == 0;
}

/* ---- interning ---------------------------------------------------------- */

struct rstr_slot {
	const char *r;  /* NULL: empty */
	uint32_t hash;
};

struct rstr_set {
	struct rstr_slot *slot; /* open addressing, linear probing */
	size_t cap;             /* a power of two, or 0 */
	size_t n;
};

static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

struct rstr_set *
rstr_set_new(void)
{
	return xcalloc(1, sizeof(struct rstr_set));
}

void
rstr_set_free(struct rstr_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->cap; i++)
		rstr_unref(set->slot[i].r);
	free(set->slot);
	free(set);
}

/* Put r (hash h, not in the set) into the table, which has room. */
static void
put(struct rstr_set *set, const char *r, uint32_t h)
{
	size_t i = h & (set->cap - 1);

	while (set->slot[i].r != NULL)
		i = (i + 1) & (set->cap - 1);
	set->slot[i].r = r;
	set->slot[i].hash = h;
}

/* Rebuild the table at cap slots; sweep: without the strings that no one
 * but the set holds. */
static void
rebuild(struct rstr_set *set, size_t cap, bool sweep)
{
	struct rstr_slot *old = set->slot;
	size_t oldcap = set->cap, i;

	set->slot = cap > 0 ? xcalloc(cap, sizeof(*set->slot)) : NULL;
	set->cap = cap;
	set->n = 0;
	for (i = 0; i < oldcap; i++) {
		const char *r = old[i].r;

		if (r == NULL)
			continue;
		if (sweep && hdr(r)->refs == 1) {
			rstr_unref(r);
			continue;
		}
		put(set, r, old[i].hash);
		set->n++;
	}
	free(old);
}

const char *
rstr_intern(struct rstr_set *set, const char *s, size_t len)
{
	uint32_t h = hash_bytes(s, len);
	const char *r;
	size_t i;

	if (set->cap > 0)
		for (i = h & (set->cap - 1); set->slot[i].r != NULL;
		    i = (i + 1) & (set->cap - 1))
			if (set->slot[i].hash == h &&
			    rstr_eq(set->slot[i].r, s, len))
				return rstr_ref(set->slot[i].r);
	/* at most half full: probes stay short */
	if (2 * (set->n + 1) > set->cap)
		rebuild(set, set->cap > 0 ? set->cap * 2 : 64, false);
	r = rstr_new(s, len);
	put(set, r, h);
	set->n++;
	return rstr_ref(r);
}

void
rstr_set_sweep(struct rstr_set *set)
{
	size_t cap = set->cap, i, dead = 0;

	for (i = 0; i < set->cap; i++)
		dead += set->slot[i].r != NULL && hdr(set->slot[i].r)->refs == 1;
	if (dead == 0)
		return;
	/* Shrink when a quarter full after the sweep (not below 64). */
	rebuild(set, cap, true);
	while (cap > 64 && 4 * set->n < cap)
		cap /= 2;
	if (cap != set->cap)
		rebuild(set, cap, false);
}

size_t
rstr_set_count(const struct rstr_set *set)
{
	return set->n;
}
