/*
 * engine.h: the one sampling engine every mode shares (batch, recorder,
 * live UI): probe -> snapshot -> derived rates. The caller hands the
 * resulting snapshot to its sinks. Depends on probe and core.
 */
#ifndef HISTOP_ENGINE_H
#define HISTOP_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/snapshot.h"
#include "probe/probe.h"

struct engine;

/* NULL with a one-line message in err when the probe cannot start.
 * Caller frees with engine_free(). */
struct engine *engine_new(const struct probe_options *, char *err,
    size_t errlen);
void engine_free(struct engine *);

/*
 * Take one sample and derive its rates from the previous one. Returns the
 * new snapshot, borrowed until the next sample completes; NULL (with errno
 * set) if nothing at all could be read.
 */
const struct snapshot *engine_sample(struct engine *);

/*
 * The same sample in slices, for a caller that must stay responsive (the
 * live UI); engine_sample() is exactly these. engine_begin() stamps a
 * new sample (0, or -EBUSY when one is already in progress); each
 * engine_step() reads one system area or at most max_procs processes and
 * returns 1 while something remains, 0 when nothing does; engine_finish()
 * completes the sample and derives its rates, returning it as
 * engine_sample() does; engine_abort() abandons it (nothing leaks; the
 * next sample derives from the last complete one). While a sample is in
 * progress the last complete one (the previous return value) stays valid
 * and unchanged. Timestamps: see probe_sample_begin().
 */
int engine_begin(struct engine *);
int engine_step(struct engine *, size_t max_procs);
const struct snapshot *engine_finish(struct engine *);
void engine_abort(struct engine *);
/* Whether a sample is in progress. */
bool engine_busy(const struct engine *);

/* The sample before the current one, or NULL (also while a sample is in
 * progress: its buffer is being reused). Borrowed likewise. */
const struct snapshot *engine_previous(const struct engine *);
/* The collector, for on-demand reads (process limits, cgroups). Borrowed. */
struct probe_collector *engine_collector(struct engine *);

#endif
