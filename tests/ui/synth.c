/* synth.c: synthetic snapshots for the UI tests. Depends on core. */
#include "config.h"

#include "synth.h"

#include <stdio.h>
#include <string.h>

#define NS 1000000000ULL
#define GIB (1024ULL * 1024 * 1024)
#define MIB (1024ULL * 1024)

static const char *
str(struct snapshot *s, const char *p)
{
	return snapshot_str(s, p, strlen(p));
}

static struct snap_proc *
proc(struct snapshot *s, pid_t pid, const char *comm, const char *cmdline,
    const char *user, uint64_t rss, double cpu, uint64_t time_ns)
{
	struct snap_proc *p = snapshot_add_proc(s);
	int b;

	p->pid = pid;
	p->ppid = pid == 1 ? 0 : 1;
	p->uid = strcmp(user, "root") == 0 ? 0 : 1000;
	p->state = 'S';
	p->nice = 0;
	p->threads = 1;
	p->start_time_ns = (uint64_t)pid * 1000;
	p->user_time_ns = time_ns * 3 / 4;
	p->system_time_ns = time_ns / 4;
	p->total_time_ns = time_ns;
	p->rss_bytes = rss;
	p->vms_bytes = rss * 2 + 10 * MIB;
	p->swap_bytes = 0;
	p->shared_bytes = rss / 8;
	p->data_bytes = rss / 2;
	p->stack_bytes = 132 * 1024;
	p->usage_percent = cpu;
	p->comm = str(s, comm);
	p->cmdline = cmdline != NULL ? str(s, cmdline) : NULL;
	p->user = str(s, user);
	for (b = 0; b < PROC_NFIELDS; b++)
		if (b != PROC_CGROUP && (cmdline != NULL || b != PROC_CMDLINE))
			HAVE_SET(p->have, b);
	return p;
}

void
synth_fill(struct snapshot *s, unsigned tick, size_t nproc)
{
	size_t i;
	int c, f;

	snapshot_clear(s);
	s->seq = tick;
	s->wall_ns = (int64_t)(1764130000ULL + tick * 2) * (int64_t)NS;
	s->mono_ns = (int64_t)(1000 + tick * 2) * (int64_t)NS;
	s->interval_ns = 2 * (int64_t)NS;
	s->areas = AREA_ALL;
	s->ticks_per_sec = 100;
	s->ncpu_online = 4;
	for (c = -1; c < 4; c++) {
		struct snap_cpu *cpu = snapshot_add_cpu(s);

		cpu->id = c;
		cpu->have_pct = true;
		for (f = 0; f < CPU_NFIELDS; f++)
			HAVE_SET(cpu->have, f);
		cpu->pct[CPU_USER] = 30 + c * 5;
		cpu->pct[CPU_NICE] = 5;
		cpu->pct[CPU_SYSTEM] = 10;
		cpu->pct[CPU_IOWAIT] = 4;
		cpu->pct[CPU_IRQ] = 1;
		cpu->pct[CPU_SOFTIRQ] = 2;
		cpu->pct[CPU_STEAL] = 3;
		cpu->pct[CPU_IDLE] = 100 - 55 - c * 5;
		cpu->usage_percent = 51 + c * 5;
	}
	for (f = 0; f < MEM_NFIELDS; f++)
		HAVE_SET(s->mem.have, f);
	s->mem.v[MEM_TOTAL] = 16 * GIB;
	s->mem.v[MEM_USED] = 6 * GIB;
	s->mem.v[MEM_FREE] = 4 * GIB;
	s->mem.v[MEM_BUFFERS] = 1 * GIB;
	s->mem.v[MEM_CACHED] = 5 * GIB;
	s->mem.v[MEM_SHARED] = 512 * MIB;
	s->mem.v[MEM_AVAILABLE] = 9 * GIB;
	s->mem.v[MEM_SWAP_TOTAL] = 2 * GIB;
	s->mem.v[MEM_SWAP_USED] = 256 * MIB;
	s->mem.v[MEM_SWAP_FREE] = 2 * GIB - 256 * MIB;
	s->load.have = 0x1f;
	s->load.avg[0] = 1.25;
	s->load.avg[1] = 0.75;
	s->load.avg[2] = 0.5;
	s->load.running = 2;
	s->load.tasks = (uint32_t)nproc;
	{
		struct snap_fs *fs = snapshot_add_fs(s);

		fs->device = str(s, "/dev/sda1");
		fs->mount = str(s, "/");
		fs->type = str(s, "ext4");
		fs->have = 0x3f;
		fs->v[FS_SIZE] = 100 * GIB;
		fs->v[FS_USED] = 40 * GIB;
		fs->v[FS_AVAIL] = 60 * GIB;
		fs = snapshot_add_fs(s);
		fs->device = str(s, "/dev/sdb1");
		fs->mount = str(s, "/mnt/\x1b[2Jevil");
		fs->type = str(s, "xfs");
		fs->have = 0x3f;
		fs->v[FS_SIZE] = 10 * GIB;
		fs->v[FS_USED] = 9 * GIB;
	}
	{
		struct snap_disk *d = snapshot_add_disk(s);

		d->name = str(s, "sda");
		d->have = 0x1f;
		d->have_rate = true;
		d->rate[DISK_READ_BYTES] = 1.5 * MIB;
		d->rate[DISK_WRITE_BYTES] = 300 * 1024;
		d->rate[DISK_BUSY_NS] = 12;
	}
	{
		struct snap_net *n = snapshot_add_net(s);

		n->name = str(s, "eth0");
		n->up = 1;
		n->have = 0xff;
		n->have_rate = true;
		n->rate[NET_RX_BYTES] = 2 * MIB;
		n->rate[NET_TX_BYTES] = 100 * 1024;
		n = snapshot_add_net(s);
		n->name = str(s, "wl\x1b]0;pwned\x07");
		n->up = 0;
		n->have = 0xff;
	}
	for (f = 0; f < PSI_NRES; f++) {
		s->psi[f].some.have = true;
		s->psi[f].some.avg10 = 1.5 * f;
		s->psi[f].full.have = f != 0;
		s->psi[f].full.avg10 = 0.5 * f;
	}
	s->cgroup.version = 2;
	s->cgroup.path = str(s, "/user.slice/user-1000.slice");
	s->cgroup.have = (1u << QUOTA_MEM_LIMIT) | (1u << QUOTA_MEM_USAGE) |
	    (1u << QUOTA_PIDS_LIMIT) | (1u << QUOTA_PIDS_CURRENT) |
	    (1u << QUOTA_CPU_QUOTA_NS);
	s->cgroup.unlimited = 1u << QUOTA_CPU_QUOTA_NS;
	s->cgroup.v[QUOTA_MEM_LIMIT] = 8 * GIB;
	s->cgroup.v[QUOTA_MEM_USAGE] = 3 * GIB;
	s->cgroup.v[QUOTA_PIDS_LIMIT] = 1000;
	s->cgroup.v[QUOTA_PIDS_CURRENT] = 120;
	s->rlimit.have = (1u << RLIM_NOFILE) | (1u << RLIM_NPROC);
	s->rlimit.soft[RLIM_NOFILE] = 1024;
	s->rlimit.hard[RLIM_NOFILE] = 524288;
	s->rlimit.soft[RLIM_NPROC] = 63000;
	s->rlimit.hard[RLIM_NPROC] = 63000;

	/* processes, pid-sorted */
	proc(s, 1, "init", "/sbin/init splash", "root", 12 * MIB, 0.1,
	    5 * NS);
	proc(s, 2, "kthreadd", NULL, "root", 0, 0, 0)->kernel_thread = true;
	proc(s, 3, "rcu_gp", NULL, "root", 0, 0, 0)->kernel_thread = true;
	for (i = 0; i < nproc; i++) {
		char name[32], cmd[64];
		pid_t pid = (pid_t)(1000 + i);

		if (pid >= 4242 && nproc > 3242)
			break;
		snprintf(name, sizeof(name), "idle%zu", i);
		snprintf(cmd, sizeof(cmd), "/usr/bin/idle%zu --wait", i);
		proc(s, pid, name, cmd, i % 3 ? "alice" : "bob",
		    (4 + i % 50) * MIB, 0.1 * (double)(i % 7), (i % 90) * NS);
	}
	proc(s, 4242, "memhog", "memhog --hold 3G", "alice", 3 * GIB, 0.2,
	    3 * NS)->threads = 4;
	proc(s, 4343, "burner", "burner --spin", "bob", 8 * MIB, 180,
	    (uint64_t)tick * 4 * NS + 600 * NS);
	proc(s, 6666, "\x1b]0;pwned\x07", "\x1b]0;pwned\x07 \x1b[2J\xc2\x9b"
	    "31m\x7f\xff", "mallory", 6 * MIB, 0.3, 2 * NS);
	proc(s, 7777, "wide", "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad"
	    "\x97 wide-chars", "\xe7\x94\xa8\xe6\x88\xb7", 5 * MIB, 0.2, NS);
	proc(s, 8888, "ghost", NULL, "nobody", 1 * MIB, 0, 0)->have &=
	    ~(UINT64_C(1) << PROC_RSS);
}
