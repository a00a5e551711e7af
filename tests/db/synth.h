/*
 * synth.h: deterministic synthetic snapshots for the store's tests and
 * benchmarks — a host of nproc processes, most idle, a few busy, one that
 * lives only between samples 3 and 6, one pid reused at sample 5, and
 * hostile names (quotes, control characters, invalid UTF-8, 4 KiB).
 */
#ifndef HISTOP_TESTS_DB_SYNTH_H
#define HISTOP_TESTS_DB_SYNTH_H

#include <stdint.h>

#include "core/snapshot.h"

#define SYNTH_T0 INT64_C(1764000000000000000) /* 2025-11-24T16:00:00Z */
#define SYNTH_STEP INT64_C(2000000000)

/* Sample i (0, 1, ...) of the synthetic host into s (cleared first). */
void synth_fill(struct snapshot *s, int i, int nproc);
/* Sample i of a churning host, a minute apart (a keyframe every ten
 * samples): 30 steady processes plus ones born and gone every few
 * samples, at keyframes too, and a pid reused across a keyframe. */
#define SYNTH_CHURN_STEP INT64_C(60000000000)
void synth_churn(struct snapshot *s, int i);
/* 0 if a and b hold the same raw values (derived fields ignored); else
 * prints what differs as TAP comments and returns 1. */
int synth_compare(const struct snapshot *a, const struct snapshot *b);

/* First column of the first row of sql on the database at path, opened
 * read-only by SQLite itself; -1 on any failure. */
long long synth_q1(const char *path, const char *sql);
/* The same through a read-write connection, as another program would
 * open the database (its close may checkpoint and delete the -wal). */
long long synth_q1_rw(const char *path, const char *sql);
/* The whole file at path, NUL-terminated (a fixture); NULL if it cannot
 * be read. Caller frees. */
char *synth_slurp(const char *path);
/* rm -rf dir (a test's mkdtemp directory). */
void synth_rmtree(const char *dir);

#endif
