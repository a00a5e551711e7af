/* test_linux_fixtures.c: the whole Linux collector pointed at fixture trees
 * (tests/probe/fixtures), exact values through probe_sample(). libprobe and
 * libcore only. */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"

#include "core/snapshot.h"
#include "probe/probe.h"
#include "tests/tap.h"

static long hz;
#define NS(t) ((uint64_t)(t) * (1000000000u / (uint64_t)hz))

static struct probe_collector *
open_tree(const char *tree, uint32_t areas, bool all)
{
	static char proc[4096], sys[4096];
	const char *top = getenv("top_srcdir");
	struct probe_options o = { 0 };
	struct probe_collector *c;
	char err[256];

	if (top == NULL)
		top = ".";
	snprintf(proc, sizeof(proc), "%s/tests/probe/fixtures/%s/proc", top,
	    tree);
	snprintf(sys, sizeof(sys), "%s/tests/probe/fixtures/%s/sys", top, tree);
	o.proc_root = proc;
	o.sys_root = sys;
	o.areas = areas;
	o.all_filesystems = all;
	c = probe_collector_new(&o, err, sizeof(err));
	if (c == NULL)
		printf("# %s: %s\n", tree, err);
	return c;
}

/* A sample of tree's system areas; NULL on failure. */
static struct snapshot *
sample(const char *tree, uint32_t areas)
{
	struct probe_collector *c = open_tree(tree, areas, false);
	struct snapshot *s = snapshot_new();
	int r;

	if (c == NULL)
		return s;
	r = probe_sample(c, s);
	if (r != 0)
		printf("# %s: probe_sample %d\n", tree, r);
	probe_collector_free(c);
	return s;
}

#define SYS_AREAS ((1u << AREA_CPU) | (1u << AREA_MEMORY) | (1u << AREA_LOAD))

static void
test_cg2_basic(void)
{
	struct snapshot *s = sample("cg2", SYS_AREAS);

	is_int(s->areas, SYS_AREAS, "cg2: cpu, memory, load sampled");
	is_int(s->ncpu, 3, "cg2: total + 2 cpus");
	is_int(s->ncpu_online, 2, "cg2: 2 online");
	is_int(s->ticks_per_sec, hz, "cg2: USER_HZ recorded");
	is_int(s->cpu[0].id, -1, "cg2: total row");
	is_int(s->cpu[0].have, (1 << CPU_NFIELDS) - 1, "cg2: ten columns");
	is_u64(s->cpu[0].ns[CPU_USER], NS(10000), "cg2: total user");
	is_u64(s->cpu[0].ns[CPU_IDLE], NS(500000), "cg2: total idle");
	is_u64(s->cpu[0].ns[CPU_STEAL], NS(70), "cg2: total steal");
	is_u64(s->cpu[0].ns[CPU_GUEST], NS(80), "cg2: total guest");
	is_int(s->cpu[2].id, 1, "cg2: cpu1");
	is_u64(s->cpu[2].ns[CPU_SOFTIRQ], NS(30), "cg2: cpu1 softirq");

	is_int(s->mem.have, (1 << MEM_NFIELDS) - 1, "cg2: every memory field");
	is_u64(s->mem.v[MEM_TOTAL], UINT64_C(16318712) * 1024, "cg2: MemTotal");
	is_u64(s->mem.v[MEM_AVAILABLE], UINT64_C(9876543) * 1024,
	    "cg2: MemAvailable");
	is_u64(s->mem.v[MEM_USED], UINT64_C(8960680) * 1024, "cg2: used");
	is_u64(s->mem.v[MEM_CACHED], UINT64_C(5888898) * 1024, "cg2: cached");
	is_u64(s->mem.v[MEM_BUFFERS], UINT64_C(234567) * 1024, "cg2: buffers");
	is_u64(s->mem.v[MEM_SHARED], UINT64_C(345678) * 1024, "cg2: shared");
	is_u64(s->mem.v[MEM_SWAP_USED], UINT64_C(97148) * 1024,
	    "cg2: swap used");

	is_int(s->load.have, (1 << LOAD_NFIELDS) - 1, "cg2: load fields");
	is_dbl(s->load.avg[1], 1.25, 1e-12, "cg2: load5");
	is_int(s->load.running, 3, "cg2: running");
	is_int(s->load.tasks, 456, "cg2: tasks");
	is_str(s->boot_id, "4b1e9c2a-1f6d-4d8e-9b3a-2c7f5e6d8a10",
	    "cg2: boot id");
	snapshot_free(s);
}

static void
test_cg1_basic(void)
{
	struct snapshot *s = sample("cg1", SYS_AREAS);

	is_int(s->ncpu, 3, "cg1: total + 2 cpus");
	is_int(s->cpu[0].have, (1 << CPU_STEAL) * 2 - 1,
	    "cg1: 8 columns, guest unknown");
	is_u64(s->cpu[2].ns[CPU_IOWAIT], NS(315), "cg1: cpu1 iowait");
	is_u64(s->mem.v[MEM_SWAP_TOTAL], 0, "cg1: no swap is a known 0");
	ok(HAVE(s->mem.have, MEM_SWAP_USED), "cg1: swap used known");
	is_str(s->boot_id, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
	    "cg1: boot id");
	snapshot_free(s);
}

static void
test_old_basic(void)
{
	struct snapshot *s = sample("old", SYS_AREAS);

	is_int(s->areas, SYS_AREAS, "old: cpu, memory, load sampled");
	is_int(s->cpu[0].have, (1 << CPU_STEAL) - 1,
	    "old: 7 columns, steal and guest unknown");
	is_u64(s->cpu[1].ns[CPU_SOFTIRQ], NS(4), "old: cpu0 softirq");
	ok(!HAVE(s->mem.have, MEM_AVAILABLE), "old: no MemAvailable");
	is_u64(s->mem.v[MEM_USED], UINT64_C(554240) * 1024,
	    "old: used = total-free-buffers-cached");
	is_str(s->boot_id, "", "old: no boot id");
	snapshot_free(s);
}

static void
test_hostile_basic(void)
{
	struct snapshot *s = sample("hostile", SYS_AREAS);

	is_int(s->ncpu, 4, "hostile: total + cpu0 cpu2 cpu7");
	is_int(s->cpu[1].id, 0, "hostile: cpu0");
	is_int(s->cpu[2].id, 2, "hostile: cpu2");
	is_int(s->cpu[3].id, 7, "hostile: cpu7");
	ok(!HAVE(s->cpu[2].have, CPU_USER), "hostile: cpu2 overflow unknown");
	is_u64(s->cpu[2].ns[CPU_NICE], NS(2), "hostile: first cpu2 line kept");
	is_u64(s->cpu[3].ns[CPU_GUEST_NICE], NS(7), "hostile: cpu7");
	ok(!HAVE(s->mem.have, MEM_TOTAL), "hostile: MemTotal overflow");
	ok(!HAVE(s->mem.have, MEM_FREE), "hostile: MemFree kB overflow");
	ok(!HAVE(s->mem.have, MEM_AVAILABLE), "hostile: MemAvailable abc");
	is_u64(s->mem.v[MEM_BUFFERS], UINT64_C(1) << 43, "hostile: buffers");
	is_u64(s->mem.v[MEM_CACHED], UINT64_C(1) << 42,
	    "hostile: cached, truncated SReclaimable ignored");
	ok(!HAVE(s->mem.have, MEM_SWAP_USED), "hostile: swap free > total");
	ok(!HAVE(s->load.have, LOAD_5), "hostile: load5 unknown");
	is_int(s->load.running, 2, "hostile: running");
	is_str(s->boot_id, "", "hostile: escape-laden boot id refused");
	snapshot_free(s);
}

#define ALL_SYS (AREA_ALL & ~(1u << AREA_PROCESSES))
#define Q(f) (1u << (f))

static const struct snap_net *
find_net(const struct snapshot *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nnet; i++)
		if (strcmp(s->net[i].name, name) == 0)
			return &s->net[i];
	return NULL;
}

static void
test_cg2_rest(void)
{
	struct snapshot *s = sample("cg2", ALL_SYS);
	const struct snap_net *n;
	const struct snap_cgroup *g = &s->cgroup;
	struct rlimit rl;

	is_int(s->areas, ALL_SYS, "cg2: every system area sampled");
	is_int(s->nfs, 3, "cg2: three real filesystems");
	is_str(s->fs[0].mount, "/", "cg2: fs /");
	is_str(s->fs[0].device, "/dev/sda1", "cg2: fs / device");
	is_str(s->fs[1].type, "xfs", "cg2: /home xfs");
	is_str(s->fs[2].mount, "/mnt/My Disk\ttab", "cg2: escaped mount");
	is_int(s->fs[0].have, 0, "cg2: no statvfs on a fixture tree");

	is_int(s->ndisk, 4, "cg2: sda sda1 loop1 nvme0n1");
	is_str(s->disk[3].name, "nvme0n1", "cg2: nvme0n1");
	is_u64(s->disk[3].v[DISK_READS], 30000, "cg2: nvme reads");
	is_u64(s->disk[3].v[DISK_READ_BYTES], UINT64_C(6000000) * 512,
	    "cg2: nvme read bytes");
	is_u64(s->disk[3].v[DISK_WRITE_BYTES], UINT64_C(8000000) * 512,
	    "cg2: nvme write bytes");
	is_u64(s->disk[3].v[DISK_BUSY_NS], UINT64_C(20000) * 1000000,
	    "cg2: nvme busy");

	is_int(s->nnet, 3, "cg2: three interfaces");
	n = find_net(s, "lo");
	ok(n != NULL && n->up == 1, "cg2: lo up through IFF_UP");
	n = find_net(s, "docker0");
	ok(n != NULL && n->up == 0, "cg2: docker0 down");
	n = find_net(s, "eth0");
	ok(n != NULL && n->up == 1, "cg2: eth0 up");
	if (n != NULL) {
		is_u64(n->v[NET_RX_BYTES], 21826546, "cg2: eth0 rx bytes");
		is_u64(n->v[NET_RX_DROPS], 2, "cg2: eth0 rx drops");
		is_u64(n->v[NET_TX_ERRORS], 3, "cg2: eth0 tx errors");
	}

	ok(s->psi[PSI_CPU].some.have && s->psi[PSI_CPU].full.have,
	    "cg2: cpu pressure");
	is_dbl(s->psi[PSI_CPU].some.avg10, 1.27, 1e-12, "cg2: cpu some avg10");
	is_u64(s->psi[PSI_CPU].some.total_ns, UINT64_C(3973235000),
	    "cg2: cpu some total");
	is_dbl(s->psi[PSI_MEMORY].full.avg300, 0.25, 1e-12,
	    "cg2: memory full avg300");
	is_u64(s->psi[PSI_IO].full.total_ns, UINT64_C(98765432000),
	    "cg2: io full total");

	is_int(g->version, 2, "cg2: cgroup v2");
	is_str(g->path, "/system.slice/x.service", "cg2: own cgroup path");
	is_u64(g->v[QUOTA_CPU_QUOTA_NS], 50000000, "cg2: cpu quota");
	is_u64(g->v[QUOTA_CPU_PERIOD_NS], 100000000, "cg2: cpu period");
	is_u64(g->v[QUOTA_CPU_USAGE_NS], 123456000, "cg2: cpu usage");
	is_u64(g->v[QUOTA_MEM_LIMIT], 536870912, "cg2: memory.max");
	is_u64(g->v[QUOTA_MEM_USAGE], 123456789, "cg2: memory.current");
	is_u64(g->v[QUOTA_PIDS_LIMIT], 100, "cg2: pids.max");
	is_u64(g->v[QUOTA_PIDS_CURRENT], 7, "cg2: pids.current");
	is_int(g->have, (1 << QUOTA_NFIELDS) - 1, "cg2: every quota field");
	is_int(g->unlimited, Q(QUOTA_SWAP_LIMIT), "cg2: swap max unlimited");
	is_str(g->io_max, "8:0 rbps=1048576 wbps=max riops=max wiops=max\n"
	    "259:0 rbps=max wbps=max riops=max wiops=500", "cg2: io.max");

	getrlimit(RLIMIT_NOFILE, &rl);
	ok(HAVE(s->rlimit.have, RLIM_NOFILE), "cg2: own nofile limit");
	ok(HAVE(s->rlimit.soft_unlimited, RLIM_NOFILE) ?
	    rl.rlim_cur == RLIM_INFINITY :
	    s->rlimit.soft[RLIM_NOFILE] == (uint64_t)rl.rlim_cur,
	    "cg2: nofile soft equals getrlimit");
	snapshot_free(s);
}

static void
test_cg2_options(void)
{
	struct probe_collector *c = open_tree("cg2", ALL_SYS, true);
	struct snapshot *s = snapshot_new();
	struct snap_cgroup g;

	probe_sample(c, s);
	is_int(s->nfs, 9, "cg2 all: pseudo and bind mounts listed");
	is_str(s->fs[0].type, "proc", "cg2 all: proc first");
	is_int(probe_cgroup(c, s, "/system.slice/x.service", &g), 0,
	    "cg2: probe_cgroup by path");
	is_u64(g.v[QUOTA_MEM_LIMIT], 536870912, "cg2: by path memory.max");
	is_int(probe_cgroup(c, s, "0::/system.slice/x.service", &g), 0,
	    "cg2: probe_cgroup by /proc/PID/cgroup text");
	is_u64(g.v[QUOTA_PIDS_LIMIT], 100, "cg2: by text pids.max");
	ok(probe_cgroup(c, s, "/nonexistent", &g) != 0 && g.have == 0,
	    "cg2: missing cgroup unknown (no fallback to the root)");
	ok(probe_cgroup(c, s, "/system.slice/../../../etc", &g) != 0,
	    "cg2: .. refused");
	probe_collector_free(c);

	/* only the areas asked for */
	s->areas = 0;
	snapshot_free(s);
	s = sample("cg2", (1u << AREA_NETWORK));
	is_int(s->areas, 1u << AREA_NETWORK, "cg2: network only");
	is_int(s->ncpu, 0, "cg2: no cpu read");
	ok(!s->psi[PSI_IO].some.have, "cg2: no pressure read");
	snapshot_free(s);
}

static void
test_cg1_rest(void)
{
	struct snapshot *s = sample("cg1", ALL_SYS);
	const struct snap_cgroup *g = &s->cgroup;

	is_int(s->nfs, 1, "cg1: only / is real");
	is_str(s->fs[0].device, "/dev/vda", "cg1: /dev/vda");
	is_int(s->ndisk, 1, "cg1: idle zram0 left out");
	is_u64(s->disk[0].v[DISK_WRITE_BYTES], UINT64_C(445184) * 512,
	    "cg1: vda write bytes");
	is_u64(s->disk[0].v[DISK_BUSY_NS], UINT64_C(4336) * 1000000,
	    "cg1: vda busy");
	ok(s->psi[PSI_CPU].some.have && !s->psi[PSI_CPU].full.have,
	    "cg1: cpu some only");

	is_int(g->version, 1, "cg1: hybrid reads v1");
	is_str(g->path, "/process_api/abc123", "cg1: path of memory");
	is_u64(g->v[QUOTA_MEM_LIMIT], UINT64_C(2147483648), "cg1: v1 limit");
	is_u64(g->v[QUOTA_MEM_USAGE], 14741504, "cg1: v1 usage");
	is_u64(g->v[QUOTA_CPU_PERIOD_NS], 100000000, "cg1: cfs period");
	is_u64(g->v[QUOTA_CPU_USAGE_NS], 987654321, "cg1: cpuacct.usage");
	is_u64(g->v[QUOTA_PIDS_CURRENT], 42, "cg1: pids.current");
	is_int(g->have, (1 << QUOTA_NFIELDS) - 1, "cg1: every quota field");
	is_int(g->unlimited, Q(QUOTA_SWAP_LIMIT) | Q(QUOTA_CPU_QUOTA_NS) |
	    Q(QUOTA_PIDS_LIMIT), "cg1: memsw, cfs -1 and pids max unlimited");
	is_str(g->io_max, "8:0 rbps=2097152\n8:0 wiops=300",
	    "cg1: blkio throttle as io.max");
	snapshot_free(s);

	/* another process's cgroup, as /proc/PID/cgroup text */
	{
		struct probe_collector *c = open_tree("cg1", ALL_SYS, false);
		struct snap_cgroup o;

		s = snapshot_new();
		is_int(probe_cgroup(c, s, "9:memory:/process_api/abc123\n"
		    "4:cpu,cpuacct:/user.slice", &o), 0,
		    "cg1: probe_cgroup by text");
		is_int(o.version, 1, "cg1: by text v1");
		is_u64(o.v[QUOTA_MEM_LIMIT], UINT64_C(2147483648),
		    "cg1: by text memory limit");
		is_u64(o.v[QUOTA_CPU_USAGE_NS], 987654321,
		    "cg1: by text cpuacct (last line without newline)");
		ok(!HAVE(o.have, QUOTA_PIDS_CURRENT),
		    "cg1: by text pids not named, unknown");
		is_int(probe_cgroup(c, s, "/user.slice", &o), 0,
		    "cg1: bare path in every hierarchy");
		is_u64(o.v[QUOTA_CPU_PERIOD_NS], 100000000,
		    "cg1: bare path cpu period");
		ok(!HAVE(o.have, QUOTA_MEM_LIMIT),
		    "cg1: bare path absent in memory, unknown");
		probe_collector_free(c);
		snapshot_free(s);
	}
}

static void
test_old_rest(void)
{
	struct snapshot *s = sample("old", ALL_SYS);

	is_int(s->areas, ALL_SYS & ~(1u << AREA_PRESSURE),
	    "old: every area but pressure");
	ok(!s->psi[PSI_CPU].some.have && !s->psi[PSI_IO].full.have,
	    "old: pressure unknown");
	is_int(s->nfs, 0, "old: no mountinfo, no filesystems");
	is_int(s->ndisk, 2, "old: hda and hda1");
	is_u64(s->disk[1].v[DISK_READ_BYTES], 720 * 512,
	    "old: 4-column partition bytes");
	is_int(s->nnet, 2, "old: lo and eth0");
	is_int(s->net[1].up, -1, "old: no /sys, up unknown");
	is_int(s->cgroup.version, 0, "old: no cgroups");
	is_int(s->cgroup.have, 0, "old: no quota values");
	ok(s->rlimit.have != 0, "old: rlimits still read");
	snapshot_free(s);
}

static void
test_hostile_rest(void)
{
	struct snapshot *s = sample("hostile", ALL_SYS);
	const struct snap_cgroup *g = &s->cgroup;

	is_int(s->nfs, 3, "hostile: three parsable mounts");
	is_str(s->fs[1].mount, "/a\\b c\nd", "hostile: escapes decoded");
	is_str(s->fs[2].mount, "/bad\\9escape", "hostile: bad escape kept");
	is_int(s->ndisk, 4, "hostile: sda sdb sdd nvme0n1");
	is_str(s->disk[2].name, "sdd", "hostile: sdd");
	ok(!HAVE(s->disk[2].have, DISK_READ_BYTES), "hostile: bytes overflow");
	is_int(s->nnet, 5, "hostile: five interfaces");
	is_str(s->net[2].name, "weird:name", "hostile: name with ':'");
	is_int(s->net[2].up, -1, "hostile: weird:name state unknown");
	is_int(find_net(s, "gone")->up, 0, "hostile: dormant is down");
	is_int(find_net(s, "lo")->up, -1, "hostile: unknown without flags");
	is_u64(find_net(s, "eth0")->v[NET_RX_BYTES], UINT64_MAX,
	    "hostile: eth0 rx at 2^64-1");
	ok(s->psi[PSI_CPU].some.have, "hostile: cpu some");
	ok(!s->psi[PSI_MEMORY].some.have && !s->psi[PSI_MEMORY].full.have,
	    "hostile: memory pressure garbage unknown");
	is_u64(s->psi[PSI_IO].some.total_ns, 77000, "hostile: io some");
	ok(!s->psi[PSI_IO].full.have, "hostile: io full truncated");

	is_int(g->version, 2, "hostile: v2");
	is_int(g->have, Q(QUOTA_CPU_QUOTA_NS) | Q(QUOTA_PIDS_LIMIT),
	    "hostile: only cpu.max and pids.max parse");
	is_int(g->unlimited, g->have, "hostile: both max");
	ok(g->io_max == NULL, "hostile: io.max without limits is NULL");
	snapshot_free(s);
}

static int64_t fake_now;
static int64_t
fake_mono(void)
{
	return fake_now;
}

static void
no_negative(const struct snapshot *s, const char *what)
{
	size_t i;
	int k, bad = 0;

	for (i = 0; i < s->ncpu; i++)
		for (k = 0; k < CPU_NFIELDS; k++)
			if (s->cpu[i].have_pct && (s->cpu[i].pct[k] < 0 ||
			    s->cpu[i].usage_percent < 0))
				bad++;
	for (i = 0; i < s->ndisk; i++)
		for (k = 0; k < DISK_NFIELDS; k++)
			if (s->disk[i].have_rate && s->disk[i].rate[k] < 0)
				bad++;
	for (i = 0; i < s->nnet; i++)
		for (k = 0; k < NET_NFIELDS; k++)
			if (s->net[i].have_rate && s->net[i].rate[k] < 0)
				bad++;
	for (k = 0; k < PSI_NRES; k++)
		if ((s->psi[k].some.have_rate && s->psi[k].some.rate < 0) ||
		    (s->psi[k].full.have_rate && s->psi[k].full.rate < 0))
			bad++;
	is_int(bad, 0, what);
}

static void
test_backwards(void)
{
	struct snapshot *a = snapshot_new(), *b;
	struct probe_collector *c = open_tree("hostile", ALL_SYS, false);
	const struct snap_net *n;

	clock_mono_ns = fake_mono;
	fake_now = INT64_C(1000000000);
	probe_sample(c, a);
	probe_collector_free(c);
	fake_now += INT64_C(2000000000);
	b = sample("hostile-next", ALL_SYS);
	snapshot_derive(b, a);
	is_int(b->interval_ns, INT64_C(2000000000), "next: 2 s interval");
	no_negative(b, "next: no negative rate or percentage");
	ok(b->cpu[1].have_pct, "next: cpu0 with a counter going back has pct");
	is_dbl(b->cpu[3].pct[CPU_USER], 12.5, 1e-9,
	    "next: cpu7 user 1 of 8 summed ticks");
	is_int(b->nnet, 3, "next: interface gone");
	ok(find_net(b, "gone") == NULL, "next: no stale row");
	n = find_net(b, "lo");
	is_dbl(n->rate[NET_RX_BYTES], 50.0, 1e-9, "next: lo rx 100 B / 2 s");
	n = find_net(b, "eth0");
	is_dbl(n->rate[NET_RX_BYTES], 0, 0, "next: eth0 reset is no rate");
	is_dbl(b->disk[1].rate[DISK_READS], 0.5, 1e-9, "next: nvme 1 read/2s");
	is_dbl(b->disk[0].rate[DISK_READS], 0, 0, "next: sda reset no rate");
	ok(!b->psi[PSI_CPU].some.have_rate, "next: psi total back: unknown");
	clock_mono_ns = clock_real_mono_ns;
	snapshot_free(a);
	snapshot_free(b);
}

/* Write a /proc/stat with the given CPU ids, each at `ticks` user ticks. */
static void
write_stat(const char *dir, const int *ids, int n, int ticks)
{
	char path[4096];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/stat", dir);
	f = fopen(path, "w");
	fprintf(f, "cpu  %d 0 0 %d\n", ticks * n, ticks * n);
	for (i = 0; i < n; i++)
		fprintf(f, "cpu%d %d 0 0 %d\n", ids[i], ticks, ticks);
	fclose(f);
}

/* CPUs 0,1 -> hot-add 2,3 -> hot-remove the middle ones. */
static void
test_hotplug(void)
{
	static const int two[] = { 0, 1 }, four[] = { 0, 1, 2, 3 },
	    holes[] = { 0, 3 };
	char dir[] = "/tmp/histop-hotplug.XXXXXX", path[4096];
	struct probe_options o = { 0 };
	struct probe_collector *c;
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	char err[256];

	if (mkdtemp(dir) == NULL) {
		ok(0, "hotplug: mkdtemp");
		return;
	}
	clock_mono_ns = fake_mono;
	write_stat(dir, two, 2, 100);
	o.proc_root = o.sys_root = dir;
	o.areas = 1u << AREA_CPU;
	c = probe_collector_new(&o, err, sizeof(err));
	fake_now = NSEC_PER_SEC;
	probe_sample(c, a);
	write_stat(dir, four, 4, 200);
	fake_now += NSEC_PER_SEC;
	probe_sample(c, b);
	snapshot_derive(b, a);
	is_int(b->ncpu, 5, "hotplug: four cpus after hot-add");
	ok(b->cpu[2].have_pct && !b->cpu[3].have_pct && !b->cpu[4].have_pct,
	    "hotplug: new cpus have no rate yet");
	is_dbl(b->cpu[2].pct[CPU_USER], 50.0, 1e-9, "hotplug: cpu1 user 50%");
	write_stat(dir, holes, 2, 300);
	fake_now += NSEC_PER_SEC;
	probe_sample(c, a);
	snapshot_derive(a, b);
	is_int(a->ncpu, 3, "hotplug: two cpus after hot-remove");
	is_int(a->cpu[2].id, 3, "hotplug: cpu3 kept its id");
	ok(a->cpu[1].have_pct && a->cpu[2].have_pct,
	    "hotplug: surviving cpus keep their rates");
	is_dbl(a->cpu[2].pct[CPU_IDLE], 50.0, 1e-9, "hotplug: cpu3 idle 50%");
	clock_mono_ns = clock_real_mono_ns;
	probe_collector_free(c);
	snapshot_free(a);
	snapshot_free(b);
	snprintf(path, sizeof(path), "%s/stat", dir);
	unlink(path);
	rmdir(dir);
}

/* 1024 CPUs with ids 0, 2, 4, ... written at test time. */
static void
test_big_cpus(void)
{
	char dir[] = "/tmp/histop-bigcpu.XXXXXX", path[4096];
	struct probe_options o = { 0 };
	struct probe_collector *c;
	struct snapshot *s = snapshot_new();
	char err[256];
	FILE *f;
	int i;

	if (mkdtemp(dir) == NULL) {
		ok(0, "bigcpu: mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/stat", dir);
	f = fopen(path, "w");
	fprintf(f, "cpu  %d 0 0 %d 0 0 0 0 0 0\n", 1024 * 3, 1024 * 5);
	for (i = 0; i < 1024; i++)
		fprintf(f, "cpu%d %d 0 0 5 0 0 0 0 0 0\n", i * 2, i);
	fprintf(f, "intr 1\n");
	fclose(f);
	o.proc_root = dir;
	o.sys_root = dir;
	o.areas = 1u << AREA_CPU;
	c = probe_collector_new(&o, err, sizeof(err));
	ok(c != NULL && probe_sample(c, s) == 0, "bigcpu: sampled");
	is_int(s->ncpu, 1025, "bigcpu: total + 1024");
	is_int(s->ncpu_online, 1024, "bigcpu: 1024 online");
	is_int(s->cpu[1024].id, 2046, "bigcpu: last id");
	is_u64(s->cpu[1024].ns[CPU_USER], NS(1023), "bigcpu: last user");
	is_int(s->cpu[513].id, 1024, "bigcpu: middle id");
	probe_collector_free(c);
	snapshot_free(s);
	unlink(path);
	rmdir(dir);
}

/* A steady state allocates nothing: buffers and snapshot arrays are kept. */
static void
test_no_growth(void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
	struct probe_collector *c = open_tree("cg2", ALL_SYS, false);
	struct snapshot *s = snapshot_new();
	size_t before;
	int i;

	for (i = 0; i < 3; i++)
		probe_sample(c, s);
	before = mallinfo2().uordblks;
	for (i = 0; i < 200; i++)
		probe_sample(c, s);
	is_int(mallinfo2().uordblks, before, "no heap growth over 200 samples");
	probe_collector_free(c);
	snapshot_free(s);
#else
	ok(1, "# SKIP mallinfo2 needs glibc 2.33");
#endif
}

int
main(void)
{
	hz = sysconf(_SC_CLK_TCK);
	if (hz <= 0)
		hz = 100;
	test_cg2_basic();
	test_cg1_basic();
	test_old_basic();
	test_hostile_basic();
	test_cg2_rest();
	test_cg2_options();
	test_cg1_rest();
	test_old_rest();
	test_hostile_rest();
	test_backwards();
	test_big_cpus();
	test_hotplug();
	test_no_growth();
	return tap_done();
}
