/*
 * test_fault_shm.c: the WAL index (<db>-shm, which SQLite maps into
 * memory) cannot grow because the disk is full, mid-run. A reader holding
 * a read transaction keeps the WAL from being reset, so it grows past the
 * 4062 frames the first 32 KiB of the -shm index; then a small tmpfs is
 * filled with 4 KiB files and one is removed before each write, so the
 * WAL frames of a sample fit before the 8 pages the -shm needs to grow:
 * those writes fail in SQLite's -shm extension (the place a mapping past
 * the end of the file would raise SIGBUS). Each failure: no signal, a
 * transient status, a message naming the -shm file; once space returns
 * writes succeed, and the file holds exactly the samples whose write
 * succeeded, whole. Needs root (mount); skips otherwise.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

#define NPROC 400
#define WAL_FRAME (24 + page_size) /* the database's page size */
#define HASHTABLE_NPAGE 4062   /* frames indexed by the first -shm block */
#define MAXFILL 20000

static char dir[] = "/tmp/histop-fault-XXXXXX";
static int mounted;
static long long page_size;

static void
cleanup(void)
{
	if (mounted)
		umount2(dir, MNT_DETACH);
	synth_rmtree(dir);
}

static long long
file_size(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 ? (long long)st.st_size : -1;
}

int
main(void)
{
	char path[512], wal[600], shm[600], fill[600];
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct db *db;
	sqlite3 *rd = NULL;
	sqlite3_stmt *hold = NULL;
	enum db_status st = DB_ERR_FULL;
	int i, nfill = 0, ok_writes = 0, fails = 0, shm_fails = 0;
	int nontransient = 0, named = 0, fd;
	char firstmsg[512] = "";

	if (mkdtemp(dir) == NULL)
		return 1;
	atexit(cleanup);
	if (mount("histop-shm", dir, "tmpfs", 0, "size=24m,mode=0700") != 0) {
		printf("1..0 # SKIP cannot mount a tmpfs (%s): not root?\n",
		    strerror(errno));
		return 0;
	}
	mounted = 1;
	snprintf(path, sizeof(path), "%s/history.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);
	db = db_open_writer(path, NULL, &e);
	ok(db != NULL, "writer opens on a 24 MiB tmpfs");
	if (db == NULL)
		return tap_done();
	synth_fill(s, 0, NPROC);
	db_write(db, s, NULL);
	ok_writes = 1;

	/* A reader in the middle of a read transaction, as a user's
	 * sqlite3 shell with BEGIN; SELECT ... open. */
	if (sqlite3_open_v2(path, &rd, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(rd, "SELECT seq FROM sample",
	    -1, &hold, NULL) != SQLITE_OK || sqlite3_step(hold) != SQLITE_ROW)
		return 1;
	page_size = synth_q1(path, "PRAGMA page_size");
	for (i = 1; file_size(wal) < (long long)(HASHTABLE_NPAGE - 60) *
	    WAL_FRAME && i < 5000; i++) {
		synth_fill(s, i, NPROC);
		if (db_write(db, s, &e) != DB_OK) {
			printf("# write %d: %s\n", i, e.msg);
			return 1;
		}
		ok_writes++;
	}
	printf("# %d samples: WAL %lld bytes, -shm %lld bytes\n", i,
	    file_size(wal), file_size(shm));
	is_int((int)file_size(shm), 32768, "-shm still one 32 KiB block");

	/* Fill the disk to the last block with 4 KiB files. */
	for (nfill = 0; nfill < MAXFILL; nfill++) {
		snprintf(fill, sizeof(fill), "%s/fill%05d", dir, nfill);
		fd = open(fill, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			break;
		if (write(fd, s->proc, 4096) != 4096) {
			close(fd);
			unlink(fill);
			break;
		}
		close(fd);
	}
	printf("# disk filled with %d files of 4 KiB\n", nfill);

	/* Space returns a block at a time, a sample written after each. */
	for (; (file_size(shm) < 65536 || st != DB_OK) && nfill > 0; i++) {
		snprintf(fill, sizeof(fill), "%s/fill%05d", dir, --nfill);
		unlink(fill);
		synth_fill(s, ok_writes, NPROC);
		st = db_write(db, s, &e);
		if (st == DB_OK) {
			ok_writes++;
			continue;
		}
		if (fails++ < 8)
			printf("# %s\n", e.msg);
		if (!db_status_transient(st))
			nontransient++;
		if (strstr(e.msg, "-shm") != NULL) {
			shm_fails++;
			if (strstr(e.msg, shm) != NULL && strstr(e.msg, "full"))
				named++;
			if (firstmsg[0] == '\0')
				strlcpy(firstmsg, e.msg, sizeof(firstmsg));
		}
	}
	printf("# %d writes failed while space returned, %d of them in the "
	    "-shm; -shm now %lld bytes\n", fails, shm_fails, file_size(shm));
	printf("# %s\n", firstmsg);
	ok(shm_fails > 0, "the -shm could not grow on the full disk "
	    "(%d failures), and the writer was not killed", shm_fails);
	is_int(nontransient, 0, "every failure transient (keep sampling)");
	is_int(named, shm_fails, "each names the -shm file and says full");
	ok(file_size(shm) >= 65536, "the -shm grew once space returned");
	while (nfill > 0) {
		snprintf(fill, sizeof(fill), "%s/fill%05d", dir, --nfill);
		unlink(fill);
	}

	/* The reader lets go; more samples; close. */
	sqlite3_finalize(hold);
	sqlite3_close(rd);
	for (i = 0; i < 5; i++) {
		synth_fill(s, ok_writes, NPROC);
		if (db_write(db, s, &e) == DB_OK)
			ok_writes++;
		else
			printf("# after: %s\n", e.msg);
	}
	db_close(db);
	is_int((int)synth_q1(path, "SELECT count(*) FROM sample"), ok_writes,
	    "exactly the samples whose write succeeded are stored");
	is_int((int)synth_q1(path, "SELECT count(*) FROM "
	    "pragma_integrity_check WHERE integrity_check != 'ok'"), 0,
	    "integrity_check ok");
	is_int((int)synth_q1(path, "SELECT max(seq) - min(seq) + 1 - count(*) "
	    "FROM sample"), 0, "no gap in the numbering");
	snapshot_free(s);
	return tap_done();
}
