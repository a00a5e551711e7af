/* clock.c: monotonic and wall clocks behind replaceable pointers. libc. */
#include "config.h"

#include "core/clock.h"

#include <time.h>

#include "core/xalloc.h"

static int64_t
read_clock(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0)
		fatal("clock_gettime failed");
	return (int64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

int64_t
clock_real_mono_ns(void)
{
	return read_clock(CLOCK_MONOTONIC);
}

int64_t
clock_real_wall_ns(void)
{
	return read_clock(CLOCK_REALTIME);
}

int64_t (*clock_mono_ns)(void) = clock_real_mono_ns;
int64_t (*clock_wall_ns)(void) = clock_real_wall_ns;
