/*
 * retention.c: the store stays bounded without stalling the writer.
 * After each committed sample a bounded slice of work runs in its own
 * transaction: roll up completed minutes (system metrics min/avg/max and
 * the top processes) into tier 1, completed ten minutes into tier 2; then
 * prune one keyframe group of raw samples past their age (or while the
 * database is over its size cap), old rollups, and give free pages back.
 * Policy in histop-db(5). Depends on SQLite and core.
 */
#include "config.h"

#include "db/db_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "core/xalloc.h"

#define MINUTE (60 * NSEC_PER_SEC)
#define TENMIN (600 * NSEC_PER_SEC)
#define TOP_N 5
/* Rollup buckets handled per step: catching up never stalls a sample. */
#define ROLLUPS_PER_STEP 4
/* Processes whose rows are dropped per step. */
#define PRUNE_PROCS 2000
/* Raw samples dropped per step, at most (whole keyframe groups). */
#define PRUNE_SAMPLES 600

static int64_t
floor_to(int64_t t, int64_t unit)
{
	int64_t r = t % unit;

	return r < 0 ? t - r - unit : t - r;
}

static int64_t
meta_get(struct db *db, const char *key)
{
	char *q = xasprintf("SELECT value FROM meta WHERE key = '%s'", key);
	int64_t v = db_int(db, q, 0);

	free(q);
	return v;
}

static int
meta_set(struct db *db, const char *key, int64_t v)
{
	char *q = xasprintf("INSERT OR REPLACE INTO meta(key, value) "
	    "VALUES('%s', %lld)", key, (long long)v);
	int rc = db_exec(db, q);

	free(q);
	return rc;
}

void
db_retention_init(struct db *db)
{
	db->rollup_done[1] = meta_get(db, "rollup1_done");
	db->rollup_done[2] = meta_get(db, "rollup2_done");
}

/* ---- tier 1: one minute of raw samples ---------------------------------- */

struct topent {
	const struct snap_proc *p;
	double cpu;
	uint64_t rss;        /* peak in the bucket */
	bool have_rss;
};

static int
cmp_cpu(const void *a, const void *b)
{
	const struct topent *x = a, *y = b;

	return (x->cpu < y->cpu) - (x->cpu > y->cpu);
}

static int
cmp_rss(const void *a, const void *b)
{
	const struct topent *x = a, *y = b;

	return (x->p->rss_bytes < y->p->rss_bytes) -
	    (x->p->rss_bytes > y->p->rss_bytes);
}

static int
insert_top(struct db *db, int tier, int64_t t, int rank,
    const struct topent *e)
{
	sqlite3_stmt *st;
	const struct snap_proc *p = e->p;
	int64_t ids[3] = { 0, 0, 0 };
	const char *s[3] = { p->user, p->comm, p->cmdline };
	int i, rc;

	for (i = 0; i < 3; i++)
		if (s[i] != NULL && (ids[i] = db_intern(db, s[i],
		    strlen(s[i]))) == 0)
			return -1;
	st = db_stmt(db, RST_RET0, "INSERT OR REPLACE INTO rollup_proc(tier, "
	    "t_ns, rank, pid, start_time_ns, user, comm, cmdline, cpu_percent, "
	    "rss_bytes) VALUES(?,?,?,?,?,?,?,?,?,?)");
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, tier);
	sqlite3_bind_int64(st, 2, t);
	sqlite3_bind_int(st, 3, rank);
	sqlite3_bind_int64(st, 4, p->pid);
	db_bind_u64(st, 5, HAVE(p->have, PROC_START_TIME), p->start_time_ns);
	for (i = 0; i < 3; i++)
		if (ids[i] != 0)
			sqlite3_bind_int64(st, 6 + i, ids[i]);
	if (e->cpu >= 0)
		sqlite3_bind_double(st, 9, e->cpu);
	db_bind_u64(st, 10, e->have_rss, e->rss);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : (db_sqlfail(db, rc, "rollup"), -1);
}

/* Processes alive at seq by pid: their ids (pid-sorted pairs). */
struct pidid {
	pid_t pid;
	bool have_start;
	uint64_t start;
	int64_t id;
};

static int
cmp_pidid(const void *a, const void *b)
{
	const struct pidid *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static struct pidid *
alive_ids(struct db *db, uint64_t seq, size_t *np)
{
	struct pidid *v;
	sqlite3_stmt *st;
	int64_t *ids, key;
	size_t n, i, k = 0;

	*np = 0;
	st = db_stmt(db, RST_RET0 + 26, "SELECT key_seq FROM sample WHERE "
	    "seq = ?");
	if (st == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
	key = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (db_live_ids(db, (uint64_t)key, seq, &ids, &n) != DB_OK)
		return NULL;
	st = db_stmt(db, RST_RET0 + 27, "SELECT pid, start_time_ns FROM "
	    "process WHERE id = ?");
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; st != NULL && i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) == SQLITE_ROW) {
			v[k].pid = (pid_t)sqlite3_column_int64(st, 0);
			v[k].have_start = sqlite3_column_type(st, 1) !=
			    SQLITE_NULL;
			v[k].start = db_col_u64(st, 1);
			v[k++].id = ids[i];
		}
		sqlite3_reset(st);
	}
	free(ids);
	qsort(v, k, sizeof(*v), cmp_pidid);
	*np = k;
	return v;
}

/* e's peak RSS in samples s0..s1 (its RSS at s1 if its rows cannot be
 * read): the largest of its rows from the one in effect at s0 on. */
static void
peak_rss(struct db *db, const struct pidid *alive, size_t nalive,
    uint64_t s0, uint64_t s1, struct topent *e)
{
	const struct snap_proc *p = e->p;
	struct pidid key = { .pid = p->pid };
	const struct pidid *a;
	sqlite3_stmt *st;

	e->have_rss = HAVE(p->have, PROC_RSS);
	e->rss = p->rss_bytes;
	a = bsearch(&key, alive, nalive, sizeof(*alive), cmp_pidid);
	if (a == NULL || a->have_start != HAVE(p->have, PROC_START_TIME) ||
	    a->start != p->start_time_ns)
		return;
	st = db_stmt(db, RST_RET0 + 28, "SELECT max(rss_bytes) FROM proc "
	    "WHERE id = ?1 AND seq <= ?3 AND seq >= ifnull((SELECT max(seq) "
	    "FROM proc WHERE id = ?1 AND seq <= ?2), 0)");
	if (st == NULL)
		return;
	sqlite3_bind_int64(st, 1, a->id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)s0);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)s1);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    (!e->have_rss || db_col_u64(st, 0) > e->rss)) {
		e->rss = db_col_u64(st, 0);
		e->have_rss = true;
	}
	sqlite3_reset(st);
}

/*
 * Top processes of [start sample, end sample]: the five with most CPU %
 * over the bucket (CPU time used between its first and last sample, per
 * core: the average over the minute), then the five others with most RSS
 * at its end; each with its peak RSS in the minute. A process born inside
 * counts all its CPU time.
 */
/* What the rollup needs of the bucket's first sample, per process. */
struct before {
	pid_t pid;
	bool have_total;
	uint64_t start_time_ns;
	uint64_t total_time_ns;
};

static int
cmp_before(const void *k, const void *v)
{
	pid_t x = *(const pid_t *)k;
	const struct before *y = v;

	return (x > y->pid) - (x < y->pid);
}

static int
rollup_procs(struct db *db, int64_t t, uint64_t s0, uint64_t first,
    uint64_t s1)
{
	struct snapshot *b = snapshot_new();
	struct before *a = NULL;
	struct topent *e = NULL;
	struct pidid *alive = NULL;
	size_t nalive = 0, na = 0;
	size_t n = 0, i, k;
	int64_t mono0;
	double secs;
	int ret = -1, rank = 0;

	/* Of the first sample only the CPU times are kept, the snapshot let
	 * go before the last is loaded: one whole snapshot in memory at a
	 * time, not two (issue 4: memory). */
	if (db_load_snapshot(db, s0, b) != DB_OK)
		goto out;
	mono0 = b->mono_ns;
	na = b->nproc;
	a = xreallocarray(NULL, na + 1, sizeof(*a));
	for (i = 0; i < na; i++) {
		const struct snap_proc *q = &b->proc[i];

		a[i].pid = q->pid;
		a[i].have_total = HAVE(q->have, PROC_TOTAL_TIME);
		a[i].start_time_ns = q->start_time_ns;
		a[i].total_time_ns = q->total_time_ns;
	}
	snapshot_free(b);
	b = snapshot_new();
	if (db_load_snapshot(db, s1, b) != DB_OK)
		goto out;
	secs = (double)(b->mono_ns - mono0) / 1e9;
	e = xcalloc(b->nproc + 1, sizeof(*e));
	for (i = 0; i < b->nproc; i++) {
		const struct snap_proc *p = &b->proc[i];
		const struct before *q;

		e[n].p = p;
		e[n].cpu = -1;
		q = bsearch(&p->pid, a, na, sizeof(*a), cmp_before);
		if (secs > 0 && HAVE(p->have, PROC_TOTAL_TIME)) {
			uint64_t before = 0;

			if (q != NULL && q->start_time_ns == p->start_time_ns &&
			    q->have_total)
				before = q->total_time_ns;
			if (p->total_time_ns >= before)
				e[n].cpu = 100.0 * (double)(p->total_time_ns -
				    before) / (secs * 1e9);
		}
		n++;
	}
	alive = alive_ids(db, s1, &nalive);
	qsort(e, n, sizeof(*e), cmp_cpu);
	for (i = 0; i < n && i < TOP_N; i++) {
		if (e[i].cpu <= 0)
			continue;
		peak_rss(db, alive, nalive, first, s1, &e[i]);
		if (insert_top(db, 1, t, rank++, &e[i]) != 0)
			goto out;
	}
	/* Then the largest by RSS not already in. */
	if (n > TOP_N) {
		qsort(e + TOP_N, n - TOP_N, sizeof(*e), cmp_rss);
		for (k = TOP_N; k < n && k < 2 * TOP_N; k++) {
			/* Any in the CPU top with more RSS was already
			 * written; these are the RSS top outside it. */
			peak_rss(db, alive, nalive, first, s1, &e[k]);
			if (insert_top(db, 1, t, rank++, &e[k]) != 0)
				goto out;
		}
	}
	ret = 0;
out:
	free(alive);
	free(e);
	free(a);
	snapshot_free(b);
	/* Whole snapshots were loaded: their strings came from the heap,
	 * which keeps freed pages otherwise (issue 4: memory). */
	xalloc_trim();
	return ret;
}

/* Roll up the minute starting at t; 0, or -1 on error. */
static int
rollup_minute(struct db *db, int64_t t)
{
	struct db_sample a, b;
	struct db_sysrow prev, cur;
	bool have_prev = false, have[DBM_NMETRICS];
	double v[DBM_NMETRICS], mn[DBM_NMETRICS], mx[DBM_NMETRICS],
	    sum[DBM_NMETRICS];
	uint32_t cnt[DBM_NMETRICS] = { 0 };
	sqlite3_stmt *st, *ins;
	uint64_t s0;
	int rc, m;

	if (db_seek_range(db, t, t + MINUTE - 1, &a, &b) != DB_OK ||
	    b.seq < a.seq)
		return 0; /* no samples in that minute */
	s0 = a.seq > 1 ? a.seq - 1 : a.seq;
	st = db_stmt(db, RST_SYS, db_sysrow_sql());
	if (st == NULL)
		return -1;
	db_sysrow_bind(db, st, s0, b.seq);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_sysrow_read(st, &cur);
		db_sysrow_metrics(&cur, have_prev ? &prev : NULL, v, have);
		prev = cur;
		have_prev = true;
		if (cur.wall_ns < t || cur.wall_ns >= t + MINUTE)
			continue;
		for (m = 0; m < DBM_NMETRICS; m++) {
			if (!have[m])
				continue;
			if (cnt[m] == 0 || v[m] < mn[m])
				mn[m] = v[m];
			if (cnt[m] == 0 || v[m] > mx[m])
				mx[m] = v[m];
			sum[m] = (cnt[m] == 0 ? 0 : sum[m]) + v[m];
			cnt[m]++;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlfail(db, rc, "rollup"), -1;
	ins = db_stmt(db, RST_RET0 + 1, "INSERT OR REPLACE INTO rollup(tier, "
	    "metric, t_ns, n, min, avg, max) VALUES(1, ?, ?, ?, ?, ?, ?)");
	if (ins == NULL)
		return -1;
	for (m = 0; m < DBM_NMETRICS; m++) {
		if (cnt[m] == 0)
			continue;
		sqlite3_bind_text(ins, 1, db_metric_names[m], -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, t);
		sqlite3_bind_int64(ins, 3, cnt[m]);
		sqlite3_bind_double(ins, 4, mn[m]);
		sqlite3_bind_double(ins, 5, sum[m] / cnt[m]);
		sqlite3_bind_double(ins, 6, mx[m]);
		rc = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (rc != SQLITE_DONE)
			return db_sqlfail(db, rc, "rollup"), -1;
	}
	return rollup_procs(db, t, s0, a.seq, b.seq);
}

/* Ten minutes of tier 1 into tier 2. */
static int
rollup_tenmin(struct db *db, int64_t t)
{
	sqlite3_stmt *st;
	int rc, m;

	st = db_stmt(db, RST_RET0 + 2, "INSERT OR REPLACE INTO rollup(tier, "
	    "metric, t_ns, n, min, avg, max) SELECT 2, metric, ?1, sum(n), "
	    "min(min), sum(avg * n) / sum(n), max(max) FROM rollup WHERE "
	    "tier = 1 AND metric = ?2 AND t_ns >= ?1 AND t_ns < ?1 + ?3 "
	    "GROUP BY metric");
	if (st == NULL)
		return -1;
	for (m = 0; m < DBM_NMETRICS; m++) {
		sqlite3_bind_int64(st, 1, t);
		sqlite3_bind_text(st, 2, db_metric_names[m], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, TENMIN);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_sqlfail(db, rc, "rollup"), -1;
	}
	/* Top processes of the ten minutes: average CPU over the ten
	 * one-minute buckets, peak RSS. */
	st = db_stmt(db, RST_RET0 + 3, "INSERT OR REPLACE INTO rollup_proc("
	    "tier, t_ns, rank, pid, start_time_ns, user, comm, cmdline, "
	    "cpu_percent, rss_bytes) SELECT 2, ?1, row_number() OVER "
	    "(ORDER BY (c IS NULL), c DESC) - 1, * FROM (SELECT pid, "
	    "start_time_ns, max(user), max(comm), max(cmdline), "
	    "sum(cpu_percent) / 10.0 AS c, max(rss_bytes) FROM rollup_proc "
	    "WHERE tier = 1 AND t_ns >= ?1 AND t_ns < ?1 + ?2 GROUP BY pid, "
	    "start_time_ns) ORDER BY (c IS NULL), c DESC LIMIT ?3");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, t);
	sqlite3_bind_int64(st, 2, TENMIN);
	sqlite3_bind_int(st, 3, TOP_N * 2);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlfail(db, rc, "rollup"), -1;
	return 0;
}

/* Advance the rollups by at most ROLLUPS_PER_STEP buckets. */
static int
rollups(struct db *db, int64_t now)
{
	struct db_sample s;
	int n = 0;
	int64_t d, was1 = db->rollup_done[1], was2 = db->rollup_done[2];

	if (db->rollup_done[1] == 0) {
		if (db_first(db, &s) != DB_OK)
			return 0;
		db->rollup_done[1] = floor_to(s.wall_ns, MINUTE);
		db->rollup_done[2] = floor_to(s.wall_ns, TENMIN);
	}
	while (n < ROLLUPS_PER_STEP && db->rollup_done[1] + MINUTE <= now) {
		d = db->rollup_done[1];
		/* Skip empty stretches (a stopped recorder) in one step. */
		if (db_seek_time(db, d, DB_SEEK_AT_OR_AFTER, &s) != DB_OK)
			break;
		if (s.wall_ns >= d + MINUTE) {
			db->rollup_done[1] = floor_to(s.wall_ns, MINUTE);
			if (db->rollup_done[1] + MINUTE > now)
				break;
			continue;
		}
		if (rollup_minute(db, d) != 0)
			return -1;
		db->rollup_done[1] = d + MINUTE;
		n++;
	}
	while (n < ROLLUPS_PER_STEP &&
	    db->rollup_done[2] + TENMIN <= db->rollup_done[1]) {
		if (rollup_tenmin(db, db->rollup_done[2]) != 0)
			return -1;
		db->rollup_done[2] += TENMIN;
		n++;
	}
	if (db->rollup_done[1] != was1 &&
	    meta_set(db, "rollup1_done", db->rollup_done[1]) != SQLITE_OK)
		return -1;
	if (db->rollup_done[2] != was2 &&
	    meta_set(db, "rollup2_done", db->rollup_done[2]) != SQLITE_OK)
		return -1;
	return 0;
}

/* ---- pruning ------------------------------------------------------------ */

static int
exec_seq(struct db *db, int slot, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *st = db_stmt(db, slot, sql);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_sqlfail(db, rc, "prune"), -1;
	return 0;
}

/*
 * Drop every raw sample before keyframe c. Live processes keep their
 * latest values: a row carried to c if their last change was earlier.
 * Returns 1 when done, 0 when more processes remain (next step), -1 on
 * error.
 */
static int
prune_before(struct db *db, int64_t c)
{
	sqlite3_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	char *sql;
	int rc;

	/* Processes gone by c: all their rows go. */
	st = db_stmt(db, RST_RET0 + 4, "SELECT id FROM process WHERE "
	    "gone_seq <= ? LIMIT ?");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c);
	sqlite3_bind_int(st, 2, PRUNE_PROCS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xgrow(ids, &cap, n, sizeof(*ids));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		if (exec_seq(db, RST_RET0 + 5, "DELETE FROM proc WHERE id = ?1 "
		    "AND ?2 = ?2", ids[i], 0) != 0 ||
		    exec_seq(db, RST_RET0 + 6, "DELETE FROM process WHERE "
		    "id = ?1 AND ?2 = ?2", ids[i], 0) != 0) {
			free(ids);
			return -1;
		}
	free(ids);
	ids = NULL;
	cap = 0;
	if (n == PRUNE_PROCS)
		return 0;

	/* Members of keyframe c: carry the latest row forward, drop older.
	 * proc_cols starts "id, seq, ...": ?2 becomes the new seq. */
	sql = xasprintf("INSERT OR IGNORE INTO proc(%s) SELECT id, ?2%s FROM "
	    "proc p WHERE p.id = ?1 AND p.seq < ?2 ORDER BY p.seq DESC LIMIT 1",
	    db->proc_cols, strchr(strchr(db->proc_cols, ',') + 1, ','));
	if (db_stmt(db, RST_RET0 + 7, sql) == NULL) {
		free(sql);
		return -1;
	}
	free(sql);
	st = db_stmt(db, RST_RET0 + 8, "SELECT m.id FROM member m JOIN "
	    "process r ON r.id = m.id WHERE m.seq = ? AND r.first_seq < m.seq");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c);
	n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = xgrow(ids, &cap, n, sizeof(*ids));
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		if (exec_seq(db, RST_RET0 + 7, NULL, ids[i], c) != 0 ||
		    exec_seq(db, RST_RET0 + 9, "DELETE FROM proc WHERE id = ?1 "
		    "AND seq < ?2", ids[i], c) != 0 ||
		    exec_seq(db, RST_RET0 + 10, "UPDATE process SET first_seq "
		    "= ?2 WHERE id = ?1", ids[i], c) != 0) {
			free(ids);
			return -1;
		}
	free(ids);
	if (exec_seq(db, RST_RET0 + 11, "DELETE FROM cpu WHERE seq < ?1 AND "
	    "?2 = ?2", c, 0) || exec_seq(db, RST_RET0 + 12, "DELETE FROM disk "
	    "WHERE seq < ?1 AND ?2 = ?2", c, 0) || exec_seq(db, RST_RET0 + 13,
	    "DELETE FROM net WHERE seq < ?1 AND ?2 = ?2", c, 0) ||
	    exec_seq(db, RST_RET0 + 14, "DELETE FROM fs WHERE seq < ?1 AND "
	    "?2 = ?2", c, 0) || exec_seq(db, RST_RET0 + 15, "DELETE FROM "
	    "limits WHERE seq < ?1 AND ?2 = ?2", c, 0) ||
	    exec_seq(db, RST_RET0 + 16, "DELETE FROM rlimit WHERE seq < ?1 "
	    "AND ?2 = ?2", c, 0) || exec_seq(db, RST_RET0 + 17, "DELETE FROM "
	    "member WHERE seq < ?1 AND ?2 = ?2", c, 0) ||
	    exec_seq(db, RST_RET0 + 18, "DELETE FROM sample WHERE seq < ?1 "
	    "AND ?2 = ?2", c, 0))
		return -1;
	return 1;
}

/* Drop rollups of a tier older than cut; cut -1: the oldest span. Each
 * metric's rows are a range of the primary key: no scan. */
static int
prune_tier(struct db *db, int tier, int64_t cut)
{
	static const int64_t span[3] = { 0, 3600 * NSEC_PER_SEC,
		86400 * NSEC_PER_SEC };
	sqlite3_stmt *st;
	int m, rc;

	st = db_stmt(db, RST_RET0 + 19, "SELECT min(t_ns) FROM rollup WHERE "
	    "tier = ? AND metric = 'cpu_usage_percent'");
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, tier);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW || sqlite3_column_type(st, 0) == SQLITE_NULL) {
		sqlite3_reset(st);
		return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
	}
	if (cut < 0)
		cut = sqlite3_column_int64(st, 0) + span[tier];
	else if (sqlite3_column_int64(st, 0) >= cut)
		cut = 0;
	sqlite3_reset(st);
	if (cut == 0)
		return 0;
	st = db_stmt(db, RST_RET0 + 20, "DELETE FROM rollup WHERE tier = ? AND "
	    "metric = ? AND t_ns < ?");
	if (st == NULL)
		return -1;
	for (m = 0; m < DBM_NMETRICS; m++) {
		sqlite3_bind_int(st, 1, tier);
		sqlite3_bind_text(st, 2, db_metric_names[m], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, cut);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_sqlfail(db, rc, "prune rollups"), -1;
	}
	return exec_seq(db, RST_RET0 + 21, "DELETE FROM rollup_proc WHERE "
	    "tier = ?1 AND t_ns < ?2", tier, cut);
}

/* ---- strings no row uses any more -------------------------------------- */

/*
 * Every table that refers to str, walked in its key order a slice at a
 * time; a string not seen in any of them, nor interned by the writer
 * meanwhile (db_sweep_mark()), since the pass began is deleted. Strings
 * stored after the pass began are left for the next one. A pass starts
 * after raw samples were pruned, at most once per raw-sample age (a day
 * by default): it reads every row once, a few seconds of CPU a day.
 *
 * Ids are never reused, so they grow for as long as the database lives
 * (a month at 20 new command lines a second: 52 million). A pass looks
 * at a window of at most SWEEP_WINDOW ids (a bitmap of 512 KiB, whatever
 * the database's age); the windows that follow start at the next pruning
 * until the last id is reached, then the next pass starts from the first
 * again. Gaps (ids already deleted) are skipped.
 */
static const struct sweep_tab {
	const char *table, *key, *refs;
	int nkey, nref;
} sweep_tabs[] = {
	{ "sample", "seq", "boot", 1, 1 },
	{ "disk", "seq, name", "name", 2, 1 },
	{ "net", "seq, name", "name", 2, 1 },
	{ "fs", "seq, n", "device, mount, type", 2, 3 },
	{ "limits", "seq", "cgroup_path, io_max", 1, 2 },
	{ "process", "id", "boot", 1, 1 },
	{ "proc", "id, seq", "user, comm, cmdline, cgroup", 2, 4 },
	{ "rollup_proc", "tier, t_ns, rank", "user, comm, cmdline", 3, 3 },
};
#define SWEEP_NTABS ((int)(sizeof(sweep_tabs) / sizeof(sweep_tabs[0])))
/* Rows read (or strings checked) per step. */
#define SWEEP_ROWS 2000
#define SWEEP_SLOT (RST_RET0 + 29)
/* Ids looked at by one pass, at most. */
#define SWEEP_WINDOW (INT64_C(1) << 22)

void
db_sweep_mark(struct db *db, int64_t id)
{
	if (db->sweep_bits != NULL && id >= db->sweep_lo && id <= db->sweep_hi) {
		id -= db->sweep_lo;
		db->sweep_bits[id / 64] |= UINT64_C(1) << (id % 64);
	}
}

static bool
sweep_marked(const struct db *db, int64_t id)
{
	id -= db->sweep_lo;
	return (db->sweep_bits[id / 64] >> (id % 64)) & 1;
}

/* The window of a pass: SWEEP_WINDOW (HISTOP_DB_SWEEP_WINDOW, a test
 * seam read at run time) ids from the first one at or after next. */
static int64_t
sweep_window(void)
{
	const char *e = getenv("HISTOP_DB_SWEEP_WINDOW");
	long long w = e != NULL ? strtonum(e, 64, SWEEP_WINDOW, NULL) : 0;

	return w > 0 ? (int64_t)w : SWEEP_WINDOW;
}

static void
sweep_start(struct db *db, int64_t now, int64_t every)
{
	sqlite3_stmt *st;
	int64_t lo = 0, hi;
	int k;

	if (now < db->sweep_after_ns)
		return;
	st = db_stmt(db, SWEEP_SLOT + SWEEP_NTABS + 2, "SELECT min(id), "
	    "(SELECT max(id) FROM str) FROM str WHERE id >= ?");
	if (st == NULL)
		return;
	sqlite3_bind_int64(st, 1, db->sweep_next);
	if (sqlite3_step(st) == SQLITE_ROW)
		lo = sqlite3_column_int64(st, 0);
	hi = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	if (lo <= 0) { /* past the last id: from the first one again */
		db->sweep_next = 0;
		return;
	}
	db->sweep_wrap = hi - lo < sweep_window();
	if (db->sweep_wrap) /* the last window: the next waits a while */
		db->sweep_after_ns = now + every;
	else
		hi = lo + sweep_window() - 1;
	db->sweep_lo = lo;
	db->sweep_hi = hi;
	db->sweep_bits = xcalloc((size_t)(hi - lo) / 64 + 1,
	    sizeof(*db->sweep_bits));
	db->sweep_tab = 0;
	for (k = 0; k < 3; k++)
		db->sweep_key[k] = INT64_MIN;
}

static void
sweep_stop(struct db *db)
{
	free(db->sweep_bits);
	db->sweep_bits = NULL;
	db->sweep_lo = db->sweep_hi = 0;
}

/* Read the next slice of table t; 1 when the table is done. */
static int
sweep_scan(struct db *db, const struct sweep_tab *t)
{
	static const char *const after[] = { "?1", "?1, ?2", "?1, ?2, ?3" };
	sqlite3_stmt *st;
	char *sql;
	int rc, k, n = 0;

	sql = xasprintf("SELECT %s, %s FROM %s WHERE (%s) > (%s) ORDER BY %s "
	    "LIMIT %d", t->key, t->refs, t->table, t->key, after[t->nkey - 1],
	    t->key, SWEEP_ROWS);
	st = db_stmt(db, SWEEP_SLOT + db->sweep_tab, sql);
	free(sql);
	if (st == NULL)
		return -1;
	for (k = 0; k < t->nkey; k++)
		sqlite3_bind_int64(st, k + 1, db->sweep_key[k]);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (k = 0; k < t->nkey; k++)
			db->sweep_key[k] = sqlite3_column_int64(st, k);
		for (k = 0; k < t->nref; k++)
			if (sqlite3_column_type(st, t->nkey + k) ==
			    SQLITE_INTEGER)
				db_sweep_mark(db, sqlite3_column_int64(st,
				    t->nkey + k));
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlfail(db, rc, "sweep strings"), -1;
	return n < SWEEP_ROWS;
}

/* Delete the next slice of unmarked strings; 1 when the pass is done. */
static int
sweep_delete(struct db *db)
{
	sqlite3_stmt *st, *del;
	int64_t ids[SWEEP_ROWS];
	int rc, n = 0, i;

	st = db_stmt(db, SWEEP_SLOT + SWEEP_NTABS, "SELECT id FROM str WHERE "
	    "id > ?1 AND id <= ?2 ORDER BY id LIMIT ?3");
	del = db_stmt(db, SWEEP_SLOT + SWEEP_NTABS + 1, "DELETE FROM str "
	    "WHERE id = ?");
	if (st == NULL || del == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, db->sweep_key[0] < db->sweep_lo ?
	    db->sweep_lo - 1 : db->sweep_key[0]);
	sqlite3_bind_int64(st, 2, db->sweep_hi);
	sqlite3_bind_int(st, 3, SWEEP_ROWS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlfail(db, rc, "sweep strings"), -1;
	for (i = 0; i < n; i++) {
		db->sweep_key[0] = ids[i];
		if (sweep_marked(db, ids[i]))
			continue;
		sqlite3_bind_int64(del, 1, ids[i]);
		rc = sqlite3_step(del);
		sqlite3_reset(del);
		if (rc != SQLITE_DONE)
			return db_sqlfail(db, rc, "sweep strings"), -1;
		db->sweep_deleted = true;
	}
	return n < SWEEP_ROWS;
}

/* One slice of the sweep, if one is running. */
static int
sweep_step(struct db *db)
{
	int r, k;

	if (db->sweep_bits == NULL)
		return 0;
	if (db->sweep_tab < SWEEP_NTABS) {
		r = sweep_scan(db, &sweep_tabs[db->sweep_tab]);
		if (r == 1) {
			db->sweep_tab++;
			for (k = 0; k < 3; k++)
				db->sweep_key[k] = INT64_MIN;
		}
		return r < 0 ? -1 : 0;
	}
	r = sweep_delete(db);
	if (r == 1) {
		db->sweep_next = db->sweep_wrap ? 0 : db->sweep_hi + 1;
		sweep_stop(db);
	}
	return r < 0 ? -1 : 0;
}

static uint64_t
used_bytes(struct db *db)
{
	return (uint64_t)(db_int(db, "PRAGMA page_count", 0) -
	    db_int(db, "PRAGMA freelist_count", 0)) *
	    (uint64_t)db_int(db, "PRAGMA page_size", 4096);
}

/* One bounded slice of pruning. */
static int
prune(struct db *db, int64_t now)
{
	int64_t ret = db->opts.retention_ns > 0 ? db->opts.retention_ns :
	    DB_DEFAULT_RETENTION_NS;
	int64_t raw = ret < DB_RAW_AGE_NS ? ret : DB_RAW_AGE_NS;
	int64_t t1 = ret < DB_1M_AGE_NS ? ret : DB_1M_AGE_NS;
	uint64_t cap = db->opts.max_size > 0 ? db->opts.max_size :
	    DB_DEFAULT_MAX_SIZE;
	bool over = used_bytes(db) > cap;
	struct db_sample first, cut = { 0 };
	sqlite3_stmt *st;
	int64_t c, bound;

	if (db_first(db, &first) != DB_OK)
		return 0;
	/*
	 * Samples before the first one still young enough are expired (all
	 * but the newest keyframe group when over the cap). Drop up to the
	 * last keyframe among them, at most PRUNE_SAMPLES per step.
	 */
	bound = (int64_t)first.seq + PRUNE_SAMPLES;
	if (over || db_seek_time(db, now - raw, DB_SEEK_AT_OR_AFTER, &cut) !=
	    DB_OK) {
		if ((int64_t)db->key_seq < bound) /* keep the newest group */
			bound = (int64_t)db->key_seq;
	} else if ((int64_t)cut.seq < bound)
		bound = (int64_t)cut.seq;
	st = db_stmt(db, RST_RET0 + 22, "SELECT max(key_seq) FROM sample "
	    "WHERE seq BETWEEN ? AND ?");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)first.seq);
	sqlite3_bind_int64(st, 2, bound);
	c = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (c > (int64_t)first.seq) {
		if (prune_before(db, c) < 0)
			return -1;
		/* Rows went: look for strings nobody uses any more. */
		if (db->sweep_bits == NULL)
			sweep_start(db, now, raw);
	} else
		c = 0; /* no raw group left to drop */
	/* Rollups past their age; over the cap, the oldest hour of them
	 * (the oldest day of the ten-minute tier once no raw group is left). */
	if (prune_tier(db, 1, over ? -1 : now - t1) != 0 ||
	    prune_tier(db, 2, over && c == 0 ? -1 : now - ret) != 0)
		return -1;
	return 0;
}

void
db_retention_step(struct db *db)
{
	int64_t now = db->last_wall_ns;
	int r;

	if (db_exec(db, "BEGIN IMMEDIATE") != SQLITE_OK)
		return;
	r = rollups(db, now);
	if (r == 0 && !db->opts.no_retention && db->writes % 4 == 0)
		r = prune(db, now);
	if (r == 0 && !db->opts.no_retention)
		r = sweep_step(db);
	if (r != 0 || db_exec(db, "COMMIT") != SQLITE_OK) {
		db_exec(db, "ROLLBACK");
		/* Deletions undone: start the sweep again later. */
		sweep_stop(db);
		db->sweep_deleted = false;
		strcache_rollback(db->strs);
		db_retention_init(db); /* back to what is committed */
		return;
	}
	/* Ids of deleted strings must not come back from a cache. */
	if (db->sweep_deleted) {
		db->sweep_deleted = false;
		strcache_clear(db->strs);
		db->lo_id = 0;
	}
	/* Give free pages back, a little at a time. */
	if (!db->opts.no_retention &&
	    db_int(db, "PRAGMA freelist_count", 0) > 256)
		db_exec(db, "PRAGMA incremental_vacuum(128)");
}
