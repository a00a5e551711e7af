/*
 * test_db_retention.c: 30 simulated days at a 1-minute interval with a
 * 3-day retention: raw samples older than a day are pruned group by
 * group, rollups exist and age out, the database size plateaus, the
 * oldest kept snapshot is still exact (carried-forward process rows), and
 * a size cap is honoured. Then the wall clock steps back an hour: samples
 * stay in recording order and seeking still works.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

#define MIN_NS INT64_C(60000000000)
#define DAY_NS (1440 * MIN_NS)
#define STEP_NS (10 * MIN_NS)  /* one sample every ten minutes */
#define PER_DAY 144
#define NPROC 120

/* Sample i of the synthetic host at one-minute spacing, with churn: a
 * short-lived job every hour, with a unique command line. */
static void
fill(struct snapshot *s, int i)
{
	struct snap_proc *p;
	char buf[64];
	int n;

	synth_fill(s, i, NPROC);
	s->wall_ns = SYNTH_T0 + (int64_t)i * STEP_NS;
	s->mono_ns = INT64_C(50000000000) + (int64_t)i * STEP_NS;
	if (i % 6 < 2) {
		p = snapshot_add_proc(s);
		p->pid = 20000 + i / 6 % 1000;
		p->start_time_ns = (uint64_t)(i / 6) * 1000;
		n = snprintf(buf, sizeof(buf), "cron-job --run %d", i / 6);
		p->cmdline = snapshot_str(s, buf, (size_t)n);
		p->comm = snapshot_str(s, "cron-job", 8);
		p->total_time_ns = (uint64_t)(i % 6) * 500000000ULL;
		p->rss_bytes = 1 << 20;
		p->have = (UINT64_C(1) << PROC_PID) |
		    (UINT64_C(1) << PROC_START_TIME) |
		    (UINT64_C(1) << PROC_CMDLINE) | (UINT64_C(1) << PROC_COMM) |
		    (UINT64_C(1) << PROC_TOTAL_TIME) | (UINT64_C(1) << PROC_RSS);
	}
	snapshot_sort_procs(s);
}

int
main(void)
{
	char dir[] = "/tmp/histop-ret-XXXXXX", path[512], path2[512];
	struct snapshot *s = snapshot_new(), *want = snapshot_new();
	struct db_writer_options o = { .retention_ns = 3 * DAY_NS };
	struct db_error e;
	struct db *db;
	struct db_sample first, last, smp;
	struct db_info info;
	struct db_bucket b[30];
	long long used15 = 0, used30, fails = 0;
	int i, n = 30 * PER_DAY;
	int64_t now;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/ret.db", dir);
	snprintf(path2, sizeof(path2), "%s/cap.db", dir);
	db = db_open_writer(path, &o, &e);
	ok(db != NULL, "writer opens");
	if (db == NULL)
		return tap_done();
	for (i = 0; i < n; i++) {
		fill(s, i);
		if (db_write(db, s, &e) != DB_OK && fails++ == 0)
			printf("# write %d: %s\n", i, e.msg);
		if (i == 15 * PER_DAY) {
			db_get_info(db, &info);
			used15 = (long long)info.used_bytes;
		}
	}
	is_int(fails, 0, "30 days written without an error");
	db_get_info(db, &info);
	used30 = (long long)info.used_bytes;
	db_close(db);
	now = SYNTH_T0 + (int64_t)(n - 1) * STEP_NS;
	printf("# used bytes: day 15 %lld, day 30 %lld; file %lld\n", used15,
	    used30, synth_q1(path, "PRAGMA page_count") * 4096);
	ok(used30 <= used15 + used15 / 5, "size plateaus (day 30 within 20%% "
	    "of day 15)");
	is_int(synth_q1(path, "PRAGMA integrity_check") == -1 ? 1 : 0, 0,
	    "integrity_check runs");

	db = db_open_reader(path, &e);
	ok(db != NULL, "reader opens");
	if (db == NULL)
		return tap_done();
	db_first(db, &first);
	db_last(db, &last);
	ok(first.wall_ns >= now - DAY_NS - 2 * STEP_NS &&
	    first.wall_ns <= now - DAY_NS + STEP_NS, "raw samples kept for a "
	    "day (to one keyframe group)");
	is_u64(last.seq, (uint64_t)n, "newest sample kept");
	/* The oldest kept sample is exact even for processes idle since
	 * long before it: their rows were carried forward. */
	i = (int)((first.wall_ns - SYNTH_T0) / STEP_NS);
	fill(want, i);
	ok(db_snapshot(db, first.seq, s) == DB_OK && synth_compare(want, s) == 0,
	    "oldest kept snapshot is exact");
	i = (int)((first.wall_ns - SYNTH_T0) / STEP_NS) + 77;
	fill(want, i);
	db_seek_time(db, SYNTH_T0 + (int64_t)i * STEP_NS, DB_SEEK_NEAREST, &smp);
	ok(db_snapshot(db, smp.seq, s) == DB_OK && synth_compare(want, s) == 0,
	    "a snapshot inside the kept day is exact");
	db_close(db);

	ok(synth_q1(path, "SELECT min(t_ns) FROM rollup WHERE tier = 1") >=
	    now - 3 * DAY_NS - 3600 * INT64_C(1000000000),
	    "one-minute rollups older than the retention are gone");
	ok(synth_q1(path, "SELECT count(*) FROM rollup WHERE tier = 1 AND metric = "
	    "'cpu_usage_percent'") >= 2 * PER_DAY, "one-minute rollups cover "
	    "the retention");
	ok(synth_q1(path, "SELECT count(*) FROM rollup WHERE tier = 2 AND metric = "
	    "'cpu_usage_percent'") >= 2 * PER_DAY, "ten-minute rollups exist");
	ok(synth_q1(path, "SELECT min(t_ns) FROM rollup WHERE tier = 2") >=
	    now - 4 * DAY_NS, "ten-minute rollups age out too");
	ok(synth_q1(path, "SELECT count(*) FROM rollup_proc WHERE tier = 1") > 0,
	    "top processes rolled up");
	is_int(synth_q1(path, "SELECT count(*) FROM process WHERE gone_seq IS NOT "
	    "NULL AND gone_seq < (SELECT min(seq) FROM sample)"), 0,
	    "processes gone before the oldest sample are pruned");
	ok(synth_q1(path, "SELECT count(*) FROM proc WHERE seq < (SELECT min(seq) "
	    "FROM sample)") == 0, "no process row older than the oldest sample");

	db = db_open_reader(path, &e);
	ok(db_series(db, DBM_CPU_USAGE, now - 30 * DAY_NS, now, 30, b) == DB_OK,
	    "30-day series");
	ok(b[0].n == 0 && b[29].n > 0 && b[28].n > 0 && b[27].n > 0,
	    "series: data for the kept days only");
	ok(b[29].tier == 2, "a day-wide bucket comes from the 10-minute tier");
	ok(db_series(db, DBM_CPU_USAGE, now - 2 * STEP_NS + 1, now, 10, b) ==
	    DB_OK && b[9].tier == 0 && b[9].n == 1 && b[4].n == 1 &&
	    b[3].n == 0, "narrow buckets over raw samples");
	/* A one-minute rollup holds what the raw sample of that minute
	 * says (one sample per minute here: min = avg = max = it). */
	{
		int64_t m = now - 3 * STEP_NS - (now - 3 * STEP_NS) % MIN_NS;
		struct db_bucket raw[1];
		char q[200];

		ok(db_series(db, DBM_MEM_USED, m, m + MIN_NS - 1, 1, raw) ==
		    DB_OK && raw[0].n == 1 && raw[0].tier == 0,
		    "the raw sample of a minute");
		snprintf(q, sizeof(q), "SELECT CAST(avg AS INTEGER) = %lld AND "
		    "min = max AND n = 1 FROM rollup WHERE tier = 1 AND "
		    "metric = 'mem_used_bytes' AND t_ns = %lld",
		    (long long)raw[0].avg, (long long)m);
		is_int(synth_q1(path, q), 1, "its one-minute rollup has the same "
		    "value");
		snprintf(q, sizeof(q), "SELECT pid FROM rollup_proc WHERE "
		    "tier = 1 AND t_ns = %lld AND cpu_percent IS NOT NULL "
		    "ORDER BY cpu_percent DESC LIMIT 1", (long long)m);
		ok(synth_q1(path, q) == 100 || synth_q1(path, q) == 101, "the busiest "
		    "process tops that minute's rollup");
	}
	db_close(db);

	/* A size cap far below what a day of samples needs. */
	o.retention_ns = 0;
	o.max_size = 1 << 20;
	db = db_open_writer(path2, &o, &e);
	for (i = 0; i < 3000; i++) {
		synth_fill(s, i, 300);
		db_write(db, s, &e);
	}
	db_get_info(db, &info);
	db_close(db);
	printf("# capped: used %llu, file %llu bytes, %llu samples\n",
	    (unsigned long long)info.used_bytes,
	    (unsigned long long)info.size_bytes,
	    (unsigned long long)info.samples);
	ok(info.used_bytes <= (1 << 20) + (1 << 19), "size cap honoured "
	    "(within one keyframe group)");
	ok(info.samples >= 300 && info.samples < 3000, "the newest samples "
	    "kept, the oldest pruned");

	/* Wall clock steps back an hour: recording goes on, in order. */
	o.max_size = 0;
	snprintf(path2, sizeof(path2), "%s/clock.db", dir);
	db = db_open_writer(path2, &o, &e);
	for (i = 0; i < 20; i++) {
		synth_fill(s, i, 50);
		if (i >= 10)
			s->wall_ns -= 3600 * INT64_C(1000000000);
		if (db_write(db, s, &e) != DB_OK)
			break;
	}
	is_int(i, 20, "samples written across the clock step");
	db_close(db);
	db = db_open_reader(path2, &e);
	db_last(db, &last);
	is_u64(last.seq, 20, "the last sample is the last recorded, not the "
	    "latest wall time");
	db_step(db, 10, 1, &smp);
	is_u64(smp.seq, 11, "stepping follows recording order across the step");
	ok(db_snapshot(db, 11, s) == DB_OK && s->cpu[0].have_pct &&
	    s->interval_ns == SYNTH_STEP, "rates after the step use the "
	    "monotonic clock");
	db_seek_time(db, SYNTH_T0 + 12 * SYNTH_STEP - 3600 * INT64_C(1000000000),
	    DB_SEEK_NEAREST, &smp);
	is_u64(smp.seq, 13, "seek by wall time finds a sample after the step");
	db_close(db);

	snapshot_free(s);
	snapshot_free(want);
	if (getenv("KEEP") == NULL)
		synth_rmtree(dir);
	return tap_done();
}
