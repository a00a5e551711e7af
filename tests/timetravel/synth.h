/*
 * synth.h: a deterministic synthetic machine for time-travel tests and
 * benchmarks. Sample i of a history is a pure function of (i, params):
 * fixed wall times, ~N processes mostly idle, and known events:
 *   - "tt_ephemeral" (pid 4242) lives only for samples [t1, t2);
 *   - "tt_leaker" (pid 4000) grows its RSS by 1 MiB per sample (back to
 *     the start every 4096 samples), and system memory used with it;
 *   - a CPU spike at sample `spike`: total CPU 95% busy (90% user), and
 *     "tt_burner" (pid 4100) uses 3.8 s of CPU in that 2 s interval.
 * Depends on core only.
 */
#ifndef HISTOP_TESTS_SYNTH_H
#define HISTOP_TESTS_SYNTH_H

#include <stdint.h>

#include "core/snapshot.h"

struct synth {
	int64_t start_s;     /* wall time of sample 0, seconds since epoch */
	int64_t interval_ns; /* between samples */
	int nprocs;          /* background processes (pids 1000..), <= 2900 */
	uint64_t t1, t2;     /* tt_ephemeral lives in [t1, t2) */
	uint64_t spike;      /* the CPU spike sample */
};

#define SYNTH_EPHEMERAL_PID 4242
#define SYNTH_LEAKER_PID 4000
#define SYNTH_BURNER_PID 4100
#define SYNTH_NCPU 4

/* Defaults: 2026-11-25 00:00:00 UTC, 2 s, 300 processes, t1=20, t2=40,
 * spike=50. */
void synth_defaults(struct synth *);
/* Fill s (cleared first) with sample i; derived fields are left to the
 * reader, as in the store. */
void synth_sample(const struct synth *, uint64_t i, struct snapshot *s);

#endif
