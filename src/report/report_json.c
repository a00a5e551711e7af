/* report_json.c: a snapshot as one JSON object (JSON Lines), and its
 * processes as CSV rows, through the record writer. Depends on core. */
#include "config.h"

#include "report/report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/text.h"

#define PCT_PREC 2  /* decimals of percentages and rates */
#define LOAD_PREC 2

void
report_time_iso(char *buf, size_t size, int64_t wall_ns)
{
	time_t t = (time_t)(wall_ns / 1000000000);
	long ms = (long)((wall_ns % 1000000000) / 1000000);
	struct tm tm;

	if (ms < 0) {
		t--;
		ms += 1000;
	}
	if (gmtime_r(&t, &tm) == NULL) {
		strlcpy(buf, "", size);
		return;
	}
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ms);
}

/* name: v when bit is in have, else null. */
static void
u64_or_null(struct rw *w, const char *name, uint64_t have, int bit,
    uint64_t v)
{
	if (HAVE(have, bit))
		rw_u64(w, name, v);
	else
		rw_null(w, name);
}

static void
dbl_or_null(struct rw *w, const char *name, bool have, double v, int prec)
{
	if (have)
		rw_double(w, name, v, prec);
	else
		rw_null(w, name);
}

/* "user" -> "user_ns" etc.: counter names with their unit. */
static const char *
suffixed(char *buf, size_t size, const char *name, const char *suffix)
{
	snprintf(buf, size, "%s%s", name, suffix);
	return buf;
}

void
report_proc_fields(struct rw *w, const struct snap_proc *p)
{
	size_t i;

	for (i = 0; i < proc_nfields; i++) {
		const struct field_desc *f = &proc_fields[i];
		const char *v = (const char *)p + f->offset;

		if (!HAVE(p->have, f->bit)) {
			rw_null(w, f->name);
			continue;
		}
		switch (f->type) {
		case FT_PID:
			rw_i64(w, f->name, *(const pid_t *)(const void *)v);
			break;
		case FT_UID:
			rw_u64(w, f->name, *(const uid_t *)(const void *)v);
			break;
		case FT_CHAR:
			rw_strn(w, f->name, v, 1);
			break;
		case FT_I32:
			rw_i64(w, f->name, *(const int32_t *)(const void *)v);
			break;
		case FT_U64:
			rw_u64(w, f->name, *(const uint64_t *)(const void *)v);
			break;
		case FT_DOUBLE:
			rw_double(w, f->name, *(const double *)(const void *)v,
			    PCT_PREC);
			break;
		case FT_STR:
			rw_str(w, f->name,
			    *(const char *const *)(const void *)v);
			break;
		}
	}
}

static void
json_cpu(struct rw *w, const struct snap_cpu *c)
{
	char name[32];
	int i;

	if (c->id >= 0)
		rw_i64(w, "id", c->id);
	for (i = 0; i < CPU_NFIELDS; i++)
		u64_or_null(w, suffixed(name, sizeof(name), cpu_field_names[i],
		    "_ns"), c->have, i, c->ns[i]);
	for (i = 0; i < CPU_NFIELDS; i++)
		dbl_or_null(w, suffixed(name, sizeof(name), cpu_field_names[i],
		    "_percent"), c->have_pct && HAVE(c->have, i), c->pct[i],
		    PCT_PREC);
	dbl_or_null(w, "usage_percent", c->have_pct, c->usage_percent,
	    PCT_PREC);
}

/* False, after writing name: null, when area a was not sampled. */
static bool
sampled(struct rw *w, const struct snapshot *s, int a, const char *name)
{
	if (s->areas & (1u << a))
		return true;
	rw_null(w, name);
	return false;
}

static void
json_cpus(struct rw *w, const struct snapshot *s)
{
	size_t i;

	if (!(s->areas & (1u << AREA_CPU)) || s->ncpu == 0) {
		rw_null(w, "cpu");
		return;
	}
	rw_obj(w, "cpu");
	rw_obj(w, "total");
	json_cpu(w, &s->cpu[0]);
	rw_obj_end(w);
	rw_arr(w, "cpus");
	for (i = 1; i < s->ncpu; i++) {
		rw_obj(w, NULL);
		json_cpu(w, &s->cpu[i]);
		rw_obj_end(w);
	}
	rw_arr_end(w);
	rw_obj_end(w);
}

static void
json_memory(struct rw *w, const struct snapshot *s)
{
	int i;

	if (!sampled(w, s, AREA_MEMORY, "memory"))
		return;
	rw_obj(w, "memory");
	for (i = 0; i < MEM_NFIELDS; i++)
		u64_or_null(w, mem_field_names[i], s->mem.have, i, s->mem.v[i]);
	dbl_or_null(w, "usage_percent", s->mem.have_pct, s->mem.usage_percent,
	    PCT_PREC);
	rw_obj_end(w);
}

static void
json_load(struct rw *w, const struct snapshot *s)
{
	int i;

	if (!sampled(w, s, AREA_LOAD, "load"))
		return;
	rw_obj(w, "load");
	for (i = LOAD_1; i <= LOAD_15; i++)
		dbl_or_null(w, load_field_names[i], HAVE(s->load.have, i),
		    s->load.avg[i], LOAD_PREC);
	u64_or_null(w, load_field_names[LOAD_RUNNING], s->load.have,
	    LOAD_RUNNING, s->load.running);
	u64_or_null(w, load_field_names[LOAD_TASKS], s->load.have, LOAD_TASKS,
	    s->load.tasks);
	rw_obj_end(w);
}

static void
json_filesystems(struct rw *w, const struct snapshot *s)
{
	size_t i;
	int k;

	if (!(s->areas & (1u << AREA_DISK))) {
		rw_null(w, "filesystems");
		rw_null(w, "disks");
		return;
	}
	rw_arr(w, "filesystems");
	for (i = 0; i < s->nfs; i++) {
		const struct snap_fs *f = &s->fs[i];

		rw_obj(w, NULL);
		rw_str(w, "device", f->device);
		rw_str(w, "mount", f->mount);
		rw_str(w, "type", f->type);
		for (k = 0; k < FS_NFIELDS; k++)
			u64_or_null(w, fs_field_names[k], f->have, k, f->v[k]);
		rw_obj_end(w);
	}
	rw_arr_end(w);
	rw_arr(w, "disks");
	for (i = 0; i < s->ndisk; i++) {
		const struct snap_disk *d = &s->disk[i];
		char name[40];

		rw_obj(w, NULL);
		rw_str(w, "name", d->name);
		for (k = 0; k < DISK_NFIELDS; k++)
			u64_or_null(w, disk_field_names[k], d->have, k, d->v[k]);
		for (k = 0; k < DISK_NFIELDS; k++)
			dbl_or_null(w, k == DISK_BUSY_NS ? "busy_percent" :
			    suffixed(name, sizeof(name), disk_field_names[k],
			    "_per_sec"), d->have_rate && HAVE(d->have, k),
			    d->rate[k], PCT_PREC);
		rw_obj_end(w);
	}
	rw_arr_end(w);
}

static void
json_network(struct rw *w, const struct snapshot *s)
{
	size_t i;
	int k;

	if (!sampled(w, s, AREA_NETWORK, "network"))
		return;
	rw_arr(w, "network");
	for (i = 0; i < s->nnet; i++) {
		const struct snap_net *n = &s->net[i];
		char name[40];

		rw_obj(w, NULL);
		rw_str(w, "name", n->name);
		if (n->up < 0)
			rw_null(w, "up");
		else
			rw_bool(w, "up", n->up != 0);
		for (k = 0; k < NET_NFIELDS; k++)
			u64_or_null(w, net_field_names[k], n->have, k, n->v[k]);
		for (k = 0; k < NET_NFIELDS; k++)
			dbl_or_null(w, suffixed(name, sizeof(name),
			    net_field_names[k], "_per_sec"),
			    n->have_rate && HAVE(n->have, k), n->rate[k],
			    PCT_PREC);
		rw_obj_end(w);
	}
	rw_arr_end(w);
}

static void
json_psi_line(struct rw *w, const char *name, const struct psi_line *l)
{
	if (!l->have) {
		rw_null(w, name);
		return;
	}
	rw_obj(w, name);
	rw_double(w, "avg10", l->avg10, PCT_PREC);
	rw_double(w, "avg60", l->avg60, PCT_PREC);
	rw_double(w, "avg300", l->avg300, PCT_PREC);
	rw_u64(w, "total_ns", l->total_ns);
	dbl_or_null(w, "stall_percent", l->have_rate, l->rate, PCT_PREC);
	rw_obj_end(w);
}

static void
json_pressure(struct rw *w, const struct snapshot *s)
{
	int r;

	if (!sampled(w, s, AREA_PRESSURE, "pressure"))
		return;
	rw_obj(w, "pressure");
	for (r = 0; r < PSI_NRES; r++) {
		rw_obj(w, psi_resource_names[r]);
		json_psi_line(w, "some", &s->psi[r].some);
		json_psi_line(w, "full", &s->psi[r].full);
		rw_obj_end(w);
	}
	rw_obj_end(w);
}

/* A limit: its number, "unlimited", or null when unknown. */
static void
limit_value(struct rw *w, const char *name, uint32_t have, uint32_t unlimited,
    int bit, uint64_t v)
{
	if (!HAVE(have, bit))
		rw_null(w, name);
	else if (HAVE(unlimited, bit))
		rw_str(w, name, "unlimited");
	else
		rw_u64(w, name, v);
}

/* The members of one cgroup's limits and usage. */
static void
json_cgroup_fields(struct rw *w, const struct snap_cgroup *cg)
{
	int k;

	rw_i64(w, "version", cg->version);
	rw_str(w, "path", cg->path);
	for (k = 0; k < QUOTA_NFIELDS; k++)
		limit_value(w, quota_field_names[k], cg->have, cg->unlimited, k,
		    cg->v[k]);
	rw_str(w, "io_max", cg->io_max);
}

/* name: soft and hard value of every resource limit (null unknown). */
static void
json_rlimits(struct rw *w, const char *name, const struct snap_rlimit *rl)
{
	int k;

	rw_obj(w, name);
	for (k = 0; k < RLIM_NFIELDS; k++) {
		if (!HAVE(rl->have, k)) {
			rw_null(w, rlim_field_names[k]);
			continue;
		}
		rw_obj(w, rlim_field_names[k]);
		limit_value(w, "soft", rl->have, rl->soft_unlimited, k,
		    rl->soft[k]);
		limit_value(w, "hard", rl->have, rl->hard_unlimited, k,
		    rl->hard[k]);
		rw_obj_end(w);
	}
	rw_obj_end(w);
}

static void
json_quota(struct rw *w, const struct snapshot *s, const struct report_opts *o)
{
	const struct snap_cgroup *cg = &s->cgroup;
	size_t i;

	if (!sampled(w, s, AREA_QUOTA, "quota"))
		return;
	rw_obj(w, "quota");
	if (cg->version == 0)
		rw_null(w, "cgroup");
	else {
		rw_obj(w, "cgroup");
		json_cgroup_fields(w, cg);
		rw_obj_end(w);
	}
	json_rlimits(w, "rlimits", &s->rlimit);
	if (o != NULL && o->cgroups != NULL) {
		/* The cgroups the processes are in, keyed by their "cgroup". */
		rw_arr(w, "process_cgroups");
		for (i = 0; i < o->ncgroups; i++) {
			rw_obj(w, NULL);
			rw_str(w, "cgroup", o->cgroup_keys[i]);
			json_cgroup_fields(w, &o->cgroups[i]);
			rw_obj_end(w);
		}
		rw_arr_end(w);
	}
	if (o != NULL && o->rlimits != NULL) {
		rw_arr(w, "process_rlimits");
		for (i = 0; i < o->nrlimits; i++) {
			rw_obj(w, NULL);
			rw_i64(w, "pid", o->rlimit_pids[i]);
			json_rlimits(w, "rlimits", &o->rlimits[i]);
			rw_obj_end(w);
		}
		rw_arr_end(w);
	}
	rw_obj_end(w);
}

int
report_json(struct rw *w, const struct snapshot *s, const struct report_opts *o)
{
	char iso[40];
	size_t i, n, *idx = NULL, cap = 0;

	rw_begin(w);
	rw_u64(w, "seq", s->seq);
	report_time_iso(iso, sizeof(iso), s->wall_ns);
	rw_str(w, "time", iso);
	rw_i64(w, "wall_ns", s->wall_ns);
	rw_i64(w, "mono_ns", s->mono_ns);
	if (s->interval_ns > 0)
		rw_i64(w, "interval_ns", s->interval_ns);
	else
		rw_null(w, "interval_ns");
	rw_str(w, "boot_id", s->boot_id[0] != '\0' ? s->boot_id : NULL);
	if (s->ncpu_online > 0)
		rw_i64(w, "ncpu_online", s->ncpu_online);
	else
		rw_null(w, "ncpu_online");
	json_cpus(w, s);
	json_memory(w, s);
	json_load(w, s);
	json_filesystems(w, s);
	json_network(w, s);
	json_pressure(w, s);
	json_quota(w, s, o);
	if (!(s->areas & (1u << AREA_PROCESSES)))
		rw_null(w, "processes");
	else {
		n = report_select(s, o, &idx, &cap);
		rw_arr(w, "processes");
		for (i = 0; i < n; i++) {
			rw_obj(w, NULL);
			report_proc_fields(w, &s->proc[idx[i]]);
			rw_obj_end(w);
		}
		rw_arr_end(w);
		free(idx);
	}
	return rw_end(w);
}

int
report_csv(struct rw *w, const struct snapshot *s, const struct report_opts *o)
{
	char iso[40];
	size_t i, n, *idx = NULL, cap = 0;
	int r = 0;

	if (!(s->areas & (1u << AREA_PROCESSES)))
		return 0;
	report_time_iso(iso, sizeof(iso), s->wall_ns);
	n = report_select(s, o, &idx, &cap);
	for (i = 0; i < n && r == 0; i++) {
		rw_begin(w);
		rw_u64(w, "seq", s->seq);
		rw_str(w, "time", iso);
		report_proc_fields(w, &s->proc[idx[i]]);
		r = rw_end(w);
	}
	free(idx);
	return r;
}
