/* synth.c: sample i of a deterministic synthetic machine (see synth.h).
 * Depends on core only. */
#include "config.h"

#include "tests/timetravel/synth.h"

#include <stdio.h>
#include <string.h>

#define NS INT64_C(1000000000)
#define MIB (UINT64_C(1) << 20)
#define GIB (UINT64_C(1) << 30)

void
synth_defaults(struct synth *y)
{
	memset(y, 0, sizeof *y);
	y->start_s = INT64_C(1795564800); /* 2026-11-25 00:00:00 UTC */
	y->interval_ns = 2 * NS;
	y->nprocs = 300;
	y->t1 = 20;
	y->t2 = 40;
	y->spike = 50;
}

/* Cheap deterministic hash for per-process variety. */
static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	return x;
}

static struct snap_proc *
proc(struct snapshot *s, pid_t pid, pid_t ppid, const char *comm,
    const char *cmdline, uint64_t start_ns)
{
	struct snap_proc *p = snapshot_add_proc(s);

	p->pid = pid;
	p->ppid = ppid;
	p->uid = pid % 3 == 0 ? 0 : 1000;
	p->user = snapshot_str(s, p->uid == 0 ? "root" : "admin",
	    p->uid == 0 ? 4 : 5);
	p->state = 'S';
	p->comm = snapshot_str(s, comm, strlen(comm));
	p->cmdline = snapshot_str(s, cmdline, strlen(cmdline));
	p->threads = 1;
	p->nice = 0;
	p->start_time_ns = start_ns;
	p->have = 0;
	HAVE_SET(p->have, PROC_PID);
	HAVE_SET(p->have, PROC_PPID);
	HAVE_SET(p->have, PROC_UID);
	HAVE_SET(p->have, PROC_USER);
	HAVE_SET(p->have, PROC_STATE);
	HAVE_SET(p->have, PROC_COMM);
	HAVE_SET(p->have, PROC_CMDLINE);
	HAVE_SET(p->have, PROC_THREADS);
	HAVE_SET(p->have, PROC_NICE);
	HAVE_SET(p->have, PROC_START_TIME);
	HAVE_SET(p->have, PROC_USER_TIME);
	HAVE_SET(p->have, PROC_SYSTEM_TIME);
	HAVE_SET(p->have, PROC_TOTAL_TIME);
	HAVE_SET(p->have, PROC_RSS);
	HAVE_SET(p->have, PROC_VMS);
	HAVE_SET(p->have, PROC_SHARED);
	HAVE_SET(p->have, PROC_READ_BYTES);
	HAVE_SET(p->have, PROC_WRITE_BYTES);
	return p;
}

static void
times(struct snap_proc *p, uint64_t user_ns, uint64_t sys_ns)
{
	p->user_time_ns = user_ns;
	p->system_time_ns = sys_ns;
	p->total_time_ns = user_ns + sys_ns;
}

void
synth_sample(const struct synth *y, uint64_t i, struct snapshot *s)
{
	uint64_t tick = (uint64_t)y->interval_ns, spikes, leak;
	char cmd[64], comm[16];
	struct snap_cpu *c;
	struct snap_proc *p;
	int k, n;

	snapshot_clear(s);
	s->seq = i;
	s->wall_ns = y->start_s * NS + (int64_t)i * y->interval_ns;
	s->mono_ns = 1000 * NS + (int64_t)i * y->interval_ns;
	s->interval_ns = i > 0 ? y->interval_ns : 0;
	strlcpy(s->boot_id, "5e1f7a3c-0000-4000-8000-00000000synt",
	    sizeof s->boot_id);
	s->areas = AREA_ALL & ~(1u << AREA_QUOTA);
	s->ticks_per_sec = 100;
	s->ncpu_online = SYNTH_NCPU;

	/* CPU: 10% user + 5% system per CPU; 90% user (95% busy) in the
	 * spike interval. Counters are cumulative: the spike is a step. */
	spikes = i >= y->spike ? 1 : 0;
	for (k = -1; k < SYNTH_NCPU; k++) {
		uint64_t m = k < 0 ? SYNTH_NCPU : 1, u, sy, idle;

		c = snapshot_add_cpu(s);
		c->id = k;
		u = i * tick / 10 + spikes * tick * 80 / 100;
		sy = i * tick / 20;
		idle = i * tick - u - sy; /* the sum is the elapsed time */
		c->ns[CPU_USER] = u * m;
		c->ns[CPU_SYSTEM] = sy * m;
		c->ns[CPU_IDLE] = idle * m;
		c->have = (1u << CPU_USER) | (1u << CPU_SYSTEM) |
		    (1u << CPU_IDLE) | (1u << CPU_NICE) | (1u << CPU_IOWAIT) |
		    (1u << CPU_IRQ) | (1u << CPU_SOFTIRQ) | (1u << CPU_STEAL);
	}

	/* Memory: 16 GiB, used ramps with the leaker, which restarts from
	 * 100 MiB every 4096 samples so a week stays within the machine. */
	leak = (i % 4096) * MIB;
	s->mem.v[MEM_TOTAL] = 16 * GIB;
	s->mem.v[MEM_USED] = 4 * GIB + leak;
	s->mem.v[MEM_BUFFERS] = 256 * MIB;
	s->mem.v[MEM_CACHED] = 2 * GIB;
	s->mem.v[MEM_SHARED] = 128 * MIB;
	s->mem.v[MEM_FREE] = 16 * GIB - s->mem.v[MEM_USED] -
	    s->mem.v[MEM_BUFFERS] - s->mem.v[MEM_CACHED];
	s->mem.v[MEM_AVAILABLE] = s->mem.v[MEM_FREE] + 2 * GIB;
	s->mem.v[MEM_SWAP_TOTAL] = 2 * GIB;
	s->mem.v[MEM_SWAP_USED] = 64 * MIB;
	s->mem.v[MEM_SWAP_FREE] = 2 * GIB - 64 * MIB;
	s->mem.have = (1u << MEM_NFIELDS) - 1;

	s->load.avg[0] = i >= y->spike && i < y->spike + 30 ? 3.8 : 0.5;
	s->load.avg[1] = 0.6;
	s->load.avg[2] = 0.7;
	s->load.running = 1;
	s->load.tasks = (uint32_t)y->nprocs + 3;
	s->load.have = (1u << LOAD_NFIELDS) - 1;

	{
		struct snap_fs *f = snapshot_add_fs(s);

		f->device = snapshot_str(s, "/dev/vda1", 9);
		f->mount = snapshot_str(s, "/", 1);
		f->type = snapshot_str(s, "ext4", 4);
		f->v[FS_SIZE] = 100 * GIB;
		f->v[FS_USED] = 40 * GIB + i * 4096;
		f->v[FS_AVAIL] = f->v[FS_SIZE] - f->v[FS_USED];
		f->have = (1u << FS_SIZE) | (1u << FS_USED) | (1u << FS_AVAIL);
	}
	{
		struct snap_disk *d = snapshot_add_disk(s);

		d->name = snapshot_str(s, "vda", 3);
		d->v[DISK_READS] = i * 10;
		d->v[DISK_WRITES] = i * 20;
		d->v[DISK_READ_BYTES] = i * 64 * 1024;
		d->v[DISK_WRITE_BYTES] = i * 256 * 1024;
		d->v[DISK_BUSY_NS] = i * tick / 50;
		d->have = (1u << DISK_NFIELDS) - 1;
	}
	for (k = 0; k < 2; k++) {
		struct snap_net *nt = snapshot_add_net(s);
		uint64_t rate = k == 0 ? 0 : 125000; /* lo idle, eth0 1 Mbit/s */

		nt->name = snapshot_str(s, k == 0 ? "lo" : "eth0",
		    k == 0 ? 2 : 4);
		nt->up = 1;
		nt->v[NET_RX_BYTES] = i * rate * 2;
		nt->v[NET_TX_BYTES] = i * rate;
		nt->v[NET_RX_PACKETS] = i * rate / 1000;
		nt->v[NET_TX_PACKETS] = i * rate / 2000;
		nt->have = (1u << NET_NFIELDS) - 1;
	}
	for (k = 0; k < PSI_NRES; k++) {
		s->psi[k].some.have = true;
		s->psi[k].some.avg10 = k == PSI_CPU && spikes &&
		    i < y->spike + 5 ? 40.0 : 0.5;
		s->psi[k].some.total_ns = i * tick / 200;
	}

	/* Processes, pid-sorted: init, background, then the event ones. */
	p = proc(s, 1, 0, "init", "/sbin/init", 0);
	times(p, 5 * NS, 3 * NS);
	p->rss_bytes = 12 * MIB;
	p->vms_bytes = 160 * MIB;
	p->shared_bytes = 8 * MIB;
	for (n = 0; n < y->nprocs; n++) {
		uint64_t h = mix((uint64_t)n + 1);
		/* One process in 20 is slowly busy; the rest never change. */
		uint64_t cpu = h % 20 == 0 ? i * tick / 100 : 0;

		snprintf(comm, sizeof comm, "svc%03d", n);
		snprintf(cmd, sizeof cmd, "/usr/sbin/svc%03d --worker %d", n,
		    (int)(h % 8));
		p = proc(s, 1000 + n, 1, comm, cmd, (uint64_t)(n + 1) * NS);
		times(p, (h % 1000) * NS / 10 + cpu, (h % 300) * NS / 10);
		p->rss_bytes = (4 + h % 200) * MIB;
		p->vms_bytes = p->rss_bytes * 4;
		p->shared_bytes = (1 + h % 4) * MIB;
		p->read_bytes = h % 100000;
		p->write_bytes = h % 50000;
	}
	p = proc(s, SYNTH_LEAKER_PID, 1, "tt_leaker", "tt_leaker --grow",
	    500 * NS);
	times(p, i * tick / 50, 0);
	p->rss_bytes = 100 * MIB + leak;
	p->vms_bytes = 2 * GIB;
	p = proc(s, SYNTH_BURNER_PID, 1, "tt_burner", "tt_burner --spike",
	    600 * NS);
	times(p, spikes * (tick * 19 / 10), 0);
	p->rss_bytes = 20 * MIB;
	p->vms_bytes = 64 * MIB;
	if (i >= y->t1 && i < y->t2) {
		p = proc(s, SYNTH_EPHEMERAL_PID, 1, "tt_ephemeral",
		    "tt_ephemeral --between-t1-and-t2",
		    1000 * NS + y->t1 * tick - tick / 2);
		times(p, (i - y->t1) * tick / 4, 0);
		p->rss_bytes = 300 * MIB;
		p->vms_bytes = 512 * MIB;
		p->state = 'R';
	}
}
