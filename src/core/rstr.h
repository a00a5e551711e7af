/*
 * rstr.h: immutable reference-counted strings. The probe's per-process
 * cache holds a command line, cgroup path or user name once, and every
 * snapshot filled from it takes a reference instead of a copy
 * (snapshot_proc_share()). Single-threaded. Depends on libc and
 * core/xalloc.
 */
#ifndef HISTOP_CORE_RSTR_H
#define HISTOP_CORE_RSTR_H

#include <stddef.h>

/* A new string: len bytes of s and a NUL, holding one reference. */
const char *rstr_new(const char *s, size_t len);
/* Take one more reference to r; returns r. */
const char *rstr_ref(const char *r);
/* Drop a reference; the last one frees the string. NULL is fine. */
void rstr_unref(const char *r);
/* Its length in bytes, without the NUL. */
size_t rstr_len(const char *r);
/* Does r hold exactly the len bytes at s? */
int rstr_eq(const char *r, const char *s, size_t len);

/*
 * A set of interned strings: equal strings are one string, so the same
 * cgroup path or command line of many processes is held once.
 */
struct rstr_set;

/* Caller frees with rstr_set_free(), which drops the set's references
 * (strings others still hold live on). */
struct rstr_set *rstr_set_new(void);
void rstr_set_free(struct rstr_set *);
/* The set's string of the len bytes at s, added if absent; the caller
 * gets a reference of its own (rstr_unref it). */
const char *rstr_intern(struct rstr_set *, const char *s, size_t len);
/* Forget the strings no one but the set holds any more. */
void rstr_set_sweep(struct rstr_set *);
/* How many strings the set holds. */
size_t rstr_set_count(const struct rstr_set *);

#endif
