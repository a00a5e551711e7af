/*
 * test_engine.c: the sampling engine taken in slices (engine_begin, step,
 * finish, abort) on the procs-hostile fixture root: the last complete
 * sample stays whole while the next is read, rates use the begin-to-begin
 * interval, an abandoned sample leaves the next one deriving from the last
 * complete one. Builds src/engine.c with libprobe and libcore only.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/snapshot.h"
#include "engine.h"
#include "tests/tap.h"

static int64_t fake_mono;

static int64_t
fake_clock(void)
{
	return fake_mono;
}

/* A copy of what identifies s's contents, to see it did not change. */
struct mark {
	uint64_t seq;
	int64_t mono_ns;
	size_t nproc;
	pid_t last_pid;
	char last_comm[64];
};

static void
mark_of(const struct snapshot *s, struct mark *m)
{
	memset(m, 0, sizeof(*m));
	m->seq = s->seq;
	m->mono_ns = s->mono_ns;
	m->nproc = s->nproc;
	if (s->nproc > 0) {
		m->last_pid = s->proc[s->nproc - 1].pid;
		snprintf(m->last_comm, sizeof(m->last_comm), "%s",
		    s->proc[s->nproc - 1].comm);
	}
}

static bool
unchanged(const struct snapshot *s, const struct mark *m)
{
	struct mark now;

	mark_of(s, &now);
	return memcmp(&now, m, sizeof(now)) == 0;
}

int
main(void)
{
	const char *top = getenv("top_srcdir");
	struct probe_options o;
	const struct snapshot *s1, *s2, *s3;
	struct engine *e;
	struct mark m1;
	char root[4096], err[256] = "";
	int64_t t3;
	int steps;

	snprintf(root, sizeof(root), "%s/tests/probe/fixtures/procs-hostile",
	    top != NULL ? top : ".");
	memset(&o, 0, sizeof(o));
	o.proc_root = o.sys_root = root;
	clock_mono_ns = fake_clock;
	fake_mono = 1000000000;
	e = engine_new(&o, err, sizeof(err));
	if (!ok(e != NULL, "engine on the fixture root (%s)", err))
		return tap_done();

	s1 = engine_sample(e);
	ok(s1 != NULL && s1->seq == 1 && s1->nproc > 10,
	    "one-shot sample: seq 1, the fixture's processes");
	ok(engine_previous(e) == NULL, "no previous sample yet");
	if (s1 == NULL)
		return tap_done();
	mark_of(s1, &m1);

	/* a sample in slices, 2 s later */
	fake_mono += 2000000000;
	is_int(engine_begin(e), 0, "begin");
	ok(engine_busy(e), "busy while in progress");
	is_int(engine_begin(e), -EBUSY, "a second begin is refused");
	ok(engine_previous(e) == NULL,
	    "previous is NULL while its buffer is reused");
	for (steps = 0; engine_step(e, 1) > 0; steps++) {
		fake_mono += 1000000; /* the walk takes time */
		if (!unchanged(s1, &m1))
			break;
	}
	ok(steps >= 10 && unchanged(s1, &m1),
	    "the last complete sample stays whole through %d steps", steps);
	s2 = engine_finish(e);
	ok(s2 != NULL && s2 != s1 && s2->seq == 2, "finish: sample 2");
	ok(!engine_busy(e), "not busy after finish");
	ok(engine_previous(e) == s1 && unchanged(s1, &m1),
	    "previous is sample 1, untouched");
	if (s2 != NULL)
		is_u64((uint64_t)s2->interval_ns, 2000000000,
		    "rates use the begin-to-begin interval, not the walk's end");

	/* abandoned half way: the next sample derives from sample 2 */
	fake_mono += 2000000000;
	engine_begin(e);
	engine_step(e, 3);
	engine_abort(e);
	ok(!engine_busy(e), "abort: nothing in progress");
	ok(engine_step(e, 1) == 0 && engine_finish(e) == NULL &&
	    errno == EINVAL, "abort: step and finish have nothing to do");
	fake_mono += 1000000000;
	t3 = fake_mono;
	s3 = engine_sample(e);
	ok(s3 != NULL && s3->seq == 3 && s3 != s2,
	    "the next sample is 3 (the abandoned one counts for nothing)");
	ok(engine_previous(e) == s2, "its previous is sample 2");
	if (s3 != NULL && s2 != NULL)
		is_u64((uint64_t)s3->interval_ns, (uint64_t)(t3 - 3000000000),
		    "derived from sample 2 (begun at 3 s), across the "
		    "abandoned one");

	/* freed mid-sample (quit): valgrind in CI sees no leak */
	engine_begin(e);
	engine_step(e, 5);
	engine_free(e);
	ok(1, "freed while a sample was in progress");
	clock_mono_ns = clock_real_mono_ns;
	return tap_done();
}
