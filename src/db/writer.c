/*
 * writer.c: one snapshot per transaction. System areas are stored whole
 * each sample; filesystems and limits only when they changed (or at a
 * keyframe); a process gets a row only when one of its values changed,
 * plus membership keyframes every DB_KEY_EVERY samples so "the snapshot
 * at seq S" is exact and found through indexes (histop-db(5)).
 * Depends on SQLite and core.
 */
#include "config.h"

#include "db/db_int.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "core/xalloc.h"

/* Derived fields are recomputed by readers: never stored, never compared. */
#define PROC_DERIVED ((UINT64_C(1) << PROC_USAGE_PERCENT) | \
	(UINT64_C(1) << PROC_READ_RATE) | (UINT64_C(1) << PROC_WRITE_RATE))

/* Column name of memory field i in table sample. */
static void
mem_col(char *buf, size_t len, int i)
{
	const char *n = mem_field_names[i];

	snprintf(buf, len, "%s%s", strncmp(n, "swap_", 5) == 0 ? "" : "mem_",
	    n);
}

/* Append ", name" (or "name") to a growing column list and "?" to values. */
static void
add_col(char **cols, char **vals, const char *name)
{
	char *c = xasprintf("%s%s%s", *cols, **cols ? ", " : "", name);
	char *v = xasprintf("%s%s?", *vals, **vals ? ", " : "");

	free(*cols);
	free(*vals);
	*cols = c;
	*vals = v;
}

char *
db_sample_cols(void)
{
	static const char *const fixed[] = {
		"seq", "wall_ns", "mono_ns", "interval_ns", "boot", "key_seq",
		"fs_seq", "limits_seq", "areas", "ticks_per_sec", "nproc",
		"ncpu_online", "load1", "load5", "load15", "tasks_running",
		"tasks_total",
	};
	static const char *const psi_kind[] = { "some", "full" };
	static const char *const psi_val[] = {
		"avg10", "avg60", "avg300", "total_ns",
	};
	char *cols = xstrdup(""), *vals = xstrdup(""), buf[64];
	size_t i;
	int r, k, v;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		add_col(&cols, &vals, fixed[i]);
	for (r = 0; r < MEM_NFIELDS; r++) {
		mem_col(buf, sizeof(buf), r);
		add_col(&cols, &vals, buf);
	}
	for (r = 0; r < PSI_NRES; r++)
		for (k = 0; k < 2; k++)
			for (v = 0; v < 4; v++) {
				snprintf(buf, sizeof(buf), "psi_%s_%s_%s",
				    psi_resource_names[r], psi_kind[k],
				    psi_val[v]);
				add_col(&cols, &vals, buf);
			}
	add_col(&cols, &vals, "new_process_id");
	free(vals);
	return cols;
}

/* "?, ?, ..." for as many columns as cols names. */
static char *
placeholders(const char *cols)
{
	size_t n = 1, i;
	char *v;

	for (i = 0; cols[i] != '\0'; i++)
		n += cols[i] == ',';
	v = xmalloc(n * 3);
	for (i = 0; i < n; i++)
		memcpy(v + 3 * i, i + 1 < n ? "?, " : "?\0", 3);
	return v;
}

/* Process fields stored in table proc: every non-derived field except the
 * identity (pid, start time, kept in table process), if the schema has a
 * column for it. */
static bool
proc_col_stored(const struct field_desc *f)
{
	return f->type != FT_DOUBLE && f->bit != PROC_PID &&
	    f->bit != PROC_START_TIME;
}

void
db_find_proc_cols(struct db *db)
{
	size_t i;

	db->npcols = 0;
	for (i = 0; i < proc_nfields && db->npcols < PROC_NFIELDS; i++)
		if (proc_col_stored(&proc_fields[i]) &&
		    db_has_column(db, "proc", proc_fields[i].name))
			db->pcols[db->npcols++] = &proc_fields[i];
}

static int
prepare(struct db *db, int idx, const char *sql)
{
	int rc = sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &db->st[idx], NULL);

	if (rc != SQLITE_OK) {
		db_sqlfail(db, rc, "prepare");
		return -1;
	}
	return 0;
}

/* Does table proc have this column? (A build whose snapshot grew a field
 * keeps writing the columns the schema has.) */
bool
db_has_column(struct db *db, const char *table, const char *col)
{
	sqlite3_stmt *st;
	bool found = false;
	char *sql = xasprintf("SELECT 1 FROM pragma_table_info('%s') "
	    "WHERE name = ?", table);

	if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, col, -1, SQLITE_STATIC);
		found = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	free(sql);
	return found;
}

static int
prepare_all(struct db *db)
{
	char *cols = xstrdup(""), *vals = xstrdup(""), *sql, *c, *v;
	size_t i;
	int r = 0;

	c = db_sample_cols();
	v = placeholders(c);
	sql = xasprintf("INSERT INTO sample(%s) VALUES(%s)", c, v);
	free(c);
	free(v);
	r |= prepare(db, ST_SAMPLE, sql);
	free(sql);
	r |= prepare(db, ST_CPU, "INSERT INTO cpu(seq, cpu, user_ns, nice_ns, "
	    "system_ns, idle_ns, iowait_ns, irq_ns, softirq_ns, steal_ns, "
	    "guest_ns, guest_nice_ns) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
	r |= prepare(db, ST_DISK, "INSERT INTO disk(seq, name, reads, writes, "
	    "read_bytes, write_bytes, busy_ns) VALUES(?,?,?,?,?,?,?)");
	r |= prepare(db, ST_NET, "INSERT INTO net(seq, name, up, rx_bytes, "
	    "rx_packets, rx_errors, rx_drops, tx_bytes, tx_packets, tx_errors, "
	    "tx_drops) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
	r |= prepare(db, ST_FS, "INSERT INTO fs(seq, n, device, mount, type, "
	    "size_bytes, used_bytes, avail_bytes, inodes_total, inodes_used, "
	    "inodes_free) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
	r |= prepare(db, ST_LIMITS, "INSERT INTO limits(seq, cgroup_version, "
	    "cgroup_path, cpu_quota_ns, cpu_period_ns, cpu_usage_ns, "
	    "memory_limit_bytes, memory_usage_bytes, swap_limit_bytes, "
	    "pids_limit, pids_current, unlimited, io_max) "
	    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
	r |= prepare(db, ST_RLIMIT, "INSERT INTO rlimit(seq, resource, soft, "
	    "hard, soft_unlimited, hard_unlimited) VALUES(?,?,?,?,?,?)");
	r |= prepare(db, ST_PROCESS_NEW, "INSERT INTO process(id, pid, "
	    "start_time_ns, boot, first_seq) VALUES(?,?,?,?,?)");
	r |= prepare(db, ST_PROCESS_GONE, "UPDATE process SET gone_seq = ? "
	    "WHERE id = ?");
	r |= prepare(db, ST_MEMBER, "INSERT INTO member(seq, id) VALUES(?,?)");
	r |= prepare(db, ST_STR_GET, "SELECT id FROM str WHERE h = ?1 AND "
	    "s = ?2 LIMIT 1");
	r |= prepare(db, ST_STR_ADD, "INSERT INTO str(h, s) VALUES(?1, ?2)");
	r |= prepare(db, ST_BEGIN, "BEGIN IMMEDIATE");
	r |= prepare(db, ST_COMMIT, "COMMIT");
	r |= prepare(db, ST_ROLLBACK, "ROLLBACK");

	add_col(&cols, &vals, "id");
	add_col(&cols, &vals, "seq");
	add_col(&cols, &vals, "kernel_thread");
	db_find_proc_cols(db);
	for (i = 0; i < db->npcols; i++)
		add_col(&cols, &vals, db->pcols[i]->name);
	db->proc_cols = cols;
	sql = xasprintf("INSERT INTO proc(%s) VALUES(%s)", cols, vals);
	free(vals);
	r |= prepare(db, ST_PROC, sql);
	free(sql);
	return r == 0 ? 0 : -1;
}

static int
cmp_wpid(const void *a, const void *b)
{
	const struct wproc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Load what the last run left: seq counters, the next process id and the
 * processes alive at the last sample (their values are unknown here, so
 * each gets a full row next sample). */
static int
load_state(struct db *db)
{
	sqlite3_stmt *st;
	int64_t *ids = NULL;
	size_t n = 0, i;
	int rc;

	db->last_seq = (uint64_t)db_int(db, "SELECT max(seq) FROM sample", 0);
	db->key_seq = (uint64_t)db_int(db, "SELECT key_seq FROM sample "
	    "ORDER BY seq DESC LIMIT 1", 0);
	/* Ids only grow, even past processes pruned since. */
	db->next_id = db_int(db, "SELECT max(ifnull((SELECT max(id) FROM "
	    "process), 0) + 1, ifnull((SELECT new_process_id FROM sample "
	    "ORDER BY seq DESC LIMIT 1), 1))", 1);
	db->keyframe_due = true;
	rc = sqlite3_prepare_v2(db->sql, "SELECT (SELECT s FROM str WHERE "
	    "id = boot) FROM sample ORDER BY seq DESC LIMIT 1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_sqlfail(db, rc, "load state"), -1;
	snapshot_clear(db->prev);
	db->nprev_w = 0;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) > 0)
		strlcpy(db->prev->boot_id,
		    (const char *)sqlite3_column_text(st, 0),
		    sizeof(db->prev->boot_id));
	sqlite3_finalize(st);
	/* Alive at the last sample: through the keyframe, no scan. */
	if (db->last_seq > 0 && db_live_ids(db, db->key_seq, db->last_seq,
	    &ids, &n) != DB_OK)
		return -1;
	rc = sqlite3_prepare_v2(db->sql, "SELECT pid, start_time_ns FROM "
	    "process WHERE id = ?", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		free(ids);
		return db_sqlfail(db, rc, "load state"), -1;
	}
	for (i = 0; i < n; i++) {
		struct wproc *w;

		sqlite3_bind_int64(st, 1, ids[i]);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			db->prev_w = xgrow(db->prev_w, &db->cap_prev_w,
			    db->nprev_w, sizeof(*db->prev_w));
			w = &db->prev_w[db->nprev_w++];
			memset(w, 0, sizeof(*w));
			w->id = ids[i];
			w->stale = true;
			w->pid = (pid_t)sqlite3_column_int64(st, 0);
			if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
				w->start_time_ns = db_col_u64(st, 1);
				w->have_start = true;
			}
			rc = SQLITE_DONE;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			break;
	}
	sqlite3_finalize(st);
	free(ids);
	if (n > 0 && rc != SQLITE_DONE)
		return db_sqlfail(db, rc, "load state"), -1;
	if (db->nprev_w > 0)
		qsort(db->prev_w, db->nprev_w, sizeof(*db->prev_w), cmp_wpid);
	db->have_prev = db->nprev_w > 0 || db->prev->boot_id[0] != '\0';
	return 0;
}

int
db_writer_init(struct db *db, struct db_error *err)
{
	db->prev = snapshot_new();
	db->cur = snapshot_new();
	db->strs = strcache_new();
	arc4random_buf(&db->digest_key, sizeof(db->digest_key));
	if (prepare_all(db) != 0 || db_strtab_load(db) != 0 ||
	    load_state(db) != 0) {
		db_copyerr(err, db);
		return -1;
	}
	db_retention_init(db);
	return 0;
}

void
db_writer_fini(struct db *db)
{
	int i;

	for (i = 0; i < ST_NSTMTS; i++)
		sqlite3_finalize(db->st[i]);
	memset(db->st, 0, sizeof(db->st));
	snapshot_free(db->prev);
	snapshot_free(db->cur);
	db->prev = db->cur = NULL;
	free(db->prev_w);
	free(db->cur_w);
	db->prev_w = db->cur_w = NULL;
	free(db->digest_buf);
	db->digest_buf = NULL;
	db->digest_bufsz = 0;
	free(db->proc_cols);
	db->proc_cols = NULL;
	strcache_free(db->strs);
	db->strs = NULL;
	free(db->sweep_bits);
	db->sweep_bits = NULL;
}

uint64_t
db_last_written(const struct db *db)
{
	return db->last_seq;
}

/* ---- one sample --------------------------------------------------------- */

static int
step(struct db *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		db_sqlfail(db, rc, what);
		return -1;
	}
	return 0;
}

/* Bind an interned string (NULL stays NULL); -1 on failure. */
static int
bind_strid(struct db *db, sqlite3_stmt *st, int idx, const char *s)
{
	int64_t id;

	if (s == NULL) {
		sqlite3_bind_null(st, idx);
		return 0;
	}
	id = db_intern(db, s, strlen(s));
	if (id == 0)
		return -1;
	sqlite3_bind_int64(st, idx, id);
	return 0;
}

static void
bind_dbl(sqlite3_stmt *st, int idx, bool have, double v)
{
	if (have)
		sqlite3_bind_double(st, idx, v);
	else
		sqlite3_bind_null(st, idx);
}

/* Processes of s: its entries but the threads a UI asked the probe for. */
static size_t
nprocesses(const struct snapshot *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nproc; i++)
		n += !s->proc[i].thread;
	return n;
}

static int
write_sample(struct db *db, const struct snapshot *s, uint64_t seq,
    int64_t interval)
{
	sqlite3_stmt *st = db->st[ST_SAMPLE];
	int i = 1, r, k;

	sqlite3_bind_int64(st, i++, (sqlite3_int64)seq);
	sqlite3_bind_int64(st, i++, s->wall_ns);
	sqlite3_bind_int64(st, i++, s->mono_ns);
	sqlite3_bind_int64(st, i++, interval);
	if (s->boot_id[0] != '\0') {
		if (bind_strid(db, st, i, s->boot_id) != 0)
			return -1;
	}
	i++;
	sqlite3_bind_int64(st, i++, (sqlite3_int64)db->key_seq);
	db_bind_u64(st, i++, db->fs_seq > 0, (uint64_t)db->fs_seq);
	db_bind_u64(st, i++, db->lim_seq > 0, (uint64_t)db->lim_seq);
	sqlite3_bind_int64(st, i++, s->areas);
	db_bind_u64(st, i++, s->ticks_per_sec > 0, (uint64_t)s->ticks_per_sec);
	sqlite3_bind_int64(st, i++, (sqlite3_int64)nprocesses(s));
	db_bind_u64(st, i++, s->ncpu_online > 0, (uint64_t)s->ncpu_online);
	for (k = 0; k < 3; k++)
		bind_dbl(st, i++, HAVE(s->load.have, k), s->load.avg[k]);
	db_bind_u64(st, i++, HAVE(s->load.have, LOAD_RUNNING), s->load.running);
	db_bind_u64(st, i++, HAVE(s->load.have, LOAD_TASKS), s->load.tasks);
	for (k = 0; k < MEM_NFIELDS; k++)
		db_bind_u64(st, i++, HAVE(s->mem.have, k), s->mem.v[k]);
	for (r = 0; r < PSI_NRES; r++)
		for (k = 0; k < 2; k++) {
			const struct psi_line *l = k == 0 ? &s->psi[r].some :
			    &s->psi[r].full;

			bind_dbl(st, i++, l->have, l->avg10);
			bind_dbl(st, i++, l->have, l->avg60);
			bind_dbl(st, i++, l->have, l->avg300);
			db_bind_u64(st, i++, l->have, l->total_ns);
		}
	sqlite3_bind_int64(st, i++, db->next_id);
	return step(db, st, "store sample");
}

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
 * Is the name of element i of an array of snap_disk or snap_net (whose
 * first member is the name) NULL or the same as an earlier one? A
 * duplicate would void the whole sample through the primary key.
 */
static bool
name_seen(const void *arr, size_t stride, size_t i)
{
	const char *n = *(const char *const *)(const void *)
	    ((const char *)arr + i * stride);
	size_t j;

	if (n == NULL)
		return true;
	for (j = 0; j < i; j++)
		if (str_eq(*(const char *const *)(const void *)
		    ((const char *)arr + j * stride), n))
			return true;
	return false;
}

/* One disk or network row: seq, name, [up,] counters. */
static int
write_counters(struct db *db, sqlite3_stmt *st, uint64_t seq,
    const char *name, int up, const uint64_t *v, uint32_t have, int n,
    const char *what)
{
	int k, idx = 3;

	sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
	if (bind_strid(db, st, 2, name) != 0)
		return -1;
	if (up != INT_MIN)
		db_bind_u64(st, idx++, up >= 0, (uint64_t)up);
	for (k = 0; k < n; k++)
		db_bind_u64(st, idx + k, HAVE(have, k), v[k]);
	return step(db, st, what);
}

static int
write_devices(struct db *db, const struct snapshot *s, uint64_t seq)
{
	sqlite3_stmt *st;
	size_t i, j;
	int k;

	st = db->st[ST_CPU];
	for (i = 0; i < s->ncpu; i++) {
		const struct snap_cpu *c = &s->cpu[i];

		for (j = 0; j < i; j++)
			if (s->cpu[j].id == c->id)
				break;
		if (j < i)
			continue; /* a duplicate id would void the sample */
		sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
		sqlite3_bind_int64(st, 2, c->id);
		for (k = 0; k < CPU_NFIELDS; k++)
			db_bind_u64(st, 3 + k, HAVE(c->have, k), c->ns[k]);
		if (step(db, st, "store cpu") != 0)
			return -1;
	}
	for (i = 0; i < s->ndisk; i++)
		if (!name_seen(s->disk, sizeof(*s->disk), i) &&
		    write_counters(db, db->st[ST_DISK], seq, s->disk[i].name,
		    INT_MIN, s->disk[i].v, s->disk[i].have, DISK_NFIELDS,
		    "store disk") != 0)
			return -1;
	for (i = 0; i < s->nnet; i++)
		if (!name_seen(s->net, sizeof(*s->net), i) &&
		    write_counters(db, db->st[ST_NET], seq, s->net[i].name,
		    s->net[i].up, s->net[i].v, s->net[i].have, NET_NFIELDS,
		    "store network") != 0)
			return -1;
	return 0;
}

static bool
fs_changed(const struct snapshot *a, const struct snapshot *b)
{
	size_t i;

	if (a->nfs != b->nfs)
		return true;
	for (i = 0; i < a->nfs; i++) {
		const struct snap_fs *x = &a->fs[i], *y = &b->fs[i];

		if (x->have != y->have || memcmp(x->v, y->v, sizeof(x->v)) ||
		    !str_eq(x->device, y->device) ||
		    !str_eq(x->mount, y->mount) || !str_eq(x->type, y->type))
			return true;
	}
	return false;
}

static int
write_fs(struct db *db, const struct snapshot *s, uint64_t seq)
{
	sqlite3_stmt *st = db->st[ST_FS];
	size_t i;
	int k;

	for (i = 0; i < s->nfs; i++) {
		const struct snap_fs *f = &s->fs[i];

		sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		if (bind_strid(db, st, 3, f->device) != 0 ||
		    bind_strid(db, st, 4, f->mount) != 0 ||
		    bind_strid(db, st, 5, f->type) != 0)
			return -1;
		for (k = 0; k < FS_NFIELDS; k++)
			db_bind_u64(st, 6 + k, HAVE(f->have, k), f->v[k]);
		if (step(db, st, "store filesystem") != 0)
			return -1;
	}
	return 0;
}

static bool
limits_changed(const struct snapshot *a, const struct snapshot *b)
{
	const struct snap_cgroup *x = &a->cgroup, *y = &b->cgroup;

	if ((a->areas ^ b->areas) & (1u << AREA_QUOTA))
		return true;
	return x->version != y->version || x->have != y->have ||
	    x->unlimited != y->unlimited || memcmp(x->v, y->v, sizeof(x->v)) ||
	    !str_eq(x->path, y->path) || !str_eq(x->io_max, y->io_max);
}

static bool
rlimits_changed(const struct snapshot *a, const struct snapshot *b)
{
	return ((a->areas ^ b->areas) & (1u << AREA_QUOTA)) ||
	    memcmp(&a->rlimit, &b->rlimit, sizeof(a->rlimit)) != 0;
}

static int
write_limits(struct db *db, const struct snapshot *s, uint64_t seq,
    bool rlimits)
{
	const struct snap_cgroup *c = &s->cgroup;
	const struct snap_rlimit *rl = &s->rlimit;
	sqlite3_stmt *st = db->st[ST_LIMITS];
	int k;

	sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
	sqlite3_bind_int64(st, 2, c->version);
	if (bind_strid(db, st, 3, c->path) != 0)
		return -1;
	for (k = 0; k < QUOTA_NFIELDS; k++)
		db_bind_u64(st, 4 + k, HAVE(c->have, k) &&
		    !HAVE(c->unlimited, k), c->v[k]);
	sqlite3_bind_int64(st, 12, c->unlimited & c->have);
	if (bind_strid(db, st, 13, c->io_max) != 0 ||
	    step(db, st, "store limits") != 0)
		return -1;
	/* Resource limits hardly ever change: rows only when they do (and
	 * at keyframes); readers take the latest set. */
	if (!rlimits)
		return 0;
	st = db->st[ST_RLIMIT];
	for (k = 0; k < RLIM_NFIELDS; k++) {
		bool su = HAVE(rl->soft_unlimited, k);
		bool hu = HAVE(rl->hard_unlimited, k);

		if (!HAVE(rl->have, k))
			continue;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
		sqlite3_bind_text(st, 2, rlim_field_names[k], -1,
		    SQLITE_STATIC);
		db_bind_u64(st, 3, !su, rl->soft[k]);
		db_bind_u64(st, 4, !hu, rl->hard[k]);
		sqlite3_bind_int(st, 5, su);
		sqlite3_bind_int(st, 6, hu);
		if (step(db, st, "store rlimit") != 0)
			return -1;
	}
	return 0;
}

/* Pointer to field f of p. */
#define FIELD(p, f, type) ((const type *)((const char *)(p) + (f)->offset))

/* Append len bytes to the digest buffer at *n. */
static void
digest_put(struct db *db, size_t *n, const void *p, size_t len)
{
	if (db->digest_bufsz - *n < len) {
		size_t sz = db->digest_bufsz > 0 ? db->digest_bufsz : 256;

		while (sz - *n < len)
			sz *= 2;
		db->digest_buf = xreallocarray(db->digest_buf, sz, 1);
		db->digest_bufsz = sz;
	}
	memcpy(db->digest_buf + *n, p, len);
	*n += len;
}

/*
 * Digest of what a proc row stores: the have bits (derived ones left out),
 * kernel_thread and every known stored value, strings length-prefixed.
 * Equal values give equal digests; a change leaves the digest as it was
 * with probability 2^-64, and as the key is random per writer no process
 * can choose its values (say, a command line) to hide a change.
 */
static uint64_t
proc_digest(struct db *db, const struct snap_proc *p)
{
	uint64_t have = p->have & ~PROC_DERIVED;
	unsigned char kt = p->kernel_thread;
	size_t i, n = 0;

	digest_put(db, &n, &have, sizeof(have));
	digest_put(db, &n, &kt, 1);
	for (i = 0; i < db->npcols; i++) {
		const struct field_desc *f = db->pcols[i];
		const char *str;
		unsigned char known;
		size_t len;

		if (!HAVE(p->have, f->bit))
			continue;
		switch (f->type) {
		case FT_PID:
			digest_put(db, &n, FIELD(p, f, pid_t), sizeof(pid_t));
			break;
		case FT_UID:
			digest_put(db, &n, FIELD(p, f, uid_t), sizeof(uid_t));
			break;
		case FT_CHAR:
			digest_put(db, &n, FIELD(p, f, char), 1);
			break;
		case FT_I32:
			digest_put(db, &n, FIELD(p, f, int32_t),
			    sizeof(int32_t));
			break;
		case FT_U64:
			digest_put(db, &n, FIELD(p, f, uint64_t),
			    sizeof(uint64_t));
			break;
		case FT_STR:
			str = *FIELD(p, f, char *);
			known = str != NULL;
			len = str != NULL ? strlen(str) : 0;
			digest_put(db, &n, &known, 1);
			digest_put(db, &n, &len, sizeof(len));
			if (len > 0)
				digest_put(db, &n, str, len);
			break;
		case FT_DOUBLE: /* derived: not stored */
			break;
		}
	}
	return siphash24(&db->digest_key, db->digest_buf, n);
}

static int
write_proc(struct db *db, const struct snap_proc *p, int64_t id, uint64_t seq)
{
	sqlite3_stmt *st = db->st[ST_PROC];
	size_t i;
	int idx = 4;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)seq);
	sqlite3_bind_int(st, 3, p->kernel_thread);
	for (i = 0; i < db->npcols; i++, idx++) {
		const struct field_desc *f = db->pcols[i];
		char c;

		if (!HAVE(p->have, f->bit))
			continue; /* stays NULL */
		/* NULL for the sum of the user and system times, which
		 * readers add up (histop-db(5)). */
		if (f->bit == PROC_TOTAL_TIME &&
		    HAVE(p->have, PROC_USER_TIME) &&
		    HAVE(p->have, PROC_SYSTEM_TIME) &&
		    p->total_time_ns == p->user_time_ns + p->system_time_ns)
			continue;
		switch (f->type) {
		case FT_PID:
			sqlite3_bind_int64(st, idx, *FIELD(p, f, pid_t));
			break;
		case FT_UID:
			sqlite3_bind_int64(st, idx, *FIELD(p, f, uid_t));
			break;
		case FT_CHAR:
			c = *FIELD(p, f, char);
			sqlite3_bind_text(st, idx, &c, c != '\0', SQLITE_TRANSIENT);
			break;
		case FT_I32:
			sqlite3_bind_int64(st, idx, *FIELD(p, f, int32_t));
			break;
		case FT_U64:
			db_bind_u64(st, idx, true, *FIELD(p, f, uint64_t));
			break;
		case FT_STR: {
			/* Known but absent (a kernel thread's cmdline) is "". */
			const char *s = *FIELD(p, f, char *);
			int64_t sid = db_intern(db, s != NULL ? s : "",
			    s != NULL ? strlen(s) : 0);

			if (sid == 0)
				return -1;
			sqlite3_bind_int64(st, idx, sid);
			break;
		}
		case FT_DOUBLE:
			break;
		}
	}
	return step(db, st, "store process");
}

static bool
same_process(const struct wproc *a, const struct snap_proc *b)
{
	bool hb = HAVE(b->have, PROC_START_TIME);

	return a->id != 0 && a->pid == b->pid && a->have_start == hb &&
	    (!hb || a->start_time_ns == b->start_time_ns);
}

static int
write_procs(struct db *db, const struct snapshot *s, uint64_t seq, bool key)
{
	const struct wproc *prev = db->prev_w;
	size_t nprev = db->nprev_w;
	bool same_boot = str_eq(s->boot_id, db->prev->boot_id) ||
	    s->boot_id[0] == '\0' || db->prev->boot_id[0] == '\0';
	int64_t first_new = db->next_id;
	size_t i, j = 0;
	sqlite3_stmt *st;

	/* sized to the process list: given back after a burst */
	db->cur_w = xfit(db->cur_w, &db->cap_cur_w, s->nproc + 1,
	    sizeof(*db->cur_w));
	for (i = 0; i < s->nproc; i++) {
		const struct snap_proc *p = &s->proc[i];
		const struct wproc *q = NULL;
		struct wproc *w = &db->cur_w[i];

		memset(w, 0, sizeof(*w));
		w->pid = p->pid;
		if (i > 0 && s->proc[i - 1].pid == p->pid)
			continue; /* duplicate pid from the probe: skip (id 0) */
		if (p->thread)
			continue; /* a thread shown by the UI: never stored */
		w->have_start = HAVE(p->have, PROC_START_TIME);
		w->start_time_ns = p->start_time_ns;
		w->digest = proc_digest(db, p);
		/* Both lists are pid-sorted: merge; the unmatched old ones
		 * are gone. */
		for (; j < nprev && prev[j].pid <= p->pid; j++) {
			if (prev[j].pid == p->pid && same_boot &&
			    same_process(&prev[j], p)) {
				q = &prev[j];
				break;
			}
			if (prev[j].id == 0)
				continue;
			st = db->st[ST_PROCESS_GONE];
			sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
			sqlite3_bind_int64(st, 2, prev[j].id);
			if (step(db, st, "store process exit") != 0)
				return -1;
		}
		if (q != NULL) {
			w->id = q->id;
			j++;
			if (!q->stale && q->digest == w->digest)
				continue;
		} else {
			/* Ids in first-seen order (histop-db(5)). */
			st = db->st[ST_PROCESS_NEW];
			sqlite3_bind_int64(st, 1, db->next_id);
			sqlite3_bind_int64(st, 2, p->pid);
			db_bind_u64(st, 3, HAVE(p->have, PROC_START_TIME),
			    p->start_time_ns);
			if (s->boot_id[0] != '\0' &&
			    bind_strid(db, st, 4, s->boot_id) != 0)
				return -1;
			sqlite3_bind_int64(st, 5, (sqlite3_int64)seq);
			if (step(db, st, "store process") != 0)
				return -1;
			w->id = db->next_id++;
		}
		if (write_proc(db, p, w->id, seq) != 0)
			return -1;
	}
	for (; j < nprev; j++) {
		if (prev[j].id == 0)
			continue;
		st = db->st[ST_PROCESS_GONE];
		sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
		sqlite3_bind_int64(st, 2, prev[j].id);
		if (step(db, st, "store process exit") != 0)
			return -1;
	}
	if (!key)
		return 0;
	/* Members: those alive before this keyframe; the ones first seen
	 * here are its range of new ids. */
	st = db->st[ST_MEMBER];
	for (i = 0; i < s->nproc; i++) {
		if (db->cur_w[i].id == 0 || db->cur_w[i].id >= first_new)
			continue;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)seq);
		sqlite3_bind_int64(st, 2, db->cur_w[i].id);
		if (step(db, st, "store keyframe") != 0)
			return -1;
	}
	return 0;
}

static bool
procs_sorted(const struct snapshot *s)
{
	size_t i;

	for (i = 1; i < s->nproc; i++)
		if (s->proc[i - 1].pid > s->proc[i].pid)
			return false;
	return true;
}

enum db_status
db_write(struct db *db, const struct snapshot *snap, struct db_error *err)
{
	const struct snapshot *s = snap;
	struct wproc *tw;
	size_t tc;
	uint64_t seq = db->last_seq + 1, old_key = db->key_seq;
	int64_t old_fs = db->fs_seq, old_lim = db->lim_seq, interval;
	int64_t old_next = db->next_id;
	bool key, same_boot;
	int rc;

	if (!db->writer)
		return db_fail(db, DB_ERR_INVALID, "%s: opened read-only",
		    db->path);
	/* A snapshot already sorted by pid (the probe's) is written as it
	 * is, without a copy: the writer keeps only a digest per process. */
	if (!procs_sorted(snap)) {
		snapshot_copy(db->cur, snap);
		snapshot_sort_procs(db->cur);
		s = db->cur;
	}
	/* A keyframe every DB_KEY_EVERY samples or DB_KEY_NS, whichever
	 * comes first: bounds both the rows a seek reads and the span a
	 * pruning step drops. */
	key = db->keyframe_due || seq - db->key_seq >= DB_KEY_EVERY ||
	    s->mono_ns - db->key_mono >= DB_KEY_NS ||
	    s->mono_ns < db->key_mono;
	same_boot = str_eq(s->boot_id, db->prev->boot_id);
	interval = s->interval_ns;
	if (db->have_prev && db->prev->mono_ns > 0 && same_boot &&
	    s->mono_ns > db->prev->mono_ns)
		interval = s->mono_ns - db->prev->mono_ns;
	else if (db->have_prev && !same_boot)
		interval = 0;

	rc = sqlite3_step(db->st[ST_BEGIN]);
	sqlite3_reset(db->st[ST_BEGIN]);
	if (rc != SQLITE_DONE) {
		db_sqlfail(db, rc, "begin");
		goto fail;
	}
	if (key)
		db->key_seq = seq;
	if (s->nfs == 0)
		db->fs_seq = 0;
	else if (key || db->fs_seq == 0 || fs_changed(s, db->prev)) {
		db->fs_seq = (int64_t)seq;
		if (write_fs(db, s, seq) != 0)
			goto rollback;
	}
	if (!(s->areas & (1u << AREA_QUOTA)))
		db->lim_seq = 0;
	else if (key || db->lim_seq == 0 || limits_changed(s, db->prev) ||
	    rlimits_changed(s, db->prev)) {
		db->lim_seq = (int64_t)seq;
		if (write_limits(db, s, seq, key || rlimits_changed(s,
		    db->prev)) != 0)
			goto rollback;
	}
	if (write_sample(db, s, seq, interval) != 0 ||
	    write_devices(db, s, seq) != 0 ||
	    write_procs(db, s, seq, key) != 0)
		goto rollback;
	rc = sqlite3_step(db->st[ST_COMMIT]);
	sqlite3_reset(db->st[ST_COMMIT]);
	if (rc != SQLITE_DONE) {
		db_sqlfail(db, rc, "commit");
		goto rollback;
	}
	/* Committed: this sample is the base of the next one. */
	snapshot_copy_system(db->prev, s);
	db->nprev_w = s->nproc;
	tw = db->prev_w;
	db->prev_w = db->cur_w;
	db->cur_w = tw;
	tc = db->cap_prev_w;
	db->cap_prev_w = db->cap_cur_w;
	db->cap_cur_w = tc;
	db->have_prev = true;
	db->keyframe_due = false;
	if (key)
		db->key_mono = s->mono_ns;
	db->last_seq = seq;
	db->last_wall_ns = s->wall_ns;
	db->writes++;
	if (db->writes % 100 == 0)
		sqlite3_wal_checkpoint_v2(db->sql, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	db_wal_bound(db);
	db_retention_step(db);
	db->last = DB_OK;
	return DB_OK;

rollback:
	sqlite3_step(db->st[ST_ROLLBACK]);
	sqlite3_reset(db->st[ST_ROLLBACK]);
fail:
	{
		int i;

		for (i = 0; i < ST_NSTMTS; i++)
			if (db->st[i] != NULL) {
				sqlite3_reset(db->st[i]);
				sqlite3_clear_bindings(db->st[i]);
			}
	}
	/* Ids handed out in the rolled-back transaction do not exist. */
	strcache_rollback(db->strs);
	db->key_seq = old_key;
	db->next_id = old_next;
	db->fs_seq = old_fs;
	db->lim_seq = old_lim;
	db_copyerr(err, db);
	return db->last;
}
