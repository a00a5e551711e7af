/*
 * tap.h: a minimal Test Anything Protocol emitter for the C unit tests.
 * Every check prints one "ok"/"not ok" line; tap_done() prints the plan and
 * returns the exit status. Header-only so each test program stays alone.
 */
#ifndef HISTOP_TESTS_TAP_H
#define HISTOP_TESTS_TAP_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline __attribute__((format(printf, 2, 3))) int
tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __VA_ARGS__)

#define is_int(got, want, name)                                              \
	do {                                                                 \
		long long g_ = (long long)(got), w_ = (long long)(want);     \
		if (!tap_ok(g_ == w_, "%s", name))                           \
			printf("#   got %lld, want %lld (%s:%d)\n", g_, w_,  \
			    __FILE__, __LINE__);                             \
	} while (0)

#define is_u64(got, want, name)                                              \
	do {                                                                 \
		uint64_t g_ = (uint64_t)(got), w_ = (uint64_t)(want);        \
		if (!tap_ok(g_ == w_, "%s", name))                           \
			printf("#   got %" PRIu64 ", want %" PRIu64          \
			    " (%s:%d)\n", g_, w_, __FILE__, __LINE__);       \
	} while (0)

#define is_dbl(got, want, eps, name)                                         \
	do {                                                                 \
		double g_ = (got), w_ = (want);                              \
		if (!tap_ok(g_ - w_ <= (eps) && w_ - g_ <= (eps), "%s",      \
		    name))                                                   \
			printf("#   got %.6f, want %.6f (%s:%d)\n", g_, w_,  \
			    __FILE__, __LINE__);                             \
	} while (0)

#define is_str(got, want, name)                                              \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		int same_ = (g_ == NULL && w_ == NULL) ||                    \
		    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0);       \
		if (!tap_ok(same_, "%s", name))                              \
			printf("#   got \"%s\", want \"%s\" (%s:%d)\n",      \
			    g_ ? g_ : "(null)", w_ ? w_ : "(null)",          \
			    __FILE__, __LINE__);                             \
	} while (0)

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
