/*
 * clock.h: the two clocks histop uses. Monotonic time drives sampling and
 * every rate; wall time is only a label. Both go through replaceable
 * function pointers so tests can step time (a wall clock jumping back, a
 * long suspend) without faketime. libc only.
 */
#ifndef HISTOP_CORE_CLOCK_H
#define HISTOP_CORE_CLOCK_H

#include <stdint.h>

#define NSEC_PER_SEC INT64_C(1000000000)
#define NSEC_PER_MSEC INT64_C(1000000)

/* Nanoseconds; never fail (a broken clock is fatal). */
extern int64_t (*clock_mono_ns)(void);
extern int64_t (*clock_wall_ns)(void);

/* The real clocks, for tests that swap the pointers back. */
int64_t clock_real_mono_ns(void);
int64_t clock_real_wall_ns(void);

#endif
