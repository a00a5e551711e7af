/* test_linux_parse.c: the Linux system-area parsers over strings, exact
 * values (libprobe + libcore only). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "probe/linux/parse.h"
#include "tests/tap.h"

#define S(lit) lit, sizeof(lit) - 1
#define NS(t) ((uint64_t)(t) * 10000000u) /* ticks at 100 Hz */

static void
test_stat(void)
{
	struct snapshot *s = snapshot_new();
	int n;

	n = parse_proc_stat(S("cpu  1 2 3 4 5 6 7 8 9 10\n"
	    "cpu0 1 1 1 1 1 1 1 1 1 1\n"
	    "intr 5 6\n"), 100, s);
	is_int(n, 1, "stat: one cpu row");
	is_int(s->ncpu, 2, "stat: total + 1");
	is_int(s->cpu[0].id, -1, "stat: total first");
	is_u64(s->cpu[0].ns[CPU_USER], NS(1), "stat: user ns");
	is_u64(s->cpu[0].ns[CPU_GUEST_NICE], NS(10), "stat: guest_nice ns");
	is_int(s->cpu[0].have, (1 << CPU_NFIELDS) - 1, "stat: all ten known");

	/* old kernel: 4 columns only */
	snapshot_clear(s);
	n = parse_proc_stat(S("cpu  100 2 30 4000\ncpu0 100 2 30 4000\n"), 100,
	    s);
	is_int(n, 1, "stat old: one cpu");
	is_int(s->cpu[0].have, 0xf, "stat old: user..idle only");
	is_u64(s->cpu[1].ns[CPU_IDLE], NS(4000), "stat old: idle");

	/* hz 250: ticks -> ns exactly */
	snapshot_clear(s);
	parse_proc_stat(S("cpu  1 0 0 3\n"), 250, s);
	is_u64(s->cpu[0].ns[CPU_USER], 4000000, "stat: 1 tick at 250 Hz");
	is_u64(s->cpu[0].ns[CPU_IDLE], 12000000, "stat: 3 ticks at 250 Hz");

	/* non-contiguous, out of order, duplicate, garbage */
	snapshot_clear(s);
	n = parse_proc_stat(S("cpu  10 0 0 0\n"
	    "cpu7 7 0 0 0\n"
	    "cpu2 2 0 0 0\n"
	    "cpu0 1 0 0 0\n"
	    "cpu2 99 0 0 0\n"
	    "cpux 1 2\n"
	    "cpu3x 1 2\n"
	    "cpu 5 5 5\n"
	    "cpu99999999999 1\n"
	    "cpu5 5 5"), 100, s);
	is_int(n, 3, "stat: three distinct cpus");
	is_int(s->cpu[1].id, 0, "stat: sorted id 0");
	is_int(s->cpu[2].id, 2, "stat: sorted id 2");
	is_int(s->cpu[3].id, 7, "stat: sorted id 7");
	is_u64(s->cpu[2].ns[CPU_USER], NS(2), "stat: first cpu2 line kept");
	is_u64(s->cpu[0].ns[CPU_USER], NS(10), "stat: first total kept");

	/* overflow: a column that does not fit is unknown, others are read */
	snapshot_clear(s);
	parse_proc_stat(S("cpu  99999999999999999999 2 3 4\n"
	    "cpu0 18446744073709551615 2 3abc 4\n"), 100, s);
	ok(!HAVE(s->cpu[0].have, CPU_USER), "stat: overflowing user unknown");
	is_u64(s->cpu[0].ns[CPU_NICE], NS(2), "stat: next column read");
	ok(!HAVE(s->cpu[1].have, CPU_USER), "stat: ns overflow unknown");
	is_int(s->cpu[1].have, 1 << CPU_NICE, "stat: 3abc stops the row");

	snapshot_clear(s);
	is_int(parse_proc_stat(S("intr 1\nctxt 2\n"), 100, s), -1,
	    "stat: no cpu line");
	is_int(s->ncpu, 0, "stat: nothing appended");
	is_int(parse_proc_stat(S(""), 100, s), -1, "stat: empty");
	snapshot_free(s);
}

static void
test_meminfo(void)
{
	struct snap_mem m;

	is_int(parse_meminfo(S("MemTotal:       1000 kB\n"
	    "MemFree:         100 kB\n"
	    "MemAvailable:    600 kB\n"
	    "Buffers:          50 kB\n"
	    "Cached:          200 kB\n"
	    "Shmem:            10 kB\n"
	    "SReclaimable:     30 kB\n"
	    "SwapTotal:       500 kB\n"
	    "SwapFree:        400 kB\n"
	    "HugePages_Total:   0\n"), &m), MEM_NFIELDS, "meminfo: all fields");
	is_u64(m.v[MEM_TOTAL], 1024000, "meminfo: total");
	is_u64(m.v[MEM_AVAILABLE], 600 * 1024, "meminfo: available");
	is_u64(m.v[MEM_CACHED], 230 * 1024, "meminfo: cached + sreclaimable");
	is_u64(m.v[MEM_USED], (1000 - 100 - 50 - 230) * 1024,
	    "meminfo: used like free(1)");
	is_u64(m.v[MEM_SHARED], 10 * 1024, "meminfo: shared");
	is_u64(m.v[MEM_SWAP_USED], 100 * 1024, "meminfo: swap used");

	parse_meminfo(S("MemTotal: 1000 kB\nMemFree: 100 kB\n"
	    "Buffers: 0 kB\nCached: 0 kB\n"), &m);
	ok(!HAVE(m.have, MEM_AVAILABLE), "meminfo: no MemAvailable, unknown");
	ok(!HAVE(m.have, MEM_SWAP_USED), "meminfo: no swap lines, unknown");
	is_u64(m.v[MEM_USED], 900 * 1024, "meminfo: used without available");

	parse_meminfo(S("MemTotal: 8589934592 kB\n"
	    "MemFree: 18014398509481984 kB\n"
	    "Buffers: 99999999999999999999 kB\n"
	    "Cached: 12 MB\n"
	    "MemTotal: 5 kB\n"
	    "Shmem: 7 kB"), &m);
	is_u64(m.v[MEM_TOTAL], UINT64_C(8589934592) * 1024,
	    "meminfo: beyond 32 bits");
	ok(!HAVE(m.have, MEM_FREE), "meminfo: kB overflow unknown");
	ok(!HAVE(m.have, MEM_BUFFERS), "meminfo: number overflow unknown");
	ok(!HAVE(m.have, MEM_CACHED), "meminfo: unknown unit unknown");
	ok(!HAVE(m.have, MEM_USED), "meminfo: used needs its terms");
	ok(!HAVE(m.have, MEM_SHARED), "meminfo: truncated last line ignored");

	/* terms larger than total (a racing kernel): total - free */
	parse_meminfo(S("MemTotal: 100 kB\nMemFree: 10 kB\nBuffers: 50 kB\n"
	    "Cached: 60 kB\n"), &m);
	is_u64(m.v[MEM_USED], 90 * 1024, "meminfo: used falls back");
	is_int(parse_meminfo(S("garbage\n"), &m), 0, "meminfo: nothing");
	is_int(m.have, 0, "meminfo: nothing known");
}

static void
test_loadavg(void)
{
	struct snap_load l;

	is_int(parse_loadavg(S("0.52 1.25 12.50 3/456 78901\n"), &l), 5,
	    "loadavg: five fields");
	is_dbl(l.avg[0], 0.52, 1e-12, "loadavg: 1");
	is_dbl(l.avg[1], 1.25, 1e-12, "loadavg: 5");
	is_dbl(l.avg[2], 12.5, 1e-12, "loadavg: 15");
	is_int(l.running, 3, "loadavg: running");
	is_int(l.tasks, 456, "loadavg: tasks");

	is_int(parse_loadavg(S("1.5 abc 0.25 2/\n"), &l), 3,
	    "loadavg hostile: three fields");
	is_dbl(l.avg[0], 1.5, 1e-12, "loadavg hostile: 1");
	ok(!HAVE(l.have, LOAD_5), "loadavg hostile: 5 unknown");
	is_dbl(l.avg[2], 0.25, 1e-12, "loadavg hostile: 15");
	is_int(l.running, 2, "loadavg hostile: running");
	ok(!HAVE(l.have, LOAD_TASKS), "loadavg hostile: tasks unknown");
	is_int(parse_loadavg(S("1,5 2x 3.0.1 99999999999/1\n"), &l), 0,
	    "loadavg: comma, junk, overflow all unknown");
	is_int(parse_loadavg(S(""), &l), 0, "loadavg: empty");
}

int
main(void)
{
	test_stat();
	test_meminfo();
	test_loadavg();
	return tap_done();
}
