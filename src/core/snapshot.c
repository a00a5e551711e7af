/* snapshot.c: snapshot storage, field tables and derived rates. libc only. */
#include "config.h"

#include "core/snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "core/rstr.h"
#include "core/xalloc.h"

const char *const cpu_field_names[CPU_NFIELDS] = {
	"user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal",
	"guest", "guest_nice",
};

const char *const mem_field_names[MEM_NFIELDS] = {
	"total_bytes", "available_bytes", "used_bytes", "free_bytes",
	"buffers_bytes", "cached_bytes", "shared_bytes", "swap_total_bytes",
	"swap_used_bytes", "swap_free_bytes",
};

const char *const load_field_names[LOAD_NFIELDS] = {
	"load1", "load5", "load15", "tasks_running", "tasks_total",
};

const char *const fs_field_names[FS_NFIELDS] = {
	"size_bytes", "used_bytes", "avail_bytes", "inodes_total",
	"inodes_used", "inodes_free",
};

const char *const disk_field_names[DISK_NFIELDS] = {
	"reads", "writes", "read_bytes", "write_bytes", "busy_ns",
};

const char *const net_field_names[NET_NFIELDS] = {
	"rx_bytes", "rx_packets", "rx_errors", "rx_drops",
	"tx_bytes", "tx_packets", "tx_errors", "tx_drops",
};

const char *const psi_resource_names[PSI_NRES] = { "cpu", "memory", "io" };

const char *const quota_field_names[QUOTA_NFIELDS] = {
	"cpu_quota_ns", "cpu_period_ns", "cpu_usage_ns", "memory_limit_bytes",
	"memory_usage_bytes", "swap_limit_bytes", "pids_limit", "pids_current",
};

const char *const rlim_field_names[RLIM_NFIELDS] = {
	"cpu", "fsize", "data", "stack", "core", "rss", "nproc", "nofile",
	"memlock", "as", "locks", "sigpending", "msgqueue", "nice", "rtprio",
	"rttime",
};

const char *const area_names[AREA_NAREAS] = {
	"cpu", "memory", "load", "disk", "network", "io", "quota", "processes",
};

#define PF(n, t, m, b) { n, t, offsetof(struct snap_proc, m), b }
const struct field_desc proc_fields[] = {
	PF("pid", FT_PID, pid, PROC_PID),
	PF("ppid", FT_PID, ppid, PROC_PPID),
	PF("uid", FT_UID, uid, PROC_UID),
	PF("user", FT_STR, user, PROC_USER),
	PF("state", FT_CHAR, state, PROC_STATE),
	PF("comm", FT_STR, comm, PROC_COMM),
	PF("cmdline", FT_STR, cmdline, PROC_CMDLINE),
	PF("threads", FT_I32, threads, PROC_THREADS),
	PF("nice", FT_I32, nice, PROC_NICE),
	PF("start_time_ns", FT_U64, start_time_ns, PROC_START_TIME),
	PF("user_time_ns", FT_U64, user_time_ns, PROC_USER_TIME),
	PF("system_time_ns", FT_U64, system_time_ns, PROC_SYSTEM_TIME),
	PF("total_time_ns", FT_U64, total_time_ns, PROC_TOTAL_TIME),
	PF("usage_percent", FT_DOUBLE, usage_percent, PROC_USAGE_PERCENT),
	PF("rss_bytes", FT_U64, rss_bytes, PROC_RSS),
	PF("vms_bytes", FT_U64, vms_bytes, PROC_VMS),
	PF("swap_bytes", FT_U64, swap_bytes, PROC_SWAP),
	PF("shared_bytes", FT_U64, shared_bytes, PROC_SHARED),
	PF("data_bytes", FT_U64, data_bytes, PROC_DATA),
	PF("stack_bytes", FT_U64, stack_bytes, PROC_STACK),
	PF("read_bytes", FT_U64, read_bytes, PROC_READ_BYTES),
	PF("write_bytes", FT_U64, write_bytes, PROC_WRITE_BYTES),
	PF("read_rate", FT_DOUBLE, read_rate, PROC_READ_RATE),
	PF("write_rate", FT_DOUBLE, write_rate, PROC_WRITE_RATE),
	PF("cgroup", FT_STR, cgroup, PROC_CGROUP),
};
#undef PF
const size_t proc_nfields = sizeof(proc_fields) / sizeof(proc_fields[0]);

int
proc_field_cmp(const struct snap_proc *a, const struct snap_proc *b,
    const struct field_desc *f)
{
	const char *pa = (const char *)a + f->offset;
	const char *pb = (const char *)b + f->offset;

/* Three-way comparison of the values of type t at pa and pb. */
#define CMP_AS(t) do {                                                   \
		t x_ = *(const t *)(const void *)pa;                     \
		t y_ = *(const t *)(const void *)pb;                     \
		return (x_ > y_) - (x_ < y_);                            \
	} while (0)

	switch (f->type) {
	case FT_PID:
		CMP_AS(pid_t);
	case FT_UID:
		CMP_AS(uid_t);
	case FT_CHAR:
		CMP_AS(char);
	case FT_I32:
		CMP_AS(int32_t);
	case FT_U64:
		CMP_AS(uint64_t);
	case FT_DOUBLE:
		CMP_AS(double);
	case FT_STR: {
		const char *x = *(const char *const *)(const void *)pa;
		const char *y = *(const char *const *)(const void *)pb;
		if (x == NULL || y == NULL)
			return (x != NULL) - (y != NULL);
		return strcmp(x, y);
	}
	}
#undef CMP_AS
	return 0;
}

struct snapshot *
snapshot_new(void)
{
	return xcalloc(1, sizeof(struct snapshot));
}

/* Drop the references the process records hold. */
static void
release_procs(struct snapshot *s)
{
	size_t i;

	for (i = 0; i < s->nproc; i++) {
		struct snap_proc *p = &s->proc[i];

		if (p->shared == 0)
			continue;
		if (p->shared & SNAP_SHARED_COMM)
			rstr_unref(p->comm);
		if (p->shared & SNAP_SHARED_CMDLINE)
			rstr_unref(p->cmdline);
		if (p->shared & SNAP_SHARED_USER)
			rstr_unref(p->user);
		if (p->shared & SNAP_SHARED_CGROUP)
			rstr_unref(p->cgroup);
		p->shared = 0;
	}
}

void
snapshot_free(struct snapshot *s)
{
	if (s == NULL)
		return;
	release_procs(s);
	free(s->cpu);
	free(s->fs);
	free(s->disk);
	free(s->net);
	free(s->proc);
	strpool_free(&s->pool);
	free(s);
}

void
snapshot_clear(struct snapshot *s)
{
	struct snapshot keep;

	release_procs(s);
	keep = *s;
	memset(s, 0, sizeof(*s));
	s->cpu = keep.cpu;
	s->cap_cpu = keep.cap_cpu;
	s->fs = keep.fs;
	s->cap_fs = keep.cap_fs;
	s->disk = keep.disk;
	s->cap_disk = keep.cap_disk;
	s->net = keep.net;
	s->cap_net = keep.cap_net;
	s->proc = keep.proc;
	s->cap_proc = keep.cap_proc;
	s->pool = keep.pool;
	strpool_clear(&s->pool);
}

static const char *
dup_str(struct snapshot *s, const char *p)
{
	return p == NULL ? NULL : snapshot_str(s, p, strlen(p));
}

void
snapshot_copy_system(struct snapshot *dst, const struct snapshot *src)
{
	size_t i;

	snapshot_clear(dst);
	dst->seq = src->seq;
	dst->wall_ns = src->wall_ns;
	dst->mono_ns = src->mono_ns;
	dst->interval_ns = src->interval_ns;
	memcpy(dst->boot_id, src->boot_id, sizeof(dst->boot_id));
	dst->areas = src->areas;
	dst->ticks_per_sec = src->ticks_per_sec;
	dst->ncpu_online = src->ncpu_online;
	dst->mem = src->mem;
	dst->load = src->load;
	memcpy(dst->psi, src->psi, sizeof(dst->psi));
	dst->cgroup = src->cgroup;
	dst->cgroup.path = dup_str(dst, src->cgroup.path);
	dst->cgroup.io_max = dup_str(dst, src->cgroup.io_max);
	dst->rlimit = src->rlimit;
	for (i = 0; i < src->ncpu; i++)
		*snapshot_add_cpu(dst) = src->cpu[i];
	for (i = 0; i < src->nfs; i++) {
		struct snap_fs *f = snapshot_add_fs(dst);

		*f = src->fs[i];
		f->device = dup_str(dst, f->device);
		f->mount = dup_str(dst, f->mount);
		f->type = dup_str(dst, f->type);
	}
	for (i = 0; i < src->ndisk; i++) {
		struct snap_disk *d = snapshot_add_disk(dst);

		*d = src->disk[i];
		d->name = dup_str(dst, d->name);
	}
	for (i = 0; i < src->nnet; i++) {
		struct snap_net *n = snapshot_add_net(dst);

		*n = src->net[i];
		n->name = dup_str(dst, n->name);
	}
}

void
snapshot_copy(struct snapshot *dst, const struct snapshot *src)
{
	size_t i;

	snapshot_copy_system(dst, src);
	for (i = 0; i < src->nproc; i++) {
		struct snap_proc *p = snapshot_add_proc(dst);

		*p = src->proc[i];
		p->shared = 0; /* copies below, in dst's own pool */
		p->comm = dup_str(dst, p->comm);
		p->cmdline = dup_str(dst, p->cmdline);
		p->user = dup_str(dst, p->user);
		p->cgroup = dup_str(dst, p->cgroup);
	}
}

#define ADD(s, arr, n, cap)                                              \
	do {                                                             \
		(s)->arr = xgrow((s)->arr, &(s)->cap, (s)->n,            \
		    sizeof(*(s)->arr));                                  \
		memset(&(s)->arr[(s)->n], 0, sizeof(*(s)->arr));         \
		return &(s)->arr[(s)->n++];                              \
	} while (0)

struct snap_cpu *
snapshot_add_cpu(struct snapshot *s)
{
	ADD(s, cpu, ncpu, cap_cpu);
}

struct snap_fs *
snapshot_add_fs(struct snapshot *s)
{
	ADD(s, fs, nfs, cap_fs);
}

struct snap_disk *
snapshot_add_disk(struct snapshot *s)
{
	ADD(s, disk, ndisk, cap_disk);
}

struct snap_net *
snapshot_add_net(struct snapshot *s)
{
	ADD(s, net, nnet, cap_net);
}

struct snap_proc *
snapshot_add_proc(struct snapshot *s)
{
	ADD(s, proc, nproc, cap_proc);
}
#undef ADD

void
snapshot_reserve_procs(struct snapshot *s, size_t n)
{
	size_t want = n + n / 8 + 16;

	if (s->nproc > n)
		return;
	if (s->cap_proc < n || s->cap_proc > 2 * want) {
		s->proc = xreallocarray(s->proc, want, sizeof(*s->proc));
		s->cap_proc = want;
	}
}

const char *
snapshot_str(struct snapshot *s, const char *p, size_t len)
{
	return strpool_add(&s->pool, p, len);
}

void
snapshot_proc_share(struct snap_proc *p, unsigned which, const char *r)
{
	const char **f;

	switch (which) {
	case SNAP_SHARED_COMM:
		f = &p->comm;
		break;
	case SNAP_SHARED_CMDLINE:
		f = &p->cmdline;
		break;
	case SNAP_SHARED_USER:
		f = &p->user;
		break;
	case SNAP_SHARED_CGROUP:
		f = &p->cgroup;
		break;
	default:
		abort();
	}
	if (p->shared & which)
		rstr_unref(*f);
	p->shared &= ~which;
	*f = r;
	if (r != NULL) {
		rstr_ref(r);
		p->shared |= which;
	}
}

static int
cmp_pid(const void *a, const void *b)
{
	const struct snap_proc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

void
snapshot_sort_procs(struct snapshot *s)
{
	size_t i;

	for (i = 1; i < s->nproc; i++)
		if (s->proc[i - 1].pid > s->proc[i].pid)
			break;
	if (i < s->nproc)
		qsort(s->proc, s->nproc, sizeof(*s->proc), cmp_pid);
}

const struct snap_proc *
snapshot_find_proc(const struct snapshot *s, pid_t pid)
{
	struct snap_proc key = { .pid = pid };

	if (s->nproc == 0)
		return NULL;
	return bsearch(&key, s->proc, s->nproc, sizeof(*s->proc), cmp_pid);
}

/* ---- derived values ---------------------------------------------------- */

/* Counter delta; false when unknown on either side or it went backwards. */
static bool
delta(uint64_t cur, uint64_t prev, uint64_t *out)
{
	if (cur < prev)
		return false;
	*out = cur - prev;
	return true;
}

static void
derive_cpu(struct snap_cpu *c, const struct snap_cpu *p)
{
	uint64_t d[CPU_NFIELDS] = { 0 }, total = 0;
	int i;

	c->have_pct = false;
	for (i = 0; i < CPU_NFIELDS; i++) {
		if (!HAVE(c->have, i) || !HAVE(p->have, i))
			continue;
		/* A single counter stepping back (seen on real kernels with
		 * iowait) clamps to 0 rather than voiding the whole row. */
		if (!delta(c->ns[i], p->ns[i], &d[i]))
			d[i] = 0;
		if (i != CPU_GUEST && i != CPU_GUEST_NICE)
			total += d[i];
	}
	if (total == 0 || !HAVE(c->have, CPU_IDLE))
		return;
	for (i = 0; i < CPU_NFIELDS; i++)
		c->pct[i] = 100.0 * (double)d[i] / (double)total;
	c->usage_percent = 100.0 * (double)(total - d[CPU_IDLE] -
	    d[CPU_IOWAIT]) / (double)total;
	c->have_pct = true;
}

static void
derive_psi(struct psi_line *c, const struct psi_line *p, double secs)
{
	uint64_t d;

	c->have_rate = false;
	if (c->have && p->have && secs > 0 && delta(c->total_ns, p->total_ns, &d)) {
		c->rate = 100.0 * (double)d / (secs * 1e9);
		c->have_rate = true;
	}
}

/* Rates of n counters over secs seconds. */
static bool
rates(double *out, const uint64_t *cur, const uint64_t *prev, uint32_t have,
    uint32_t phave, int n, double secs)
{
	int i;
	bool any = false;

	for (i = 0; i < n; i++) {
		uint64_t d;

		out[i] = 0;
		if (HAVE(have, i) && HAVE(phave, i) &&
		    delta(cur[i], prev[i], &d)) {
			out[i] = (double)d / secs;
			any = true;
		}
	}
	return any;
}

static void
derive_procs(struct snapshot *cur, const struct snapshot *prev, double secs)
{
	size_t i, j = 0;
	const uint64_t derived = (UINT64_C(1) << PROC_USAGE_PERCENT) |
	    (UINT64_C(1) << PROC_READ_RATE) | (UINT64_C(1) << PROC_WRITE_RATE);

	for (i = 0; i < cur->nproc; i++) {
		struct snap_proc *c = &cur->proc[i];
		const struct snap_proc *p = NULL;
		uint64_t d;

		c->have &= ~derived;
		if (prev == NULL || secs <= 0)
			continue;
		/* Both lists are pid-sorted: merge. */
		while (j < prev->nproc && prev->proc[j].pid < c->pid)
			j++;
		if (j < prev->nproc && prev->proc[j].pid == c->pid)
			p = &prev->proc[j];
		if (p == NULL || !HAVE(c->have, PROC_START_TIME) ||
		    !HAVE(p->have, PROC_START_TIME) ||
		    p->start_time_ns != c->start_time_ns)
			continue; /* new process, or a reused pid */
		if (HAVE(c->have, PROC_TOTAL_TIME) &&
		    HAVE(p->have, PROC_TOTAL_TIME) &&
		    delta(c->total_time_ns, p->total_time_ns, &d)) {
			c->usage_percent = 100.0 * (double)d / (secs * 1e9);
			HAVE_SET(c->have, PROC_USAGE_PERCENT);
		}
		if (HAVE(c->have, PROC_READ_BYTES) &&
		    HAVE(p->have, PROC_READ_BYTES) &&
		    delta(c->read_bytes, p->read_bytes, &d)) {
			c->read_rate = (double)d / secs;
			HAVE_SET(c->have, PROC_READ_RATE);
		}
		if (HAVE(c->have, PROC_WRITE_BYTES) &&
		    HAVE(p->have, PROC_WRITE_BYTES) &&
		    delta(c->write_bytes, p->write_bytes, &d)) {
			c->write_rate = (double)d / secs;
			HAVE_SET(c->have, PROC_WRITE_RATE);
		}
	}
}

void
snapshot_derive(struct snapshot *cur, const struct snapshot *prev)
{
	double secs = 0;
	size_t i, j;
	int r;

	/* A different boot means every counter restarted: nothing to derive. */
	if (prev != NULL && cur->boot_id[0] != '\0' && prev->boot_id[0] != '\0' &&
	    strcmp(cur->boot_id, prev->boot_id) != 0)
		prev = NULL;
	cur->interval_ns = 0;
	if (prev != NULL && cur->mono_ns > prev->mono_ns) {
		cur->interval_ns = cur->mono_ns - prev->mono_ns;
		secs = (double)cur->interval_ns / 1e9;
	} else
		prev = NULL;

	for (i = 0; i < cur->ncpu; i++) {
		cur->cpu[i].have_pct = false;
		if (prev == NULL)
			continue;
		for (j = 0; j < prev->ncpu; j++)
			if (prev->cpu[j].id == cur->cpu[i].id) {
				derive_cpu(&cur->cpu[i], &prev->cpu[j]);
				break;
			}
	}

	cur->mem.have_pct = false;
	if (HAVE(cur->mem.have, MEM_TOTAL) && cur->mem.v[MEM_TOTAL] > 0) {
		uint64_t t = cur->mem.v[MEM_TOTAL];

		if (HAVE(cur->mem.have, MEM_AVAILABLE) &&
		    cur->mem.v[MEM_AVAILABLE] <= t) {
			cur->mem.usage_percent = 100.0 *
			    (double)(t - cur->mem.v[MEM_AVAILABLE]) / (double)t;
			cur->mem.have_pct = true;
		} else if (HAVE(cur->mem.have, MEM_USED)) {
			cur->mem.usage_percent = 100.0 *
			    (double)cur->mem.v[MEM_USED] / (double)t;
			cur->mem.have_pct = true;
		}
	}

	for (i = 0; i < cur->ndisk; i++) {
		struct snap_disk *d = &cur->disk[i];

		d->have_rate = false;
		for (j = 0; prev != NULL && j < prev->ndisk; j++)
			if (strcmp(prev->disk[j].name, d->name) == 0) {
				d->have_rate = rates(d->rate, d->v,
				    prev->disk[j].v, d->have, prev->disk[j].have,
				    DISK_NFIELDS, secs);
				/* busy ns per second -> percent of the interval */
				d->rate[DISK_BUSY_NS] /= 1e7;
				if (d->rate[DISK_BUSY_NS] > 100)
					d->rate[DISK_BUSY_NS] = 100;
				break;
			}
	}
	for (i = 0; i < cur->nnet; i++) {
		struct snap_net *n = &cur->net[i];

		n->have_rate = false;
		for (j = 0; prev != NULL && j < prev->nnet; j++)
			if (strcmp(prev->net[j].name, n->name) == 0) {
				n->have_rate = rates(n->rate, n->v,
				    prev->net[j].v, n->have, prev->net[j].have,
				    NET_NFIELDS, secs);
				break;
			}
	}
	for (r = 0; r < PSI_NRES; r++) {
		if (prev == NULL) {
			cur->psi[r].some.have_rate = cur->psi[r].full.have_rate = false;
			continue;
		}
		derive_psi(&cur->psi[r].some, &prev->psi[r].some, secs);
		derive_psi(&cur->psi[r].full, &prev->psi[r].full, secs);
	}
	derive_procs(cur, prev, secs);
}
