/*
 * schema.c: the schema as ordered migrations, and the header check that
 * tells a histop database from anything else before SQLite touches it.
 * Depends on SQLite and core. The schema is described in histop-db(5).
 */
#include "config.h"

#include "db/db_int.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/*
 * Version 1: samples with system metrics, per-CPU/disk/network/filesystem
 * rows, limits, interned strings, processes stored as changes against
 * membership keyframes, one-minute and ten-minute rollups of metrics.
 * Never edit a released step: add a new one.
 */
static const char schema_v1[] =
"CREATE TABLE meta(key TEXT PRIMARY KEY, value ANY) STRICT, WITHOUT ROWID;"
"CREATE TABLE str(id INTEGER PRIMARY KEY, s ANY NOT NULL) STRICT;"
"CREATE UNIQUE INDEX str_s ON str(s);"
"CREATE TABLE sample("
" seq INTEGER PRIMARY KEY, wall_ns INTEGER NOT NULL, mono_ns INTEGER NOT NULL,"
" interval_ns INTEGER NOT NULL, boot INTEGER, key_seq INTEGER NOT NULL,"
" fs_seq INTEGER, limits_seq INTEGER, areas INTEGER NOT NULL,"
" ticks_per_sec INTEGER, nproc INTEGER NOT NULL,"
" mem_total_bytes INTEGER, mem_available_bytes INTEGER, mem_used_bytes INTEGER,"
" mem_free_bytes INTEGER, mem_buffers_bytes INTEGER, mem_cached_bytes INTEGER,"
" mem_shared_bytes INTEGER, swap_total_bytes INTEGER, swap_used_bytes INTEGER,"
" swap_free_bytes INTEGER,"
" load1 REAL, load5 REAL, load15 REAL, tasks_running INTEGER, tasks_total INTEGER,"
" psi_cpu_some_avg10 REAL, psi_cpu_some_avg60 REAL, psi_cpu_some_avg300 REAL,"
" psi_cpu_some_total_ns INTEGER,"
" psi_cpu_full_avg10 REAL, psi_cpu_full_avg60 REAL, psi_cpu_full_avg300 REAL,"
" psi_cpu_full_total_ns INTEGER,"
" psi_memory_some_avg10 REAL, psi_memory_some_avg60 REAL,"
" psi_memory_some_avg300 REAL, psi_memory_some_total_ns INTEGER,"
" psi_memory_full_avg10 REAL, psi_memory_full_avg60 REAL,"
" psi_memory_full_avg300 REAL, psi_memory_full_total_ns INTEGER,"
" psi_io_some_avg10 REAL, psi_io_some_avg60 REAL, psi_io_some_avg300 REAL,"
" psi_io_some_total_ns INTEGER,"
" psi_io_full_avg10 REAL, psi_io_full_avg60 REAL, psi_io_full_avg300 REAL,"
" psi_io_full_total_ns INTEGER) STRICT;"
"CREATE INDEX sample_wall ON sample(wall_ns);"
"CREATE TABLE cpu(seq INTEGER NOT NULL, cpu INTEGER NOT NULL,"
" user_ns INTEGER, nice_ns INTEGER, system_ns INTEGER, idle_ns INTEGER,"
" iowait_ns INTEGER, irq_ns INTEGER, softirq_ns INTEGER, steal_ns INTEGER,"
" guest_ns INTEGER, guest_nice_ns INTEGER,"
" PRIMARY KEY(seq, cpu)) STRICT, WITHOUT ROWID;"
"CREATE TABLE disk(seq INTEGER NOT NULL, name INTEGER NOT NULL,"
" reads INTEGER, writes INTEGER, read_bytes INTEGER, write_bytes INTEGER,"
" busy_ns INTEGER, PRIMARY KEY(seq, name)) STRICT, WITHOUT ROWID;"
"CREATE TABLE net(seq INTEGER NOT NULL, name INTEGER NOT NULL, up INTEGER,"
" rx_bytes INTEGER, rx_packets INTEGER, rx_errors INTEGER, rx_drops INTEGER,"
" tx_bytes INTEGER, tx_packets INTEGER, tx_errors INTEGER, tx_drops INTEGER,"
" PRIMARY KEY(seq, name)) STRICT, WITHOUT ROWID;"
"CREATE TABLE fs(seq INTEGER NOT NULL, n INTEGER NOT NULL, device INTEGER,"
" mount INTEGER, type INTEGER, size_bytes INTEGER, used_bytes INTEGER,"
" avail_bytes INTEGER, inodes_total INTEGER, inodes_used INTEGER,"
" inodes_free INTEGER, PRIMARY KEY(seq, n)) STRICT, WITHOUT ROWID;"
"CREATE TABLE limits(seq INTEGER PRIMARY KEY, cgroup_version INTEGER,"
" cgroup_path INTEGER, cpu_quota_ns INTEGER, cpu_period_ns INTEGER,"
" cpu_usage_ns INTEGER, memory_limit_bytes INTEGER, memory_usage_bytes INTEGER,"
" swap_limit_bytes INTEGER, pids_limit INTEGER, pids_current INTEGER,"
" unlimited INTEGER NOT NULL, io_max INTEGER) STRICT;"
"CREATE TABLE rlimit(seq INTEGER NOT NULL, resource TEXT NOT NULL,"
" soft INTEGER, hard INTEGER, soft_unlimited INTEGER NOT NULL,"
" hard_unlimited INTEGER NOT NULL, PRIMARY KEY(seq, resource)) STRICT,"
" WITHOUT ROWID;"
"CREATE TABLE process(id INTEGER PRIMARY KEY, pid INTEGER NOT NULL,"
" start_time_ns INTEGER, boot INTEGER, first_seq INTEGER NOT NULL,"
" gone_seq INTEGER) STRICT;"
"CREATE INDEX process_pid ON process(pid, start_time_ns);"
"CREATE INDEX process_first ON process(first_seq);"
"CREATE INDEX process_gone ON process(gone_seq);"
"CREATE TABLE proc(id INTEGER NOT NULL, seq INTEGER NOT NULL,"
" ppid INTEGER, uid INTEGER, user INTEGER, state TEXT, comm INTEGER,"
" cmdline INTEGER, threads INTEGER, nice INTEGER, user_time_ns INTEGER,"
" system_time_ns INTEGER, total_time_ns INTEGER, rss_bytes INTEGER,"
" vms_bytes INTEGER, swap_bytes INTEGER, shared_bytes INTEGER,"
" data_bytes INTEGER, stack_bytes INTEGER, read_bytes INTEGER,"
" write_bytes INTEGER, kernel_thread INTEGER NOT NULL,"
" PRIMARY KEY(id, seq)) STRICT, WITHOUT ROWID;"
"CREATE TABLE member(seq INTEGER NOT NULL, id INTEGER NOT NULL,"
" PRIMARY KEY(seq, id)) STRICT, WITHOUT ROWID;"
"CREATE TABLE rollup(tier INTEGER NOT NULL, metric TEXT NOT NULL,"
" t_ns INTEGER NOT NULL, n INTEGER NOT NULL, min REAL, avg REAL, max REAL,"
" PRIMARY KEY(tier, metric, t_ns)) STRICT, WITHOUT ROWID;";

/*
 * Version 2: the number of online CPUs and each process's cgroup; strings
 * indexed by hash; rollups of the top processes; the views of
 * histop-db(5).
 */
static const char schema_v2[] =
"ALTER TABLE sample ADD COLUMN ncpu_online INTEGER;"
"ALTER TABLE proc ADD COLUMN cgroup INTEGER;"
/* Strings are found by a 64-bit hash of their bytes: an index on the
 * strings themselves doubled the size of long command lines. */
"ALTER TABLE str ADD COLUMN h INTEGER;"
"DROP INDEX str_s;"
"CREATE INDEX str_h ON str(h);"
"CREATE TABLE rollup_proc(tier INTEGER NOT NULL, t_ns INTEGER NOT NULL,"
" pid INTEGER NOT NULL, start_time_ns INTEGER, user INTEGER, comm INTEGER,"
" cmdline INTEGER, cpu_percent REAL, rss_bytes INTEGER) STRICT;"
"CREATE INDEX rollup_proc_t ON rollup_proc(tier, t_ns);"
"CREATE VIEW sample_time AS SELECT seq, wall_ns,"
" datetime(wall_ns / 1000000000, 'unixepoch', 'localtime') AS time,"
" interval_ns, (SELECT s FROM str WHERE id = boot) AS boot_id, nproc"
" FROM sample;"
"CREATE VIEW cpu_percent AS SELECT seq, wall_ns, time, cpu,"
" CASE WHEN dt > 0 AND db >= 0 THEN 100.0 * db / dt END AS usage_percent,"
" CASE WHEN dt > 0 AND du >= 0 THEN 100.0 * du / dt END AS user_percent,"
" CASE WHEN dt > 0 AND ds >= 0 THEN 100.0 * ds / dt END AS system_percent,"
" CASE WHEN dt > 0 AND dw >= 0 THEN 100.0 * dw / dt END AS iowait_percent"
" FROM (SELECT seq, wall_ns, time, cpu,"
"  busy - lag(busy) OVER w AS db, total - lag(total) OVER w AS dt,"
"  user_ns - lag(user_ns) OVER w AS du,"
"  system_ns - lag(system_ns) OVER w AS ds,"
"  iowait_ns - lag(iowait_ns) OVER w AS dw"
"  FROM (SELECT c.*, s.wall_ns,"
"   datetime(s.wall_ns / 1000000000, 'unixepoch', 'localtime') AS time,"
"   ifnull(user_ns, 0) + ifnull(nice_ns, 0) + ifnull(system_ns, 0)"
"   + ifnull(irq_ns, 0) + ifnull(softirq_ns, 0) + ifnull(steal_ns, 0) AS busy,"
"   ifnull(user_ns, 0) + ifnull(nice_ns, 0) + ifnull(system_ns, 0)"
"   + ifnull(irq_ns, 0) + ifnull(softirq_ns, 0) + ifnull(steal_ns, 0)"
"   + ifnull(idle_ns, 0) + ifnull(iowait_ns, 0) AS total"
"   FROM cpu c JOIN sample s USING (seq))"
"  WINDOW w AS (PARTITION BY cpu ORDER BY seq));"
"CREATE VIEW memory AS SELECT seq, wall_ns,"
" datetime(wall_ns / 1000000000, 'unixepoch', 'localtime') AS time,"
" mem_total_bytes, mem_available_bytes, mem_used_bytes, mem_free_bytes,"
" mem_buffers_bytes, mem_cached_bytes, mem_shared_bytes, swap_total_bytes,"
" swap_used_bytes, swap_free_bytes,"
" 100.0 * (mem_total_bytes - mem_available_bytes) / mem_total_bytes"
" AS usage_percent FROM sample;"
"CREATE VIEW process_row AS SELECT p.seq, s.wall_ns,"
" datetime(s.wall_ns / 1000000000, 'unixepoch', 'localtime') AS time,"
" p.id, r.pid, r.start_time_ns, p.ppid, p.uid, u.s AS user, p.state,"
" c.s AS comm, m.s AS cmdline, p.threads, p.nice, p.user_time_ns,"
" p.system_time_ns, p.total_time_ns, p.rss_bytes, p.vms_bytes, p.swap_bytes,"
" p.shared_bytes, p.data_bytes, p.stack_bytes, p.read_bytes, p.write_bytes,"
" g.s AS cgroup,"
" p.total_time_ns - lag(p.total_time_ns) OVER w AS cpu_ns,"
" s.mono_ns - lag(s.mono_ns) OVER w AS span_ns"
" FROM proc p JOIN process r ON r.id = p.id JOIN sample s ON s.seq = p.seq"
" LEFT JOIN str u ON u.id = p.user LEFT JOIN str c ON c.id = p.comm"
" LEFT JOIN str m ON m.id = p.cmdline LEFT JOIN str g ON g.id = p.cgroup"
" WINDOW w AS (PARTITION BY p.id ORDER BY p.seq);"
"CREATE VIEW top_process AS SELECT tier, t_ns,"
" datetime(t_ns / 1000000000, 'unixepoch', 'localtime') AS time, pid,"
" start_time_ns, u.s AS user, c.s AS comm, m.s AS cmdline, cpu_percent,"
" rss_bytes FROM rollup_proc r LEFT JOIN str u ON u.id = r.user"
" LEFT JOIN str c ON c.id = r.comm LEFT JOIN str m ON m.id = r.cmdline;";

/*
 * Version 3: a smaller store (issue 3's storage target). Process ids are
 * handed out in first-seen order, so the processes first seen from a
 * sample on are a range of ids starting at its new_process_id: the
 * first_seq index goes, and a keyframe lists as members only the
 * processes it did not see born. Processes are found by pid through the
 * keyframes, not an index; only exits are indexed. Strings are no longer
 * indexed: the writer keeps a hash of each in memory. new_process_id of
 * the old samples is the lowest id first seen at or after them (ids
 * already grew with first_seq; retention moves first_seq forward only
 * for the members of the oldest keyframe).
 */
static const char schema_v3[] =
"ALTER TABLE sample ADD COLUMN new_process_id INTEGER;"
"UPDATE sample SET new_process_id = ifnull((SELECT id FROM process"
" WHERE first_seq >= sample.seq ORDER BY first_seq, id LIMIT 1),"
" (SELECT ifnull(max(id), 0) + 1 FROM process));"
"DROP INDEX process_first;"
"DROP INDEX process_pid;"
"DROP INDEX process_gone;"
"CREATE INDEX process_gone ON process(gone_seq) WHERE gone_seq IS NOT NULL;"
"DROP INDEX str_h;"
"ALTER TABLE str DROP COLUMN h;";

/*
 * Version 4: proc.total_time_ns is NULL when it is user + system time (a
 * tenth of a busy process's row): readers and the process_row view add
 * them up. Rollups of the top processes are keyed by their rank in the
 * bucket, without an index of their own; tier 1 keeps the peak RSS of
 * the minute.
 */
static const char schema_v4[] =
"DROP VIEW process_row;"
"CREATE VIEW process_row AS SELECT p.seq, s.wall_ns,"
" datetime(s.wall_ns / 1000000000, 'unixepoch', 'localtime') AS time,"
" p.id, r.pid, r.start_time_ns, p.ppid, p.uid, u.s AS user, p.state,"
" c.s AS comm, m.s AS cmdline, p.threads, p.nice, p.user_time_ns,"
" p.system_time_ns, ifnull(p.total_time_ns,"
" p.user_time_ns + p.system_time_ns) AS total_time_ns,"
" p.rss_bytes, p.vms_bytes, p.swap_bytes, p.shared_bytes, p.data_bytes,"
" p.stack_bytes, p.read_bytes, p.write_bytes, g.s AS cgroup,"
" ifnull(p.total_time_ns, p.user_time_ns + p.system_time_ns)"
" - lag(ifnull(p.total_time_ns, p.user_time_ns + p.system_time_ns))"
" OVER w AS cpu_ns,"
" s.mono_ns - lag(s.mono_ns) OVER w AS span_ns"
" FROM proc p JOIN process r ON r.id = p.id JOIN sample s ON s.seq = p.seq"
" LEFT JOIN str u ON u.id = p.user LEFT JOIN str c ON c.id = p.comm"
" LEFT JOIN str m ON m.id = p.cmdline LEFT JOIN str g ON g.id = p.cgroup"
" WINDOW w AS (PARTITION BY p.id ORDER BY p.seq);"
"CREATE TABLE rollup_top(tier INTEGER NOT NULL, t_ns INTEGER NOT NULL,"
" rank INTEGER NOT NULL, pid INTEGER NOT NULL, start_time_ns INTEGER,"
" user INTEGER, comm INTEGER, cmdline INTEGER, cpu_percent REAL,"
" rss_bytes INTEGER, PRIMARY KEY(tier, t_ns, rank)) STRICT, WITHOUT ROWID;"
"INSERT INTO rollup_top SELECT tier, t_ns, row_number() OVER"
" (PARTITION BY tier, t_ns ORDER BY rowid) - 1, pid, start_time_ns, user,"
" comm, cmdline, cpu_percent, rss_bytes FROM rollup_proc;"
"DROP VIEW top_process;"
"DROP TABLE rollup_proc;"
"ALTER TABLE rollup_top RENAME TO rollup_proc;"
"CREATE VIEW top_process AS SELECT tier, t_ns,"
" datetime(t_ns / 1000000000, 'unixepoch', 'localtime') AS time, rank, pid,"
" start_time_ns, u.s AS user, c.s AS comm, m.s AS cmdline, cpu_percent,"
" rss_bytes FROM rollup_proc r LEFT JOIN str u ON u.id = r.user"
" LEFT JOIN str c ON c.id = r.comm LEFT JOIN str m ON m.id = r.cmdline;";

/*
 * Version 5: strings are found by an indexed 32-bit hash again, so the
 * writer no longer keeps one of every stored string in memory (issue 4:
 * resident memory flat over a long run). str.h is SipHash-2-4 under the
 * random key meta.str_key, so nobody can make many strings share a hash.
 */
static const char schema_v5[] =
"ALTER TABLE str ADD COLUMN h INTEGER;"
DB_STRHASH_FILL
"CREATE INDEX str_h ON str(h);";

static const char *const migrations[] = { schema_v1, schema_v2, schema_v3,
	schema_v4, schema_v5 };

int
db_schema_version(void)
{
	return DB_SCHEMA_VERSION;
}

/* Big-endian 32-bit field of the database header. */
static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * What SQLite reads through the WAL, which the file header does not show:
 * until its first checkpoint a new database's application id and schema
 * version live only in the -wal file, so a recorder killed then would
 * otherwise find "application id 0" and refuse its own file forever.
 * Read-only: the file is never written. -1 if SQLite cannot tell.
 */
static int
sqlite_header(const char *path, uint32_t *app, uint32_t *ver, bool *empty)
{
	sqlite3 *sql = NULL;
	sqlite3_stmt *st = NULL;
	int r = -1;

	if (sqlite3_open_v2(path, &sql, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOFOLLOW, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(sql, 2000);
		if (sqlite3_prepare_v2(sql, "SELECT (SELECT application_id "
		    "FROM pragma_application_id), (SELECT user_version FROM "
		    "pragma_user_version), (SELECT count(*) FROM sqlite_schema)",
		    -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW) {
			*app = (uint32_t)sqlite3_column_int64(st, 0);
			*ver = (uint32_t)sqlite3_column_int64(st, 1);
			*empty = sqlite3_column_int64(st, 2) == 0;
			r = 0;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close_v2(sql);
	return r;
}

/* Does path have a -wal with frames in it? Without one the header is
 * the truth, and SQLite is not asked (it would leave -wal and -shm files
 * beside a file it then refuses). */
static bool
wal_nonempty(const char *path)
{
	char wal[PATH_MAX];
	struct stat st;

	if ((size_t)snprintf(wal, sizeof(wal), "%s-wal", path) >= sizeof(wal))
		return false;
	return lstat(wal, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 32;
}

enum db_status
db_check_header(const char *path, const unsigned char *h, size_t n,
    struct db_error *err)
{
	uint32_t app, ver;
	bool empty = false;

	if (n == 0)
		return DB_OK; /* empty: ours to initialise (writer) */
	if (n < 100 || memcmp(h, "SQLite format 3", 16) != 0) {
		db_seterr(err, DB_ERR_FOREIGN,
		    "%s: not a histop database (not an SQLite file); "
		    "left untouched", path);
		return DB_ERR_FOREIGN;
	}
	app = be32(h + 68);
	ver = be32(h + 60);
	/*
	 * Byte 18 == 2: WAL mode; with frames in the -wal, the header may be
	 * stale (a newer schema or our stamp only in the -wal): ask SQLite,
	 * read-only. A file with no stamp may be ours, killed while being
	 * created: if SQLite cannot read it without writing (a hot rollback
	 * journal from switching to WAL) and its header counts at most one
	 * page, nothing was ever committed to it; an SQLite file with no
	 * table is ours too. (The writer's checkpoint after opening narrows
	 * the window; a kill before it still leaves such a file.)
	 */
	if ((h[18] == 2 && wal_nonempty(path)) || (app == 0 && ver == 0)) {
		if (!wal_nonempty(path) ||
		    sqlite_header(path, &app, &ver, &empty) != 0)
			empty = app == 0 && ver == 0 && be32(h + 28) <= 1;
		if (app == 0 && ver == 0 && empty)
			return DB_OK;
	}
	if (app != DB_APPLICATION_ID) {
		db_seterr(err, DB_ERR_FOREIGN,
		    "%s: not a histop database (application id 0x%08x); "
		    "left untouched", path, (unsigned)app);
		return DB_ERR_FOREIGN;
	}
	if (ver > DB_SCHEMA_VERSION) {
		db_seterr(err, DB_ERR_NEWER,
		    "%s: schema version %u is newer than this histop "
		    "understands (%d); upgrade histop", path, (unsigned)ver,
		    DB_SCHEMA_VERSION);
		return DB_ERR_NEWER;
	}
	return DB_OK;
}

enum db_status
db_migrate(struct db *db)
{
	int64_t ver, app;
	size_t i;
	int rc;
	char buf[128];

	/*
	 * Every step in one transaction: a crash or kill -9 at any moment
	 * leaves the old version whole (never an intermediate one), and the
	 * next start migrates it again (tests/db/fault_migrate.sh).
	 */
	rc = db_strhash_register(db);
	if (rc == SQLITE_OK)
		rc = db_exec(db, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK)
		return db_sqlfail(db, rc, "begin migration");
	for (;;) {
		ver = db_int(db, "PRAGMA user_version", -1);
		app = db_int(db, "PRAGMA application_id", -1);
		if (ver < 0 || app < 0) {
			db_exec(db, "ROLLBACK");
			return db_fail(db, DB_ERR_CORRUPT,
			    "%s: cannot read the schema version", db->path);
		}
		if (ver == 0 && app == 0 &&
		    db_int(db, "SELECT count(*) FROM sqlite_schema", 1) != 0) {
			db_exec(db, "ROLLBACK");
			return db_fail(db, DB_ERR_FOREIGN,
			    "%s: not a histop database; left untouched",
			    db->path);
		}
		if (ver != 0 && app != DB_APPLICATION_ID) {
			db_exec(db, "ROLLBACK");
			return db_fail(db, DB_ERR_FOREIGN,
			    "%s: not a histop database; left untouched",
			    db->path);
		}
		if (ver > DB_SCHEMA_VERSION) {
			db_exec(db, "ROLLBACK");
			return db_fail(db, DB_ERR_NEWER,
			    "%s: schema version %lld is newer than this "
			    "histop understands (%d); upgrade histop",
			    db->path, (long long)ver, DB_SCHEMA_VERSION);
		}
		if (ver == DB_SCHEMA_VERSION)
			break;
		i = (size_t)ver;
		rc = db_exec(db, migrations[i]);
		if (rc == SQLITE_OK && ver == 0) {
			snprintf(buf, sizeof(buf), "PRAGMA application_id = %d",
			    DB_APPLICATION_ID);
			rc = db_exec(db, buf);
		}
		if (rc == SQLITE_OK) {
			snprintf(buf, sizeof(buf), "PRAGMA user_version = %zu",
			    i + 1);
			rc = db_exec(db, buf);
		}
		if (rc != SQLITE_OK) {
			enum db_status st = db_sqlfail(db, rc, "migrate schema");

			db_exec(db, "ROLLBACK");
			return st;
		}
	}
	return db_exec(db, "COMMIT") == SQLITE_OK ? DB_OK :
	    db_sqlfail(db, sqlite3_errcode(db->sql), "commit");
}
