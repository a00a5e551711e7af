/*
 * db.c: opening and closing the store (file creation 0600, symlink and
 * foreign-file refusal before SQLite touches anything), error reporting
 * and small SQLite helpers shared by libdb. Depends on SQLite and core.
 */
#include "config.h"

#include "db/db_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "core/text.h"
#include "core/xalloc.h"

/*
 * Messages carry text from the file: SQLite's errors quote a damaged or
 * planted schema ("near \"...\": syntax error"), paths are the user's.
 * Escaped like any hostile text before they can reach a terminal.
 */
void
db_seterr(struct db_error *err, enum db_status code, const char *fmt, ...)
{
	char raw[1024];
	va_list ap;

	if (err == NULL)
		return;
	err->code = code;
	err->pid = 0;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	text_shown(err->msg, sizeof(err->msg), raw);
}

void
db_copyerr(struct db_error *err, const struct db *db)
{
	if (err == NULL)
		return;
	err->code = db->last;
	err->pid = 0;
	strlcpy(err->msg, db->errmsg, sizeof(err->msg));
}

enum db_status
db_fail(struct db *db, enum db_status st, const char *fmt, ...)
{
	char raw[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	text_shown(db->errmsg, sizeof(db->errmsg), raw);
	db->last = st;
	return st;
}

enum db_status
db_status_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return DB_OK;
	case SQLITE_FULL:
		return DB_ERR_FULL;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return DB_ERR_READONLY;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_PROTOCOL:
		return DB_ERR_IO;
	case SQLITE_CORRUPT:
		return DB_ERR_CORRUPT;
	case SQLITE_NOTADB:
		return DB_ERR_FOREIGN;
	default:
		return DB_ERR_INTERNAL;
	}
}

/*
 * SQLite keeps the WAL index in <db>-shm, a file it maps into memory and
 * grows by writing to each new page first (so that a full disk fails a
 * write() rather than raising SIGBUS on the mapping). Its errors say
 * "disk I/O error" or "attempt to write a readonly database": name the
 * file and the cause instead. 1 if rc was such an error.
 */
static int
shm_fail(struct db *db, int rc, const char *what)
{
	int eno = db->sql != NULL ? sqlite3_system_errno(db->sql) : 0;
	struct statvfs vfs;
	char *dir, *p;

	switch (rc) {
	case SQLITE_IOERR_SHMOPEN:
	case SQLITE_IOERR_SHMSIZE:
	case SQLITE_IOERR_SHMMAP:
		/* SQLite does not keep the errno of a failed -shm write:
		 * a filesystem without two blocks of 32 KiB left is full. */
		if (eno == 0) {
			dir = xstrdup(db->path);
			p = strrchr(dir, '/');
			if (p != NULL)
				p[p == dir] = '\0';
			if (statvfs(p != NULL ? dir : ".", &vfs) == 0 &&
			    (uint64_t)vfs.f_bavail * vfs.f_frsize < 65536)
				eno = ENOSPC;
			free(dir);
		}
		if (eno == ENOSPC || eno == EDQUOT) {
			db_fail(db, DB_ERR_FULL, "%s-shm: %s: cannot grow the "
			    "WAL index: disk or quota full", db->path, what);
			return 1;
		}
		db_fail(db, DB_ERR_IO, "%s-shm: %s: cannot create or grow the "
		    "WAL index: %s", db->path, what, eno != 0 ? strerror(eno) :
		    "I/O error");
		return 1;
	case SQLITE_READONLY_CANTINIT:
	case SQLITE_READONLY_CANTLOCK:
	case SQLITE_READONLY_RECOVERY:
		db_fail(db, DB_ERR_READONLY, "%s-shm: %s: the WAL index is "
		    "read-only (immutable, another user's, or a read-only "
		    "filesystem)", db->path, what);
		return 1;
	default:
		return 0;
	}
}

/*
 * "disk I/O error" names no cause. SQLite keeps the errno of some failed
 * calls only; a failed write (EFBIG past RLIMIT_FSIZE) leaves none, and a
 * finite file size limit is then by far the likeliest cause.
 */
static const char *
io_cause(struct db *db, const char *m)
{
	struct rlimit rl;
	int eno = db->sql != NULL ? sqlite3_system_errno(db->sql) : 0;

	if (eno != 0)
		return strerror(eno);
	if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		return "write failed: file too large for the file size limit "
		    "(ulimit -f)";
	return m;
}

enum db_status
db_sqlfail(struct db *db, int rc, const char *what)
{
	const char *m = db->sql != NULL ? sqlite3_errmsg(db->sql) :
	    sqlite3_errstr(rc);

	if (db->sql != NULL && (rc & 0xff) == (sqlite3_extended_errcode(
	    db->sql) & 0xff))
		rc = sqlite3_extended_errcode(db->sql);
	if (shm_fail(db, rc, what))
		return db->last;
	if ((rc & 0xff) == SQLITE_FULL)
		m = "disk or quota full";
	else if ((rc & 0xff) == SQLITE_IOERR)
		m = io_cause(db, m);
	return db_fail(db, db_status_of(rc), "%s: %s: %s", db->path, what, m);
}

bool
db_status_transient(enum db_status st)
{
	return st == DB_ERR_FULL || st == DB_ERR_READONLY || st == DB_ERR_IO;
}

const char *
db_errmsg(const struct db *db)
{
	return db->errmsg;
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

int
db_exposed_mode(const struct db *db)
{
	struct stat st;

	if (stat(db->path, &st) != 0 || (st.st_mode & 077) == 0)
		return 0;
	return (int)(st.st_mode & 07777);
}

int
db_exec(struct db *db, const char *sql)
{
	return sqlite3_exec(db->sql, sql, NULL, NULL, NULL);
}

int64_t
db_int(struct db *db, const char *sql, int64_t dflt)
{
	sqlite3_stmt *st;
	int64_t v = dflt;

	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK)
		return dflt;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

void
db_bind_u64(sqlite3_stmt *st, int idx, bool have, uint64_t v)
{
	if (have)
		sqlite3_bind_int64(st, idx, (sqlite3_int64)v);
	else
		sqlite3_bind_null(st, idx);
}

uint64_t
db_col_u64(sqlite3_stmt *st, int idx)
{
	return (uint64_t)sqlite3_column_int64(st, idx);
}

/* Strict UTF-8: no overlong forms, surrogates or values past U+10FFFF. */
bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;

	while (p < e) {
		unsigned c = *p++;
		int n;
		uint32_t cp;

		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else
			return false;
		if (e - p < n)
			return false;
		while (n-- > 0) {
			if ((*p & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (*p++ & 0x3f);
		}
		if ((c == 0xe0 && cp < 0x800) || (c == 0xf0 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
	}
	return true;
}

/*
 * The WAL is reset (written again from its start, and cut back to
 * journal_size_limit) only when a write begins with every frame
 * checkpointed and no reader using it. A reader that holds a transaction
 * (a user's sqlite3 shell) keeps it growing, which is expected; but so
 * do short readers that follow each other closely (exports, db info and
 * scripts on a loaded machine): one of them is always inside a read
 * transaction, and the WAL grows without bound. Past DB_WAL_MAX, a
 * TRUNCATE checkpoint waits up to 200 ms for the readers of the WAL to
 * finish (readers that start meanwhile see everything checkpointed and
 * read the database file alone), then empties it. If a reader holds on
 * longer, it backs off, doubling the samples between tries, so a
 * long-lived reader does not stall every sample.
 */
#define DB_WAL_MAX (UINT64_C(4) << 20)
#define DB_WAL_WAIT_NS (INT64_C(200) * 1000000)
#define DB_WAL_BACKOFF_MAX 64

/* Not clock_mono_ns(): tests inject clocks that may stand still, and
 * this deadline must pass whatever the injected time does. */
static int64_t
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Busy handler of the bounding checkpoint: every lock it waits for
 * shares one deadline (a busy timeout would allow each its own). */
static int
wal_busy(void *arg, int n)
{
	const int64_t *deadline = arg;
	struct timespec ts = { 0, 2000000 };

	(void)n;
	if (mono_now() >= *deadline)
		return 0;
	nanosleep(&ts, NULL);
	return 1;
}

void
db_wal_bound(struct db *db)
{
	struct stat st;
	char *wal;
	int64_t deadline;
	int rc;

	if (db->wal_skip > 0) {
		db->wal_skip--;
		return;
	}
	wal = xasprintf("%s-wal", db->path);
	rc = stat(wal, &st);
	free(wal);
	if (rc != 0 || (uint64_t)st.st_size <= DB_WAL_MAX)
		return;
	deadline = mono_now() + DB_WAL_WAIT_NS;
	sqlite3_busy_handler(db->sql, wal_busy, &deadline);
	rc = sqlite3_wal_checkpoint_v2(db->sql, NULL,
	    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(db->sql, DB_BUSY_MS);
	if (rc == SQLITE_OK) {
		db->wal_backoff = 0;
		return;
	}
	db->wal_backoff = db->wal_backoff == 0 ? 1 : db->wal_backoff * 2;
	if (db->wal_backoff > DB_WAL_BACKOFF_MAX)
		db->wal_backoff = DB_WAL_BACKOFF_MAX;
	db->wal_skip = db->wal_backoff;
}

/* ---- opening ---------------------------------------------------------- */

/* Create the missing directories of path's parent, mode 0700. */
static int
make_parents(const char *path, struct db_error *err)
{
	char *dir = xstrdup(path), *p;
	struct stat st;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			db_seterr(err, DB_ERR_IO, "%s: cannot create directory: "
			    "%s", dir, strerror(errno));
			free(dir);
			return -1;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		db_seterr(err, DB_ERR_IO, "%s: not a directory", dir);
		free(dir);
		return -1;
	}
	free(dir);
	return 0;
}

/*
 * Refuse symlinks at path and its -wal/-shm companions, and, for the
 * writer, files with other hard links: SQLite truncates and rewrites a
 * -wal or -shm it finds, so a link planted there to another file would
 * destroy that file.
 */
static int
check_links(const char *path, bool writer, struct db_error *err)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	struct stat st;
	size_t i;

	for (i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);
		int r = lstat(p, &st);

		if (r == 0 && S_ISLNK(st.st_mode)) {
			db_seterr(err, DB_ERR_SYMLINK, "%s: is a symbolic link; "
			    "refusing to use it", p);
			free(p);
			return -1;
		}
		if (r == 0 && !S_ISREG(st.st_mode)) {
			db_seterr(err, DB_ERR_FOREIGN, "%s: not a regular file",
			    p);
			free(p);
			return -1;
		}
		if (r == 0 && writer && st.st_nlink > 1) {
			db_seterr(err, DB_ERR_SYMLINK, "%s: has %ju hard links; "
			    "refusing to write to it", p,
			    (uintmax_t)st.st_nlink);
			free(p);
			return -1;
		}
		free(p);
	}
	return 0;
}

/*
 * The writer needs to write <db>-wal and <db>-shm, and to create them in
 * the database's directory when they are not there. SQLite falls back to
 * read-only on one it cannot open for writing (immutable, another user's
 * file mode 0400) and then fails with "attempt to write a readonly
 * database"; and as root it would write into a file another user planted
 * there. Name the file instead. access(), never open(): closing a
 * descriptor would drop the POSIX locks SQLite connections of this
 * process hold on the file.
 */
static int
check_companions(const char *path, struct db_error *err)
{
	static const char *const sfx[] = { "-wal", "-shm" };
	struct stat db, st;
	size_t i;
	int r = 0;

	if (stat(path, &db) != 0)
		db.st_uid = geteuid();
	for (i = 0; i < 2 && r == 0; i++) {
		char *p = xasprintf("%s%s", path, sfx[i]);

		if (lstat(p, &st) != 0) {
			/* SQLite will create it: in a directory we may write. */
			char *dir = xstrdup(p), *slash = strrchr(dir, '/');

			if (slash != NULL)
				slash[slash == dir] = '\0';
			if (faccessat(AT_FDCWD, slash != NULL ? dir : ".",
			    W_OK | X_OK, AT_EACCESS) != 0) {
				db_seterr(err, DB_ERR_READONLY, "%s: cannot "
				    "create it: %s (directory %s)", p,
				    strerror(errno), slash != NULL ? dir : ".");
				r = -1;
			}
			free(dir);
			free(p);
			continue;
		}
		if (st.st_uid != db.st_uid) {
			db_seterr(err, DB_ERR_READONLY, "%s: owned by uid %ld, "
			    "not by the database's owner (uid %ld); refusing "
			    "to write it", p, (long)st.st_uid, (long)db.st_uid);
			r = -1;
		} else if (faccessat(AT_FDCWD, p, R_OK | W_OK,
		    AT_EACCESS) != 0) {
			db_seterr(err, DB_ERR_READONLY, "%s: cannot write it: "
			    "%s%s", p, strerror(errno), errno == EPERM ?
			    " (immutable? see lsattr)" : "");
			r = -1;
		}
		free(p);
	}
	return r;
}

static struct db *db_new(const char *);
static int open_sql(struct db *, int, struct db_error *);
static void small_memory(struct db *);
static bool left_unclean(const char *);

/* Remove a stale "<path>.init" and its companions. */
static void
unlink_init(const char *tmp)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	size_t i;

	for (i = 0; i < 4; i++) {
		char *p = xasprintf("%s%s", tmp, sfx[i]);

		unlink(p);
		free(p);
	}
}

/*
 * A new database appears whole or not at all: the schema is built in
 * "<path>.init" (0600 whatever the umask, O_EXCL, O_NOFOLLOW), closed
 * (which checkpoints the WAL into it) and only then linked to path. A
 * writer killed halfway leaves a .init file the next one (holding the
 * lock) throws away, never a half-made file a later start would refuse.
 */
static int
create_fresh(const char *path, struct db_error *err)
{
	char *tmp = xasprintf("%s.init", path);
	struct db *t = NULL;
	int fd, r = -1;

	unlink_init(tmp);
	fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0) {
		db_seterr(err, errno == EROFS ? DB_ERR_READONLY : DB_ERR_IO,
		    "%s: cannot create: %s", path, strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0600) != 0) {
		db_seterr(err, DB_ERR_IO, "%s: chmod: %s", tmp, strerror(errno));
		close(fd);
		goto out;
	}
	close(fd);
	t = db_new(tmp);
	if (open_sql(t, SQLITE_OPEN_READWRITE, err) != 0)
		goto out;
	small_memory(t);
	db_exec(t, "PRAGMA page_size = " DB_PAGE_SIZE);
	db_exec(t, "PRAGMA auto_vacuum = INCREMENTAL");
	if (db_exec(t, "PRAGMA journal_mode = WAL") != SQLITE_OK ||
	    db_migrate(t) != DB_OK) {
		if (t->last == DB_OK)
			db_sqlfail(t, sqlite3_errcode(t->sql), "create");
		db_copyerr(err, t);
		goto out;
	}
	db_close(t);
	t = NULL;
	if (link(tmp, path) != 0 && errno != EEXIST) {
		db_seterr(err, DB_ERR_IO, "%s: cannot create: %s", path,
		    strerror(errno));
		goto out;
	}
	r = 0;
out:
	db_close(t);
	unlink_init(tmp);
	free(tmp);
	return r;
}

/*
 * Read up to len bytes of the head of the regular file at path, and its
 * size, through SQLite's own VFS, never with a bare open()/close(): closing
 * any descriptor of a file drops every POSIX lock the process holds on it,
 * and SQLite's locks are POSIX locks. A process that records and browses
 * one database (the live UI opens a reader beside its writer) would lose
 * its writer's lock; the next other process to close the database would
 * then checkpoint and delete the -wal under the writer, and every later
 * sample would be lost. The unix VFS keeps the descriptor of a file the
 * process holds locks on until those locks go.
 */
static int
read_head(const char *path, unsigned char *buf, size_t len, size_t *n,
    struct db_error *err)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	sqlite3_file *f;
	sqlite3_filename name;
	sqlite3_int64 size = 0;
	struct stat sb;
	int rc, out;

	/* The VFS follows symlinks and opens FIFOs: refuse those first. */
	if (lstat(path, &sb) != 0) {
		db_seterr(err, errno == ENOENT ? DB_ERR_NOENT : DB_ERR_IO,
		    "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISLNK(sb.st_mode)) {
		db_seterr(err, DB_ERR_SYMLINK, "%s: is a symbolic link; "
		    "refusing to use it", path);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		db_seterr(err, DB_ERR_FOREIGN, "%s: not a regular file", path);
		return -1;
	}
	if (vfs == NULL) {
		db_seterr(err, DB_ERR_INTERNAL, "%s: no SQLite VFS", path);
		return -1;
	}
	f = xcalloc(1, (size_t)vfs->szOsFile);
	name = sqlite3_create_filename(path, "", "", 0, NULL);
	rc = vfs->xOpen(vfs, name, f, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_MAIN_DB, &out);
	if (rc == SQLITE_OK) {
		rc = f->pMethods->xFileSize(f, &size);
		*n = size < 0 ? 0 : (size_t)size < len ? (size_t)size : len;
		if (rc == SQLITE_OK && *n > 0)
			rc = f->pMethods->xRead(f, buf, (int)*n, 0);
		f->pMethods->xClose(f);
	} else if (f->pMethods != NULL)
		f->pMethods->xClose(f);
	if (rc != SQLITE_OK)
		db_seterr(err, DB_ERR_IO, "%s: cannot read it: %s", path,
		    sqlite3_errstr(rc));
	sqlite3_free_filename(name);
	free(f);
	return rc == SQLITE_OK ? 0 : -1;
}

/*
 * Make sure path exists as a regular file that is empty or ours: create
 * it whole (create_fresh) or check the header of the one there,
 * read-only, so a foreign file is never opened by SQLite. *created tells
 * whether it is empty (to initialise in place).
 */
static int
prepare_file(const char *path, bool create, bool *created,
    struct db_error *err)
{
	unsigned char h[100];
	struct stat sb;
	size_t n = 0;

	*created = false;
	if (create && lstat(path, &sb) != 0) {
		if (errno != ENOENT) {
			db_seterr(err, DB_ERR_IO, "%s: %s", path,
			    strerror(errno));
			return -1;
		}
		if (create_fresh(path, err) != 0)
			return -1;
	}
	if (read_head(path, h, sizeof(h), &n, err) != 0)
		return -1;
	if (db_check_header(path, h, n, err) != DB_OK)
		return -1;
	*created = n == 0;
	return 0;
}

/*
 * The writer lives in every recording histop for as long as it runs:
 * keep its resident memory small (issue 4). Each sample appends to the
 * right-most pages of a few B-trees, so a 64 KiB page cache holds the
 * hot pages (default: 2 MiB, filled within minutes; 256 KiB cost 190 KiB
 * more and no less CPU per sample); no lookaside slots (about 120 KiB a
 * connection) and no mmap of the file. The connection that creates a
 * new database is set up the same way: the pages it touched would stay
 * in the heap of a process that goes on recording. Readers (history,
 * export) keep SQLite's defaults.
 */
static void
small_memory(struct db *db)
{
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_LOOKASIDE, NULL, 0, 0);
	db_exec(db, "PRAGMA cache_size = -64");
	db_exec(db, "PRAGMA mmap_size = 0");
}

static struct db *
db_new(const char *path)
{
	struct db *db = xcalloc(1, sizeof(*db));

	db->path = xstrdup(path);
	db->lock_fd = -1;
	db->scratch = snapshot_new();
	return db;
}

static int
open_sql(struct db *db, int flags, struct db_error *err)
{
	int rc;

	rc = sqlite3_open_v2(db->path, &db->sql, flags | SQLITE_OPEN_NOFOLLOW,
	    NULL);
	if (rc != SQLITE_OK) {
		db_seterr(err, db_status_of(rc), "%s: %s", db->path,
		    db->sql != NULL ? sqlite3_errmsg(db->sql) :
		    sqlite3_errstr(rc));
		return -1;
	}
	sqlite3_extended_result_codes(db->sql, 1);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	/* Readers and the writer wait for each other's brief locks (WAL
	 * recovery, checkpoints) instead of reporting SQLITE_BUSY. */
	sqlite3_busy_timeout(db->sql, DB_BUSY_MS);
	return 0;
}

struct db *
db_open_writer(const char *path, const struct db_writer_options *opts,
    struct db_error *err)
{
	struct db *db;
	bool created, unclean;
	int rc;

	if (path == NULL || *path == '\0') {
		db_seterr(err, DB_ERR_INVALID, "empty database path");
		return NULL;
	}
	if (make_parents(path, err) != 0 || check_links(path, true, err) != 0)
		return NULL;
	/* A file already there is inspected before anything is created
	 * beside it (not even the lock file). */
	if (access(path, F_OK) == 0 &&
	    prepare_file(path, false, &created, err) != 0)
		return NULL;
	db = db_new(path);
	db->writer = true;
	if (opts != NULL)
		db->opts = *opts;
	db->lock_fd = db_lock(path, err);
	if (db->lock_fd < 0)
		goto fail;
	if (prepare_file(path, true, &created, err) != 0 ||
	    check_companions(path, err) != 0)
		goto fail;
	unclean = !created && db->opts.check_unclean && left_unclean(path);
	if (open_sql(db, SQLITE_OPEN_READWRITE, err) != 0)
		goto fail;
	/* After a crash (power cut, kill -9, a full disk at the wrong
	 * moment), look at the whole file once before adding to it: a
	 * damaged one is reported and left as it is, never written. */
	if (unclean && db_check(db, false, NULL, NULL) != DB_OK) {
		/* closing the last connection would checkpoint the WAL
		 * into the damaged file: leave both as they are */
		sqlite3_db_config(db->sql, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
		    NULL);
		db->damaged = true;
		db_copyerr(err, db); /* escaped once already: copied as is */
		if (err != NULL)
			strlcat(err->msg, "; left untouched (see histop db "
			    "check)", sizeof(err->msg));
		goto fail;
	}
	small_memory(db);
	if (sqlite3_db_readonly(db->sql, "main") == 1) {
		/* SQLite quietly opened it read-only (no write permission). */
		db_seterr(err, DB_ERR_READONLY, "%s: read-only (no permission "
		    "to write it, or a read-only filesystem)", path);
		goto fail;
	}
	if (created) {
		db_exec(db, "PRAGMA page_size = " DB_PAGE_SIZE);
		db_exec(db, "PRAGMA auto_vacuum = INCREMENTAL");
	}
	/* Test seam (runtime, not compiled in): a page budget that makes
	 * "disk full" reproducible where no small filesystem can be mounted. */
	if (getenv("HISTOP_DB_MAX_PAGES") != NULL) {
		char *q = xasprintf("PRAGMA max_page_count = %ld",
		    strtol(getenv("HISTOP_DB_MAX_PAGES"), NULL, 10));

		db_exec(db, q);
		free(q);
	}
	/*
	 * WAL: readers never block the writer. synchronous=NORMAL: a commit
	 * is durable once the WAL is synced at checkpoint; a power cut may
	 * lose the last samples before it (never corrupt the file); a
	 * process crash loses nothing committed.
	 */
	rc = db_exec(db, "PRAGMA journal_mode = WAL");
	if (rc == SQLITE_OK)
		rc = db_exec(db, "PRAGMA synchronous = NORMAL");
	if (rc == SQLITE_OK)
		rc = db_exec(db, "PRAGMA journal_size_limit = 1048576");
	if (rc == SQLITE_OK)
		rc = db_exec(db, "PRAGMA wal_autocheckpoint = 256");
	if (rc != SQLITE_OK) {
		db_sqlfail(db, rc, "open");
		db_copyerr(err, db);
		goto fail;
	}
	if (db_migrate(db) != DB_OK || db_writer_init(db, err) != 0) {
		if (db->last != DB_OK)
			db_copyerr(err, db);
		goto fail;
	}
	/* Readers check the file header before SQLite opens it: move the
	 * stamps a migration wrote from the WAL into the main file now, so
	 * a database being recorded can be replayed from its first sample. */
	sqlite3_wal_checkpoint_v2(db->sql, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
	return db;
fail:
	db_close(db);
	return NULL;
}

/* The check itself failed: too damaged to walk (SQLite's own word for
 * it is one more problem), or an I/O error. n: problems already found. */
static enum db_status
check_fail(struct db *db, int rc, int n, void (*fn)(void *, const char *),
    void *arg)
{
	const char *m = sqlite3_errmsg(db->sql);
	char shown[512];

	if ((rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
		return db_sqlfail(db, rc, "check");
	if (fn != NULL)
		fn(arg, text_shown(shown, sizeof(shown), m));
	if (n > 0)
		return DB_ERR_CORRUPT;
	return db_fail(db, DB_ERR_CORRUPT, "%s: damaged: %s", db->path, m);
}

enum db_status
db_check(struct db *db, bool full, void (*fn)(void *, const char *),
    void *arg)
{
	sqlite3_stmt *st;
	const char *row, *nl;
	char line[512], shown[512];
	int rc, n = 0;

	rc = sqlite3_prepare_v2(db->sql, full ? "PRAGMA integrity_check(100)" :
	    "PRAGMA quick_check(100)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return check_fail(db, rc, 0, fn, arg);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = (const char *)sqlite3_column_text(st, 0);
		if (row == NULL || strcmp(row, "ok") == 0)
			continue;
		/* a row may hold several lines: "*** in database main ***"
		 * heads the first problem */
		for (; *row != '\0'; row = *nl != '\0' ? nl + 1 : nl) {
			nl = strchrnul(row, '\n');
			snprintf(line, sizeof(line), "%.*s", (int)(nl - row),
			    row);
			if (line[0] == '\0' || strncmp(line, "*** ", 4) == 0)
				continue;
			/* db_fail escapes the message itself */
			if (n++ == 0)
				db_fail(db, DB_ERR_CORRUPT, "%s: damaged: %s",
				    db->path, line);
			if (fn != NULL)
				fn(arg, text_shown(shown, sizeof(shown), line));
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return check_fail(db, rc, n, fn, arg);
	return n == 0 ? DB_OK : DB_ERR_CORRUPT;
}

/* A non-empty WAL beside a database no writer holds: its last writer did
 * not close it (a clean close checkpoints and removes the WAL). */
static bool
left_unclean(const char *path)
{
	struct stat st;
	char *wal = xasprintf("%s-wal", path);
	bool r = lstat(wal, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;

	free(wal);
	return r;
}

/*
 * A WAL database needs its -shm file even to be read. A user who may
 * read the file but not write its directory cannot create it while no
 * recorder runs: then nothing is writing, no WAL is pending, and the
 * file can be read as immutable. 0 if reopened so.
 */
static int
reopen_immutable(struct db *db, const char *path)
{
	int rc = sqlite3_extended_errcode(db->sql) & 0xff;
	char *wal, *uri, *q;
	const char *p;
	struct stat st;

	if (rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN)
		return -1;
	wal = xasprintf("%s-wal", path);
	rc = stat(wal, &st) == 0 && st.st_size > 0;
	free(wal);
	if (rc)
		return -1; /* a WAL with frames: immutable would miss them */
	uri = xmalloc(3 * strlen(path) + 32);
	q = uri + sprintf(uri, "file:");
	for (p = path; *p != '\0'; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			q += sprintf(q, "%%%02X", (unsigned char)*p);
		else
			*q++ = *p;
	}
	strcpy(q, "?immutable=1");
	sqlite3_close_v2(db->sql);
	db->sql = NULL;
	rc = sqlite3_open_v2(uri, &db->sql, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return -1;
	sqlite3_extended_result_codes(db->sql, 1);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->sql, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	return 0;
}

struct db *
db_open_reader(const char *path, struct db_error *err)
{
	struct db *db;
	bool created;
	int64_t ver;
	struct stat st;

	if (path == NULL || *path == '\0') {
		db_seterr(err, DB_ERR_INVALID, "empty database path");
		return NULL;
	}
	if (lstat(path, &st) != 0) {
		db_seterr(err, errno == ENOENT ? DB_ERR_NOENT : DB_ERR_IO,
		    "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (check_links(path, false, err) != 0 ||
	    prepare_file(path, false, &created, err) != 0)
		return NULL;
	if (st.st_size == 0) {
		db_seterr(err, DB_ERR_FOREIGN, "%s: empty file, not a histop "
		    "database", path);
		return NULL;
	}
	db = db_new(path);
	if (open_sql(db, SQLITE_OPEN_READONLY, err) != 0)
		goto fail;
	ver = db_int(db, "PRAGMA user_version", -1);
	if (ver < 0 && reopen_immutable(db, path) == 0)
		ver = db_int(db, "PRAGMA user_version", -1);
	if (ver < 0) {
		db_seterr(err, DB_ERR_CORRUPT, "%s: %s", path,
		    sqlite3_errmsg(db->sql));
		goto fail;
	}
	if (ver != DB_SCHEMA_VERSION ||
	    db_int(db, "PRAGMA application_id", 0) != DB_APPLICATION_ID) {
		if (ver > DB_SCHEMA_VERSION)
			db_seterr(err, DB_ERR_NEWER, "%s: schema version %lld "
			    "is newer than this histop understands (%d); "
			    "upgrade histop", path, (long long)ver,
			    DB_SCHEMA_VERSION);
		else if (ver > 0)
			db_seterr(err, DB_ERR_NEWER, "%s: schema version %lld "
			    "is older than this histop's (%d); run histop "
			    "record on it once to migrate", path, (long long)ver,
			    DB_SCHEMA_VERSION);
		else
			db_seterr(err, DB_ERR_FOREIGN, "%s: not a histop "
			    "database", path);
		goto fail;
	}
	return db;
fail:
	db_close(db);
	return NULL;
}

void
db_close(struct db *db)
{
	size_t i;

	if (db == NULL)
		return;
	if (db->writer)
		db_writer_fini(db);
	for (i = 0; i < RST_NSTMTS; i++)
		sqlite3_finalize(db->rst[i]);
	free(db->sample_cols);
	db_series_free(db);
	if (db->sql != NULL) {
		if (db->writer && !db->damaged)
			sqlite3_wal_checkpoint_v2(db->sql, NULL,
			    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		sqlite3_close_v2(db->sql);
	}
	db_unlock(db->lock_fd);
	snapshot_free(db->scratch);
	free(db->path);
	free(db);
}
