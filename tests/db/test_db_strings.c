/*
 * test_db_strings.c: the writer's memory for strings stays fixed while it
 * stores 60,000 distinct command lines, each stored once (TEXT, or a BLOB
 * when not UTF-8) and read back byte-exact; after a reopen (cold cache)
 * old strings are found on disk, not stored again; ids cached in a
 * rolled-back transaction are not used after it; retention's sweep of
 * unused strings works through windows of ids. Links db + core.
 */
#include "config.h"

#include <malloc.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

#define NPROC 1000
#define NSAMPLES 60

static char dir[] = "/tmp/histop-strs-XXXXXX";
static char path[600];

/* Command line number n: a quarter of them not UTF-8, one in ten long. */
static void
line(char *buf, size_t size, int n)
{
	int len;

	len = snprintf(buf, size, "/usr/lib/worker --job=%d --tag=%s", n,
	    n % 10 == 3 ? "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" :
	    "q");
	if (n % 4 == 1 && (size_t)len + 3 < size)
		memcpy(buf + len, "\xff\xfe", 3);
}

/* Sample k: processes NPROC * k ..., each with the command line of its
 * number first + i (i < count), pids from pid0. */
static void
fill(struct snapshot *s, int k, pid_t pid0, int first, int count,
    bool clear)
{
	int i;

	if (clear) {
		snapshot_clear(s);
		s->mono_ns = INT64_C(1000000000) * (k + 1);
		/* The first minute's rollups (their arrays) during warm-up. */
		s->wall_ns = SYNTH_T0 + INT64_C(50000000000) + s->mono_ns;
		strlcpy(s->boot_id, "b0", sizeof(s->boot_id));
	}
	for (i = 0; i < count; i++) {
		struct snap_proc *p = snapshot_add_proc(s);
		char buf[256], comm[16];

		p->pid = pid0 + i;
		p->start_time_ns = (uint64_t)k;
		line(buf, sizeof(buf), first + i);
		p->cmdline = snapshot_str(s, buf, strlen(buf));
		snprintf(comm, sizeof(comm), "w%d", (first + i) % 50);
		p->comm = snapshot_str(s, comm, strlen(comm));
		p->user = snapshot_str(s, (first + i) % 3 ? "alice" : "r\xe9mi",
		    (first + i) % 3 ? 5 : 4);
		p->have = (UINT64_C(1) << PROC_PID) |
		    (UINT64_C(1) << PROC_START_TIME) |
		    (UINT64_C(1) << PROC_CMDLINE) | (UINT64_C(1) << PROC_COMM) |
		    (UINT64_C(1) << PROC_USER);
	}
}

/* Does sample seq read back with the command lines of fill()? */
static bool
reads_back(uint64_t seq, pid_t pid0, int first, int count)
{
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct db *db = db_open_reader(path, &e);
	bool good = db != NULL && db_snapshot(db, seq, s) == DB_OK;
	int i, bad = 0;

	for (i = 0; good && i < count; i++) {
		const struct snap_proc *p = snapshot_find_proc(s, pid0 + i);
		char buf[256];

		line(buf, sizeof(buf), first + i);
		if (p == NULL || p->cmdline == NULL ||
		    memcmp(p->cmdline, buf, strlen(buf) + 1) != 0) {
			if (bad++ == 0)
				printf("# seq %llu pid %d: got \"%s\", want "
				    "\"%s\"\n", (unsigned long long)seq,
				    (int)(pid0 + i), p != NULL &&
				    p->cmdline != NULL ? p->cmdline : "(none)",
				    buf);
		}
	}
	db_close(db);
	snapshot_free(s);
	return good && bad == 0;
}

static long long
distinct_bad(void)
{
	return synth_q1(path, "SELECT count(*) - count(DISTINCT s) FROM str");
}

static long long
lines(void)
{
	return synth_q1(path, "SELECT count(*) FROM str WHERE "
	    "CAST(s AS TEXT) LIKE '/usr/lib/worker %'");
}

static size_t
heap(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
	return mallinfo2().uordblks;
#else
	return 0;
#endif
}

/*
 * Retention's sweep of unused strings looks at a window of ids at a time
 * (512 KiB of bitmap at most, however many ids a long run handed out):
 * with a 256-id window, 200 samples a minute apart of 5 one-sample jobs
 * each (1,000 lines), 20 minutes kept, the windows move on and the lines
 * of pruned jobs go, all of them but the last few passes' worth.
 */
static void
sweep_windows(void)
{
	struct db_writer_options o = {
		.retention_ns = INT64_C(20) * 60 * 1000000000,
	};
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct db *db;
	int k, bad = 0;

	snprintf(path, sizeof(path), "%s/sweep.db", dir);
	setenv("HISTOP_DB_SWEEP_WINDOW", "256", 1);
	db = db_open_writer(path, &o, &e);
	for (k = 0; db != NULL && k < 200; k++) {
		fill(s, k, 100 + (pid_t)k * 5, k * 5, 5, true);
		s->mono_ns = INT64_C(60000000000) * (k + 1);
		s->wall_ns = SYNTH_T0 + s->mono_ns;
		bad += db_write(db, s, &e) != DB_OK;
	}
	db_close(db);
	unsetenv("HISTOP_DB_SWEEP_WINDOW");
	is_int(bad, 0, "200 samples of short jobs a minute apart");
	ok(synth_q1(path, "SELECT min(seq) FROM sample") > 150,
	    "the oldest pruned");
	ok(synth_q1(path, "SELECT max(id) FROM str") > 4 * 256,
	    "ids span more than 4 windows");
	is_int(synth_q1(path, "SELECT count(*) FROM str s WHERE NOT EXISTS "
	    "(SELECT 1 FROM proc WHERE cmdline = s.id) AND NOT EXISTS (SELECT "
	    "1 FROM rollup_proc WHERE cmdline = s.id) AND CAST(s AS TEXT) LIKE "
	    "'/usr/lib/worker %' AND id < (SELECT max(id) - 400 FROM str)"), 0,
	    "the lines of pruned jobs are gone, window after window");
	is_int(synth_q1(path, "SELECT count(*) FROM proc WHERE cmdline NOT IN "
	    "(SELECT id FROM str) OR comm NOT IN (SELECT id FROM str)"), 0,
	    "no row refers to a deleted string");
	ok(reads_back(200, 100 + 199 * 5, 199 * 5, 5), "the last sample reads "
	    "back byte-exact");
	snapshot_free(s);
}

int
main(void)
{
	struct db_writer_options o = { .no_retention = true };
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct db *db;
	size_t cache0, heap0, heap1;
	sqlite3 *h = NULL;
	int k, fails = 0;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/strs.db", dir);
	db = db_open_writer(path, &o, &e);
	ok(db != NULL, "writer opens");
	if (db == NULL)
		return tap_done();

	/* Warm up (statements, a full page cache, arrays sized to NPROC,
	 * the first rollups). */
	for (k = 0; k < 12; k++) {
		fill(s, k, 100, k * NPROC, NPROC, true);
		fails += db_write(db, s, &e) != DB_OK;
	}
	cache0 = db_string_cache_bytes(db);
	heap0 = heap();
	for (; k < NSAMPLES; k++) {
		fill(s, k, 100, k * NPROC, NPROC, true);
		fails += db_write(db, s, &e) != DB_OK;
	}
	heap1 = heap();
	is_int(fails, 0, "60 samples of 1,000 new command lines each written");
	ok(cache0 > 0 && cache0 <= 128 * 1024 && db_string_cache_bytes(db) ==
	    cache0, "string memory fixed: %zu bytes after 12,000 strings, %zu "
	    "after 60,000", cache0, db_string_cache_bytes(db));
	if (heap0 != 0)
		ok(heap1 < heap0 + 64 * 1024, "heap grew %lld bytes over "
		    "48,000 new strings (bound 64 KiB)",
		    (long long)heap1 - (long long)heap0);
	else
		ok(1, "# SKIP mallinfo2 needs glibc 2.33");
	db_close(db);
	is_int(lines(), NSAMPLES * NPROC, "each command line stored once");
	is_int(distinct_bad(), 0, "no string stored twice");
	is_int(synth_q1(path, "SELECT count(*) FROM str WHERE typeof(s) = "
	    "'blob'"), NSAMPLES * NPROC / 4 + 1, "the lines that are not "
	    "UTF-8 (and one user name) are BLOBs, the rest TEXT");
	ok(reads_back(1, 100, 0, NPROC) && reads_back(30, 100, 29 * NPROC,
	    NPROC) && reads_back(NSAMPLES, 100, (NSAMPLES - 1) * NPROC, NPROC),
	    "first, middle and last samples read back byte-exact");

	/* Cold cache: the first sample's lines again, and 1,000 new ones. */
	db = db_open_writer(path, &o, &e);
	ok(db != NULL, "writer reopens");
	if (db == NULL)
		return tap_done();
	fill(s, NSAMPLES, 100, 0, NPROC, true);
	fill(s, NSAMPLES, 5000, 100000, NPROC, false);
	is_int(db_write(db, s, &e), DB_OK, "old and new lines after a reopen");
	is_int(lines(), (NSAMPLES + 1) * NPROC, "old lines found on disk, "
	    "only the new ones stored");
	ok(reads_back(NSAMPLES + 1, 100, 0, NPROC) &&
	    reads_back(NSAMPLES + 1, 5000, 100000, NPROC),
	    "and read back byte-exact");

	/* A transaction that fails after storing 1,000 new lines. */
	ok(sqlite3_open(path, &h) == SQLITE_OK && sqlite3_exec(h,
	    "CREATE TRIGGER boom BEFORE INSERT ON str WHEN NEW.s = 'boom' "
	    "BEGIN SELECT RAISE(ABORT, 'boom'); END", NULL, NULL, NULL) ==
	    SQLITE_OK, "a trigger that fails on string 'boom'");
	fill(s, NSAMPLES + 1, 100, 200000, NPROC, true);
	{
		struct snap_proc *p = snapshot_add_proc(s);

		p->pid = 9999;
		p->cmdline = snapshot_str(s, "boom", 4);
		p->have = (UINT64_C(1) << PROC_PID) |
		    (UINT64_C(1) << PROC_CMDLINE);
	}
	ok(db_write(db, s, &e) != DB_OK, "the sample fails (%s)", e.msg);
	ok(sqlite3_exec(h, "DROP TRIGGER boom", NULL, NULL, NULL) == SQLITE_OK,
	    "trigger dropped");
	sqlite3_close(h);
	is_int(lines(), (NSAMPLES + 1) * NPROC, "its lines rolled back");
	/* New lines first: they take the ids the rolled-back ones had. */
	fill(s, NSAMPLES + 2, 100, 300000, NPROC, true);
	fill(s, NSAMPLES + 2, 5000, 200000, NPROC, false);
	is_int(db_write(db, s, &e), DB_OK, "the next sample stores them again");
	db_close(db);
	is_int(lines(), (NSAMPLES + 3) * NPROC, "each stored once");
	is_int(distinct_bad(), 0, "no string stored twice");
	ok(reads_back(NSAMPLES + 2, 100, 300000, NPROC) &&
	    reads_back(NSAMPLES + 2, 5000, 200000, NPROC), "no id of the "
	    "rolled-back transaction used: read back byte-exact");
	is_int(synth_q1(path, "SELECT count(*) FROM str WHERE h IS NULL"), 0,
	    "every string hashed");

	/* The key deleted and the hashes spoiled by hand: the writer picks a
	 * new key and hashes every string again, old lines are found. */
	ok(sqlite3_open(path, &h) == SQLITE_OK && sqlite3_exec(h, "DELETE FROM "
	    "meta WHERE key = 'str_key'; UPDATE str SET h = 0", NULL, NULL,
	    NULL) == SQLITE_OK, "string key deleted, hashes spoiled");
	sqlite3_close(h);
	db = db_open_writer(path, &o, &e);
	ok(db != NULL, "writer opens (%s)", db == NULL ? e.msg : "ok");
	if (db == NULL)
		return tap_done();
	fill(s, NSAMPLES + 3, 100, 0, NPROC, true);
	is_int(db_write(db, s, &e), DB_OK, "the first sample's lines again");
	db_close(db);
	is_int(synth_q1(path, "SELECT length(value) FROM meta WHERE key = "
	    "'str_key'"), 16, "a new key");
	is_int(lines(), (NSAMPLES + 3) * NPROC, "old lines found, none stored "
	    "again");
	is_int(synth_q1(path, "SELECT count(*) FROM str WHERE h = 0"), 0,
	    "every string hashed under it");
	ok(reads_back(NSAMPLES + 3, 100, 0, NPROC), "and read back byte-exact");
	snapshot_free(s);
	sweep_windows();
	if (getenv("KEEP") == NULL)
		synth_rmtree(dir);
	return tap_done();
}
