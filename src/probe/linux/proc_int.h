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
 * Every process's status, io, cmdline and cgroup are re-read at least once
 * every PROC_REFRESH_DEFAULT ticks (staggered by pid so the cost spreads),
 * and status/io at once whenever its stat counters move. See proc.c.
 */
#define PROC_REFRESH_DEFAULT 8

/*
 * Set the forced re-read period of c's process cache: 1 re-reads every
 * file of every process every tick (no caching). Returns the old value.
 * Only for the Linux backend; a no-op returning 0 elsewhere.
 */
unsigned linux_procs_set_refresh(struct probe_collector *c, unsigned ticks);

#endif
