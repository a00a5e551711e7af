/*
 * strpool.h: an arena for the strings of one snapshot. Chunks never move,
 * so returned pointers stay valid until strpool_clear(); clearing keeps the
 * chunks for reuse, so a steady state allocates nothing per tick.
 * Depends on libc only.
 */
#ifndef HISTOP_CORE_STRPOOL_H
#define HISTOP_CORE_STRPOOL_H

#include <stddef.h>

struct strpool_chunk;

struct strpool {
	struct strpool_chunk *head; /* chunk being filled */
	struct strpool_chunk *first;
};

/* Copy len bytes of s plus a NUL. Borrowed; valid until strpool_clear(). */
const char *strpool_add(struct strpool *, const char *s, size_t len);
/* Forget every string; keep the memory. */
void strpool_clear(struct strpool *);
/* Release the memory. The pool may be reused afterwards. */
void strpool_free(struct strpool *);

#endif
