/* test_linux_fixtures.c: the whole Linux collector pointed at fixture trees
 * (tests/probe/fixtures), exact values through probe_sample(). libprobe and
 * libcore only. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	return tap_done();
}
