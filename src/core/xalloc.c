/* xalloc.c: allocation wrappers and the fatal path. libc + libbsd. */
#include "config.h"

#include "core/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define MAX_HOOKS 8

static void (*hooks[MAX_HOOKS])(void);
static int nhooks;

void
xalloc_trim(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

void
fatal_hook_add(void (*fn)(void))
{
	if (nhooks < MAX_HOOKS)
		hooks[nhooks++] = fn;
}

void
fatal_hooks_run(void)
{
	while (nhooks > 0)
		hooks[--nhooks]();
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	fatal_hooks_run();
	fputs("histop: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *
check(void *p)
{
	if (p == NULL)
		fatal("out of memory");
	return p;
}

void *
xmalloc(size_t n)
{
	return check(malloc(n ? n : 1));
}

void *
xcalloc(size_t n, size_t sz)
{
	return check(calloc(n ? n : 1, sz ? sz : 1));
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	return check(reallocarray(p, n ? n : 1, sz ? sz : 1));
}

char *
xstrdup(const char *s)
{
	return check(strdup(s));
}

char *
xstrndup(const char *s, size_t n)
{
	return check(strndup(s, n));
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		fatal("out of memory");
	return s;
}

void *
xgrow(void *arr, size_t *cap, size_t n, size_t sz)
{
	size_t ncap;

	if (n < *cap)
		return arr;
	ncap = *cap ? *cap * 2 : 16;
	while (ncap <= n)
		ncap *= 2;
	arr = xreallocarray(arr, ncap, sz);
	*cap = ncap;
	return arr;
}
