/* test_history.c: time-travel moves over a real generated database: steps,
 * time steps, jumps, oldest/live, follow, the mark (libui's history.c with
 * libdb and core; no terminal). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/snapdiff.h"
#include "db/db.h"
#include "tests/tap.h"
#include "tests/timetravel/synth.h"
#include "ui/history.h"

#define SEC INT64_C(1000000000)
#define NSAMPLES 100

static struct synth y;

static int64_t
wall(int i)
{
	return y.start_s * SEC + (int64_t)i * y.interval_ns;
}

/* Index (0-based sample number) of what history shows, -1 when live. */
static int
at(const struct history *h)
{
	const struct snapshot *s = history_snapshot(h);

	if (s == NULL)
		return -1;
	return (int)((s->wall_ns - y.start_s * SEC) / y.interval_ns);
}

static bool
has_ephemeral(const struct history *h)
{
	const struct snapshot *s = history_snapshot(h);

	return s != NULL && snapshot_find_proc(s, SYNTH_EPHEMERAL_PID) != NULL;
}

static void
write_samples(const char *path, int from, int to)
{
	struct db_writer_options wo = { .no_retention = true };
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct db *db = db_open_writer(path, &wo, &e);
	int i;

	if (db == NULL) {
		printf("Bail out! %s\n", e.msg);
		exit(1);
	}
	for (i = from; i < to; i++) {
		synth_sample(&y, (uint64_t)i, s);
		if (db_write(db, s, &e) != DB_OK) {
			printf("Bail out! %s\n", e.msg);
			exit(1);
		}
	}
	db_close(db);
	snapshot_free(s);
}

static void
test_moves(const char *path)
{
	struct history *h = history_new(path, true);
	const struct snapshot *a, *b;
	struct timeline tl;
	struct snapdiff d;
	char err[256];

	ok(history_open(h, err, sizeof err), "replay opens the database");
	ok(history_is_live(h), "starts LIVE (the newest sample)");

	ok(history_step(h, -1, 0, wall(NSAMPLES - 1)), "Left from live moves");
	is_int(at(h), NSAMPLES - 2, "one sample before the newest");
	ok(history_step(h, -1, 60 * SEC, 0), "back 1 min");
	is_int(at(h), NSAMPLES - 2 - 30, "30 samples of 2 s back");
	ok(history_step(h, 1, 600 * SEC, 0), "forward 10 min past the end");
	ok(history_is_live(h), "past the newest sample is LIVE again");

	ok(history_jump(h, wall(20) + SEC), "jump between two samples");
	is_int(at(h), 20, "tie goes to the earlier sample");
	ok(has_ephemeral(h), "T1: the ephemeral process is there");
	ok(history_step(h, -1, 0, 0), "Left");
	is_int(at(h), 19, "sample 19");
	ok(!has_ephemeral(h), "before T1: not there");
	ok(history_jump(h, wall(39)), "jump to T2 - 1");
	ok(has_ephemeral(h), "last sample with the ephemeral process");
	ok(history_step(h, 1, 0, 0) && at(h) == 40, "Right to T2");
	ok(!has_ephemeral(h), "at T2: gone");

	ok(history_jump(h, wall(50)), "jump to the spike");
	{
		const struct snapshot *s = history_snapshot(h);
		const struct snap_proc *p = snapshot_find_proc(s,
		    SYNTH_BURNER_PID);

		ok(s->ncpu > 0 && s->cpu[0].have_pct, "CPU %% derived");
		is_dbl(s->cpu[0].usage_percent, 95.0, 0.01,
		    "spike: 95% busy against the sample before");
		ok(p != NULL && HAVE(p->have, PROC_USAGE_PERCENT),
		    "burner CPU %% derived");
		is_dbl(p != NULL ? p->usage_percent : 0, 190.0, 0.01,
		    "burner used 1.9 cores");
	}
	history_timeline(h, NULL, wall(60), &tl);
	ok(!tl.live && tl.replay, "timeline: past, replay");
	is_int(tl.index, 51, "timeline: sample 51 ...");
	is_int(tl.count, NSAMPLES, "... of 100");
	is_int(tl.shown_ns, wall(50), "timeline: time shown");
	is_int(tl.interval_ns, 2 * SEC, "timeline: interval");

	ok(history_oldest(h) && at(h) == 0, "Home: the oldest sample");
	ok(!history_step(h, -1, 0, 0), "Left at the oldest does not move");
	is_str(history_message(h), "at the oldest sample", "and says why");
	ok(history_jump(h, wall(10)), "to sample 10");
	ok(history_step(h, -1, 600 * SEC, 0) && at(h) == 0,
	    "back 10 min beyond the start clamps to the oldest");
	ok(!history_step(h, -1, 3600 * SEC, 0), "then no further");
	ok(history_jump(h, wall(0) - 3600 * SEC) && at(h) == 0,
	    "jump before the start: the oldest");
	ok(strstr(history_message(h), "oldest") != NULL, "with a message");
	ok(history_jump(h, wall(NSAMPLES) + 3600 * SEC) && history_is_live(h),
	    "jump after the end: LIVE");

	/* What changed between sample 10 and 30. */
	history_jump(h, wall(30));
	history_mark(h, NULL);
	ok(history_have_mark(h), "marked");
	history_jump(h, wall(10));
	ok(history_diff_pair(h, NULL, &a, &b), "diff pair");
	ok(a->wall_ns == wall(10) && b->wall_ns == wall(30),
	    "earlier first, whatever the marking order");
	snapdiff_compute(&d, a, b);
	ok(d.appeared.n == 1 && d.appeared.v[0].b->pid == SYNTH_EPHEMERAL_PID,
	    "appeared: the ephemeral process only");
	ok(d.grew.n >= 1 && d.grew.v[0].b->pid == SYNTH_LEAKER_PID &&
	    d.grew.v[0].delta == 20 << 20, "grew most: the leaker, +20 MiB");
	snapdiff_free(&d);

	/* Follow: the newest sample, again, then an append. */
	history_go_live(h);
	{
		const struct snapshot *s = history_follow(h, err, sizeof err);

		ok(s != NULL && s->wall_ns == wall(NSAMPLES - 1),
		    "follow: the newest sample");
		s = history_follow(h, err, sizeof err);
		ok(s != NULL && s->wall_ns == wall(NSAMPLES - 1),
		    "follow: still the newest when nothing was added");
		write_samples(path, NSAMPLES, NSAMPLES + 1);
		s = history_follow(h, err, sizeof err);
		ok(s != NULL && s->wall_ns == wall(NSAMPLES),
		    "follow: picks up a sample written meanwhile");
		ok(s != NULL && s->cpu[0].have_pct,
		    "follow: with rates against the sample before");
	}
	history_free(h);
}

/* The graphs ask for many metrics over one window: the store serves them
 * from one raw scan. Results must equal a fresh handle's, and a sample
 * appended meanwhile must show up. */
static void
test_series(const char *path)
{
	struct db_error e;
	struct db *a = db_open_reader(path, &e), *b;
	struct db_bucket x[40], fresh[40];
	int64_t from = wall(0), to = wall(NSAMPLES + 20);
	int m, same = 1;

	for (m = 0; m < DBM_NMETRICS; m++)
		db_series(a, (enum db_metric)m, from, to, 40, x);
	for (m = 0; m < DBM_NMETRICS; m++) {
		b = db_open_reader(path, &e);
		db_series(a, (enum db_metric)m, from, to, 40, x);
		db_series(b, (enum db_metric)m, from, to, 40, fresh);
		same &= memcmp(x, fresh, sizeof x) == 0;
		db_close(b);
	}
	ok(same, "series from the shared scan equal fresh reads, every metric");
	db_series(a, DBM_CPU_USAGE, from, to, 40, x);
	/* bucket 38 holds samples 114-116: not written yet */
	is_int(x[38].n, 0, "no sample yet after the end");
	write_samples(path, NSAMPLES + 1, NSAMPLES + 20);
	db_series(a, DBM_CPU_USAGE, from, to, 40, x);
	ok(x[38].n > 0 && x[38].avg > 14.9 && x[38].avg < 15.1,
	    "a sample appended meanwhile is read, not the old scan");
	db_close(a);
}

static void
test_bad(const char *dir)
{
	char path[512], err[256], buf[64];
	struct history *h;
	FILE *f;

	snprintf(path, sizeof path, "%s/missing.db", dir);
	h = history_new(path, true);
	ok(!history_open(h, err, sizeof err), "missing database refused");
	ok(err[0] != '\0', "with a message: %s", err);
	ok(access(path, F_OK) != 0, "and not created");
	history_free(h);

	snprintf(path, sizeof path, "%s/foreign.db", dir);
	f = fopen(path, "w");
	fputs("not a database at all\n", f);
	fclose(f);
	h = history_new(path, true);
	ok(!history_open(h, err, sizeof err), "foreign file refused");
	history_free(h);
	f = fopen(path, "r");
	ok(fgets(buf, sizeof buf, f) != NULL &&
	    strcmp(buf, "not a database at all\n") == 0, "foreign file intact");
	fclose(f);

	/* A live UI without a database: moves fail with a reason. */
	h = history_new(NULL, false);
	ok(!history_step(h, -1, 0, wall(5)), "no database: no move");
	ok(strstr(history_message(h), "no history") != NULL,
	    "no database: says so");
	history_free(h);
}

int
main(void)
{
	char dir[] = "/tmp/histop-test-history.XXXXXX", path[512];

	setenv("TZ", "UTC", 1);
	synth_defaults(&y);
	y.nprocs = 20;
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	snprintf(path, sizeof path, "%s/h.db", dir);
	write_samples(path, 0, NSAMPLES);
	test_moves(path);
	test_series(path);
	test_bad(dir);
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return tap_done();
}
