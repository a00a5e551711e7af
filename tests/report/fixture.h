/*
 * fixture.h: hand-built snapshots for the report tests — every area
 * filled, a second sample so rates exist, and processes with hostile
 * names. Header-only, shared by test_report.c and report_dump.c.
 */
#ifndef HISTOP_TESTS_REPORT_FIXTURE_H
#define HISTOP_TESTS_REPORT_FIXTURE_H

#include <string.h>

#include "core/snapshot.h"

#define FX_HOSTILE_COMM "evil\x1b]0;pwned\x07\n\"q\"\\\xff\xc2\x9b"
#define FX_CMDLINE_LEN 4096

static void
fx_cpu(struct snapshot *s, int id, uint64_t base)
{
	struct snap_cpu *c = snapshot_add_cpu(s);
	int i;

	c->id = id;
	for (i = 0; i < CPU_NFIELDS; i++) {
		c->ns[i] = base * (uint64_t)(i + 1);
		HAVE_SET(c->have, i);
	}
}

static struct snap_proc *
fx_proc(struct snapshot *s, pid_t pid, const char *comm, const char *cmdline,
    uint64_t rss, uint64_t total_ns)
{
	struct snap_proc *p = snapshot_add_proc(s);
	int b;

	p->pid = pid;
	p->ppid = 1;
	p->uid = pid == 1 ? 0 : 1000;
	p->user = snapshot_str(s, pid == 1 ? "root" : "alice",
	    pid == 1 ? 4 : 5);
	p->state = 'S';
	p->comm = snapshot_str(s, comm, strlen(comm));
	p->cmdline = cmdline ? snapshot_str(s, cmdline, strlen(cmdline)) : NULL;
	p->threads = 1;
	p->nice = 0;
	p->start_time_ns = 1000000000ULL * (uint64_t)pid;
	p->user_time_ns = total_ns / 2;
	p->system_time_ns = total_ns - total_ns / 2;
	p->total_time_ns = total_ns;
	p->rss_bytes = rss;
	p->vms_bytes = rss * 4;
	p->swap_bytes = 0;
	p->shared_bytes = rss / 2;
	p->data_bytes = rss / 4;
	p->stack_bytes = 135168;
	p->read_bytes = 4096;
	p->write_bytes = 8192;
	for (b = 0; b < PROC_NFIELDS; b++)
		if (b != PROC_USAGE_PERCENT && b != PROC_READ_RATE &&
		    b != PROC_WRITE_RATE && b != PROC_CGROUP)
			HAVE_SET(p->have, b);
	return p;
}

/*
 * Sample k (1 or 2) of the fixture machine, one second apart: 2 CPUs,
 * every area, and processes 1 (init), 42 (hostile comm, no cmdline:
 * shown as a kernel thread), 77 (4 KiB cmdline, io unreadable).
 */
static void
fx_fill(struct snapshot *s, int k)
{
	static char cmdline[FX_CMDLINE_LEN + 1];
	struct snap_fs *f;
	struct snap_disk *d;
	struct snap_net *n;
	struct snap_proc *p;
	int i;

	snapshot_clear(s);
	s->seq = (uint64_t)k;
	s->wall_ns = INT64_C(1795000000000000000) + (k - 1) * INT64_C(1000000000);
	s->mono_ns = INT64_C(5000000000) + (k - 1) * INT64_C(1000000000);
	strcpy(s->boot_id, "0f0e0d0c-0b0a-0908-0706-050403020100");
	s->areas = AREA_ALL;
	s->ticks_per_sec = 100;
	s->ncpu_online = 2;
	fx_cpu(s, -1, 2000000000ULL * (uint64_t)k);
	fx_cpu(s, 0, 1000000000ULL * (uint64_t)k);
	fx_cpu(s, 1, 1000000000ULL * (uint64_t)k);

	for (i = 0; i < MEM_NFIELDS; i++)
		HAVE_SET(s->mem.have, i);
	s->mem.v[MEM_TOTAL] = 8ULL << 30;
	s->mem.v[MEM_AVAILABLE] = 6ULL << 30;
	s->mem.v[MEM_USED] = 1ULL << 30;
	s->mem.v[MEM_FREE] = 5ULL << 30;
	s->mem.v[MEM_BUFFERS] = 256ULL << 20;
	s->mem.v[MEM_CACHED] = 1792ULL << 20;
	s->mem.v[MEM_SHARED] = 64ULL << 20;
	s->mem.v[MEM_SWAP_TOTAL] = 2ULL << 30;
	s->mem.v[MEM_SWAP_USED] = 0;
	s->mem.v[MEM_SWAP_FREE] = 2ULL << 30;

	s->load.have = (1u << LOAD_NFIELDS) - 1;
	s->load.avg[0] = 0.52;
	s->load.avg[1] = 0.58;
	s->load.avg[2] = 1.5;
	s->load.running = 2;
	s->load.tasks = 345;

	f = snapshot_add_fs(s);
	f->device = snapshot_str(s, "/dev/sda1", 9);
	f->mount = snapshot_str(s, "/mnt/a,b \"c\"\n", 13);
	f->type = snapshot_str(s, "ext4", 4);
	f->have = (1u << FS_NFIELDS) - 1;
	f->v[FS_SIZE] = 100ULL << 30;
	f->v[FS_USED] = 25ULL << 30;
	f->v[FS_AVAIL] = 70ULL << 30;
	f->v[FS_INODES] = 6553600;
	f->v[FS_INODES_USED] = 65536;
	f->v[FS_INODES_FREE] = 6553600 - 65536;

	d = snapshot_add_disk(s);
	d->name = snapshot_str(s, "sda", 3);
	d->have = (1u << DISK_NFIELDS) - 1;
	d->v[DISK_READS] = 1000ULL * (uint64_t)k;
	d->v[DISK_WRITES] = 500ULL * (uint64_t)k;
	d->v[DISK_READ_BYTES] = (1ULL << 20) * (uint64_t)k;
	d->v[DISK_WRITE_BYTES] = (2ULL << 20) * (uint64_t)k;
	d->v[DISK_BUSY_NS] = 250000000ULL * (uint64_t)k;

	n = snapshot_add_net(s);
	n->name = snapshot_str(s, "eth0", 4);
	n->up = 1;
	n->have = (1u << NET_NFIELDS) - 1;
	for (i = 0; i < NET_NFIELDS; i++)
		n->v[i] = (uint64_t)(i + 1) * 1000 * (uint64_t)k;
	n = snapshot_add_net(s);
	n->name = snapshot_str(s, "wg\x1b[31m", 7);
	n->up = -1; /* unknown; counters unknown too */

	for (i = 0; i < PSI_NRES; i++) {
		s->psi[i].some.have = true;
		s->psi[i].some.avg10 = 1.25;
		s->psi[i].some.avg60 = 0.5;
		s->psi[i].some.avg300 = 0.1;
		s->psi[i].some.total_ns = 100000000ULL * (uint64_t)k;
		s->psi[i].full.have = i != PSI_CPU; /* cpu full: old kernel */
		s->psi[i].full.total_ns = 50000000ULL * (uint64_t)k;
	}

	s->cgroup.version = 2;
	s->cgroup.path = snapshot_str(s, "/user.slice", 11);
	s->cgroup.have = (1u << QUOTA_CPU_QUOTA_NS) | (1u << QUOTA_CPU_PERIOD_NS) |
	    (1u << QUOTA_MEM_LIMIT) | (1u << QUOTA_MEM_USAGE) |
	    (1u << QUOTA_PIDS_LIMIT);
	s->cgroup.unlimited = (1u << QUOTA_CPU_QUOTA_NS) |
	    (1u << QUOTA_PIDS_LIMIT);
	s->cgroup.v[QUOTA_CPU_PERIOD_NS] = 100000000;
	s->cgroup.v[QUOTA_MEM_LIMIT] = 4ULL << 30;
	s->cgroup.v[QUOTA_MEM_USAGE] = 1ULL << 30;
	s->rlimit.have = (1u << RLIM_NOFILE) | (1u << RLIM_CORE);
	s->rlimit.soft[RLIM_NOFILE] = 1024;
	s->rlimit.hard[RLIM_NOFILE] = 524288;
	s->rlimit.soft_unlimited = 0;
	s->rlimit.hard_unlimited = 1u << RLIM_CORE;

	fx_proc(s, 1, "systemd", "/sbin/init splash", 12ULL << 20,
	    3000000000ULL + 10000000ULL * (uint64_t)k);
	fx_proc(s, 42, FX_HOSTILE_COMM, NULL, 0, 0);
	memset(cmdline, 'x', FX_CMDLINE_LEN);
	cmdline[0] = '/';
	cmdline[FX_CMDLINE_LEN] = '\0';
	p = fx_proc(s, 77, "big", cmdline, 100ULL << 20,
	    500000000ULL * (uint64_t)k);
	p->have &= ~((UINT64_C(1) << PROC_READ_BYTES) |
	    (UINT64_C(1) << PROC_WRITE_BYTES));
}

#endif
