/*
 * engine.h: the one sampling engine every mode shares (batch, recorder,
 * live UI): probe -> snapshot -> derived rates. The caller hands the
 * resulting snapshot to its sinks. Depends on probe and core.
 */
#ifndef HISTOP_ENGINE_H
#define HISTOP_ENGINE_H

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
 * new snapshot, borrowed until the next engine_sample(); NULL (with errno
 * set) if nothing at all could be read.
 */
const struct snapshot *engine_sample(struct engine *);
/* The sample before the current one, or NULL. Borrowed likewise. */
const struct snapshot *engine_previous(const struct engine *);
/* The collector, for on-demand reads (process limits, cgroups). Borrowed. */
struct probe_collector *engine_collector(struct engine *);

#endif
