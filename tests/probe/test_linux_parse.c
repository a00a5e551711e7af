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

static void
test_mountinfo(void)
{
	struct snapshot *s = snapshot_new();
	char out[64];
	const char *mi =
	    "22 28 0:21 / /proc rw,nosuid shared:12 - proc proc rw\n"
	    "28 1 8:1 / / rw,relatime shared:1 master:2 - ext4 /dev/sda1 rw\n"
	    "30 24 0:27 / /run rw - tmpfs tmpfs rw,size=1k\n"
	    "31 29 8:1 /srv /srv\\040x rw - ext4 /dev/sda1 rw\n"
	    "32 28 259:2 / /mnt/My\\040Disk\\011t rw - vfat /dev/nvme0n1p2 rw\n"
	    "33 28 8:3 / /a\\134b\\012c rw - xfs /dev/sdb\\0401 rw\n"
	    "34 28 8:3 / /nosep rw xfs /dev/sdc rw\n"
	    "35 28 8:3 / /bad\\9x rw - xfs /dev/sdd rw\n"
	    "36 28 8:3 / /short rw -\n"
	    "37 28 8:3 / /trunc rw - xfs /dev/sde";

	is_int(unescape_octal(S("a\\040b\\134\\011\\9\\04"), out, sizeof(out)),
	    10, "unescape: length");
	is_str(out, "a b\\\t\\9\\04", "unescape: valid escapes only");
	is_int(unescape_octal(S("abcdef"), out, 4), 3, "unescape: bounded");
	is_str(out, "abc", "unescape: truncated copy");

	is_int(parse_mountinfo(mi, strlen(mi), false, s), 4,
	    "mountinfo: real filesystems, bind mount once");
	is_str(s->fs[0].mount, "/", "mountinfo: root mount");
	is_str(s->fs[0].device, "/dev/sda1", "mountinfo: root device");
	is_str(s->fs[0].type, "ext4", "mountinfo: root type");
	is_int(s->fs[0].have, 0, "mountinfo: sizes unknown until statvfs");
	is_str(s->fs[1].mount, "/mnt/My Disk\tt", "mountinfo: \\040 \\011");
	is_str(s->fs[2].mount, "/a\\b\nc", "mountinfo: \\134 \\012");
	is_str(s->fs[2].device, "/dev/sdb 1", "mountinfo: escaped device");
	is_str(s->fs[3].mount, "/bad\\9x", "mountinfo: bad escape kept");
	snapshot_clear(s);
	is_int(parse_mountinfo(mi, strlen(mi), true, s), 7,
	    "mountinfo: all filesystems");
	is_str(s->fs[0].type, "proc", "mountinfo: pseudo kept when asked");
	is_str(s->fs[3].mount, "/srv x", "mountinfo: bind mount kept");
	snapshot_free(s);
}

static void
test_diskstats(void)
{
	struct snapshot *s = snapshot_new();
	const char *ds =
	    "   8       0 sda 1000 10 20000 500 2000 20 40000 800 0 1500 1300 0 0 0 0 0 0\n"
	    "   8       1 sda1 900 5 18000 450 1900 15 38000 750 0 1400 1200\n"
	    "   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
	    "   7       1 loop1 50 0 400 10 0 0 0 0 0 5 10 0 0 0 0 0 0\n"
	    "   1       0 ram0 0 0 0 0 0 0 0 0 0 0 0\n"
	    " 253       0 zram0 0 0 0 0 0 0 0 0 0 0 0\n"
	    "   3       1 hda1 90 720 180 1440\n"
	    "   3       2 hda2 0 0\n"
	    "   8      16 sdb 99999999999999999999 0 1 0 0 0 0 0 0 0 0\n"
	    "   8      48 sdd 10 0 36028797018963968 0 20 0 8 0 0 18446744073709551615 5\n"
	    "   8      64 s/d 1 1 1 1 1 1 1 1 1 1 1\n"
	    "   8      80 sdf 1 0 8 1 1 0 8 1";

	is_int(parse_diskstats(ds, strlen(ds), s), 6, "diskstats: devices kept");
	is_str(s->disk[0].name, "sda", "diskstats: sda");
	is_int(s->disk[0].have, (1 << DISK_NFIELDS) - 1, "diskstats: all");
	is_u64(s->disk[0].v[DISK_READS], 1000, "diskstats: reads");
	is_u64(s->disk[0].v[DISK_WRITES], 2000, "diskstats: writes");
	is_u64(s->disk[0].v[DISK_READ_BYTES], 20000 * 512, "diskstats: rbytes");
	is_u64(s->disk[0].v[DISK_WRITE_BYTES], 40000 * 512,
	    "diskstats: wbytes");
	is_u64(s->disk[0].v[DISK_BUSY_NS], UINT64_C(1500) * 1000000,
	    "diskstats: busy ns");
	is_str(s->disk[1].name, "sda1", "diskstats: partition kept");
	is_str(s->disk[2].name, "loop1", "diskstats: busy loop kept");
	is_str(s->disk[3].name, "hda1", "diskstats: 4-column partition");
	is_u64(s->disk[3].v[DISK_WRITE_BYTES], 1440 * 512,
	    "diskstats: 4-column write sectors");
	ok(!HAVE(s->disk[3].have, DISK_BUSY_NS), "diskstats: 4-column no busy");
	is_str(s->disk[4].name, "sdb", "diskstats: sdb");
	ok(!HAVE(s->disk[4].have, DISK_READS), "diskstats: overflow unknown");
	is_u64(s->disk[4].v[DISK_READ_BYTES], 512, "diskstats: next read");
	ok(!HAVE(s->disk[5].have, DISK_READ_BYTES),
	    "diskstats: sector bytes overflow unknown");
	ok(!HAVE(s->disk[5].have, DISK_BUSY_NS),
	    "diskstats: busy ns overflow unknown");
	is_u64(s->disk[5].v[DISK_WRITES], 20, "diskstats: sdd writes");
	snapshot_free(s);
}

static void
test_net_dev(void)
{
	struct snapshot *s = snapshot_new();
	const char *nd =
	    "Inter-|   Receive                                                |  Transmit\n"
	    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
	    "    lo:    3267      29    0    0    0     0          0         0     3267      29    0    0    0     0       0          0\n"
	    "  eth0:18446744073709551615 556 1 2 0 0 0 7 31023 362 3 4 0 0 0 0\n"
	    " weird:name: 4294967295 10 0 0 0 0 0 0 4294967290 20 0 0 0 0 0 0\n"
	    "averyveryverylonginterfacename0123456789: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n"
	    "  short: 1 2 3 4 5\n"
	    "  bad0: 99999999999999999999 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n"
	    "  ../x: 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n"
	    "  junk: 1 1 1 1 1 1 1 1 1x 1 1 1 1 1 1 1\n"
	    "  : 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n"
	    "  trunc: 1 2 3";

	is_int(parse_net_dev(nd, strlen(nd), s), 4, "net/dev: good lines");
	is_str(s->net[0].name, "lo", "net/dev: lo");
	is_int(s->net[0].up, -1, "net/dev: up unknown from the parser");
	is_int(s->net[0].have, (1 << NET_NFIELDS) - 1, "net/dev: all");
	is_u64(s->net[1].v[NET_RX_BYTES], UINT64_MAX, "net/dev: 64-bit max");
	is_u64(s->net[1].v[NET_RX_ERRORS], 1, "net/dev: rx errs");
	is_u64(s->net[1].v[NET_RX_DROPS], 2, "net/dev: rx drop");
	is_u64(s->net[1].v[NET_TX_BYTES], 31023, "net/dev: tx bytes");
	is_u64(s->net[1].v[NET_TX_PACKETS], 362, "net/dev: tx packets");
	is_u64(s->net[1].v[NET_TX_ERRORS], 3, "net/dev: tx errs");
	is_u64(s->net[1].v[NET_TX_DROPS], 4, "net/dev: tx drop");
	is_str(s->net[2].name, "weird:name", "net/dev: name with ':'");
	is_u64(s->net[2].v[NET_TX_BYTES], 4294967290u, "net/dev: 32-bit");
	is_str(s->net[3].name, "averyveryverylonginterfacename0123456789",
	    "net/dev: long name");

	is_int(net_up_state(S("up\n"), NULL, 0), 1, "operstate up");
	is_int(net_up_state(S("down\n"), S("0x1003\n")), 0, "operstate down");
	is_int(net_up_state(S("dormant\n"), NULL, 0), 0, "operstate dormant");
	is_int(net_up_state(S("unknown\n"), S("0x9\n")), 1,
	    "operstate unknown, IFF_UP");
	is_int(net_up_state(S("unknown\n"), S("0x1002\n")), 0,
	    "operstate unknown, not IFF_UP");
	is_int(net_up_state(S("unknown\n"), NULL, 0), -1, "unknown, no flags");
	is_int(net_up_state(NULL, 0, S("0xzz\n")), -1, "garbage flags");
	is_int(net_up_state(NULL, 0, S("0x\n")), -1, "empty flags");
	ok(!sys_name_safe(S("..")), "name .. unsafe");
	ok(!sys_name_safe(S("a/b")), "name a/b unsafe");
	ok(!sys_name_safe(S("a\033b")), "name with ESC unsafe");
	ok(!sys_name_safe(S("a b")), "name with a blank unsafe");
	ok(!sys_name_safe(S("")), "empty name unsafe");
	ok(sys_name_safe(S("eth0.100")), "name eth0.100 safe");
	ok(sys_name_safe(S("cciss!c0d0")), "name cciss!c0d0 safe");
	snapshot_free(s);
}

static void
test_psi(void)
{
	struct snap_psi p;

	is_int(parse_psi(S("some avg10=1.27 avg60=1.08 avg300=0.41 total=3973235\n"
	    "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"), &p), 2,
	    "psi: two lines");
	ok(p.some.have, "psi: some known");
	is_dbl(p.some.avg10, 1.27, 1e-12, "psi: avg10");
	is_dbl(p.some.avg60, 1.08, 1e-12, "psi: avg60");
	is_dbl(p.some.avg300, 0.41, 1e-12, "psi: avg300");
	is_u64(p.some.total_ns, UINT64_C(3973235000), "psi: total us -> ns");
	ok(p.full.have, "psi: full known");
	is_u64(p.full.total_ns, 0, "psi: full total 0");

	is_int(parse_psi(S("some avg10=1.00 avg60=2.00 avg300=3.00 total=5\n"),
	    &p), 1, "psi: cpu without full");
	ok(!p.full.have, "psi: full unknown");
	is_int(parse_psi(S("some avg10=x.y avg60=2.00 avg300=3.00 total=1\n"
	    "full avg10=1 avg60=2 avg300=3 total=18446744073709551615\n"
	    "some avg10=1 avg60=2 avg300=3 total=1\n"
	    "full avg10=1.00"), &p), 1, "psi: hostile");
	ok(p.some.have, "psi: a later good some line is taken");
	ok(!p.full.have, "psi: total overflow and truncation unknown");
	is_int(parse_psi(S("some avg60=1 avg10=2 avg300=3 total=1\n"), &p), 0,
	    "psi: keys out of order refused");
}

static void
test_boot_id(void)
{
	char b[40];

	ok(parse_boot_id(S("4b1e9c2a-1f6d-4d8e-9b3a-2c7f5e6d8a10\n"), b,
	    sizeof(b)), "boot_id: valid");
	is_str(b, "4b1e9c2a-1f6d-4d8e-9b3a-2c7f5e6d8a10", "boot_id: copied");
	ok(!parse_boot_id(S("4b1e9c2a-1f6d-4d8e-9b3a-2c7f5e6d8a1\n"), b,
	    sizeof(b)), "boot_id: short refused");
	is_str(b, "", "boot_id: left empty");
	ok(!parse_boot_id(S("4b1e9c2a-1f6d-4d8e-9b3a-2c7f5e6d8\033[2J"), b,
	    sizeof(b)), "boot_id: escape refused");
	ok(!parse_boot_id(S("4b1e9c2a-1f6d-4d8e-9b3a-2c7f5e6d8a10"), b, 20),
	    "boot_id: small buffer refused");
}

static void
test_cgroup_parsers(void)
{
	struct cg_paths pp;
	uint64_t v = 7, q, per;
	bool unl;
	char out[256];
	size_t used = 0;
	const char *cg =
	    "12:pids:/user.slice/user-1000.slice\n"
	    "9:memory:/process_api/abc123\n"
	    "4:cpu,cpuacct:/a:b\n"
	    "1:name=systemd:/x\n"
	    "0::/user.slice/session-1.scope\n"
	    "garbage\n"
	    "3:blkio:/t";

	is_int(parse_proc_cgroup(cg, strlen(cg), &pp), 5, "cgroup: paths");
	is_int(pp.v2.len, strlen("/user.slice/session-1.scope"), "cgroup: v2");
	ok(memcmp(pp.v2.p, "/user.slice/session-1.scope", pp.v2.len) == 0,
	    "cgroup: v2 path");
	ok(pp.v1[CG_MEMORY].len == 19 &&
	    memcmp(pp.v1[CG_MEMORY].p, "/process_api/abc123", 19) == 0,
	    "cgroup: memory path");
	ok(pp.v1[CG_CPU].len == 4 && memcmp(pp.v1[CG_CPU].p, "/a:b", 4) == 0,
	    "cgroup: cpu path with ':'");
	ok(pp.v1[CG_CPUACCT].p == pp.v1[CG_CPU].p, "cgroup: cpuacct shares");
	ok(pp.v1[CG_BLKIO].p == NULL, "cgroup: truncated line ignored");

	ok(cg_path_ok(S("/")), "path: /");
	ok(cg_path_ok(S("/system.slice/x.service")), "path: normal");
	ok(cg_path_ok(S("/a..b/.c")), "path: dots inside names");
	ok(!cg_path_ok(S("/a/../../etc")), "path: .. refused");
	ok(!cg_path_ok(S("/a/./b")), "path: . refused");
	ok(!cg_path_ok(S("a/b")), "path: relative refused");
	ok(!cg_path_ok(S("/a\0b")), "path: NUL refused");

	is_int(parse_cg_controllers(S("cpuset cpu io memory pids\n")),
	    (1 << CG_CPU) | (1 << CG_CPUACCT) | (1 << CG_BLKIO) |
	    (1 << CG_MEMORY) | (1 << CG_PIDS), "controllers: all");
	is_int(parse_cg_controllers(S("cpuset\n")), 0, "controllers: none");
	is_int(parse_cg_controllers(S("")), 0, "controllers: empty");

	is_int(parse_cg_value(S("536870912\n"), &v), 1, "value: number");
	is_u64(v, 536870912, "value: exact");
	is_int(parse_cg_value(S("max\n"), &v), 0, "value: max");
	is_int(parse_cg_value(S("12abc\n"), &v), -1, "value: junk");
	is_int(parse_cg_value(S("-1\n"), &v), -1, "value: negative");
	is_int(parse_cg_value(S(""), &v), -1, "value: empty");
	is_int(parse_cg_value(S("99999999999999999999"), &v), -1,
	    "value: overflow");

	is_int(parse_cpu_max(S("50000 100000\n"), &q, &unl, &per), 3,
	    "cpu.max: both");
	is_u64(q, 50000, "cpu.max: quota");
	ok(!unl, "cpu.max: limited");
	is_u64(per, 100000, "cpu.max: period");
	is_int(parse_cpu_max(S("max 100000\n"), &q, &unl, &per), 3,
	    "cpu.max: max");
	ok(unl, "cpu.max: unlimited");
	is_int(parse_cpu_max(S("max\n"), &q, &unl, &per), 1,
	    "cpu.max: no period");
	is_int(parse_cpu_max(S("x y\n"), &q, &unl, &per), 0, "cpu.max: junk");

	is_int(parse_cfs_quota(S("-1\n"), &v), 0, "cfs_quota: -1 unlimited");
	is_int(parse_cfs_quota(S("25000\n"), &v), 1, "cfs_quota: set");
	is_u64(v, 25000, "cfs_quota: value");
	is_int(parse_cfs_quota(S("-2\n"), &v), -1, "cfs_quota: -2 bad");
	is_int(parse_v1_limit(S("9223372036854771712\n"), &v), 0,
	    "v1 limit: 4K-page unlimited");
	is_int(parse_v1_limit(S("9223372036854710272\n"), &v), 0,
	    "v1 limit: 64K-page unlimited");
	is_int(parse_v1_limit(S("2147483648\n"), &v), 1, "v1 limit: set");
	is_u64(v, 2147483648u, "v1 limit: value");
	is_int(parse_v1_limit(S("max\n"), &v), -1, "v1 limit: no max in v1");

	ok(parse_keyed(S("user_usec 5\nusage_usec 123456\n"), "usage_usec",
	    &v), "keyed: found");
	is_u64(v, 123456, "keyed: value");
	ok(!parse_keyed(S("usage_usec_x 1\nusage_usecs 2\n"), "usage_usec",
	    &v), "keyed: prefix is not the key");
	ok(!parse_keyed(S("usage_usec 12x\n"), "usage_usec", &v),
	    "keyed: junk refused");

	io_max_filter(S("8:0 rbps=1048576 wbps=max riops=max wiops=max\n"
	    "8:16 rbps=max wbps=max riops=max wiops=max\n"
	    "259:0 rbps=max wbps=max riops=max wiops=500\n"), out, sizeof(out),
	    &used);
	is_str(out, "8:0 rbps=1048576 wbps=max riops=max wiops=max\n"
	    "259:0 rbps=max wbps=max riops=max wiops=500\n",
	    "io.max: lines with a limit");
	used = 0;
	out[0] = '\0';
	blkio_append(S("8:0 2097152\n8:16 0\nbad\n"), "rbps", out, sizeof(out),
	    &used);
	blkio_append(S("8:0 300\n"), "wiops", out, sizeof(out), &used);
	is_str(out, "8:0 rbps=2097152\n8:0 wiops=300\n",
	    "blkio: v1 lines in io.max syntax");
	used = 0;
	io_max_filter(S("8:0 rbps=1\n"), out, 5, &used);
	is_int(used, 0, "io.max: never split a line");
	/* found by fuzz_cgroup: a NUL inside a line made the copy shorter
	 * than its recorded length */
	used = 0;
	io_max_filter(S("8:0 rb\0ps=1\n8:16 rbps=2\n"), out, sizeof(out),
	    &used);
	is_str(out, "8:16 rbps=2\n", "io.max: line with a NUL dropped");
	is_int(used, strlen(out), "io.max: length matches the string");
}

int
main(void)
{
	test_stat();
	test_meminfo();
	test_loadavg();
	test_mountinfo();
	test_diskstats();
	test_net_dev();
	test_psi();
	test_boot_id();
	test_cgroup_parsers();
	return tap_done();
}
