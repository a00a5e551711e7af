/*
 * test_fault_vfs.c: I/O errors at every write of a sample. A VFS shim,
 * registered as SQLite's default around the real one, fails the Nth
 * xWrite (SQLITE_IOERR_WRITE), for N = 0, 1, 2, ... until a sample gets
 * through without meeting the failure (SQLite's own "fail the Nth call"
 * pattern), and again for xSync while the writer closes (its checkpoint).
 * Each failure: no crash, a transient status, the file passes
 * integrity_check with only the committed samples, and the next write
 * succeeds. The checks read through the real VFS.
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

#define NPROC 60

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static long writes, syncs;      /* calls seen while armed */
static long fail_write = -1;    /* fail this xWrite (0-based), -1 never */
static long fail_sync = -1;
static int failed;              /* the injected failure happened */

struct shim_file {
	sqlite3_file base;
	sqlite3_file *real;     /* follows this struct in the same block */
};

#define REAL(f) (((struct shim_file *)(f))->real)

static int
s_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}

static int
s_read(sqlite3_file *f, void *b, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), b, n, off);
}

static int
s_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 off)
{
	if (fail_write >= 0 && writes++ == fail_write) {
		failed = 1;
		return SQLITE_IOERR_WRITE;
	}
	return REAL(f)->pMethods->xWrite(REAL(f), b, n, off);
}

static int
s_truncate(sqlite3_file *f, sqlite3_int64 n)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), n);
}

static int
s_sync(sqlite3_file *f, int flags)
{
	if (fail_sync >= 0 && syncs++ == fail_sync) {
		failed = 1;
		return SQLITE_IOERR_FSYNC;
	}
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int
s_size(sqlite3_file *f, sqlite3_int64 *n)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), n);
}

static int
s_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}

static int
s_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}

static int
s_reserved(sqlite3_file *f, int *r)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r);
}

static int
s_fcntl(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int
s_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int
s_devchar(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int
s_shmmap(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, p);
}

static int
s_shmlock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}

static void
s_shmbarrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int
s_shmunmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

/* Version 2 methods: no mmap (xFetch), so every page goes through xRead. */
static const sqlite3_io_methods shim_methods = {
	2, s_close, s_read, s_write, s_truncate, s_sync, s_size, s_lock,
	s_unlock, s_reserved, s_fcntl, s_sector, s_devchar, s_shmmap,
	s_shmlock, s_shmbarrier, s_shmunmap, NULL, NULL
};

static int
s_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
    int *out)
{
	struct shim_file *sf = (struct shim_file *)f;
	int rc;

	(void)vfs;
	sf->real = (sqlite3_file *)(sf + 1);
	rc = real_vfs->xOpen(real_vfs, name, sf->real, flags, out);
	f->pMethods = rc == SQLITE_OK ? &shim_methods : NULL;
	return rc;
}

/* Pass-throughs of the VFS itself. */
static int
s_delete(sqlite3_vfs *v, const char *n, int d)
{
	(void)v;
	return real_vfs->xDelete(real_vfs, n, d);
}

static int
s_access(sqlite3_vfs *v, const char *n, int fl, int *r)
{
	(void)v;
	return real_vfs->xAccess(real_vfs, n, fl, r);
}

static int
s_fullname(sqlite3_vfs *v, const char *n, int len, char *out)
{
	(void)v;
	return real_vfs->xFullPathname(real_vfs, n, len, out);
}

static int
s_random(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int
s_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return real_vfs->xSleep(real_vfs, us);
}

static int
s_time(sqlite3_vfs *v, double *t)
{
	(void)v;
	return real_vfs->xCurrentTime(real_vfs, t);
}

static int
s_lasterr(sqlite3_vfs *v, int n, char *b)
{
	(void)v;
	return real_vfs->xGetLastError(real_vfs, n, b);
}

static int
s_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
	(void)v;
	return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

static void
shim_install(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	memset(&shim_vfs, 0, sizeof(shim_vfs));
	shim_vfs.iVersion = 2;
	shim_vfs.szOsFile = (int)sizeof(struct shim_file) + real_vfs->szOsFile;
	shim_vfs.mxPathname = real_vfs->mxPathname;
	shim_vfs.zName = "histop-fault";
	shim_vfs.xOpen = s_open;
	shim_vfs.xDelete = s_delete;
	shim_vfs.xAccess = s_access;
	shim_vfs.xFullPathname = s_fullname;
	shim_vfs.xRandomness = s_random;
	shim_vfs.xSleep = s_sleep;
	shim_vfs.xCurrentTime = s_time;
	shim_vfs.xGetLastError = s_lasterr;
	shim_vfs.xCurrentTimeInt64 = s_time64;
	sqlite3_vfs_register(&shim_vfs, 1);
}

static void
disarm(void)
{
	fail_write = fail_sync = -1;
}

static void
arm(long w, long s)
{
	writes = syncs = 0;
	failed = 0;
	fail_write = w;
	fail_sync = s;
}

/* integrity_check through the real VFS and the samples stored: 0 and
 * *n when the file is sound. */
static int
check(const char *path, long long *n)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int bad = 1;

	*n = -1;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, real_vfs->zName) !=
	    SQLITE_OK) {
		sqlite3_close(h);
		return 1;
	}
	if (sqlite3_prepare_v2(h, "SELECT (SELECT count(*) FROM "
	    "pragma_integrity_check WHERE integrity_check != 'ok'), "
	    "(SELECT count(*) FROM sample), (SELECT count(*) FROM sample s "
	    "WHERE NOT EXISTS (SELECT 1 FROM cpu c WHERE c.seq = s.seq))", -1,
	    &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		bad = sqlite3_column_int(st, 0) + sqlite3_column_int(st, 2);
		*n = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return bad;
}

int
main(void)
{
	char dir[] = "/tmp/histop-fault-XXXXXX", path[512];
	struct snapshot *s = snapshot_new(), *got = snapshot_new();
	struct db_writer_options wo = { 0 };
	struct db_error e;
	struct db *db, *rd;
	enum db_status st;
	long n;
	int i = 0, nontransient = 0, unsound = 0, stuck = 0;
	int nfail = 0;
	long long have;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/history.db", dir);
	shim_install();
	wo.no_retention = true;
	db = db_open_writer(path, &wo, &e);
	ok(db != NULL, "writer opens through the shim");
	if (db == NULL)
		return tap_done();
	for (i = 0; i < 3; i++) {
		synth_fill(s, i, NPROC);
		db_write(db, s, NULL);
	}

	/* Fail the Nth write of the next sample, N = 0, 1, ... */
	for (n = 0; n < 2000; n++) {
		synth_fill(s, i, NPROC);
		arm(n, -1);
		st = db_write(db, s, &e);
		disarm();
		if (!failed) {
			ok(st == DB_OK, "sample stored once no write fails "
			    "(after %ld failing positions)", n);
			i += st == DB_OK;
			break;
		}
		nfail++;
		if (st == DB_OK) {
			/* The failure hit work after the commit (a
			 * checkpoint): the sample is in. */
			i++;
		} else if (!db_status_transient(st)) {
			if (nontransient++ < 3)
				printf("# write %ld: status %d: %s\n", n,
				    (int)st, e.msg);
		}
		if (check(path, &have) != 0 || have != (long long)db_last_written(db)) {
			if (unsound++ < 3)
				printf("# write %ld: unsound or %lld samples "
				    "for %llu committed\n", n, have,
				    (unsigned long long)db_last_written(db));
		}
		/* The writer goes on: the same sample, no failure now. */
		if (st != DB_OK) {
			if (db_write(db, s, &e) != DB_OK) {
				if (stuck++ < 3)
					printf("# after write %ld: %s\n", n,
					    e.msg);
			} else
				i++;
		}
	}
	ok(nfail > 3, "%d write positions failed in turn", nfail);
	is_int(nontransient, 0, "every failure reported as transient");
	is_int(unsound, 0, "after each: integrity ok, only committed samples");
	is_int(stuck, 0, "after each: the next write succeeds");

	/* fsync failing in the closing checkpoint, for each sync in turn. */
	nfail = 0;
	for (n = 0; n < 50; n++) {
		arm(-1, n);
		db_close(db);
		disarm();
		if (check(path, &have) != 0 || have != i) {
			if (unsound++ < 6)
				printf("# sync %ld at close: unsound or %lld "
				    "samples for %d\n", n, have, i);
		}
		if (!failed)
			break;
		nfail++;
		db = db_open_writer(path, &wo, &e);
		if (db == NULL) {
			printf("# reopen after sync %ld: %s\n", n, e.msg);
			stuck++;
			break;
		}
		synth_fill(s, i, NPROC);
		if (db_write(db, s, &e) == DB_OK)
			i++;
	}
	ok(nfail > 0, "%d syncs of the closing checkpoint failed in turn",
	    nfail);
	is_int(unsound, 0, "a failed fsync at close loses nothing committed");
	is_int(stuck, 0, "and the database opens again");

	rd = db_open_reader(path, &e);
	synth_fill(s, i - 1, NPROC);
	ok(rd != NULL && db_snapshot(rd, (uint64_t)i, got) == DB_OK &&
	    synth_compare(s, got) == 0, "the last sample reads back exactly");
	db_close(rd);
	snapshot_free(s);
	snapshot_free(got);
	synth_rmtree(dir);
	return tap_done();
}
