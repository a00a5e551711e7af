/*
 * test_db_store.c: the store round-trips snapshots exactly (every value,
 * unknown stays unknown, hostile names byte for byte), stores idle
 * processes once, seeks by time and seq, derives rates against the
 * sample before, and creates its files 0600 / directories 0700.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

#define NSAMP 12
#define NPROC 320

int
main(void)
{
	char dir[] = "/tmp/histop-db-XXXXXX", path[512], sub[256];
	struct snapshot *orig[NSAMP], *got = snapshot_new();
	struct db_error e;
	struct db *db;
	struct db_sample smp, *list;
	struct stat st;
	size_t n;
	int i, bad;
	const struct snap_proc *p;

	if (mkdtemp(dir) == NULL)
		return 1;
	umask(0);
	snprintf(sub, sizeof(sub), "%s/state/histop", dir);
	snprintf(path, sizeof(path), "%s/history.db", sub);

	db = db_open_writer(path, NULL, &e);
	ok(db != NULL, "writer opens a new database in missing directories");
	if (db == NULL) {
		printf("# %s\n", e.msg);
		return tap_done();
	}
	ok(stat(sub, &st) == 0 && (st.st_mode & 0777) == 0700,
	    "missing directory created 0700 under umask 000");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "database created 0600 under umask 000");
	for (i = 0; i < NSAMP; i++) {
		orig[i] = snapshot_new();
		synth_fill(orig[i], i, NPROC);
		if (db_write(db, orig[i], &e) != DB_OK)
			printf("# write %d: %s\n", i, e.msg);
	}
	is_u64(db_last_written(db), NSAMP, "every sample written");
	{
		char *w = NULL;

		ok(asprintf(&w, "%s-wal", path) > 0 && stat(w, &st) == 0 &&
		    (st.st_mode & 0777) == 0600, "WAL file is 0600 too");
		free(w);
	}
	db_close(db);
	umask(022);

	is_int(synth_q1(path, "PRAGMA application_id"), 0x48495354,
	    "application_id stamped");
	is_int(synth_q1(path, "PRAGMA user_version"), db_schema_version(),
	    "user_version is the current schema");
	is_int(synth_q1(path, "SELECT count(*) FROM sample"), NSAMP, "sample rows");
	/* Idle processes: one row for their whole life. */
	is_int(synth_q1(path, "SELECT count(*) FROM proc p JOIN process r ON "
	    "r.id = p.id WHERE r.pid = 7"), 1, "an idle process is stored once");
	is_int(synth_q1(path, "SELECT count(*) FROM proc p JOIN process r ON "
	    "r.id = p.id WHERE r.pid = 100"), NSAMP,
	    "a busy process gets a row per sample");
	is_int(synth_q1(path, "SELECT count(*) FROM process WHERE pid = 300"), 2,
	    "a reused pid is a second process");
	is_int(synth_q1(path, "SELECT count(*) FROM fs"), 4,
	    "filesystems stored when they change only");
	is_int(synth_q1(path, "SELECT typeof(s) FROM str WHERE s = CAST(X'e974e9' "
	    "AS BLOB)") == -1 ? 0 : 1, 1, "invalid UTF-8 stored as a BLOB");

	db = db_open_reader(path, &e);
	ok(db != NULL, "reader opens");
	if (db == NULL) {
		printf("# %s\n", e.msg);
		return tap_done();
	}
	bad = 0;
	for (i = 0; i < NSAMP; i++) {
		if (db_snapshot(db, (uint64_t)i + 1, got) != DB_OK) {
			printf("# read %d: %s\n", i, db_errmsg(db));
			bad++;
			continue;
		}
		if (synth_compare(orig[i], got) != 0) {
			printf("# sample %d\n", i);
			bad++;
		}
	}
	is_int(bad, 0, "every snapshot reads back exactly");

	db_snapshot(db, 4, got);
	p = snapshot_find_proc(got, 2);
	ok(p != NULL && strcmp(p->comm, "a'b\"c;--\x1b[2J") == 0,
	    "comm with quotes and ESC round-trips");
	ok(p != NULL && p->cmdline != NULL && strlen(p->cmdline) == 4096 &&
	    memcmp(p->cmdline + 14, "\"q\"; -- \x1b]0;pwned\x07 \xff\xfe\xc0\xaf",
	    22) == 0, "4 KiB cmdline with invalid UTF-8 round-trips");
	ok(p != NULL && p->user != NULL && strcmp(p->user, "\xe9t\xe9") == 0,
	    "latin-1 user name round-trips");
	p = snapshot_find_proc(got, 5);
	ok(p != NULL && p->cmdline == NULL && HAVE(p->have, PROC_CMDLINE) &&
	    !HAVE(p->have, PROC_READ_BYTES), "kernel thread: empty cmdline "
	    "known, unreadable io unknown");
	ok(snapshot_find_proc(got, 200) != NULL, "short-lived process present "
	    "at sample 4");
	p = snapshot_find_proc(got, 100);
	ok(p != NULL && HAVE(p->have, PROC_USAGE_PERCENT),
	    "busy process has a derived CPU%%");
	is_dbl(p != NULL ? p->usage_percent : -1, 80.0, 1e-9,
	    "CPU%% = 1.6 s of CPU over a 2 s interval");
	ok(got->cpu[0].have_pct, "CPU percentages derived from the previous "
	    "sample");
	is_int(got->interval_ns, SYNTH_STEP, "interval derived");
	db_snapshot(db, 8, got);
	ok(snapshot_find_proc(got, 200) == NULL, "short-lived process gone at "
	    "sample 8");
	p = snapshot_find_proc(got, 300);
	ok(p != NULL && p->start_time_ns == 999000000000ULL,
	    "reused pid shows the new process");
	db_snapshot(db, 1, got);
	ok(!got->cpu[0].have_pct && !HAVE(got->proc[0].have,
	    PROC_USAGE_PERCENT), "oldest sample: rates unknown, not zero");

	is_int(db_first(db, &smp), DB_OK, "first");
	is_u64(smp.seq, 1, "first seq");
	is_int(db_last(db, &smp), DB_OK, "last");
	is_u64(smp.seq, NSAMP, "last seq");
	is_int(smp.nproc, NPROC - 1, "nproc recorded (pid 200 gone)");
	db_seek_time(db, SYNTH_T0 + 5 * SYNTH_STEP + 900000000, DB_SEEK_NEAREST,
	    &smp);
	is_u64(smp.seq, 6, "nearest to 5.45 steps is sample 6");
	db_seek_time(db, SYNTH_T0 + 5 * SYNTH_STEP + 1100000000,
	    DB_SEEK_NEAREST, &smp);
	is_u64(smp.seq, 7, "nearest to 5.55 steps is sample 7");
	db_seek_time(db, SYNTH_T0 + 5 * SYNTH_STEP + 1100000000,
	    DB_SEEK_AT_OR_BEFORE, &smp);
	is_u64(smp.seq, 6, "at or before");
	is_int(db_seek_time(db, SYNTH_T0 - 1, DB_SEEK_AT_OR_BEFORE, &smp),
	    DB_ERR_NOTFOUND, "nothing before the first sample");
	is_int(db_step(db, 6, 1, &smp), DB_OK, "step forward");
	is_u64(smp.seq, 7, "next of 6 is 7");
	is_int(db_step(db, 1, -1, &smp), DB_ERR_NOTFOUND, "no sample before 1");
	is_int(db_samples(db, SYNTH_T0 + SYNTH_STEP, SYNTH_T0 + 3 * SYNTH_STEP,
	    &list, &n), DB_OK, "samples between");
	is_int(n, 3, "three samples in [1, 3] steps");
	free(list);
	{
		struct db_proc_point *pts;

		is_int(db_proc_history(db, 100, 100000000000ULL, SYNTH_T0,
		    SYNTH_T0 + 20 * SYNTH_STEP, &pts, &n), DB_OK,
		    "process history");
		is_int(n, NSAMP, "a point per sample");
		ok(n > 3 && pts[3].have_cpu && pts[3].cpu_percent > 79.99 &&
		    pts[3].cpu_percent < 80.01 && pts[3].rss_bytes ==
		    100ULL * 40960 + 3 * 1048576, "history CPU%% and RSS");
		free(pts);
		is_int(db_proc_history(db, 7, 7000000000ULL, SYNTH_T0,
		    SYNTH_T0 + 20 * SYNTH_STEP, &pts, &n), DB_OK,
		    "idle process history");
		ok(n == NSAMP && pts[5].have_cpu && pts[5].cpu_percent == 0 &&
		    pts[5].rss_bytes == 7 * 40960, "idle: 0%% CPU, constant RSS "
		    "between its rows");
		free(pts);
	}
	{
		struct db_bucket b[4];

		is_int(db_series(db, DBM_NET_RX, SYNTH_T0, SYNTH_T0 + 11 *
		    SYNTH_STEP, 4, b), DB_OK, "series");
		ok(b[0].n == 2 && b[1].n == 3, "samples land in their buckets");
		is_dbl(b[1].avg, 10000.0, 1e-6, "rx rate excludes lo: "
		    "20000 B / 2 s");
		is_dbl(b[0].min, 10000.0, 1e-6, "first bucket rate (from the "
		    "second sample)");
	}
	db_close(db);
	/* Samples not sorted by pid (every other one reversed) store the same
	 * history: the writer sorts a copy of those, writes sorted ones as
	 * they are, and diffs each against the sample before either way. */
	{
		struct snapshot *rev = snapshot_new();
		const struct snapshot *w;
		struct snap_proc tp;
		size_t j;

		snprintf(path, sizeof(path), "%s/unsorted.db", dir);
		db = db_open_writer(path, NULL, &e);
		for (i = 0; db != NULL && i < NSAMP; i++) {
			w = orig[i];
			if (i % 2 == 1) {
				snapshot_copy(rev, orig[i]);
				for (j = 0; j < rev->nproc / 2; j++) {
					tp = rev->proc[j];
					rev->proc[j] = rev->proc[rev->nproc - 1 - j];
					rev->proc[rev->nproc - 1 - j] = tp;
				}
				w = rev;
			}
			if (db_write(db, w, &e) != DB_OK)
				printf("# unsorted write %d: %s\n", i, e.msg);
		}
		is_u64(db != NULL ? db_last_written(db) : 0, NSAMP,
		    "unsorted samples written");
		db_close(db);
		is_int(synth_q1(path, "SELECT count(*) FROM proc p JOIN process "
		    "r ON r.id = p.id WHERE r.pid = 7"), 1,
		    "unsorted samples: an idle process is stored once");
		is_int(synth_q1(path, "SELECT count(*) FROM process WHERE "
		    "pid = 300"), 2, "unsorted samples: a reused pid is a "
		    "second process");
		bad = 0;
		db = db_open_reader(path, &e);
		for (i = 0; i < NSAMP; i++)
			if (db == NULL || db_snapshot(db, (uint64_t)i + 1,
			    got) != DB_OK || synth_compare(orig[i], got) != 0) {
				printf("# unsorted sample %d\n", i);
				bad++;
			}
		is_int(bad, 0, "unsorted samples read back sorted and exact");
		db_close(db);
		snapshot_free(rev);
	}
	for (i = 0; i < NSAMP; i++)
		snapshot_free(orig[i]);
	snapshot_free(got);
	if (getenv("KEEP") == NULL)
		synth_rmtree(dir);
	return tap_done();
}
