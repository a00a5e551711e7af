/*
 * test_db_layout.c: the compact process layout of schema version 3 —
 * ids in first-seen order, keyframes that list only the processes they
 * did not see born, no index on pid — still gives the exact snapshot at
 * every sample: of a new recording across keyframes with births and
 * exits at keyframes, of a version 2 database (fixtures/v2.sql, written
 * by the version 2 writer from the same samples) migrated in place and
 * recorded on, of a version 4 one (fixtures/v4.sql) whose strings are
 * found again after version 5 indexes them by hash (none stored twice),
 * and of a recording pruned by retention. Total CPU time is
 * stored only when it is not user + system time; a minute's top
 * processes keep their peak RSS.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

static char dir[] = "/tmp/histop-layout-XXXXXX";

/* Write synth_churn() samples [from, to) to an open writer. */
static int
record(struct db *db, int from, int to)
{
	struct snapshot *s = snapshot_new();
	struct db_error e;
	int i, bad = 0;

	for (i = from; i < to; i++) {
		synth_churn(s, i);
		if (db_write(db, s, &e) != DB_OK) {
			printf("# sample %d: %s\n", i, e.msg);
			bad++;
		}
	}
	snapshot_free(s);
	return bad;
}

/* Number of samples from seq first on (sample i of synth_churn() at seq
 * i + 1) that do not read back exactly. */
static int
mismatches(const char *path, uint64_t first, int to)
{
	struct snapshot *want = snapshot_new(), *got = snapshot_new();
	struct db_error e;
	struct db *db = db_open_reader(path, &e);
	int i, bad = 0;

	if (db == NULL) {
		printf("# %s\n", e.msg);
		return -1;
	}
	for (i = (int)first - 1; i < to; i++) {
		synth_churn(want, i);
		if (db_snapshot(db, (uint64_t)i + 1, got) != DB_OK ||
		    synth_compare(want, got) != 0) {
			printf("# seq %d differs\n", i + 1);
			bad++;
		}
	}
	db_close(db);
	snapshot_free(want);
	snapshot_free(got);
	return bad;
}

static void
fresh(void)
{
	char path[600], q[200];
	struct db_writer_options o = { .no_retention = true };
	struct db_error e;
	struct db *db;
	struct db_proc_point *pts = NULL;
	size_t n = 0, i;
	bool steady = true;

	snprintf(path, sizeof(path), "%s/new.db", dir);
	db = db_open_writer(path, &o, &e);
	ok(db != NULL, "writer opens a new database");
	if (db == NULL)
		return;
	is_int(record(db, 0, 45), 0, "45 churning samples written");
	db_close(db);
	is_int((int)synth_q1(path, "PRAGMA page_size"), 2048,
	    "new database: 2 KiB pages");
	is_int((int)synth_q1(path, "SELECT count(*) FROM sample WHERE "
	    "key_seq = seq"), 5, "keyframes at 1, 11, 21, 31, 41");
	is_int((int)synth_q1(path, "SELECT count(*) FROM member WHERE "
	    "seq = 1"), 0, "the first keyframe lists no member: all born there");
	/* Keyframe 11 (sample 10): born there 1010 (j = 10) and the second
	 * pid 999; alive from before: 30 steady ones and the churn. */
	is_int((int)synth_q1(path, "SELECT count(*) FROM member m JOIN process "
	    "p ON p.id = m.id WHERE m.seq = 11 AND p.pid IN (999, 1010)"), 0,
	    "processes born at a keyframe are not members of it");
	is_int((int)synth_q1(path, "SELECT count(*) FROM process p, sample s "
	    "WHERE s.seq = 11 AND p.id >= s.new_process_id AND p.first_seq = "
	    "11"), 2, "... but in its range of new ids");
	is_int((int)synth_q1(path, "SELECT count(*) FROM process p JOIN sample "
	    "s ON s.seq = p.first_seq WHERE p.id < s.new_process_id"), 0,
	    "every process id at or above its sample's new_process_id");
	snprintf(q, sizeof(q), "SELECT count(*) FROM process a, process b "
	    "WHERE a.id < b.id AND a.first_seq > b.first_seq");
	is_int((int)synth_q1(path, q), 0, "ids in first-seen order");
	is_int(mismatches(path, 1, 45), 0, "every sample of the new recording "
	    "reads back exactly (keyframes, births and exits at them)");
	is_int((int)synth_q1(path, "SELECT count(*) FROM proc WHERE "
	    "total_time_ns IS NOT NULL"), 0, "total CPU time not stored when "
	    "it is user + system");
	is_int((int)synth_q1(path, "SELECT count(*) FROM process_row WHERE "
	    "total_time_ns IS NOT user_time_ns + system_time_ns"), 0,
	    "... and the process_row view adds them up");

	/* The history of one process found without an index on pid: the
	 * second pid 999, born at the keyframe of sample 10, gone at 23. */
	db = db_open_reader(path, &e);
	ok(db != NULL && db_proc_history(db, 999, 600000000000ULL, SYNTH_T0,
	    SYNTH_T0 + 44 * SYNTH_CHURN_STEP, &pts, &n) == DB_OK,
	    "process history by pid");
	is_int((int)n, 13, "its 13 samples, 10..22");
	for (i = 0; i < n; i++)
		if (pts[i].seq != 11 + i || !pts[i].have_rss)
			steady = false;
	ok(n > 0 && steady, "in order, each with its RSS");
	free(pts);
	ok(db != NULL && db_proc_history(db, 999, 5, SYNTH_T0 + 5 *
	    SYNTH_CHURN_STEP, SYNTH_T0 + 30 * SYNTH_CHURN_STEP, &pts, &n) ==
	    DB_OK && n == 5 && pts[0].seq == 6 && pts[4].seq == 10,
	    "the first pid 999, from a window that starts after its keyframe");
	free(pts);
	db_close(db);

	/* A writer that opens the file again goes on with the same ids. */
	db = db_open_writer(path, &o, &e);
	ok(db != NULL && record(db, 45, 52) == 0, "recording resumes");
	db_close(db);
	is_int(mismatches(path, 40, 52), 0, "samples after the restart read "
	    "back exactly");
	is_int((int)synth_q1(path, "SELECT count(*) FROM (SELECT pid, "
	    "start_time_ns FROM process GROUP BY 1, 2 HAVING count(*) > 1)"), 0,
	    "no process stored twice across the restart");
	is_int((int)synth_q1(path, "SELECT count(*) FROM (SELECT s FROM str "
	    "GROUP BY s HAVING count(*) > 1)"), 0, "no string stored twice "
	    "across the restart");
}

/* Build dir/vN.db from the stored fixture tests/db/fixtures/vN.sql (a
 * database written by the version N writer from synth_churn() samples
 * 0..29) into path. */
static void
from_fixture(char *path, size_t size, int v)
{
	const char *src = getenv("top_srcdir");
	char fx[1024];
	sqlite3 *h = NULL;
	char *sql;

	snprintf(path, size, "%s/v%d.db", dir, v);
	snprintf(fx, sizeof(fx), "%s/tests/db/fixtures/v%d.sql",
	    src != NULL ? src : ".", v);
	sql = synth_slurp(fx);
	ok(sql != NULL && sqlite3_open(path, &h) == SQLITE_OK &&
	    sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK,
	    "version %d database built from the fixture", v);
	sqlite3_close(h);
	free(sql);
	ok(synth_q1(path, "PRAGMA user_version") == v, "version %d", v);
}

/* The writer migrates the database at path and records samples 30..49
 * of synth_churn() on; false if it cannot open it. */
static bool
migrate_on(const char *path)
{
	struct db_writer_options o = { .no_retention = true };
	struct db_error e;
	struct db *db = db_open_writer(path, &o, &e);

	ok(db != NULL, "writer migrates it (%s)", db == NULL ? e.msg : "ok");
	if (db == NULL)
		return false;
	ok(record(db, 30, 50) == 0, "and records on");
	db_close(db);
	is_int((int)synth_q1(path, "PRAGMA user_version"), db_schema_version(),
	    "current version");
	return true;
}

static void
migrated(void)
{
	char path[600], q[200];
	long long ntop;

	from_fixture(path, sizeof(path), 2);
	ntop = synth_q1(path, "SELECT count(*) FROM rollup_proc WHERE tier = 1");
	snprintf(q, sizeof(q), "SELECT count(*) FROM rollup_proc WHERE tier = 1 "
	    "AND t_ns <= %lld", synth_q1(path, "SELECT max(t_ns) FROM "
	    "rollup_proc"));
	if (!migrate_on(path))
		return;
	is_int((int)synth_q1(path, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name IN ('process_first', 'process_pid')"), 0,
	    "indexes of version 2 gone");
	is_int((int)synth_q1(path, "SELECT count(*) FROM str WHERE h IS NULL"),
	    0, "every string hashed again (version 5)");
	is_int((int)synth_q1(path, "SELECT count(*) FROM sample WHERE "
	    "new_process_id IS NULL"), 0, "every old sample has its new ids");
	is_int((int)synth_q1(path, "PRAGMA integrity_check") == -1, 0,
	    "integrity check runs");
	is_int(mismatches(path, 1, 50), 0, "every old and new sample reads "
	    "back exactly");
	ok(ntop > 0 && synth_q1(path, q) == ntop, "every old top-process "
	    "rollup kept (%lld)", ntop);
	is_int((int)synth_q1(path, "SELECT count(*) FROM (SELECT tier, t_ns "
	    "FROM rollup_proc GROUP BY 1, 2 HAVING max(rank) + 1 != count(*))"),
	    0, "ranked from 0 in each bucket");
}

/* Version 4 kept no index on str: version 5 hashes the old strings, and
 * recording on finds them instead of storing them again. */
static void
migrated_v4(void)
{
	char path[600], q[200];
	long long nstr;

	from_fixture(path, sizeof(path), 4);
	nstr = synth_q1(path, "SELECT count(*) FROM str");
	/* Samples 30.. meet only strings samples 0..29 stored. */
	if (!migrate_on(path))
		return;
	is_int((int)synth_q1(path, "SELECT count(*) FROM str WHERE h IS NULL"),
	    0, "every old string hashed");
	is_int((int)synth_q1(path, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name = 'str_h'"), 1, "and indexed");
	is_int((int)synth_q1(path, "SELECT count(*) - count(DISTINCT s) FROM "
	    "str"), 0, "no string stored twice");
	snprintf(q, sizeof(q), "SELECT count(*) FROM proc WHERE seq > 30 AND "
	    "user <= %lld AND comm <= %lld", nstr, nstr);
	ok(nstr > 50 && synth_q1(path, q) > 20, "new rows refer to the "
	    "strings stored before the migration (%lld)", synth_q1(path, q));
	is_int((int)synth_q1(path, "PRAGMA integrity_check") == -1, 0,
	    "integrity check runs");
	is_int(mismatches(path, 1, 50), 0, "every old and new sample reads "
	    "back exactly");
}

static void
pruned(void)
{
	char path[600];
	/* Keep 20 minutes of a recording a minute apart: whole keyframe
	 * groups go, carried members and births at the cut stay exact. */
	struct db_writer_options o = {
		.retention_ns = INT64_C(20) * 60 * 1000000000,
	};
	struct db_error e;
	struct db *db;
	long long first;

	snprintf(path, sizeof(path), "%s/pruned.db", dir);
	db = db_open_writer(path, &o, &e);
	ok(db != NULL && record(db, 0, 60) == 0, "60 samples, 20 minutes kept");
	db_close(db);
	first = synth_q1(path, "SELECT min(seq) FROM sample");
	ok(first > 1, "older samples pruned (first kept: %lld)", first);
	is_int((int)synth_q1(path, "SELECT count(*) FROM process p WHERE "
	    "p.gone_seq <= (SELECT min(seq) FROM sample)"), 0,
	    "processes gone before the cut pruned");
	is_int(mismatches(path, (uint64_t)first, 60), 0, "every kept sample "
	    "reads back exactly");
	db = db_open_writer(path, &o, &e);
	ok(db != NULL && record(db, 60, 66) == 0, "recording resumes after "
	    "pruning");
	db_close(db);
	is_int(mismatches(path, 60, 66), 0, "and reads back exactly");
}

/* A minute of samples 10 s apart: pid 7 works every second and its RSS
 * peaks at 900 MiB at 0:20; pid 8 holds 500 MiB idle. */
static void
peak(void)
{
	char path[600], q[200];
	struct db_writer_options o = { .no_retention = true };
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct db *db;
	int i, k, bad = 0;

	snprintf(path, sizeof(path), "%s/peak.db", dir);
	db = db_open_writer(path, &o, &e);
	for (i = 0; db != NULL && i < 9; i++) {
		synth_fill(s, i, 30);
		s->wall_ns = SYNTH_T0 + i * INT64_C(10000000000);
		s->mono_ns = INT64_C(50000000000) + i * INT64_C(10000000000);
		for (k = 0; k < (int)s->nproc; k++) {
			struct snap_proc *p = &s->proc[k];

			if (p->pid == 7) {
				p->user_time_ns += (uint64_t)i * 5000000000ULL;
				p->total_time_ns = p->user_time_ns +
				    p->system_time_ns;
				p->rss_bytes = (i == 2 ? 900ULL : 10ULL) << 20;
			}
			if (p->pid == 8)
				p->rss_bytes = 500ULL << 20;
		}
		bad += db_write(db, s, &e) != DB_OK;
	}
	db_close(db);
	ok(db != NULL && bad == 0, "a minute and a half at 10 s");
	snprintf(q, sizeof(q), "SELECT rss_bytes FROM rollup_proc WHERE "
	    "tier = 1 AND t_ns = %lld AND rank = 0 AND pid = 7",
	    (long long)SYNTH_T0);
	is_int((int)(synth_q1(path, q) >> 20), 900, "the busiest process of "
	    "the minute is ranked 0, with its peak RSS");
	snprintf(q, sizeof(q), "SELECT round(cpu_percent) FROM rollup_proc "
	    "WHERE tier = 1 AND t_ns = %lld AND pid = 7", (long long)SYNTH_T0);
	is_int((int)synth_q1(path, q), 50, "and its CPU %% averaged over the "
	    "minute (5 s every 10 s)");
	snprintf(q, sizeof(q), "SELECT rss_bytes FROM top_process WHERE "
	    "tier = 1 AND t_ns = %lld AND pid = 8", (long long)SYNTH_T0);
	is_int((int)(synth_q1(path, q) >> 20), 500, "an idle process with much "
	    "RSS is in the view too");
	snapshot_free(s);
}

/* Sample i of a host whose short jobs have their own command lines, a
 * minute apart; a job's line comes back 40 jobs later. */
static void
jobs(struct snapshot *s, int i)
{
	struct snap_proc *p;
	char buf[32];
	int j, n;

	synth_fill(s, i, 10);
	s->wall_ns = SYNTH_T0 + i * SYNTH_CHURN_STEP;
	s->mono_ns = INT64_C(50000000000) + i * SYNTH_CHURN_STEP;
	for (j = 0; j <= i; j++) {
		if (i >= j + 1 + j * 7 % 5)
			continue;
		p = snapshot_add_proc(s);
		p->pid = 2000 + j;
		p->start_time_ns = (uint64_t)j * 1000000000ULL;
		n = snprintf(buf, sizeof(buf), "job --n=%d", j % 40);
		p->cmdline = snapshot_str(s, buf, (size_t)n);
		p->comm = snapshot_str(s, "job", 3);
		p->have = (UINT64_C(1) << PROC_PID) |
		    (UINT64_C(1) << PROC_START_TIME) |
		    (UINT64_C(1) << PROC_CMDLINE) | (UINT64_C(1) << PROC_COMM);
	}
	snapshot_sort_procs(s);
}

/* References to str that name no string, in every table. */
#define DANGLING "SELECT count(*) FROM (" \
	"SELECT boot x FROM sample UNION ALL SELECT name FROM disk " \
	"UNION ALL SELECT name FROM net UNION ALL SELECT device FROM fs " \
	"UNION ALL SELECT mount FROM fs UNION ALL SELECT type FROM fs " \
	"UNION ALL SELECT cgroup_path FROM limits UNION ALL SELECT io_max " \
	"FROM limits UNION ALL SELECT boot FROM process UNION ALL SELECT " \
	"user FROM proc UNION ALL SELECT comm FROM proc UNION ALL SELECT " \
	"cmdline FROM proc UNION ALL SELECT cgroup FROM proc UNION ALL " \
	"SELECT user FROM rollup_proc UNION ALL SELECT comm FROM " \
	"rollup_proc UNION ALL SELECT cmdline FROM rollup_proc) " \
	"WHERE x IS NOT NULL AND x NOT IN (SELECT id FROM str)"

static void
sweep(void)
{
	char path[600];
	struct db_writer_options o = {
		.retention_ns = INT64_C(20) * 60 * 1000000000,
	};
	struct snapshot *want = snapshot_new(), *got = snapshot_new();
	struct db_error e;
	struct db *db;
	long long first;
	int i, bad = 0, wrong = 0;

	snprintf(path, sizeof(path), "%s/sweep.db", dir);
	db = db_open_writer(path, &o, &e);
	for (i = 0; db != NULL && i < 35; i++) {
		jobs(want, i);
		bad += db_write(db, want, &e) != DB_OK;
	}
	db_close(db);
	ok(db != NULL && bad == 0, "35 samples of short jobs, 20 minutes kept");
	is_int((int)synth_q1(path, "SELECT count(*) FROM str WHERE s GLOB "
	    "'job --n=*'"), 35, "one command line per job");
	/* Go on past the jobs' lines coming back, over a restart. */
	db = db_open_writer(path, &o, &e);
	for (; db != NULL && i < 90; i++) {
		jobs(want, i);
		bad += db_write(db, want, &e) != DB_OK;
	}
	db_close(db);
	ok(db != NULL && bad == 0, "and 55 more after a restart");
	is_int((int)synth_q1(path, DANGLING), 0, "no row refers to a deleted "
	    "string");
	ok(synth_q1(path, "SELECT count(*) FROM str WHERE s GLOB 'job --n=*' "
	    "AND id NOT IN (SELECT cmdline FROM proc WHERE cmdline IS NOT NULL "
	    "UNION SELECT cmdline FROM rollup_proc WHERE cmdline IS NOT NULL) "
	    "AND id < (SELECT min(cmdline) FROM proc p JOIN process r ON "
	    "r.id = p.id WHERE r.pid >= 2070)") == 0, "the lines of pruned jobs "
	    "are gone");
	is_int((int)synth_q1(path, "SELECT count(*) FROM (SELECT s FROM str "
	    "GROUP BY s HAVING count(*) > 1)"), 0, "a line that came back is "
	    "stored once");
	first = synth_q1(path, "SELECT min(seq) FROM sample");
	db = db_open_reader(path, &e);
	for (i = (int)first - 1; db != NULL && i < 90; i++) {
		jobs(want, i);
		if (db_snapshot(db, (uint64_t)i + 1, got) != DB_OK ||
		    synth_compare(want, got) != 0)
			wrong++;
	}
	db_close(db);
	ok(first > 20 && wrong == 0, "every kept sample reads back exactly "
	    "(from %lld)", first);
	snapshot_free(want);
	snapshot_free(got);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	fresh();
	peak();
	migrated();
	migrated_v4();
	pruned();
	sweep();
	if (getenv("KEEP") == NULL)
		synth_rmtree(dir);
	return tap_done();
}
