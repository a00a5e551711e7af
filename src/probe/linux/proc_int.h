/*
 * proc_int.h: knobs of the Linux process reader for tests and the
 * benchmark. Only src/probe/linux, tests/probe and bench include it.
 */
#ifndef HISTOP_PROBE_LINUX_PROC_INT_H
#define HISTOP_PROBE_LINUX_PROC_INT_H

#include "probe/probe.h"

/* Longest command line kept, in bytes; longer ones are cut there. */
#define PROC_CMDLINE_MAX 65536

/*
 * Every process's status and io are re-read at least once every
 * PROC_REFRESH_DEFAULT ticks, its cmdline and cgroup every 4 times that
 * (staggered by pid so the cost spreads); status/io at once whenever its
 * stat counters move, cmdline when its comm changes. See proc.c.
 */
#define PROC_REFRESH_DEFAULT 8

/*
 * Set the forced re-read period of c's process cache: 1 re-reads every
 * file of every process every tick (no caching, no kept pid dir fds).
 * At most 2^24. Returns the old value. Linux backend only.
 */
unsigned linux_procs_set_refresh(struct probe_collector *c, unsigned ticks);

#endif
