/*
 * xalloc.h: allocation that cannot fail (out of memory is fatal), and the
 * fatal path itself, which runs registered cleanup hooks first (the UI
 * registers one that restores the terminal) so core never includes ui.
 * Depends on libc and libbsd.
 */
#ifndef HISTOP_CORE_XALLOC_H
#define HISTOP_CORE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
/* Like asprintf(3); the result is the caller's to free. */
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Grow *arr (of *cap elements of size sz) so index n is valid. */
void *xgrow(void *arr, size_t *cap, size_t n, size_t sz);

/*
 * Give the free pages inside the heap back to the system (glibc keeps
 * them otherwise: only the top of the heap is trimmed on free). For long
 * runs, after start-up and bursts of temporary allocations; a no-op
 * where the C library has no such call.
 */
void xalloc_trim(void);

/* Register a hook run (last registered first) before a fatal exit. */
void fatal_hook_add(void (*)(void));
/* Run the hooks, print "histop: MSG" to stderr and exit(1). */
void fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Run the hooks; used by signal-free normal exits that must restore state. */
void fatal_hooks_run(void);

#endif
