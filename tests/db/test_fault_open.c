/*
 * test_fault_open.c: opening files whose header does not tell the whole
 * story because the truth is still in the -wal. A recorder killed before
 * its first checkpoint leaves a database whose header has no application
 * id yet: the next recorder must take it up, not call it foreign. Another
 * application's WAL-mode file (no id, or its id only in the WAL), and a
 * newer schema visible only through the WAL, stay refused and unchanged.
 */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

static char dir[] = "/tmp/histop-fault-XXXXXX";

/* FNV-1a of a whole file, or 0 if it cannot be read. */
static uint64_t
file_sum(const char *path)
{
	unsigned char buf[8192];
	uint64_t h = UINT64_C(14695981039346656037);
	ssize_t n, i;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++)
			h = (h ^ buf[i]) * UINT64_C(1099511628211);
	close(fd);
	return h;
}

static int
copy_file(const char *from, const char *to)
{
	char buf[8192];
	ssize_t n;
	int in = open(from, O_RDONLY), out;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	close(in);
	close(out);
	return n == 0 ? 0 : -1;
}

/* Big-endian u32 at off of the file's header. */
static uint32_t
header_u32(const char *path, off_t off)
{
	unsigned char b[4] = { 0 };
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		if (pread(fd, b, 4, off) != 4)
			memset(b, 0, 4);
		close(fd);
	}
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

/* Run sql on a new WAL-mode file at path and leave it all in the -wal,
 * as an application killed before its first checkpoint would. */
static int
make_wal_only(const char *path, const char *sql)
{
	sqlite3 *h;
	int rc;

	if (sqlite3_open(path, &h) != SQLITE_OK)
		return -1;
	sqlite3_db_config(h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	rc = sqlite3_exec(h, "PRAGMA journal_mode = WAL;"
	    "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc == SQLITE_OK ? 0 : -1;
}

static int
page_size(sqlite3 *h)
{
	sqlite3_stmt *st;
	int n = 4096;

	if (sqlite3_prepare_v2(h, "PRAGMA page_size", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Copy database from into a new WAL-mode file to, every page of it
 * committed to to's -wal and none checkpointed: the files a writer killed
 * before its first checkpoint leaves. */
static int
wal_only_copy(const char *from, const char *to)
{
	sqlite3 *src, *dst;
	sqlite3_backup *b;
	int rc = SQLITE_ERROR;

	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_open(to, &dst) == SQLITE_OK) {
		char *q = sqlite3_mprintf("PRAGMA page_size = %d",
		    page_size(src));

		sqlite3_db_config(dst, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
		    NULL);
		/* A WAL file cannot change its page size by a backup. */
		sqlite3_exec(dst, q, NULL, NULL, NULL);
		sqlite3_free(q);
		sqlite3_exec(dst, "PRAGMA journal_mode = WAL;"
		    "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL);
		b = sqlite3_backup_init(dst, "main", src, "main");
		if (b != NULL) {
			sqlite3_backup_step(b, -1);
			rc = sqlite3_backup_finish(b);
		}
	}
	sqlite3_close(dst);
	sqlite3_close(src);
	return rc == SQLITE_OK ? 0 : -1;
}

static char *
at(const char *name)
{
	static char buf[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

/* The writer refuses path with code want, and the file and its -wal are
 * byte-for-byte what they were. */
static void
refused(const char *path, enum db_status want, const char *what)
{
	char wal[600];
	uint64_t s0, w0;
	struct db_error e;
	struct db *db;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	s0 = file_sum(path);
	w0 = file_sum(wal);
	db = db_open_writer(path, NULL, &e);
	ok(db == NULL && e.code == want, "%s: refused (%s)", what,
	    db == NULL ? e.msg : "opened");
	db_close(db);
	ok(s0 != 0 && file_sum(path) == s0 && file_sum(wal) == w0,
	    "%s: file and -wal unchanged", what);
}

int
main(void)
{
	struct snapshot *s = snapshot_new(), *got = snapshot_new();
	struct db_error e;
	struct db *db, *rd;
	struct db_sample smp;
	char sql[128];
	int i;

	if (mkdtemp(dir) == NULL)
		return 1;

	/* A crash image: a new database of two samples whose writer died
	 * before any checkpoint, so everything, stamps included, is in the
	 * -wal. */
	db = db_open_writer(at("live.db"), NULL, &e);
	ok(db != NULL, "writer opens a new database");
	for (i = 0; db != NULL && i < 2; i++) {
		synth_fill(s, i, 40);
		db_write(db, s, NULL);
	}
	db_close(db);
	wal_only_copy(at("live.db"), at("crash.db"));
	wal_only_copy(at("live.db"), at("crashr.db"));
	is_int(header_u32(at("crash.db"), 68), 0, "crash image: no "
	    "application id in the file header (it is only in the -wal)");
	db = db_open_writer(at("crash.db"), NULL, &e);
	ok(db != NULL, "the next recorder takes up the crashed database (%s)",
	    db == NULL ? e.msg : "ok");
	is_u64(db != NULL ? db_last_written(db) : 0, 2,
	    "both committed samples are there");
	synth_fill(s, 2, 40);
	is_int(db != NULL ? (int)db_write(db, s, NULL) : -1, DB_OK,
	    "and it appends the third");
	db_close(db);
	rd = db_open_reader(at("crash.db"), &e);
	ok(rd != NULL && db_last(rd, &smp) == DB_OK && smp.seq == 3 &&
	    db_snapshot(rd, 3, got) == DB_OK && synth_compare(s, got) == 0,
	    "the appended sample reads back exactly");
	db_close(rd);

	/* The reader, too, sees through a stale header. */
	rd = db_open_reader(at("crashr.db"), &e);
	ok(rd != NULL && db_last(rd, &smp) == DB_OK && smp.seq == 2,
	    "a reader opens a crash image and sees both samples (%s)",
	    rd == NULL ? e.msg : "ok");
	db_close(rd);

	/* Other applications' WAL-mode files. */
	make_wal_only(at("other0.db"), "CREATE TABLE t(x); "
	    "INSERT INTO t VALUES(1)");
	refused(at("other0.db"), DB_ERR_FOREIGN, "foreign WAL file, no id, "
	    "a table only in the -wal");
	make_wal_only(at("other1.db"), "PRAGMA application_id = 305419896;"
	    "CREATE TABLE t(x)");
	refused(at("other1.db"), DB_ERR_FOREIGN, "foreign WAL file whose id "
	    "is only in the -wal");
	copy_file(at("crash.db"), at("newer.db"));
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    db_schema_version() + 1);
	{
		/* our database, then a newer histop's migration that never
		 * reached a checkpoint */
		sqlite3 *h;

		sqlite3_open(at("newer.db"), &h);
		sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
		    NULL);
		sqlite3_db_config(h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
		sqlite3_exec(h, "PRAGMA wal_autocheckpoint = 0", NULL, NULL,
		    NULL);
		sqlite3_exec(h, sql, NULL, NULL, NULL);
		sqlite3_close(h);
	}
	is_int(header_u32(at("newer.db"), 60), db_schema_version(),
	    "newer image: the file header still says our version");
	refused(at("newer.db"), DB_ERR_NEWER, "schema newer only in the -wal");

	/* An SQLite file with nothing in it (WAL mode set, no table) is
	 * an empty database: ours to initialise. */
	make_wal_only(at("empty.db"), "SELECT 1");
	db = db_open_writer(at("empty.db"), NULL, &e);
	ok(db != NULL, "an SQLite file without tables is taken (%s)",
	    db == NULL ? e.msg : "ok");
	db_close(db);

	/* A second writer arriving just after the first took the lock,
	 * before the first wrote its pid into it, still names the first. */
	{
		int fd = open(at("race.db.lock"), O_RDWR | O_CREAT, 0600);
		pid_t child;

		if (fd >= 0 && flock(fd, LOCK_EX) == 0 &&
		    (child = fork()) == 0) {
			usleep(50000);
			if (pwrite(fd, "4242\n", 5, 0) != 5)
				_exit(1);
			_exit(0);
		}
		db = db_open_writer(at("race.db"), NULL, &e);
		ok(db == NULL && e.code == DB_ERR_LOCKED && e.pid == 4242,
		    "a lock taken a moment ago names its holder (%s)",
		    db == NULL ? e.msg : "opened");
		db_close(db);
		waitpid(-1, NULL, 0);
		if (fd >= 0)
			close(fd);
	}

	snapshot_free(s);
	snapshot_free(got);
	synth_rmtree(dir);
	return tap_done();
}
