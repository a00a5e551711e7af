/* synth.c: synthetic snapshots for the store's tests and benchmarks. */
#include "config.h"

#include "synth.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
str(struct snapshot *s, const char *p)
{
	return snapshot_str(s, p, strlen(p));
}

static void
synth_proc(struct snapshot *s, int i, pid_t pid)
{
	struct snap_proc *p = snapshot_add_proc(s);
	char buf[64];
	int k;

	p->pid = pid;
	p->ppid = pid > 1 ? 1 : 0;
	p->uid = pid % 3 == 0 ? 0 : 1000;
	p->user = str(s, pid % 3 == 0 ? "root" : "alice");
	p->state = 'S';
	snprintf(buf, sizeof(buf), "proc%d", (int)pid % 50);
	p->comm = str(s, buf);
	snprintf(buf, sizeof(buf), "/usr/bin/proc%d --serve", (int)pid % 50);
	p->cmdline = str(s, buf);
	p->threads = 1 + pid % 4;
	p->nice = pid % 7 == 0 ? -5 : 0;
	p->start_time_ns = (uint64_t)pid * 1000000000ULL;
	p->user_time_ns = (uint64_t)pid * 10000000ULL;
	p->system_time_ns = (uint64_t)pid * 5000000ULL;
	p->rss_bytes = (uint64_t)pid * 4096 * 10;
	p->vms_bytes = p->rss_bytes * 8;
	p->swap_bytes = 0;
	p->shared_bytes = 8192;
	p->data_bytes = p->rss_bytes / 2;
	p->stack_bytes = 135168;
	p->read_bytes = (uint64_t)pid * 512;
	p->write_bytes = 0;
	p->cgroup = str(s, "/system.slice/x.service");
	for (k = PROC_PID; k < PROC_NFIELDS; k++)
		if (k != PROC_USAGE_PERCENT && k != PROC_READ_RATE &&
		    k != PROC_WRITE_RATE)
			HAVE_SET(p->have, k);
	if (pid % 10 == 5) { /* kernel thread: no cmdline, no io */
		p->kernel_thread = true;
		p->cmdline = NULL;
		p->have &= ~((UINT64_C(1) << PROC_READ_BYTES) |
		    (UINT64_C(1) << PROC_WRITE_BYTES));
	}
	if (pid == 2) { /* hostile names */
		static char big[4097];

		memset(big, 'x', 4096);
		memcpy(big, "sh -c 'it''s' \"q\"; -- \x1b]0;pwned\x07 \xff\xfe\xc0\xaf", 36);
		p->comm = str(s, "a'b\"c;--\x1b[2J");
		p->cmdline = snapshot_str(s, big, 4096);
		p->user = str(s, "\xe9t\xe9"); /* latin-1, invalid UTF-8 */
	}
	if (pid == 100 || pid == 101) { /* busy */
		p->state = 'R';
		p->user_time_ns += (uint64_t)i * 1500000000ULL;
		p->system_time_ns += (uint64_t)i * 100000000ULL;
		p->rss_bytes += (uint64_t)i * 1048576;
		p->write_bytes += (uint64_t)i * 65536;
	}
	if (pid == 300 && i >= 5) /* pid reused */
		p->start_time_ns = 999000000000ULL;
	p->total_time_ns = p->user_time_ns + p->system_time_ns;
}

void
synth_fill(struct snapshot *s, int i, int nproc)
{
	struct snap_cpu *c;
	struct snap_disk *d;
	struct snap_net *n;
	struct snap_fs *f;
	int k, cpu;
	pid_t pid;

	snapshot_clear(s);
	s->wall_ns = SYNTH_T0 + i * SYNTH_STEP;
	s->mono_ns = INT64_C(50000000000) + i * SYNTH_STEP;
	strcpy(s->boot_id, "6f1c2a4e-0d3b-4c8e-9a55-1b2c3d4e5f60");
	s->areas = AREA_ALL;
	s->ticks_per_sec = 100;
	s->ncpu_online = 2;
	for (cpu = -1; cpu < 2; cpu++) {
		int m = cpu < 0 ? 2 : 1;

		c = snapshot_add_cpu(s);
		c->id = cpu;
		for (k = 0; k < CPU_NFIELDS; k++)
			c->ns[k] = (uint64_t)m * (1000000000ULL * (uint64_t)(k + 1) +
			    (uint64_t)i * 10000000ULL * (uint64_t)(k + 1));
		c->have = (1u << CPU_NFIELDS) - 1;
		if (cpu == 1)
			c->have &= ~(1u << CPU_STEAL); /* unknown stays unknown */
	}
	for (k = 0; k < MEM_NFIELDS; k++)
		s->mem.v[k] = (uint64_t)(k + 1) * 1073741824ULL +
		    (uint64_t)(i % 7) * 4096;
	s->mem.v[MEM_TOTAL] = 16ULL << 30;
	s->mem.v[MEM_AVAILABLE] = (8ULL << 30) - (uint64_t)(i % 4096) * 1048576;
	s->mem.have = (1u << MEM_NFIELDS) - 1;
	s->mem.have &= ~(1u << MEM_SHARED);
	s->load.avg[0] = 0.5 + i * 0.01;
	s->load.avg[1] = 0.25;
	s->load.avg[2] = 0.125;
	s->load.running = 2;
	s->load.tasks = (uint32_t)nproc;
	s->load.have = (1u << LOAD_NFIELDS) - 1;
	d = snapshot_add_disk(s);
	d->name = str(s, "sda");
	for (k = 0; k < DISK_NFIELDS; k++)
		d->v[k] = (uint64_t)(k + 1) * 1000 + (uint64_t)i * 4096;
	d->have = (1u << DISK_NFIELDS) - 1;
	n = snapshot_add_net(s);
	n->name = str(s, "lo");
	n->up = 1;
	for (k = 0; k < NET_NFIELDS; k++)
		n->v[k] = (uint64_t)i * 100;
	n->have = (1u << NET_NFIELDS) - 1;
	n = snapshot_add_net(s);
	n->name = str(s, "eth0");
	n->up = -1;
	for (k = 0; k < NET_NFIELDS; k++)
		n->v[k] = (uint64_t)(k + 1) * 1000000 + (uint64_t)i * 20000;
	n->have = (1u << NET_NFIELDS) - 1;
	for (k = 0; k < 2; k++) {
		f = snapshot_add_fs(s);
		f->device = str(s, k == 0 ? "/dev/sda1" : "/dev/sda2");
		f->mount = str(s, k == 0 ? "/" : "/home dir");
		f->type = str(s, "ext4");
		f->v[FS_SIZE] = 100ULL << 30;
		f->v[FS_USED] = (10ULL << 30) + (uint64_t)(i / 10) * 1048576;
		f->v[FS_AVAIL] = f->v[FS_SIZE] - f->v[FS_USED];
		f->v[FS_INODES] = 6553600;
		f->v[FS_INODES_USED] = 100000;
		f->v[FS_INODES_FREE] = 6453600;
		f->have = (1u << FS_NFIELDS) - 1;
	}
	for (k = 0; k < PSI_NRES; k++) {
		s->psi[k].some.have = true;
		s->psi[k].some.avg10 = 1.5;
		s->psi[k].some.avg60 = 0.75;
		s->psi[k].some.avg300 = 0.25;
		s->psi[k].some.total_ns = (uint64_t)i * 20000000ULL;
		s->psi[k].full.have = k != PSI_CPU;
		s->psi[k].full.total_ns = s->psi[k].full.have ?
		    (uint64_t)i * 1000000ULL : 0;
	}
	s->cgroup.version = 2;
	s->cgroup.path = str(s, "/user.slice/user-1000.slice");
	s->cgroup.have = (1u << QUOTA_NFIELDS) - 1;
	s->cgroup.unlimited = 1u << QUOTA_CPU_QUOTA_NS;
	s->cgroup.v[QUOTA_CPU_PERIOD_NS] = 100000000;
	s->cgroup.v[QUOTA_MEM_LIMIT] = 4ULL << 30;
	s->cgroup.v[QUOTA_MEM_USAGE] = (1ULL << 30) + (uint64_t)(i / 20);
	s->cgroup.v[QUOTA_PIDS_CURRENT] = 42;
	s->rlimit.have = (1u << RLIM_NOFILE) | (1u << RLIM_CPU);
	s->rlimit.soft[RLIM_NOFILE] = 1024;
	s->rlimit.hard[RLIM_NOFILE] = 524288;
	s->rlimit.soft_unlimited = s->rlimit.hard_unlimited = 1u << RLIM_CPU;
	for (pid = 1; pid <= nproc; pid++) {
		if (pid == 200 && (i < 3 || i > 6))
			continue;
		synth_proc(s, i, pid);
	}
}

void
synth_churn(struct snapshot *s, int i)
{
	struct snap_proc *p;
	int j;

	synth_fill(s, i, 30);
	s->wall_ns = SYNTH_T0 + i * SYNTH_CHURN_STEP;
	s->mono_ns = INT64_C(50000000000) + i * SYNTH_CHURN_STEP;
	for (j = 0; j < 40; j++) {
		int life = 1 + j * 7 % 13;

		if (i < j || i >= j + life)
			continue;
		synth_proc(s, i, 1000 + j);
		p = &s->proc[s->nproc - 1];
		p->start_time_ns = (uint64_t)j * 1000000000ULL + 7;
		if (j % 2 == 1) {
			p->user_time_ns += (uint64_t)(i - j) * 10000000ULL;
			p->total_time_ns = p->user_time_ns + p->system_time_ns;
		}
	}
	/* pid 999: one process for samples 0..9, another from the keyframe
	 * at 10 on (pid reused across a keyframe), gone at 23. */
	if (i < 23) {
		synth_proc(s, i, 999);
		p = &s->proc[s->nproc - 1];
		p->start_time_ns = i < 10 ? 5 : 600000000000ULL;
	}
	snapshot_sort_procs(s);
}

#define DIFF(cond, ...)                                                  \
	do {                                                             \
		if (cond) {                                              \
			printf("# differs: ");                           \
			printf(__VA_ARGS__);                             \
			putchar('\n');                                   \
			return 1;                                        \
		}                                                        \
	} while (0)

static int
streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
synth_compare(const struct snapshot *a, const struct snapshot *b)
{
	const uint64_t derived = (UINT64_C(1) << PROC_USAGE_PERCENT) |
	    (UINT64_C(1) << PROC_READ_RATE) | (UINT64_C(1) << PROC_WRITE_RATE);
	size_t i, k;

	DIFF(a->wall_ns != b->wall_ns || a->mono_ns != b->mono_ns, "time");
	DIFF(strcmp(a->boot_id, b->boot_id) != 0, "boot id");
	DIFF(a->areas != b->areas || a->ticks_per_sec != b->ticks_per_sec ||
	    a->ncpu_online != b->ncpu_online, "header");
	DIFF(a->ncpu != b->ncpu, "ncpu %zu %zu", a->ncpu, b->ncpu);
	for (i = 0; i < a->ncpu; i++) {
		DIFF(a->cpu[i].id != b->cpu[i].id ||
		    a->cpu[i].have != b->cpu[i].have, "cpu %zu", i);
		for (k = 0; k < CPU_NFIELDS; k++)
			DIFF(HAVE(a->cpu[i].have, k) &&
			    a->cpu[i].ns[k] != b->cpu[i].ns[k], "cpu %zu.%zu",
			    i, k);
	}
	DIFF(a->mem.have != b->mem.have, "mem have");
	for (k = 0; k < MEM_NFIELDS; k++)
		DIFF(HAVE(a->mem.have, k) && a->mem.v[k] != b->mem.v[k], "mem");
	DIFF(a->load.have != b->load.have || a->load.avg[0] != b->load.avg[0] ||
	    a->load.tasks != b->load.tasks, "load");
	DIFF(a->ndisk != b->ndisk || a->nnet != b->nnet || a->nfs != b->nfs,
	    "device counts");
	for (i = 0; i < a->ndisk; i++)
		DIFF(!streq(a->disk[i].name, b->disk[i].name) ||
		    memcmp(a->disk[i].v, b->disk[i].v, sizeof(a->disk[i].v)),
		    "disk %zu", i);
	for (i = 0; i < a->nnet; i++) {
		const struct snap_net *y = NULL;

		for (k = 0; k < b->nnet; k++)
			if (streq(a->net[i].name, b->net[k].name) &&
			    memcmp(a->net[i].v, b->net[k].v, sizeof(a->net[i].v)) == 0 &&
			    a->net[i].up == b->net[k].up)
				y = &b->net[k];
		DIFF(y == NULL, "net %s missing", a->net[i].name);
	}
	for (i = 0; i < a->nfs; i++)
		DIFF(!streq(a->fs[i].mount, b->fs[i].mount) ||
		    !streq(a->fs[i].device, b->fs[i].device) ||
		    a->fs[i].have != b->fs[i].have ||
		    memcmp(a->fs[i].v, b->fs[i].v, sizeof(a->fs[i].v)),
		    "fs %zu", i);
	for (k = 0; k < PSI_NRES; k++)
		DIFF(a->psi[k].some.have != b->psi[k].some.have ||
		    a->psi[k].some.total_ns != b->psi[k].some.total_ns ||
		    a->psi[k].full.have != b->psi[k].full.have ||
		    a->psi[k].some.avg10 != b->psi[k].some.avg10, "psi %zu", k);
	DIFF(a->cgroup.version != b->cgroup.version ||
	    !streq(a->cgroup.path, b->cgroup.path) ||
	    a->cgroup.have != b->cgroup.have ||
	    a->cgroup.unlimited != b->cgroup.unlimited, "cgroup");
	for (k = 0; k < QUOTA_NFIELDS; k++)
		DIFF(HAVE(a->cgroup.have, k) && !HAVE(a->cgroup.unlimited, k) &&
		    a->cgroup.v[k] != b->cgroup.v[k], "cgroup value %zu", k);
	DIFF(a->rlimit.have != b->rlimit.have ||
	    a->rlimit.soft_unlimited != b->rlimit.soft_unlimited ||
	    a->rlimit.soft[RLIM_NOFILE] != b->rlimit.soft[RLIM_NOFILE],
	    "rlimit");
	DIFF(a->nproc != b->nproc, "nproc %zu %zu", a->nproc, b->nproc);
	for (i = 0; i < a->nproc; i++) {
		const struct snap_proc *p = &a->proc[i], *q = &b->proc[i];

		DIFF(p->pid != q->pid, "pid %d %d", (int)p->pid, (int)q->pid);
		DIFF((p->have & ~derived) != (q->have & ~derived),
		    "pid %d have %llx %llx", (int)p->pid,
		    (unsigned long long)p->have, (unsigned long long)q->have);
		DIFF(p->ppid != q->ppid || p->uid != q->uid ||
		    p->state != q->state || p->threads != q->threads ||
		    p->nice != q->nice || p->kernel_thread != q->kernel_thread,
		    "pid %d scalars", (int)p->pid);
		DIFF(p->start_time_ns != q->start_time_ns ||
		    p->user_time_ns != q->user_time_ns ||
		    p->system_time_ns != q->system_time_ns ||
		    p->total_time_ns != q->total_time_ns, "pid %d times",
		    (int)p->pid);
		DIFF(p->rss_bytes != q->rss_bytes || p->vms_bytes != q->vms_bytes ||
		    p->data_bytes != q->data_bytes ||
		    p->stack_bytes != q->stack_bytes ||
		    p->shared_bytes != q->shared_bytes ||
		    (HAVE(p->have, PROC_READ_BYTES) &&
		    p->read_bytes != q->read_bytes), "pid %d memory/io",
		    (int)p->pid);
		DIFF(!streq(p->comm, q->comm) || !streq(p->cmdline, q->cmdline) ||
		    !streq(p->user, q->user) || !streq(p->cgroup, q->cgroup),
		    "pid %d strings", (int)p->pid);
	}
	return 0;
}

char *
synth_slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
		return NULL;
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static long long
query1(const char *path, const char *sql, int flags)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_open_v2(path, &h, flags, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return v;
}

long long
synth_q1(const char *path, const char *sql)
{
	return query1(path, sql, SQLITE_OPEN_READONLY);
}

long long
synth_q1_rw(const char *path, const char *sql)
{
	return query1(path, sql, SQLITE_OPEN_READWRITE);
}

void
synth_rmtree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}
