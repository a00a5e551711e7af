/*
 * report.h: libreport's public interface — snapshots rendered for people
 * and programs: text like `top -b`, JSON Lines, CSV. Depends on core only.
 *
 * Two layers:
 *  - a record writer (struct rw): begin a record, add named typed values
 *    (nested objects and arrays for JSON), end it. JSON and CSV backends;
 *    numbers are formatted the same in every locale. `histop export` uses
 *    it for rows from the database as well.
 *  - snapshot renderers on top of it (report_json, report_csv) and the text
 *    renderer (report_text), with process selection and sort order.
 */
#ifndef HISTOP_REPORT_H
#define HISTOP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/snapshot.h"

/* ---- record writer ------------------------------------------------------ */

enum rw_format { RW_JSON, RW_CSV };

/* Flags of rw_new(). */
#define RW_CSV_FORMULA_GUARD 0x1 /* CSV: neutralise leading = + - @ */

struct rw;

/* A writer onto f (borrowed; the caller closes it). Caller frees with
 * rw_free(). */
struct rw *rw_new(FILE *f, enum rw_format, int flags);
void rw_free(struct rw *);
enum rw_format rw_format(const struct rw *);

/*
 * One record: rw_begin(), then values, then rw_end().
 *  JSON: one object per line. Values inside an array take name NULL.
 *  CSV: one row; the first record's names become the header row (names of
 *   nested objects are joined with '.', "cpu.user"); every record must have
 *   the same fields in the same order; arrays are not allowed; unknown
 *   (null) is an empty field, an empty string is "".
 * rw_end() writes the record to the stream: 0, or -1 with errno set on a
 * write error.
 */
void rw_begin(struct rw *);
int rw_end(struct rw *);
void rw_obj(struct rw *, const char *name);
void rw_obj_end(struct rw *);
void rw_arr(struct rw *, const char *name); /* JSON only */
void rw_arr_end(struct rw *);
void rw_null(struct rw *, const char *name);
void rw_bool(struct rw *, const char *name, bool);
void rw_i64(struct rw *, const char *name, int64_t);
void rw_u64(struct rw *, const char *name, uint64_t);
/* prec decimals at most; NaN/inf become null. */
void rw_double(struct rw *, const char *name, double, int prec);
/* NULL becomes null; bytes are escaped for the format (always valid
 * UTF-8 and valid JSON/CSV). */
void rw_str(struct rw *, const char *name, const char *);
void rw_strn(struct rw *, const char *name, const char *, size_t);
/* fflush the stream: 0, or -1 with errno set when anything failed. */
int rw_flush(struct rw *);

/* ---- process selection and order --------------------------------------- */

struct report_sort_key;

/* A sort key by name: a field name of proc_fields[] ("rss_bytes") or a
 * short alias ("rss", "mem", "cpu", "time", ...). NULL if unknown. Static. */
const struct report_sort_key *report_sort_find(const char *name);
/* The i-th key's name (aliases first, then field names), NULL past the end;
 * for help texts and error messages. */
const char *report_sort_name(size_t i);

struct report_opts {
	const struct report_sort_key *sort; /* NULL: by pid */
	bool reverse;          /* invert the key's natural order */
	const pid_t *pids;     /* only these (npids > 0) */
	size_t npids;
	bool have_uid;         /* only processes of uid */
	uid_t uid;
	int width;             /* text: columns of a process line, 0: no limit */
	int text_flags;        /* text: TEXT_ASCII in a non-UTF-8 locale */
	/* JSON: limits of the processes' cgroups, as quota.process_cgroups;
	 * cgroup_keys[i] is the processes' "cgroup" value cgroups[i] is for.
	 * NULL: left out. Borrowed. */
	const struct snap_cgroup *cgroups;
	const char *const *cgroup_keys;
	size_t ncgroups;
	/* JSON: resource limits of processes, as quota.process_rlimits;
	 * NULL: left out. Borrowed. */
	const struct snap_rlimit *rlimits;
	const pid_t *rlimit_pids;
	size_t nrlimits;
};

/*
 * Indices into s->proc of the processes o selects, in o's order. *idx is
 * reused and grown as needed (start with NULL and *cap 0; caller frees).
 * Returns how many.
 */
size_t report_select(const struct snapshot *, const struct report_opts *,
    size_t **idx, size_t *cap);

/* Resolve -u's argument (user name or numeric uid). 0, or -1 if unknown. */
int report_parse_user(const char *, uid_t *);

/* ---- snapshot renderers -------------------------------------------------- */

/*
 * One JSON object (a line) holding every area: null for an area that was
 * not sampled and for every unknown value, never 0. Returns 0, or -1 with
 * errno set on a write error.
 */
int report_json(struct rw *, const struct snapshot *, const struct report_opts *);
/* One CSV record per selected process: seq, time, then every proc_fields[]
 * entry. Returns 0 or -1 (errno) like report_json(). */
int report_csv(struct rw *, const struct snapshot *, const struct report_opts *);
/* Every proc_fields[] entry of p as named values (null when unknown). */
void report_proc_fields(struct rw *, const struct snap_proc *);
/* wall_ns as ISO 8601 UTC with milliseconds into buf (>= 25 bytes). */
void report_time_iso(char *buf, size_t size, int64_t wall_ns);

/* Text like top -b: every area, a blank line, the process table, a blank
 * line. Returns 0, or -1 with errno set on a write error. */
int report_text(FILE *, const struct snapshot *, const struct report_opts *);

#endif
