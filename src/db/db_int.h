/*
 * db_int.h: what the files of libdb share and nobody else sees: the
 * definition of struct db, the writer's per-process state and helpers.
 */
#ifndef HISTOP_DB_DB_INT_H
#define HISTOP_DB_DB_INT_H

#include <sqlite3.h>
#include <stdarg.h>

#include "core/clock.h"
#include "core/siphash.h"
#include "db/db.h"

/* "HIST" stamped in the header (PRAGMA application_id). */
#define DB_APPLICATION_ID 0x48495354
#define DB_SCHEMA_VERSION 5
/* Page size of a new database: with 4 KiB, the twenty-odd B-trees that
 * each start with a page of their own were a third of a new database
 * (histop-db(5)). */
#define DB_PAGE_SIZE "2048"
/* A process-membership keyframe every this many samples (see histop-db(5)). */
#define DB_KEY_EVERY 300
/* How long a connection waits for another's lock before SQLITE_BUSY. */
#define DB_BUSY_MS 5000
#define DB_KEY_NS (INT64_C(600) * NSEC_PER_SEC)

/* What the writer remembers of each process of the last committed sample
 * (pid-sorted): its identity, its row and a digest of its stored values —
 * not the values themselves, so the writer keeps no copy of the sample. */
struct wproc {
	int64_t id;          /* process.id; 0: skipped (duplicate pid) */
	uint64_t start_time_ns;
	uint64_t digest;     /* proc_digest() of the values last stored */
	pid_t pid;
	bool have_start;
	bool stale;          /* values unknown (loaded at open): write a row */
};

struct strcache;

/* Reader statement slots (db_stmt()). */
enum { RST_SAMPLE, RST_CPU, RST_DISK, RST_NET, RST_FS, RST_LIMITS,
	RST_RLIMIT, RST_LIVE, RST_PROC, RST_STR, RST_FIRST, RST_LAST,
	RST_BEFORE, RST_AFTER, RST_NEXT, RST_PREV, RST_RANGE, RST_PREVSEQ,
	RST_SYS, RST_HIST, RST_PID, RST_ROLLUP, RST_RET0, RST_NSTMTS = RST_RET0 + 40 };

struct db {
	sqlite3 *sql;
	char *path;
	bool writer;
	bool damaged;   /* writer: found damaged at open, never checkpointed */
	int lock_fd;
	char errmsg[512];
	enum db_status last;

	/* writer */
	struct db_writer_options opts;
	sqlite3_stmt *st[32];
	char *proc_cols;          /* column list of proc rows, from the schema */
	const struct field_desc *pcols[PROC_NFIELDS]; /* stored proc fields */
	size_t npcols;
	uint64_t last_seq, key_seq;
	int64_t next_id;          /* id of the next process first seen */
	int64_t key_mono;         /* monotonic time of the last keyframe */
	int64_t fs_seq, lim_seq;
	bool keyframe_due;
	struct snapshot *prev;    /* last committed sample, processes left out */
	struct snapshot *cur;     /* a sorted copy of an unsorted sample */
	struct wproc *prev_w, *cur_w;
	size_t nprev_w, cap_prev_w, cap_cur_w;
	struct siphash_key digest_key; /* random per writer */
	unsigned char *digest_buf;
	size_t digest_bufsz;
	bool have_prev;
	struct strcache *strs;
	uint64_t writes;
	int64_t last_wall_ns;

	/* retention state */
	int64_t rollup_done[3];   /* end of the last rolled-up bucket, per tier */
	int64_t next_retention_ns;
	/* the sweep of unused strings: ids from sweep_lo to sweep_hi not
	 * marked in sweep_bits by the end of a pass over every table are
	 * deleted; the next pass starts from sweep_next */
	uint64_t *sweep_bits;
	int64_t sweep_lo, sweep_hi, sweep_next;
	bool sweep_wrap;          /* sweep_hi is the last id: next from 0 */
	int64_t sweep_key[3];     /* last key scanned in table sweep_tab */
	int sweep_tab;
	bool sweep_deleted;       /* strings deleted: drop the cached ids */
	int64_t sweep_after_ns;   /* wall time before which no pass starts */

	/* WAL size bound (db_wal_bound()) */
	unsigned wal_skip, wal_backoff;

	/* reader */
	struct snapshot *scratch;
	sqlite3_stmt *rst[RST_NSTMTS];
	char *sample_cols;
	struct db_rawrows *raw;   /* series.c: the last raw scan, all metrics */
	int64_t lo_id;            /* series.c: str id of "lo"; 0 not looked up
	                           * yet, -1 none */
};

/* Indexes into db->st[] (prepared once, in writer.c). */
enum {
	ST_SAMPLE, ST_CPU, ST_DISK, ST_NET, ST_FS, ST_LIMITS, ST_RLIMIT,
	ST_PROCESS_NEW, ST_PROCESS_GONE, ST_PROC, ST_MEMBER, ST_STR_GET,
	ST_STR_ADD, ST_BEGIN, ST_COMMIT, ST_ROLLBACK, ST_NSTMTS
};

/* db.c */
enum db_status db_fail(struct db *, enum db_status, const char *, ...)
    __attribute__((format(printf, 3, 4)));
enum db_status db_sqlfail(struct db *, int rc, const char *what);
enum db_status db_status_of(int rc);
void db_seterr(struct db_error *, enum db_status, const char *, ...)
    __attribute__((format(printf, 3, 4)));
void db_copyerr(struct db_error *, const struct db *);
/* Run SQL without results; returns SQLite's rc. */
int db_exec(struct db *, const char *sql);
/* One integer from a query without parameters; dflt if no row. */
int64_t db_int(struct db *, const char *sql, int64_t dflt);
/* Writer, after each commit: cut a WAL that readers kept from being
 * reset back to nothing (see db.c). */
void db_wal_bound(struct db *);
/* Bind a u64 (stored as its int64 bit pattern) or NULL when !have. */
void db_bind_u64(sqlite3_stmt *, int idx, bool have, uint64_t v);
uint64_t db_col_u64(sqlite3_stmt *, int idx);
bool utf8_valid(const char *, size_t);

/* schema.c */
/* Bring the schema to DB_SCHEMA_VERSION, one transaction per step. */
enum db_status db_migrate(struct db *);
/* Check a file's 100-byte header (its first n bytes, h) without opening
 * it with SQLite: ours, foreign, newer. */
enum db_status db_check_header(const char *path, const unsigned char *h,
    size_t n, struct db_error *);

/* lock.c */
int db_lock(const char *dbpath, struct db_error *);
void db_unlock(int fd);

/* strtab.c: interned strings (writer side). */
struct strcache *strcache_new(void);
void strcache_free(struct strcache *);
void strcache_clear(struct strcache *);
/* Forget the ids cached since the last commit (all of them). */
void strcache_rollback(struct strcache *);
/* Bytes the cache holds: a constant. */
size_t strcache_bytes(const struct strcache *);
/* Define SQL function histop_strhash(s, key) on db's connection (for
 * DB_STRHASH_FILL); an SQLite status. */
int db_strhash_register(struct db *);
/* A new random key of str.h in meta, and every string hashed under it. */
#define DB_STRHASH_FILL \
	"INSERT OR REPLACE INTO meta VALUES('str_key', randomblob(16));" \
	"UPDATE str SET h = histop_strhash(s, (SELECT value FROM meta" \
	" WHERE key = 'str_key'));"
/* Load the key of str.h (the writer, at open; a new key if it is gone);
 * -1 on error. */
int db_strtab_load(struct db *);
/* id of the string, inserting it; 0 on SQLite failure (status in db). */
int64_t db_intern(struct db *, const char *s, size_t len);

/* writer.c */
/* Columns of table sample in the order the writer binds and readers read. */
char *db_sample_cols(void);
/* Find which process fields table proc stores (db->pcols). */
void db_find_proc_cols(struct db *);
bool db_has_column(struct db *, const char *table, const char *col);
int db_writer_init(struct db *, struct db_error *);
void db_writer_fini(struct db *);

/* reader.c */
/* Reconstruct sample seq (raw values, no derivation) into out. */
enum db_status db_load_snapshot(struct db *, uint64_t seq, struct snapshot *);
/* Ids of the processes alive at seq, whose keyframe is key (sorted by
 * id). Caller frees *ids. */
enum db_status db_live_ids(struct db *, uint64_t key, uint64_t seq,
    int64_t **ids, size_t *n);
/* Start / end a read transaction unless one is open (consistent reads
 * across statements). */
bool db_read_begin(struct db *);
void db_read_end(struct db *, bool began);
/* First sample at or after from and last at or before to (by wall time);
 * DB_ERR_NOTFOUND if the range holds none. */
enum db_status db_seek_range(struct db *, int64_t from, int64_t to,
    struct db_sample *first, struct db_sample *last);
/* Prepared once per handle, finalised by db_close(). */
sqlite3_stmt *db_stmt(struct db *, int slot, const char *sql);

/* retention.c */
void db_retention_init(struct db *);
void db_retention_step(struct db *);
void db_retention_fini(struct db *);
/* Mark string id as in use for the running sweep of unused strings. */
void db_sweep_mark(struct db *, int64_t id);

/* series.c: the system metrics of one sample, as read for series and
 * rollups (db_sysrow_sql() selects seq range ?1..?2). */
#define DB_SYSROW_NCOLS 26
struct db_sysrow {
	uint64_t seq;
	int64_t wall_ns, mono_ns, boot;
	bool have[DB_SYSROW_NCOLS];
	double d[DB_SYSROW_NCOLS];
	uint64_t u[DB_SYSROW_NCOLS];
};
const char *db_sysrow_sql(void);
/* Bind the seq range and the id of "lo" to a db_sysrow_sql() statement. */
void db_sysrow_bind(struct db *, sqlite3_stmt *, uint64_t from, uint64_t to);
void db_sysrow_read(sqlite3_stmt *, struct db_sysrow *);
/* Metrics of c against the sample before it (p, may be NULL). */
void db_sysrow_metrics(const struct db_sysrow *c, const struct db_sysrow *p,
    double *v, bool *have);
/* Free the raw-scan cache of db_series() (db_close). */
void db_series_free(struct db *);

#endif
