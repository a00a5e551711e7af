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
 * per tick. Depends on probe and core.
 */
#include "config.h"

#include "engine.h"

#include <errno.h>
#include <stdlib.h>

#include "core/xalloc.h"

struct engine {
	struct probe_collector *probe;
	struct snapshot *cur, *prev;
	uint64_t seq;
	bool have_prev;
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
	probe_collector_free(e->probe);
	snapshot_free(e->cur);
	snapshot_free(e->prev);
	free(e);
}

const struct snapshot *
engine_sample(struct engine *e)
{
	struct snapshot *t = e->prev;
	int r;

	e->prev = e->cur;
	e->cur = t;
	r = probe_sample(e->probe, e->cur);
	if (r != 0) {
		/* keep the last good sample as the one to derive from */
		t = e->prev;
		e->prev = e->cur;
		e->cur = t;
		errno = -r;
		return NULL;
	}
	e->cur->seq = ++e->seq;
	snapshot_derive(e->cur, e->have_prev ? e->prev : NULL);
	e->have_prev = true;
	return e->cur;
}

const struct snapshot *
engine_previous(const struct engine *e)
{
	return e->have_prev && e->seq > 1 ? e->prev : NULL;
}

struct probe_collector *
engine_collector(struct engine *e)
{
	return e->probe;
}
