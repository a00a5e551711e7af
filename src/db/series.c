/*
 * series.c: time series out of the store — one system metric over a range
 * in N buckets (raw samples, or the rollup tiers when zoomed out), one
 * process's CPU % and RSS history, and what a database holds.
 * Depends on SQLite and core.
 */
#include "config.h"

#include "db/db_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/snapshot.h"
#include "core/xalloc.h"

const char *const db_metric_names[DBM_NMETRICS] = {
	"cpu_usage_percent", "cpu_user_percent", "cpu_system_percent",
	"cpu_iowait_percent", "cpu_steal_percent", "mem_used_bytes",
	"mem_usage_percent", "mem_cached_bytes", "swap_used_bytes", "load1",
	"tasks_total", "net_rx_bytes_per_sec", "net_tx_bytes_per_sec",
	"disk_read_bytes_per_sec", "disk_write_bytes_per_sec",
	"psi_cpu_some_percent", "psi_memory_some_percent",
	"psi_io_some_percent",
};

int
db_metric_from_name(const char *name)
{
	int i;

	for (i = 0; i < DBM_NMETRICS; i++)
		if (strcmp(name, db_metric_names[i]) == 0)
			return i;
	return -1;
}

/*
 * The string id of "lo", the loopback interface left out of the network
 * totals (bound as ?3 of db_sysrow_sql()), looked up once per handle
 * through the hash index of str (schema 5); a database of an older
 * schema, read as it is, has no such index and is scanned. A string is
 * stored once, so every row naming "lo" holds this id.
 */
static int64_t
lo_id(struct db *db)
{
	if (db->lo_id != 0)
		return db->lo_id;
	if (db_int(db, "SELECT count(*) FROM pragma_table_info('str') WHERE "
	    "name = 'h'", 0) > 0 && db_strhash_register(db) == SQLITE_OK)
		db->lo_id = db_int(db, "SELECT id FROM str WHERE h = "
		    "histop_strhash('lo', (SELECT value FROM meta WHERE key = "
		    "'str_key')) AND s = 'lo'", 0);
	else
		db->lo_id = db_int(db, "SELECT id FROM str WHERE s = 'lo'", 0);
	if (db->lo_id <= 0)
		db->lo_id = -1; /* none: looked up, not again */
	return db->lo_id;
}

void
db_sysrow_bind(struct db *db, sqlite3_stmt *st, uint64_t from, uint64_t to)
{
	int64_t lo = lo_id(db);

	sqlite3_bind_int64(st, 1, (sqlite3_int64)from);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)to);
	if (lo > 0)
		sqlite3_bind_int64(st, 3, lo);
	else
		sqlite3_bind_null(st, 3);
}

const char *
db_sysrow_sql(void)
{
	return "SELECT s.seq, s.wall_ns, s.mono_ns, s.boot, c.user_ns, c.nice_ns,"
	    " c.system_ns, c.idle_ns, c.iowait_ns, c.irq_ns, c.softirq_ns,"
	    " c.steal_ns, s.mem_total_bytes, s.mem_available_bytes,"
	    " s.mem_used_bytes, s.mem_cached_bytes, s.swap_used_bytes, s.load1,"
	    " s.tasks_total,"
	    " (SELECT sum(rx_bytes) FROM net n WHERE n.seq = s.seq AND"
	    "  n.name IS NOT ?3),"
	    " (SELECT sum(tx_bytes) FROM net n WHERE n.seq = s.seq AND"
	    "  n.name IS NOT ?3),"
	    " (SELECT sum(read_bytes) FROM disk d WHERE d.seq = s.seq),"
	    " (SELECT sum(write_bytes) FROM disk d WHERE d.seq = s.seq),"
	    " s.psi_cpu_some_total_ns, s.psi_memory_some_total_ns,"
	    " s.psi_io_some_total_ns"
	    " FROM sample s LEFT JOIN cpu c ON c.seq = s.seq AND c.cpu = -1"
	    " WHERE s.seq BETWEEN ?1 AND ?2 ORDER BY s.seq";
}

enum { SR_CPU0 = 4, SR_MEM = 12, SR_NET = 19, SR_PSI = 23,
	SR_NCOLS = DB_SYSROW_NCOLS };

void
db_sysrow_read(sqlite3_stmt *st, struct db_sysrow *r)
{
	int i;

	memset(r, 0, sizeof(*r));
	r->seq = db_col_u64(st, 0);
	r->wall_ns = sqlite3_column_int64(st, 1);
	r->mono_ns = sqlite3_column_int64(st, 2);
	r->boot = sqlite3_column_int64(st, 3);
	for (i = 4; i < SR_NCOLS; i++) {
		r->have[i] = sqlite3_column_type(st, i) != SQLITE_NULL;
		if (i == 17) /* load1 is REAL */
			r->d[i] = sqlite3_column_double(st, i);
		else
			r->d[i] = (double)db_col_u64(st, i);
		r->u[i] = db_col_u64(st, i);
	}
}

/* Counter delta, false if unknown or reset. */
static bool
cdelta(const struct db_sysrow *c, const struct db_sysrow *p, int i,
    uint64_t *out)
{
	if (!c->have[i] || !p->have[i] || c->u[i] < p->u[i])
		return false;
	*out = c->u[i] - p->u[i];
	return true;
}

void
db_sysrow_metrics(const struct db_sysrow *c, const struct db_sysrow *p,
    double *v, bool *have)
{
	double secs = 0;
	uint64_t d[8] = { 0 }, total = 0, busy;
	int i;

	memset(have, 0, DBM_NMETRICS * sizeof(*have));
	if (p != NULL && (p->boot != c->boot || c->mono_ns <= p->mono_ns))
		p = NULL;
	if (p != NULL)
		secs = (double)(c->mono_ns - p->mono_ns) / 1e9;
	/* CPU: user nice system idle iowait irq softirq steal */
	if (p != NULL && c->have[SR_CPU0 + 3]) {
		for (i = 0; i < 8; i++) {
			if (!cdelta(c, p, SR_CPU0 + i, &d[i]))
				d[i] = 0;
			total += d[i];
		}
		if (total > 0) {
			busy = total - d[3] - d[4];
			v[DBM_CPU_USAGE] = 100.0 * (double)busy / (double)total;
			v[DBM_CPU_USER] = 100.0 * (double)(d[0] + d[1]) /
			    (double)total;
			v[DBM_CPU_SYSTEM] = 100.0 * (double)(d[2] + d[5] + d[6]) /
			    (double)total;
			v[DBM_CPU_IOWAIT] = 100.0 * (double)d[4] / (double)total;
			v[DBM_CPU_STEAL] = 100.0 * (double)d[7] / (double)total;
			have[DBM_CPU_USAGE] = have[DBM_CPU_USER] =
			    have[DBM_CPU_SYSTEM] = have[DBM_CPU_IOWAIT] =
			    have[DBM_CPU_STEAL] = true;
		}
	}
	/* memory: total available used cached swap_used */
	if (c->have[SR_MEM] && c->have[SR_MEM + 1] &&
	    c->u[SR_MEM + 1] <= c->u[SR_MEM]) {
		v[DBM_MEM_USED] = (double)(c->u[SR_MEM] - c->u[SR_MEM + 1]);
		have[DBM_MEM_USED] = true;
		if (c->u[SR_MEM] > 0) {
			v[DBM_MEM_USAGE] = 100.0 * v[DBM_MEM_USED] /
			    (double)c->u[SR_MEM];
			have[DBM_MEM_USAGE] = true;
		}
	} else if (c->have[SR_MEM + 2]) {
		v[DBM_MEM_USED] = c->d[SR_MEM + 2];
		have[DBM_MEM_USED] = true;
	}
	if ((have[DBM_MEM_CACHED] = c->have[SR_MEM + 3]))
		v[DBM_MEM_CACHED] = c->d[SR_MEM + 3];
	if ((have[DBM_SWAP_USED] = c->have[SR_MEM + 4]))
		v[DBM_SWAP_USED] = c->d[SR_MEM + 4];
	if ((have[DBM_LOAD1] = c->have[17]))
		v[DBM_LOAD1] = c->d[17];
	if ((have[DBM_TASKS] = c->have[18]))
		v[DBM_TASKS] = c->d[18];
	if (p == NULL || secs <= 0)
		return;
	for (i = 0; i < 4; i++) {
		uint64_t x;

		if (cdelta(c, p, SR_NET + i, &x)) {
			v[DBM_NET_RX + i] = (double)x / secs;
			have[DBM_NET_RX + i] = true;
		}
	}
	for (i = 0; i < 3; i++) {
		uint64_t x;

		if (cdelta(c, p, SR_PSI + i, &x)) {
			v[DBM_PSI_CPU + i] = 100.0 * (double)x / (secs * 1e9);
			have[DBM_PSI_CPU + i] = true;
		}
	}
}

/* ---- series ------------------------------------------------------------- */

static void
bucket_add(struct db_bucket *b, int tier, uint32_t n, double mn, double avg,
    double mx)
{
	if (b->n == 0) {
		b->min = mn;
		b->max = mx;
		b->avg = avg;
		b->n = n;
		b->tier = tier;
		return;
	}
	if (mn < b->min)
		b->min = mn;
	if (mx > b->max)
		b->max = mx;
	b->avg = (b->avg * b->n + avg * n) / (double)(b->n + n);
	b->n += n;
}

static long
bucket_of(int64_t t, int64_t from, int64_t to, size_t nb)
{
	if (t < from || t > to)
		return -1;
	return (long)((__int128)(t - from) * (__int128)nb /
	    ((__int128)(to - from) + 1));
}

/*
 * The rows of the last raw scan with every metric derived: a graphs view
 * asks for many metrics over the same window, and each row's metrics come
 * from one SQL row anyway. Samples never change once written, so a scan
 * of the same seq range is served again from memory.
 */
struct db_rawrows {
	uint64_t s0, s1;       /* seq range scanned (incl. the one before) */
	size_t n, cap;
	int64_t *wall;
	double (*v)[DBM_NMETRICS];
	bool (*have)[DBM_NMETRICS];
};
#define RAWROWS_KEEP 50000 /* larger scans are not kept (memory) */

void
db_series_free(struct db *db)
{
	struct db_rawrows *r = db->raw;

	if (r == NULL)
		return;
	free(r->wall);
	free(r->v);
	free(r->have);
	free(r);
	db->raw = NULL;
}

/* Rows of seq [s0, s1] into db->raw, read again only when the range
 * differs from the last scan's. */
static enum db_status
raw_rows(struct db *db, uint64_t s0, uint64_t s1)
{
	struct db_rawrows *r = db->raw;
	struct db_sysrow prev, cur;
	bool have_prev = false;
	sqlite3_stmt *st;
	int rc;

	if (r != NULL && r->s0 == s0 && r->s1 == s1)
		return DB_OK;
	if (r == NULL)
		r = db->raw = xcalloc(1, sizeof(*r));
	r->n = 0;
	r->s0 = r->s1 = 0; /* invalid until complete */
	st = db_stmt(db, RST_SYS, db_sysrow_sql());
	if (st == NULL)
		return db->last;
	db_sysrow_bind(db, st, s0, s1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 1024;
			r->wall = xreallocarray(r->wall, r->cap,
			    sizeof(*r->wall));
			r->v = xreallocarray(r->v, r->cap, sizeof(*r->v));
			r->have = xreallocarray(r->have, r->cap,
			    sizeof(*r->have));
		}
		db_sysrow_read(st, &cur);
		db_sysrow_metrics(&cur, have_prev ? &prev : NULL, r->v[r->n],
		    r->have[r->n]);
		r->wall[r->n++] = cur.wall_ns;
		prev = cur;
		have_prev = true;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlfail(db, rc, "read series");
	r->s0 = s0;
	r->s1 = s1;
	return DB_OK;
}

/* Raw samples with wall time in [from, to] into the eligible buckets. */
static enum db_status
fill_raw(struct db *db, enum db_metric m, int64_t from, int64_t to,
    int64_t lo, int64_t hi, size_t nb, struct db_bucket *out,
    const bool *eligible)
{
	struct db_sample a, b;
	struct db_rawrows *r;
	enum db_status st;
	uint64_t s0, s1;
	size_t i;

	if (db_seek_range(db, lo, hi, &a, &b) != DB_OK)
		return DB_OK;
	s0 = a.seq < b.seq ? a.seq : b.seq;
	s1 = a.seq < b.seq ? b.seq : a.seq;
	if (s0 > 1)
		s0--; /* the sample before, to derive the first rate */
	if ((st = raw_rows(db, s0, s1)) != DB_OK)
		return st;
	r = db->raw;
	for (i = 0; i < r->n; i++) {
		long k = bucket_of(r->wall[i], from, to, nb);

		if (k < 0 || !eligible[k] || !r->have[i][m])
			continue;
		bucket_add(&out[k], 0, 1, r->v[i][m], r->v[i][m], r->v[i][m]);
	}
	if (r->n > RAWROWS_KEEP)
		db_series_free(db);
	return DB_OK;
}

static enum db_status
fill_rollup(struct db *db, int tier, enum db_metric m, int64_t from,
    int64_t to, size_t nb, struct db_bucket *out, const bool *eligible)
{
	sqlite3_stmt *st;
	int rc;

	st = db_stmt(db, RST_ROLLUP, "SELECT t_ns, n, min, avg, max FROM "
	    "rollup WHERE tier = ? AND metric = ? AND t_ns BETWEEN ? AND ?");
	if (st == NULL)
		return db->last;
	sqlite3_bind_int(st, 1, tier);
	sqlite3_bind_text(st, 2, db_metric_names[m], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, from);
	sqlite3_bind_int64(st, 4, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long k = bucket_of(sqlite3_column_int64(st, 0), from, to, nb);

		if (k < 0 || !eligible[k])
			continue;
		bucket_add(&out[k], tier, (uint32_t)sqlite3_column_int64(st, 1),
		    sqlite3_column_double(st, 2), sqlite3_column_double(st, 3),
		    sqlite3_column_double(st, 4));
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_sqlfail(db, rc, "read rollup");
}

/*
 * Which buckets this pass may fill: empty ones, and for a tier coarser
 * than the zoom asks for only those ending before the finer data starts
 * (where raw samples were pruned), and for a finer tier only those the
 * chosen tier has not rolled up yet (what it lacks before that, the finer
 * data lacks too: no scan of a day of samples for an unknown metric). A
 * bucket narrower than the sample spacing is legitimately empty and stays
 * so. False if none; also their time span.
 */
static bool
eligible(const struct db_bucket *out, size_t nb, int64_t after,
    int64_t before, bool *el, int64_t *lo, int64_t *hi)
{
	size_t i;
	bool any = false;

	for (i = 0; i < nb; i++) {
		el[i] = out[i].n == 0 && out[i].to_ns < before &&
		    out[i].to_ns >= after;
		if (!el[i])
			continue;
		if (!any)
			*lo = out[i].from_ns;
		*hi = out[i].to_ns;
		any = true;
	}
	return any;
}

/* Where a tier's data of metric m starts (INT64_MAX if it has none). */
static int64_t
tier_start(struct db *db, int tier, enum db_metric m)
{
	sqlite3_stmt *st;
	int64_t v = INT64_MAX;

	if (tier == 0)
		st = db_stmt(db, RST_RET0 + 23, "SELECT min(wall_ns) FROM sample");
	else {
		st = db_stmt(db, RST_RET0 + 23 + tier, "SELECT min(t_ns) FROM "
		    "rollup WHERE tier = ? AND metric = ?");
		if (st != NULL) {
			sqlite3_bind_int(st, 1, tier);
			sqlite3_bind_text(st, 2, db_metric_names[m], -1,
			    SQLITE_STATIC);
		}
	}
	if (st == NULL)
		return v;
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

enum db_status
db_series(struct db *db, enum db_metric m, int64_t from, int64_t to,
    size_t nb, struct db_bucket *out)
{
	static const int64_t width[3] = { 0, 60 * NSEC_PER_SEC,
		600 * NSEC_PER_SEC };
	int order[4], no = 0, first, t, i;
	bool *el;
	int64_t lo = 0, hi = 0, w, covered = INT64_MAX, ts, done = INT64_MIN;
	enum db_status st = DB_OK;
	bool began;
	size_t k;

	if (nb == 0 || to < from || (int)m < 0 || m >= DBM_NMETRICS)
		return db_fail(db, DB_ERR_INVALID, "bad series request");
	for (k = 0; k < nb; k++) {
		memset(&out[k], 0, sizeof(out[k]));
		out[k].from_ns = from + (int64_t)((__int128)(to - from + 1) *
		    (__int128)k / (__int128)nb);
		out[k].to_ns = from + (int64_t)((__int128)(to - from + 1) *
		    (__int128)(k + 1) / (__int128)nb) - 1;
	}
	w = (to - from) / (int64_t)nb;
	first = w >= width[2] ? 2 : w >= width[1] ? 1 : 0;
	/* The tier that fits the zoom first, then finer tiers for buckets
	 * it lacks (the minutes not yet rolled up), then coarser ones for
	 * the time before the finer data starts (pruned samples). */
	for (t = first; t >= 0; t--)
		order[no++] = t;
	for (t = first + 1; t < 3; t++)
		order[no++] = t;
	el = xcalloc(nb, sizeof(*el));
	began = db_read_begin(db);
	if (first > 0)
		done = db_int(db, first == 1 ? "SELECT value FROM meta WHERE "
		    "key = 'rollup1_done'" : "SELECT value FROM meta WHERE "
		    "key = 'rollup2_done'", INT64_MIN);
	for (i = 0; i < no && st == DB_OK; i++) {
		if (eligible(out, nb, order[i] < first ? done : INT64_MIN,
		    order[i] > first ? covered : INT64_MAX, el, &lo, &hi)) {
			if (order[i] == 0)
				st = fill_raw(db, m, from, to, lo, hi, nb, out,
				    el);
			else
				st = fill_rollup(db, order[i], m, lo, hi, nb,
				    out, el);
		}
		ts = tier_start(db, order[i], m);
		if (ts < covered)
			covered = ts;
	}
	db_read_end(db, began);
	free(el);
	return st;
}

/* ---- one process -------------------------------------------------------- */

enum db_status
db_proc_history(struct db *db, pid_t pid, uint64_t start_time_ns,
    int64_t from, int64_t to, struct db_proc_point **out, size_t *n)
{
	struct db_sample a, b;
	sqlite3_stmt *ids, *st;
	size_t cap = 0;
	uint64_t s0, s1;
	enum db_status ret = DB_OK;
	bool began;
	int rc;

	*out = NULL;
	*n = 0;
	began = db_read_begin(db);
	if (db_seek_range(db, from, to, &a, &b) != DB_OK)
		goto done;
	s0 = a.seq < b.seq ? a.seq : b.seq;
	s1 = a.seq < b.seq ? b.seq : a.seq;
	/* Candidates: alive at the keyframe of s0 (its members and its
	 * range of new ids) or first seen up to s1 (histop-db(5)); no
	 * index on pid. */
	ids = db_stmt(db, RST_PID, "SELECT id, first_seq, ifnull(gone_seq, "
	    "9223372036854775807) FROM process WHERE pid = ?1 AND "
	    "start_time_ns = ?2 AND id IN (SELECT id FROM member WHERE seq = "
	    "(SELECT key_seq FROM sample WHERE seq = ?3) UNION ALL SELECT id "
	    "FROM process WHERE id >= (SELECT new_process_id FROM sample "
	    "WHERE seq = (SELECT key_seq FROM sample WHERE seq = ?3)) AND "
	    "id < ifnull((SELECT new_process_id FROM sample WHERE seq > ?4 "
	    "ORDER BY seq LIMIT 1), 9223372036854775807)) ORDER BY id");
	if (ids == NULL) {
		ret = db->last;
		goto done;
	}
	/*
	 * Every sample of the process's life in range, left-joined with its
	 * rows: a sample without a row means nothing changed (CPU time
	 * stood still, RSS as before). The sample before each one gives
	 * the interval.
	 */
	st = db_stmt(db, RST_HIST, "SELECT s.seq, s.wall_ns, s.mono_ns, "
	    "p.seq, ifnull(p.total_time_ns, p.user_time_ns + "
	    "p.system_time_ns), p.rss_bytes, "
	    "(SELECT ifnull(total_time_ns, user_time_ns + system_time_ns) "
	    "FROM proc q WHERE q.id = ?1 AND "
	    " q.seq < s.seq ORDER BY q.seq DESC LIMIT 1), "
	    "(SELECT rss_bytes FROM proc q WHERE q.id = ?1 AND "
	    " q.seq < s.seq ORDER BY q.seq DESC LIMIT 1), "
	    "(SELECT mono_ns FROM sample t WHERE t.seq < s.seq "
	    " ORDER BY t.seq DESC LIMIT 1) "
	    "FROM sample s LEFT JOIN proc p ON p.id = ?1 AND p.seq = s.seq "
	    "WHERE s.seq BETWEEN ?2 AND ?3 ORDER BY s.seq");
	if (st == NULL) {
		ret = db->last;
		goto done;
	}
	sqlite3_bind_int(ids, 1, pid);
	sqlite3_bind_int64(ids, 2, (sqlite3_int64)start_time_ns);
	sqlite3_bind_int64(ids, 3, (sqlite3_int64)s0);
	sqlite3_bind_int64(ids, 4, (sqlite3_int64)s1);
	while (ret == DB_OK && sqlite3_step(ids) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(ids, 0);
		uint64_t f = db_col_u64(ids, 1), g = db_col_u64(ids, 2);
		uint64_t lo = s0 > f ? s0 : f, hi = s1 < g - 1 ? s1 : g - 1;

		if (lo > hi)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)lo);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)hi);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct db_proc_point *pt;
			bool row = sqlite3_column_type(st, 3) != SQLITE_NULL;
			int tc = row ? 4 : 6, rc2 = row ? 5 : 7;
			int64_t mono = sqlite3_column_int64(st, 2);

			*out = xgrow(*out, &cap, *n, sizeof(**out));
			pt = &(*out)[(*n)++];
			memset(pt, 0, sizeof(*pt));
			pt->seq = db_col_u64(st, 0);
			pt->wall_ns = sqlite3_column_int64(st, 1);
			if (sqlite3_column_type(st, rc2) != SQLITE_NULL) {
				pt->have_rss = true;
				pt->rss_bytes = db_col_u64(st, rc2);
			}
			/* CPU: total now (this row, or unchanged) minus the
			 * value before this sample, over the interval. */
			if (sqlite3_column_type(st, tc) != SQLITE_NULL &&
			    sqlite3_column_type(st, 6) != SQLITE_NULL &&
			    sqlite3_column_type(st, 8) != SQLITE_NULL &&
			    mono > sqlite3_column_int64(st, 8)) {
				uint64_t now = db_col_u64(st, tc);
				uint64_t before = db_col_u64(st, 6);

				if (now >= before) {
					pt->cpu_percent = 100.0 *
					    (double)(now - before) / (double)(mono -
					    sqlite3_column_int64(st, 8));
					pt->have_cpu = true;
				}
			}
		}
		if (rc != SQLITE_DONE)
			ret = db_sqlfail(db, rc, "read process history");
	}
	sqlite3_reset(ids);
	if (st != NULL)
		sqlite3_reset(st);
done:
	db_read_end(db, began);
	if (ret != DB_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return ret;
}

/* ---- info --------------------------------------------------------------- */

enum db_status
db_get_info(struct db *db, struct db_info *in)
{
	struct stat st;
	char *wal;
	bool began;
	int t;

	memset(in, 0, sizeof(*in));
	began = db_read_begin(db);
	in->schema_version = (int)db_int(db, "PRAGMA user_version", 0);
	in->samples = (uint64_t)db_int(db, "SELECT count(*) FROM sample", 0);
	in->first_seq = (uint64_t)db_int(db, "SELECT min(seq) FROM sample", 0);
	in->last_seq = (uint64_t)db_int(db, "SELECT max(seq) FROM sample", 0);
	in->first_wall_ns = db_int(db, "SELECT wall_ns FROM sample ORDER BY "
	    "seq LIMIT 1", 0);
	in->last_wall_ns = db_int(db, "SELECT wall_ns FROM sample ORDER BY "
	    "seq DESC LIMIT 1", 0);
	in->processes = (uint64_t)db_int(db, "SELECT count(*) FROM process", 0);
	in->used_bytes = (uint64_t)(db_int(db, "PRAGMA page_count", 0) -
	    db_int(db, "PRAGMA freelist_count", 0)) *
	    (uint64_t)db_int(db, "PRAGMA page_size", 4096);
	in->tier[0].rows = in->samples;
	in->tier[0].first_ns = in->first_wall_ns;
	in->tier[0].last_ns = in->last_wall_ns;
	for (t = 1; t < 3; t++) {
		char *q = xasprintf("SELECT count(*) FROM rollup WHERE tier = %d "
		    "AND metric = 'cpu_usage_percent'", t);

		in->tier[t].rows = (uint64_t)db_int(db, q, 0);
		free(q);
		q = xasprintf("SELECT min(t_ns) FROM rollup WHERE tier = %d", t);
		in->tier[t].first_ns = db_int(db, q, 0);
		free(q);
		q = xasprintf("SELECT max(t_ns) FROM rollup WHERE tier = %d", t);
		in->tier[t].last_ns = db_int(db, q, 0);
		free(q);
	}
	db_read_end(db, began);
	if (stat(db->path, &st) == 0)
		in->size_bytes = (uint64_t)st.st_size;
	wal = xasprintf("%s-wal", db->path);
	if (stat(wal, &st) == 0)
		in->size_bytes += (uint64_t)st.st_size;
	free(wal);
	return DB_OK;
}
