/*
 * db.h: the history store — every snapshot in one SQLite file (schema in
 * histop-db(5)). libdb's only public header. Depends on core only.
 *
 * Writer (the recorder, the live UI):
 *
 *   struct db_error e;
 *   struct db *db = db_open_writer(path, NULL, &e);  // NULL: see e.code
 *   db_write(db, snap, &e);   // one transaction per snapshot
 *   db_close(db);             // checkpoints the WAL
 *
 * Reader (replay, time travel, export): db_open_reader() never writes,
 * never blocks the writer, and sees new samples as they are committed.
 * Every seek goes through an index; nothing scans from the start.
 *
 * Every function that can fail returns enum db_status; db_errmsg() gives
 * the one-line message of the last failure on that handle.
 */
#ifndef HISTOP_DB_DB_H
#define HISTOP_DB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/snapshot.h"

struct db;

enum db_status {
	DB_OK = 0,
	DB_ERR_LOCKED,    /* another writer holds the database: see pid */
	DB_ERR_FOREIGN,   /* not a histop database (left untouched) */
	DB_ERR_NEWER,     /* schema newer than this histop understands */
	DB_ERR_SYMLINK,   /* the path (or its lock file) is a symlink */
	DB_ERR_NOENT,     /* reader: no database at that path */
	DB_ERR_CORRUPT,   /* SQLite says the file is damaged */
	DB_ERR_FULL,      /* transient: disk or quota full */
	DB_ERR_READONLY,  /* transient: file or filesystem read-only */
	DB_ERR_IO,        /* transient: I/O error; or open/create failed */
	DB_ERR_NOTFOUND,  /* no such sample (empty database, seq pruned) */
	DB_ERR_INVALID,   /* bad argument (range, bucket count) */
	DB_ERR_INTERNAL   /* SQLite misuse or an unexpected error */
};

/* What the opening functions report. msg is one line without "histop: ". */
struct db_error {
	enum db_status code;
	pid_t pid;        /* DB_ERR_LOCKED: the writer's pid (0 if unknown) */
	char msg[512];
};

/* True for the write errors a recorder should wait out (full, read-only,
 * I/O): keep sampling, retry on the next sample. */
bool db_status_transient(enum db_status);

/* ---- opening --------------------------------------------------------- */

struct db_writer_options {
	int64_t retention_ns;  /* oldest data kept; 0 = default (DB_DEFAULT_RETENTION_NS) */
	uint64_t max_size;     /* bytes in use; 0 = default (DB_DEFAULT_MAX_SIZE) */
	bool no_retention;     /* never prune (tests, benchmarks) */
	bool check_unclean;    /* quick_check a file its last writer did not
	                        * close (a WAL left behind): the recorder */
};
#define DB_DEFAULT_RETENTION_NS (INT64_C(30) * 86400 * INT64_C(1000000000))
#define DB_DEFAULT_MAX_SIZE ((uint64_t)1 << 30)
/* Full-resolution samples are kept this long (or the retention if
 * shorter); 1-minute rollups 7 days; 10-minute rollups the retention. */
#define DB_RAW_AGE_NS (INT64_C(86400) * INT64_C(1000000000))
#define DB_1M_AGE_NS (INT64_C(7) * 86400 * INT64_C(1000000000))

/*
 * Open (creating file 0600 and missing directories 0700) the database at
 * path for writing and take the writer lock (<path>.lock). A file that is
 * not a histop database, or has a newer schema, is refused untouched; an
 * older schema is migrated. opts may be NULL. Returns NULL with err filled
 * on failure (err->code DB_ERR_LOCKED and err->pid tell "already recording
 * (pid N)" apart). Caller frees with db_close().
 */
struct db *db_open_writer(const char *path, const struct db_writer_options *,
    struct db_error *err);
/*
 * Open for reading only. Never creates, migrates or writes the file.
 * Returns NULL with err filled on failure. Caller frees with db_close().
 */
struct db *db_open_reader(const char *path, struct db_error *err);
/* Writer: checkpoint the WAL, release the lock. NULL is fine. */
void db_close(struct db *);

/* Message of the last failure on this handle. Borrowed; valid until the
 * next call on db. */
const char *db_errmsg(const struct db *);
/* The path the handle was opened with. Borrowed. */
const char *db_path(const struct db *);
/*
 * The permission bits of the database file when others than its owner
 * may read or write it (it holds every user's command lines), else 0:
 * callers warn, naming the mode; an admin may have chosen 0640 on purpose.
 */
int db_exposed_mode(const struct db *);

/* ---- writing --------------------------------------------------------- */

/*
 * Store one snapshot in one transaction (BEGIN IMMEDIATE ... COMMIT) and
 * run a bounded slice of retention work after it. The snapshot's raw
 * counters are stored; its derived fields are ignored (readers derive
 * them again). Its seq is ignored: the store numbers samples itself.
 * On failure nothing of this sample is stored; the status says whether it
 * is worth retrying with the next sample (db_status_transient()). err may
 * be NULL.
 */
enum db_status db_write(struct db *, const struct snapshot *,
    struct db_error *err);
/* seq the store gave the last sample written; 0 if none yet. */
uint64_t db_last_written(const struct db *);
/* Writer: bytes it holds to find stored strings again, a constant however
 * many distinct strings were stored (the rest stays on disk). */
size_t db_string_cache_bytes(const struct db *);

/* ---- reading: samples ------------------------------------------------ */

struct db_sample {
	uint64_t seq;       /* ascending in recording order (never by wall time) */
	int64_t wall_ns;
	int64_t mono_ns;
	int64_t interval_ns;
	uint32_t nproc;
};

enum db_seek {
	DB_SEEK_NEAREST,    /* closest wall time; ties go to the earlier */
	DB_SEEK_AT_OR_BEFORE,
	DB_SEEK_AT_OR_AFTER
};

/* Oldest / newest sample. DB_ERR_NOTFOUND when the database is empty. */
enum db_status db_first(struct db *, struct db_sample *);
enum db_status db_last(struct db *, struct db_sample *);
/* The sample nearest wall time t (in the sense of how). */
enum db_status db_seek_time(struct db *, int64_t wall_ns, enum db_seek how,
    struct db_sample *);
/* The sample after (dir > 0) or before (dir < 0) seq; DB_ERR_NOTFOUND at
 * either end. seq need not exist (it may have been pruned). */
enum db_status db_step(struct db *, uint64_t seq, int dir, struct db_sample *);
/* Samples with wall time in [from, to], in seq order. *out is the caller's
 * to free (also on error, where it is NULL). */
enum db_status db_samples(struct db *, int64_t from_ns, int64_t to_ns,
    struct db_sample **out, size_t *n);

/*
 * The full snapshot of sample seq into out (cleared first), processes
 * sorted by pid, with derived fields (CPU %, rates) computed against the
 * sample before it (unknown for the oldest sample or after a reboot).
 * out->seq is the store's seq. Exact: the same values db_write() got.
 */
enum db_status db_snapshot(struct db *, uint64_t seq, struct snapshot *out);

/* ---- reading: series ------------------------------------------------- */

/* System metrics the series function knows. Rates are per second. */
enum db_metric {
	DBM_CPU_USAGE,      /* percent of all CPUs busy, 0..100 */
	DBM_CPU_USER,
	DBM_CPU_SYSTEM,
	DBM_CPU_IOWAIT,
	DBM_CPU_STEAL,
	DBM_MEM_USED,       /* bytes: total - available */
	DBM_MEM_USAGE,      /* percent */
	DBM_MEM_CACHED,
	DBM_SWAP_USED,
	DBM_LOAD1,
	DBM_TASKS,
	DBM_NET_RX,         /* bytes/s over every interface but lo */
	DBM_NET_TX,
	DBM_DISK_READ,      /* bytes/s over every block device */
	DBM_DISK_WRITE,
	DBM_PSI_CPU,        /* "some" stall share of the interval, percent */
	DBM_PSI_MEMORY,
	DBM_PSI_IO,
	DBM_NMETRICS
};
/* "cpu_usage_percent", ... (also the metric names in the rollup tables). */
extern const char *const db_metric_names[DBM_NMETRICS];
/* Metric by name, or -1. */
int db_metric_from_name(const char *);

struct db_bucket {
	int64_t from_ns, to_ns; /* wall time span of the bucket */
	uint32_t n;             /* samples (or rollup samples) in it; 0 = no data */
	double min, avg, max;
	int tier;               /* 0 raw, 1 one-minute, 2 ten-minute rollups */
};

/*
 * One metric over wall time [from, to] cut in nbuckets equal buckets,
 * written to out[0..nbuckets-1] (the caller's array). Rollup tiers serve
 * buckets wider than their resolution, and any bucket whose raw samples
 * have been pruned.
 */
enum db_status db_series(struct db *, enum db_metric, int64_t from_ns,
    int64_t to_ns, size_t nbuckets, struct db_bucket *out);

/* One process, (pid, start_time_ns), over wall time [from, to]. */
struct db_proc_point {
	uint64_t seq;
	int64_t wall_ns;
	bool have_cpu;
	double cpu_percent;   /* per core: 250 = 2.5 cores */
	bool have_rss;
	uint64_t rss_bytes;
};
/* Every stored sample of that process in the range, with its CPU % against
 * the sample before. *out is the caller's to free. A process that did not
 * exist in the range gives DB_OK with *n = 0. */
enum db_status db_proc_history(struct db *, pid_t pid, uint64_t start_time_ns,
    int64_t from_ns, int64_t to_ns, struct db_proc_point **out, size_t *n);

/* ---- information ----------------------------------------------------- */

struct db_info {
	int schema_version;
	uint64_t samples;
	uint64_t first_seq, last_seq;
	int64_t first_wall_ns, last_wall_ns;   /* raw samples (0 when none) */
	uint64_t size_bytes;                    /* file + WAL */
	uint64_t used_bytes;                    /* pages in use */
	uint64_t processes;                     /* distinct (pid, start time) */
	struct {
		uint64_t rows;                  /* buckets stored */
		int64_t first_ns, last_ns;
	} tier[3];                              /* raw, 1 min, 10 min */
};
enum db_status db_get_info(struct db *, struct db_info *);

/*
 * Check the file's structure: PRAGMA quick_check (pages, B-trees, record
 * formats; linear in the size: about 5 ms a MiB), or integrity_check when
 * full (indexes against their tables too). DB_OK when whole; otherwise
 * DB_ERR_CORRUPT with the first problem in db_errmsg(), every problem
 * (at most 100, escaped) passed to fn when fn is not NULL.
 */
enum db_status db_check(struct db *, bool full,
    void (*fn)(void *arg, const char *problem), void *arg);

/* Current schema version this build writes. */
int db_schema_version(void);

#endif
