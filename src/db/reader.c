/*
 * reader.c: samples back out of the store — seeking by time or seq
 * through indexes, and rebuilding the exact snapshot of any sample from
 * its rows, its process-membership keyframe and the latest row of each
 * live process (histop-db(5)). Depends on SQLite and core.
 */
#include "config.h"

#include "db/db_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "core/xalloc.h"

sqlite3_stmt *
db_stmt(struct db *db, int slot, const char *sql)
{
	int rc;

	if (db->rst[slot] != NULL) {
		sqlite3_reset(db->rst[slot]);
		sqlite3_clear_bindings(db->rst[slot]);
		return db->rst[slot];
	}
	rc = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &db->rst[slot], NULL);
	if (rc != SQLITE_OK) {
		db_sqlfail(db, rc, "prepare");
		return NULL;
	}
	return db->rst[slot];
}

bool
db_read_begin(struct db *db)
{
	if (!sqlite3_get_autocommit(db->sql))
		return false;
	return db_exec(db, "BEGIN") == SQLITE_OK;
}

void
db_read_end(struct db *db, bool began)
{
	if (began)
		db_exec(db, "COMMIT");
}

/* ---- seeking ------------------------------------------------------------ */

#define SAMPLE_COLS "seq, wall_ns, mono_ns, interval_ns, nproc"

static void
fill_sample(sqlite3_stmt *st, struct db_sample *out)
{
	out->seq = db_col_u64(st, 0);
	out->wall_ns = sqlite3_column_int64(st, 1);
	out->mono_ns = sqlite3_column_int64(st, 2);
	out->interval_ns = sqlite3_column_int64(st, 3);
	out->nproc = (uint32_t)sqlite3_column_int64(st, 4);
}

/* Run a one-row sample query; bound parameters already set. */
static enum db_status
one_sample(struct db *db, sqlite3_stmt *st, struct db_sample *out)
{
	int rc;

	if (st == NULL)
		return db->last;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		fill_sample(st, out);
		sqlite3_reset(st);
		return DB_OK;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return db_fail(db, DB_ERR_NOTFOUND, "no such sample");
	return db_sqlfail(db, rc, "read sample");
}

enum db_status
db_first(struct db *db, struct db_sample *out)
{
	return one_sample(db, db_stmt(db, RST_FIRST, "SELECT " SAMPLE_COLS
	    " FROM sample ORDER BY seq LIMIT 1"), out);
}

enum db_status
db_last(struct db *db, struct db_sample *out)
{
	return one_sample(db, db_stmt(db, RST_LAST, "SELECT " SAMPLE_COLS
	    " FROM sample ORDER BY seq DESC LIMIT 1"), out);
}

static enum db_status
seek_dir(struct db *db, int64_t t, bool before, struct db_sample *out)
{
	sqlite3_stmt *st;

	if (before)
		st = db_stmt(db, RST_BEFORE, "SELECT " SAMPLE_COLS " FROM sample "
		    "WHERE wall_ns <= ? ORDER BY wall_ns DESC, seq DESC LIMIT 1");
	else
		st = db_stmt(db, RST_AFTER, "SELECT " SAMPLE_COLS " FROM sample "
		    "WHERE wall_ns >= ? ORDER BY wall_ns, seq LIMIT 1");
	if (st == NULL)
		return db->last;
	sqlite3_bind_int64(st, 1, t);
	return one_sample(db, st, out);
}

enum db_status
db_seek_time(struct db *db, int64_t t, enum db_seek how, struct db_sample *out)
{
	struct db_sample a, b;
	enum db_status sa, sb;

	switch (how) {
	case DB_SEEK_AT_OR_BEFORE:
		return seek_dir(db, t, true, out);
	case DB_SEEK_AT_OR_AFTER:
		return seek_dir(db, t, false, out);
	case DB_SEEK_NEAREST:
		break;
	}
	sa = seek_dir(db, t, true, &a);
	if (sa != DB_OK && sa != DB_ERR_NOTFOUND)
		return sa;
	sb = seek_dir(db, t, false, &b);
	if (sb != DB_OK && sb != DB_ERR_NOTFOUND)
		return sb;
	if (sa != DB_OK && sb != DB_OK)
		return db_fail(db, DB_ERR_NOTFOUND, "no samples");
	if (sb != DB_OK || (sa == DB_OK && t - a.wall_ns <= b.wall_ns - t))
		*out = a;
	else
		*out = b;
	return DB_OK;
}

enum db_status
db_step(struct db *db, uint64_t seq, int dir, struct db_sample *out)
{
	sqlite3_stmt *st;

	if (dir > 0)
		st = db_stmt(db, RST_NEXT, "SELECT " SAMPLE_COLS " FROM sample "
		    "WHERE seq > ? ORDER BY seq LIMIT 1");
	else
		st = db_stmt(db, RST_PREV, "SELECT " SAMPLE_COLS " FROM sample "
		    "WHERE seq < ? ORDER BY seq DESC LIMIT 1");
	if (st == NULL)
		return db->last;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
	return one_sample(db, st, out);
}

enum db_status
db_seek_range(struct db *db, int64_t from, int64_t to, struct db_sample *a,
    struct db_sample *b)
{
	enum db_status st;

	st = seek_dir(db, from, false, a);
	if (st == DB_OK)
		st = seek_dir(db, to, true, b);
	if (st == DB_OK && (a->wall_ns > to || b->wall_ns < from))
		st = db_fail(db, DB_ERR_NOTFOUND, "no samples in range");
	return st;
}

enum db_status
db_samples(struct db *db, int64_t from, int64_t to, struct db_sample **out,
    size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	st = db_stmt(db, RST_RANGE, "SELECT " SAMPLE_COLS " FROM sample "
	    "WHERE wall_ns BETWEEN ? AND ? ORDER BY seq");
	if (st == NULL)
		return db->last;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n, sizeof(**out));
		fill_sample(st, &(*out)[(*n)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return db_sqlfail(db, rc, "read samples");
	}
	return DB_OK;
}

/* ---- rebuilding a snapshot ---------------------------------------------- */

static bool
col_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* A u64 column into v, setting bit in *have unless NULL. */
static void
col_u64(sqlite3_stmt *st, int i, uint64_t *v, uint32_t *have, int bit)
{
	if (col_null(st, i))
		return;
	*v = db_col_u64(st, i);
	*have |= 1u << bit;
}

/* String column (TEXT or BLOB) copied into the snapshot's pool; NULL for
 * SQL NULL. */
static const char *
col_str(struct snapshot *s, sqlite3_stmt *st, int i)
{
	const void *p;

	if (col_null(st, i))
		return NULL;
	p = sqlite3_column_blob(st, i);
	return snapshot_str(s, p != NULL ? p : "",
	    (size_t)sqlite3_column_bytes(st, i));
}

static enum db_status
load_sample_row(struct db *db, uint64_t seq, struct snapshot *s,
    int64_t *key, int64_t *fs_seq, int64_t *lim_seq)
{
	sqlite3_stmt *st;
	char *sql;
	int rc, i = 0, r, k;

	if (db->sample_cols == NULL)
		db->sample_cols = db_sample_cols();
	if (db->rst[RST_SAMPLE] == NULL) {
		sql = xasprintf("SELECT %s FROM sample WHERE seq = ?",
		    db->sample_cols);
		st = db_stmt(db, RST_SAMPLE, sql);
		free(sql);
	} else
		st = db_stmt(db, RST_SAMPLE, NULL);
	if (st == NULL)
		return db->last;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return db_fail(db, DB_ERR_NOTFOUND, "no sample %llu",
			    (unsigned long long)seq);
		return db_sqlfail(db, rc, "read sample");
	}
	/* Same order as db_sample_cols(). */
	s->seq = db_col_u64(st, i++);
	s->wall_ns = sqlite3_column_int64(st, i++);
	s->mono_ns = sqlite3_column_int64(st, i++);
	s->interval_ns = sqlite3_column_int64(st, i++);
	*key = sqlite3_column_int64(st, i + 1); /* boot (i) resolved below */
	{
		int64_t boot = col_null(st, i) ? 0 : sqlite3_column_int64(st, i);
		sqlite3_stmt *ss;

		if (boot != 0 && (ss = db_stmt(db, RST_STR,
		    "SELECT s FROM str WHERE id = ?")) != NULL) {
			sqlite3_bind_int64(ss, 1, boot);
			if (sqlite3_step(ss) == SQLITE_ROW) {
				int n = sqlite3_column_bytes(ss, 0);
				const void *p = sqlite3_column_blob(ss, 0);

				if ((size_t)n >= sizeof(s->boot_id))
					n = sizeof(s->boot_id) - 1;
				if (p != NULL)
					memcpy(s->boot_id, p, (size_t)n);
				s->boot_id[n] = '\0';
			}
			sqlite3_reset(ss);
		}
	}
	i += 2;
	*fs_seq = col_null(st, i) ? 0 : sqlite3_column_int64(st, i);
	i++;
	*lim_seq = col_null(st, i) ? 0 : sqlite3_column_int64(st, i);
	i++;
	s->areas = (uint32_t)sqlite3_column_int64(st, i++);
	s->ticks_per_sec = (long)sqlite3_column_int64(st, i++);
	i++; /* nproc: the process rows tell */
	s->ncpu_online = (int)sqlite3_column_int64(st, i++);
	for (k = 0; k < 3; k++, i++)
		if (!col_null(st, i)) {
			s->load.avg[k] = sqlite3_column_double(st, i);
			HAVE_SET(s->load.have, k);
		}
	if (!col_null(st, i)) {
		s->load.running = (uint32_t)sqlite3_column_int64(st, i);
		HAVE_SET(s->load.have, LOAD_RUNNING);
	}
	i++;
	if (!col_null(st, i)) {
		s->load.tasks = (uint32_t)sqlite3_column_int64(st, i);
		HAVE_SET(s->load.have, LOAD_TASKS);
	}
	i++;
	for (k = 0; k < MEM_NFIELDS; k++)
		col_u64(st, i++, &s->mem.v[k], &s->mem.have, k);
	for (r = 0; r < PSI_NRES; r++)
		for (k = 0; k < 2; k++) {
			struct psi_line *l = k == 0 ? &s->psi[r].some :
			    &s->psi[r].full;

			l->have = !col_null(st, i + 3);
			l->avg10 = sqlite3_column_double(st, i++);
			l->avg60 = sqlite3_column_double(st, i++);
			l->avg300 = sqlite3_column_double(st, i++);
			l->total_ns = db_col_u64(st, i++);
		}
	sqlite3_reset(st);
	return DB_OK;
}

/* Step a statement whose only parameter is a seq, binding it first;
 * resets the statement when the rows are done. */
static int
step_seq(sqlite3_stmt *st, uint64_t seq)
{
	int rc;

	if (sqlite3_bind_parameter_count(st) == 1 && sqlite3_stmt_busy(st) == 0)
		sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		sqlite3_reset(st);
	return rc;
}

/* A disk or network row: name, up (NULL column for disks), counters. */
static const char *
read_counters(struct snapshot *s, sqlite3_stmt *st, int *up, uint64_t *v,
    uint32_t *have, int n)
{
	int k;

	if (up != NULL)
		*up = col_null(st, 1) ? -1 : sqlite3_column_int(st, 1);
	for (k = 0; k < n; k++)
		col_u64(st, 2 + k, &v[k], have, k);
	return col_str(s, st, 0);
}

/* A device row whose name string is missing: the file is damaged (the
 * writer never stores one); every user of a snapshot relies on names. */
static enum db_status
no_name(struct db *db, sqlite3_stmt *st, uint64_t seq, const char *what)
{
	sqlite3_reset(st);
	return db_fail(db, DB_ERR_CORRUPT, "%s: sample %llu: a %s row without "
	    "its name (damaged database)", db->path, (unsigned long long)seq,
	    what);
}

static enum db_status
load_devices(struct db *db, uint64_t seq, struct snapshot *s)
{
	sqlite3_stmt *st;
	int rc, k;

	st = db_stmt(db, RST_CPU, "SELECT cpu, user_ns, nice_ns, system_ns, "
	    "idle_ns, iowait_ns, irq_ns, softirq_ns, steal_ns, guest_ns, "
	    "guest_nice_ns FROM cpu WHERE seq = ? ORDER BY cpu");
	if (st == NULL)
		return db->last;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct snap_cpu *c = snapshot_add_cpu(s);

		c->id = sqlite3_column_int(st, 0);
		for (k = 0; k < CPU_NFIELDS; k++)
			col_u64(st, 1 + k, &c->ns[k], &c->have, k);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_sqlfail(db, rc, "read cpu");

	st = db_stmt(db, RST_DISK, "SELECT (SELECT s FROM str WHERE id = name), "
	    "NULL, reads, writes, read_bytes, write_bytes, busy_ns FROM disk "
	    "WHERE seq = ?");
	while (st != NULL && (rc = step_seq(st, seq)) == SQLITE_ROW) {
		struct snap_disk *d = snapshot_add_disk(s);

		d->name = read_counters(s, st, NULL, d->v, &d->have,
		    DISK_NFIELDS);
		if (d->name == NULL)
			return no_name(db, st, seq, "disk");
	}
	if (st == NULL || rc != SQLITE_DONE)
		return st == NULL ? db->last : db_sqlfail(db, rc, "read disk");
	st = db_stmt(db, RST_NET, "SELECT (SELECT s FROM str WHERE id = name), "
	    "up, rx_bytes, rx_packets, rx_errors, rx_drops, tx_bytes, "
	    "tx_packets, tx_errors, tx_drops FROM net WHERE seq = ?");
	while (st != NULL && (rc = step_seq(st, seq)) == SQLITE_ROW) {
		struct snap_net *n = snapshot_add_net(s);

		n->name = read_counters(s, st, &n->up, n->v, &n->have,
		    NET_NFIELDS);
		if (n->name == NULL)
			return no_name(db, st, seq, "network");
	}
	if (st == NULL || rc != SQLITE_DONE)
		return st == NULL ? db->last : db_sqlfail(db, rc,
		    "read network");
	return DB_OK;
}

static enum db_status
load_fs(struct db *db, int64_t fs_seq, struct snapshot *s)
{
	sqlite3_stmt *st;
	int rc, k;

	if (fs_seq == 0)
		return DB_OK;
	st = db_stmt(db, RST_FS, "SELECT (SELECT s FROM str WHERE id = device), "
	    "(SELECT s FROM str WHERE id = mount), "
	    "(SELECT s FROM str WHERE id = type), size_bytes, used_bytes, "
	    "avail_bytes, inodes_total, inodes_used, inodes_free FROM fs "
	    "WHERE seq = ? ORDER BY n");
	if (st == NULL)
		return db->last;
	sqlite3_bind_int64(st, 1, fs_seq);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct snap_fs *f = snapshot_add_fs(s);

		f->device = col_str(s, st, 0);
		f->mount = col_str(s, st, 1);
		f->type = col_str(s, st, 2);
		for (k = 0; k < FS_NFIELDS; k++)
			col_u64(st, 3 + k, &f->v[k], &f->have, k);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_sqlfail(db, rc, "read fs");
}

static enum db_status
load_limits(struct db *db, int64_t lim_seq, struct snapshot *s)
{
	struct snap_cgroup *c = &s->cgroup;
	struct snap_rlimit *rl = &s->rlimit;
	sqlite3_stmt *st;
	int rc, k;

	if (lim_seq == 0)
		return DB_OK;
	st = db_stmt(db, RST_LIMITS, "SELECT cgroup_version, "
	    "(SELECT s FROM str WHERE id = cgroup_path), cpu_quota_ns, "
	    "cpu_period_ns, cpu_usage_ns, memory_limit_bytes, "
	    "memory_usage_bytes, swap_limit_bytes, pids_limit, pids_current, "
	    "unlimited, (SELECT s FROM str WHERE id = io_max) FROM limits "
	    "WHERE seq = ?");
	if (st == NULL)
		return db->last;
	sqlite3_bind_int64(st, 1, lim_seq);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->version = sqlite3_column_int(st, 0);
		c->path = col_str(s, st, 1);
		c->unlimited = (uint32_t)sqlite3_column_int64(st, 10);
		c->have = c->unlimited;
		for (k = 0; k < QUOTA_NFIELDS; k++)
			col_u64(st, 2 + k, &c->v[k], &c->have, k);
		c->io_max = col_str(s, st, 11);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_sqlfail(db, rc, "read limits");
	/* The latest set at or before the limits row (written on change). */
	st = db_stmt(db, RST_RLIMIT, "SELECT resource, soft, hard, "
	    "soft_unlimited, hard_unlimited FROM rlimit WHERE seq = "
	    "(SELECT max(seq) FROM rlimit WHERE seq <= ?)");
	if (st == NULL)
		return db->last;
	sqlite3_bind_int64(st, 1, lim_seq);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		for (k = 0; k < RLIM_NFIELDS; k++)
			if (name != NULL && strcmp(name, rlim_field_names[k]) == 0)
				break;
		if (k == RLIM_NFIELDS)
			continue;
		rl->have |= 1u << k;
		rl->soft[k] = db_col_u64(st, 1);
		rl->hard[k] = db_col_u64(st, 2);
		if (sqlite3_column_int(st, 3))
			rl->soft_unlimited |= 1u << k;
		if (sqlite3_column_int(st, 4))
			rl->hard_unlimited |= 1u << k;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? DB_OK : db_sqlfail(db, rc, "read rlimits");
}

/* Statement reading the latest row of one process at or before a seq. */
static sqlite3_stmt *
proc_stmt(struct db *db)
{
	char *cols, *t, *sql;
	sqlite3_stmt *st;
	size_t i;

	if (db->rst[RST_PROC] != NULL)
		return db_stmt(db, RST_PROC, NULL);
	cols = xstrdup("");
	if (db->npcols == 0)
		db_find_proc_cols(db);
	for (i = 0; i < db->npcols; i++) {
		const char *n = db->pcols[i]->name;

		if (db->pcols[i]->type == FT_STR)
			t = xasprintf("%s, (SELECT s FROM str WHERE id = p.%s)",
			    cols, n);
		else
			t = xasprintf("%s, p.%s", cols, n);
		free(cols);
		cols = t;
	}
	sql = xasprintf("SELECT p.seq, r.pid, r.start_time_ns, p.kernel_thread"
	    "%s FROM proc p JOIN process r ON r.id = p.id WHERE p.id = ?1 AND "
	    "p.seq <= ?2 ORDER BY p.seq DESC LIMIT 1", cols);
	free(cols);
	st = db_stmt(db, RST_PROC, sql);
	free(sql);
	return st;
}

#define FIELDP(p, f, type) ((type *)((char *)(p) + (f)->offset))

static void
fill_proc(struct db *db, struct snapshot *s, sqlite3_stmt *st)
{
	struct snap_proc *p = snapshot_add_proc(s);
	size_t i;
	int c = 4;

	p->pid = (pid_t)sqlite3_column_int64(st, 1);
	HAVE_SET(p->have, PROC_PID);
	if (!col_null(st, 2)) {
		p->start_time_ns = db_col_u64(st, 2);
		HAVE_SET(p->have, PROC_START_TIME);
	}
	p->kernel_thread = sqlite3_column_int(st, 3) != 0;
	for (i = 0; i < db->npcols; i++, c++) {
		const struct field_desc *f = db->pcols[i];
		const unsigned char *txt;

		if (col_null(st, c))
			continue;
		HAVE_SET(p->have, f->bit);
		switch (f->type) {
		case FT_PID:
			*FIELDP(p, f, pid_t) = (pid_t)sqlite3_column_int64(st, c);
			break;
		case FT_UID:
			*FIELDP(p, f, uid_t) = (uid_t)sqlite3_column_int64(st, c);
			break;
		case FT_CHAR:
			txt = sqlite3_column_text(st, c);
			*FIELDP(p, f, char) = txt != NULL ? (char)txt[0] : 0;
			break;
		case FT_I32:
			*FIELDP(p, f, int32_t) = (int32_t)sqlite3_column_int64(st,
			    c);
			break;
		case FT_U64:
			*FIELDP(p, f, uint64_t) = db_col_u64(st, c);
			break;
		case FT_STR:
			/* "" stands for known-but-absent (see writer). */
			*FIELDP(p, f, const char *) =
			    sqlite3_column_bytes(st, c) == 0 ? NULL :
			    col_str(s, st, c);
			break;
		case FT_DOUBLE:
			break;
		}
	}
	/* NULL since schema 4 when it is user + system time. */
	if (!HAVE(p->have, PROC_TOTAL_TIME) && HAVE(p->have, PROC_USER_TIME) &&
	    HAVE(p->have, PROC_SYSTEM_TIME)) {
		p->total_time_ns = p->user_time_ns + p->system_time_ns;
		HAVE_SET(p->have, PROC_TOTAL_TIME);
	}
}

/*
 * Alive at seq: the keyframe's members (alive before it), plus the ids
 * first seen from the keyframe up to seq (a range: ids are handed out in
 * first-seen order, from each sample's new_process_id), minus those gone
 * since the keyframe. All through the primary keys and the partial index
 * of exits.
 */
enum db_status
db_live_ids(struct db *db, uint64_t key, uint64_t seq, int64_t **ids,
    size_t *n)
{
	sqlite3_stmt *live;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	live = db_stmt(db, RST_LIVE, "SELECT id FROM member WHERE seq = ?1 "
	    "UNION SELECT id FROM process WHERE id >= (SELECT new_process_id "
	    "FROM sample WHERE seq = ?1) AND id < ifnull((SELECT "
	    "new_process_id FROM sample WHERE seq > ?2 ORDER BY seq LIMIT 1), "
	    "9223372036854775807) EXCEPT SELECT id FROM process WHERE "
	    "gone_seq > ?1 AND gone_seq <= ?2");
	if (live == NULL)
		return db->last;
	sqlite3_bind_int64(live, 1, (sqlite3_int64)key);
	sqlite3_bind_int64(live, 2, (sqlite3_int64)seq);
	while ((rc = sqlite3_step(live)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n, sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(live, 0);
	}
	sqlite3_reset(live);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return db_sqlfail(db, rc, "read processes");
	}
	return DB_OK;
}

static enum db_status
load_procs(struct db *db, uint64_t seq, int64_t key, struct snapshot *s)
{
	sqlite3_stmt *st;
	int64_t *ids;
	size_t n, i;
	int rc;
	enum db_status ret;

	ret = db_live_ids(db, (uint64_t)key, seq, &ids, &n);
	if (ret != DB_OK)
		return ret;
	st = proc_stmt(db);
	if (st == NULL) {
		free(ids);
		return db->last;
	}
	snapshot_reserve_procs(s, n);
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)seq);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			fill_proc(db, s, st);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			ret = db_sqlfail(db, rc, "read process");
			break;
		}
	}
	free(ids);
	snapshot_sort_procs(s);
	return ret;
}

enum db_status
db_load_snapshot(struct db *db, uint64_t seq, struct snapshot *s)
{
	int64_t key = 0, fs_seq = 0, lim_seq = 0;
	enum db_status st;

	snapshot_clear(s);
	st = load_sample_row(db, seq, s, &key, &fs_seq, &lim_seq);
	if (st == DB_OK)
		st = load_devices(db, seq, s);
	if (st == DB_OK)
		st = load_fs(db, fs_seq, s);
	if (st == DB_OK)
		st = load_limits(db, lim_seq, s);
	if (st == DB_OK)
		st = load_procs(db, seq, key, s);
	return st;
}

enum db_status
db_snapshot(struct db *db, uint64_t seq, struct snapshot *out)
{
	struct db_sample prev;
	enum db_status st;
	bool began = db_read_begin(db);

	st = db_load_snapshot(db, seq, out);
	if (st == DB_OK) {
		int64_t stored = out->interval_ns;
		enum db_status ps = db_step(db, seq, -1, &prev);

		if (ps == DB_OK)
			ps = db_load_snapshot(db, prev.seq, db->scratch);
		snapshot_derive(out, ps == DB_OK ? db->scratch : NULL);
		if (out->interval_ns == 0)
			out->interval_ns = stored;
		if (ps != DB_OK && ps != DB_ERR_NOTFOUND)
			st = ps;
	}
	db_read_end(db, began);
	return st;
}
