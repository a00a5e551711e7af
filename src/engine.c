/*
 * engine.c: the sampling engine.
 *
 *            +--------+    +-----------+    +------------------+
 *   tick --> | probe  | -> | snapshot  | -> | snapshot_derive  | --+
 *            +--------+    +-----------+    |  (prev -> rates) |   |
 *                                           +------------------+   |
 *        +---------------+-----------------+---------------+-------+
 *        v               v                 v               v
 *   ui (live)     recorder (db)      batch printer      export
 *
 * Two snapshots are kept and swapped, so a steady state allocates nothing
 * per tick. A sample may be taken in slices (engine_begin, engine_step,
 * engine_finish: the live UI reads keys between them); the newest complete
 * sample stays intact meanwhile. Depends on probe and core.
 */
#include "config.h"

#include "engine.h"

#include <errno.h>
#include <stdlib.h>

#include "core/xalloc.h"

/*
 * Free heap pages are given back after the first two samples (start-up:
 * opening and creating the store, the first write) and then every
 * TRIM_EVERY samples (the store's periodic rollups and pruning), so
 * memory freed once does not stay resident for the whole run.
 */
#define TRIM_EVERY 64

struct engine {
	struct probe_collector *probe;
	/*
	 * cur: the newest complete sample; prev: the one before it, and the
	 * buffer the next sample is read into (so cur stays whole, and shown,
	 * while a sample is in progress).
	 */
	struct snapshot *cur, *prev;
	uint64_t seq;
	bool have_cur, have_prev;
	bool busy; /* a sample in progress in prev */
};

struct engine *
engine_new(const struct probe_options *opts, char *err, size_t errlen)
{
	struct engine *e;
	struct probe_collector *c;

	c = probe_collector_new(opts, err, errlen);
	if (c == NULL)
		return NULL;
	e = xcalloc(1, sizeof(*e));
	e->probe = c;
	e->cur = snapshot_new();
	e->prev = snapshot_new();
	return e;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	engine_abort(e);
	probe_collector_free(e->probe);
	snapshot_free(e->cur);
	snapshot_free(e->prev);
	free(e);
}

int
engine_begin(struct engine *e)
{
	if (e->busy)
		return -EBUSY;
	e->busy = true;
	e->have_prev = false; /* its buffer is overwritten from here on */
	return probe_sample_begin(e->probe, e->prev);
}

int
engine_step(struct engine *e, size_t max_procs)
{
	return e->busy ? probe_sample_step(e->probe, e->prev, max_procs) : 0;
}

const struct snapshot *
engine_finish(struct engine *e)
{
	struct snapshot *t = e->prev;
	int r;

	if (!e->busy) {
		errno = EINVAL;
		return NULL;
	}
	e->busy = false;
	r = probe_sample_finish(e->probe, t);
	if (r != 0) {
		/* cur stays the last good sample, the one to derive from */
		errno = -r;
		return NULL;
	}
	t->seq = ++e->seq;
	snapshot_derive(t, e->have_cur ? e->cur : NULL);
	e->prev = e->cur;
	e->cur = t;
	e->have_prev = e->have_cur;
	e->have_cur = true;
	if (e->seq <= 2 || e->seq % TRIM_EVERY == 0)
		xalloc_trim();
	return e->cur;
}

void
engine_abort(struct engine *e)
{
	if (!e->busy)
		return;
	probe_sample_abort(e->probe, e->prev);
	e->busy = false;
}

bool
engine_busy(const struct engine *e)
{
	return e->busy;
}

const struct snapshot *
engine_sample(struct engine *e)
{
	int r = engine_begin(e);

	if (r != 0) {
		errno = -r;
		return NULL;
	}
	return engine_finish(e); /* which reads all the steps would */
}

const struct snapshot *
engine_previous(const struct engine *e)
{
	return e->have_prev ? e->prev : NULL;
}

struct probe_collector *
engine_collector(struct engine *e)
{
	return e->probe;
}
