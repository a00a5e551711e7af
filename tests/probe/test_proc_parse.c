/*
 * test_proc_parse.c: the /proc/PID parsers on hand-made strings, with
 * exact values. Links libprobe + libcore only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "probe/linux/proc_parse.h"
#include "tests/tap.h"

#define S(lit) lit, sizeof(lit) - 1

static const char tail[] =
    " 0 -1 4194560 11 0 2 0 250 130 0 0 20 -5 3 0 12345 10485760 256 "
    "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";

static int
stat_of(const char *head, struct proc_stat *ps, char *buf, size_t size)
{
	size_t n = (size_t)snprintf(buf, size, "%s%s", head, tail);

	return proc_parse_stat(buf, n, ps);
}

static void
test_stat(void)
{
	struct proc_stat ps;
	char buf[1024];
	size_t n;

	is_int(stat_of("42 (bash) S 7 42 42", &ps, buf, sizeof buf), 0,
	    "stat: plain line parses");
	is_int(ps.pid, 42, "stat: pid");
	ok(ps.comm_len == 4 && memcmp(ps.comm, "bash", 4) == 0, "stat: comm");
	is_int(ps.state, 'S', "stat: state");
	is_int(ps.ppid, 7, "stat: ppid");
	is_u64(ps.flags, 4194560, "stat: flags");
	is_u64(ps.minflt, 11, "stat: minflt");
	is_u64(ps.majflt, 2, "stat: majflt");
	is_u64(ps.utime, 250, "stat: utime");
	is_u64(ps.stime, 130, "stat: stime");
	is_int(ps.nice, -5, "stat: negative nice");
	is_int(ps.threads, 3, "stat: threads");
	is_u64(ps.starttime, 12345, "stat: starttime");
	is_u64(ps.vsize, 10485760, "stat: vsize");
	is_u64(ps.rss, 256, "stat: rss pages");
	is_int(ps.have, 0x1ff, "stat: every optional field present");

	is_int(stat_of("9 (a) b) R 1 2 3 4) S 1 9 9", &ps, buf, sizeof buf), 0,
	    "stat: comm with ') R 1 2' spoof parses");
	ok(ps.comm_len == 15 && memcmp(ps.comm, "a) b) R 1 2 3 4", 15) == 0,
	    "stat: comm runs to the last ')'");
	is_int(ps.state, 'S', "stat: spoof does not move the state");
	is_int(ps.ppid, 1, "stat: spoof does not move the ppid");

	is_int(stat_of("9 (x\ny\x1b\a\xff) D 3 9 9", &ps, buf, sizeof buf), 0,
	    "stat: comm with newline, ESC, BEL, 0xff");
	ok(ps.comm_len == 6 && memcmp(ps.comm, "x\ny\x1b\a\xff", 6) == 0,
	    "stat: raw comm bytes preserved");
	is_int(ps.state, 'D', "stat: state after hostile comm");

	is_int(stat_of("9 () Z 3 9 9", &ps, buf, sizeof buf), 0,
	    "stat: empty comm");
	is_int(ps.comm_len, 0, "stat: empty comm has length 0");

	is_int(proc_parse_stat(S("9 (x)"), &ps), -1, "stat: cut after comm");
	is_int(proc_parse_stat(S("9 (x) S 1 9 9 0 -1 4194560 11"), &ps), -1,
	    "stat: cut after field 10");
	is_int(proc_parse_stat("", 0, &ps), -1, "stat: empty");
	is_int(proc_parse_stat(S("9 x) S 1"), &ps), -1, "stat: no '('");
	is_int(proc_parse_stat(S("9 (x S 1"), &ps), -1, "stat: no ')'");
	is_int(stat_of("9 (x) SS 1 9 9", &ps, buf, sizeof buf), -1,
	    "stat: two-letter state rejected");
	is_int(stat_of("9 (x)   1 9 9", &ps, buf, sizeof buf), -1,
	    "stat: blank state rejected");
	is_int(stat_of("9 (x) S -1 9 9", &ps, buf, sizeof buf), -1,
	    "stat: negative ppid rejected");

	n = (size_t)snprintf(buf, sizeof buf, "%s",
	    "9 (x) S 1 9 9 0 -1 4194560 99999999999999999999 0 1 0 "
	    "99999999999999999999 130 0 0 20 abc 1 0 12345 10485760 -5\n");
	is_int(proc_parse_stat(buf, n, &ps), 0,
	    "stat: overflowing optional fields keep the process");
	ok(!(ps.have & (1u << PSTAT_MINFLT)), "stat: overflowing minflt unknown");
	ok(!(ps.have & (1u << PSTAT_UTIME)), "stat: overflowing utime unknown");
	ok(ps.have & (1u << PSTAT_STIME), "stat: stime next to it known");
	is_u64(ps.stime, 130, "stat: stime value");
	ok(!(ps.have & (1u << PSTAT_NICE)), "stat: non-digit nice unknown");
	ok(!(ps.have & (1u << PSTAT_RSS)), "stat: negative rss unknown");
	is_u64(ps.starttime, 12345, "stat: starttime after junk fields");
	n = (size_t)snprintf(buf, sizeof buf, "%s",
	    "9 (x) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
	    "99999999999999999999 0 0\n");
	is_int(proc_parse_stat(buf, n, &ps), -1,
	    "stat: overflowing starttime drops the process");
	is_int(proc_parse_stat(S("9 (x) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
	    "77"), &ps), 0, "stat: ends at starttime without newline");
	is_u64(ps.starttime, 77, "stat: last field without newline");
	ok(!(ps.have & (1u << PSTAT_VSIZE)), "stat: absent vsize unknown");

	/* Not NUL-terminated: the parser must stop at len. */
	{
		static const char t[] =
		    "9 (a) S 1 9 9 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5";
		char *raw = malloc(sizeof t - 3);

		memcpy(raw, t, sizeof t - 3); /* no " 5", no NUL */
		is_int(proc_parse_stat(raw, sizeof t - 3, &ps), -1,
		    "stat: buffer cut by len (starttime missing)");
		free(raw);
	}
}

static void
test_status(void)
{
	static const char full[] =
	    "Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\n"
	    "Uid:\t1000\t1001\t1002\t1003\nGid:\t100\t100\t100\t100\n"
	    "VmPeak:\t   12000 kB\nVmSize:\t   10240 kB\nVmRSS:\t    1024 kB\n"
	    "RssAnon:\t     600 kB\nRssFile:\t     400 kB\nRssShmem:\t      24 kB\n"
	    "VmData:\t    2048 kB\nVmStk:\t     132 kB\nVmSwap:\t      16 kB\n"
	    "Threads:\t7\nSigQ:\t0/31541\n";
	struct proc_status st;

	proc_parse_status(S(full), &st);
	is_u64(st.uid, 1000, "status: real uid is the first Uid number");
	is_int(st.threads, 7, "status: Threads");
	is_u64(st.vm_size, 10240 * 1024ULL, "status: VmSize bytes");
	is_u64(st.vm_rss, 1024 * 1024ULL, "status: VmRSS bytes");
	is_u64(st.rss_file, 400 * 1024ULL, "status: RssFile bytes");
	is_u64(st.rss_shmem, 24 * 1024ULL, "status: RssShmem bytes");
	is_u64(st.vm_data, 2048 * 1024ULL, "status: VmData bytes");
	is_u64(st.vm_stk, 132 * 1024ULL, "status: VmStk bytes");
	is_u64(st.vm_swap, 16 * 1024ULL, "status: VmSwap bytes");
	is_int(st.have, 0x1ff, "status: every field present");

	proc_parse_status(S("Name:\tkthreadd\nUid:\t0\t0\t0\t0\nThreads:\t1\n"),
	    &st);
	is_int(st.have, (1 << PSTATUS_UID) | (1 << PSTATUS_THREADS),
	    "status: kernel thread has no Vm lines");
	proc_parse_status(S("VmSize:\t99999999999999999999 kB\n"
	    "VmData:\t18014398509481984 kB\nVmStk:\t12\nUid:\t-1\n"), &st);
	is_int(st.have, 0, "status: overflow, kB overflow, no unit, bad uid");
	proc_parse_status(S("VmSwap:\t5 kB"), &st);
	is_u64(st.vm_swap, 5120, "status: last line without newline");
	proc_parse_status(S("Uid:\t5\t5\t5\t5\nUid:\t99999999999\n"), &st);
	ok(st.have == 1u << PSTATUS_UID && st.uid == 5,
	    "status: a later bad Uid line keeps the good one (fuzz find)");
	proc_parse_status(S("VmSwapX:\t5 kB\nXVmSwap:\t6 kB\n"), &st);
	is_int(st.have, 0, "status: keys must match whole");
}

static void
test_statm_io(void)
{
	uint64_t m[PROC_STATM_N];
	struct proc_io io;

	is_int(proc_parse_statm(S("2560 256 106 10 0 545 0\n"), m), 7,
	    "statm: seven fields");
	is_u64(m[2], 106, "statm: shared pages");
	is_int(proc_parse_statm(S("1 2 x 4\n"), m), 2, "statm: stops at junk");

	proc_parse_io(S("rchar: 5000\nwchar: 6000\nread_bytes: 4096\n"
	    "write_bytes: 8192\ncancelled_write_bytes: 12\n"), &io);
	is_int(io.have, 3, "io: both counters");
	is_u64(io.read_bytes, 4096, "io: read_bytes");
	is_u64(io.write_bytes, 8192, "io: write_bytes, not cancelled_");
	proc_parse_io(S("read_bytes: 99999999999999999999\nwrite_bytes: 1x\n"),
	    &io);
	is_int(io.have, 0, "io: overflow and junk unknown");
}

static void
test_cmdline(void)
{
	char a[] = "a\0\0b\0c";
	char b[] = "/sbin/init\0splash\0";
	char pad[] = "nginx: worker\0\0\0\0\0";
	char empty[] = "";

	is_int(proc_cmdline_join(a, sizeof a - 1), 6,
	    "cmdline: no trailing NUL keeps the last byte");
	is_str(a, "a  b c", "cmdline: embedded NULs become spaces");
	is_int(proc_cmdline_join(b, sizeof b - 1), 17, "cmdline: length");
	is_str(b, "/sbin/init splash", "cmdline: trailing NUL dropped");
	is_int(proc_cmdline_join(pad, sizeof pad - 1), 13,
	    "cmdline: setproctitle padding dropped");
	is_int(proc_cmdline_join(empty, 0), 0, "cmdline: empty");
}

static void
test_cgroup(void)
{
	const char *p;
	size_t n;

	ok(proc_parse_cgroup(S("0::/user.slice/app.scope\n"), &p, &n) &&
	    n == 21 && memcmp(p, "/user.slice/app.scope", 21) == 0,
	    "cgroup: v2 path");
	ok(proc_parse_cgroup(S("12:pids:/a\n4:cpu,memory:/m/x\n0::/v2\n"),
	    &p, &n) && n == 4 && memcmp(p, "/m/x", 4) == 0,
	    "cgroup: hybrid prefers the memory controller");
	ok(proc_parse_cgroup(S("12:pids:/a\n0::/v2"), &p, &n) && n == 3 &&
	    memcmp(p, "/v2", 3) == 0, "cgroup: else the v2 line");
	ok(proc_parse_cgroup(S("12:pids:/a\n3:memoryx:/b\n"), &p, &n) &&
	    n == 2 && memcmp(p, "/a", 2) == 0,
	    "cgroup: 'memoryx' is not memory; first line wins");
	ok(!proc_parse_cgroup(S("garbage\n0::\n"), &p, &n),
	    "cgroup: no path at all");
}

static void
test_limits(void)
{
	static const char lim[] =
	    "Limit                     Soft Limit           Hard Limit           Units     \n"
	    "Max cpu time              unlimited            unlimited            seconds   \n"
	    "Max stack size            8388608              unlimited            bytes     \n"
	    "Max open files            1024                 524288               files     \n"
	    "Max nice priority         0                    0                    \n"
	    "Max realtime priority     0                    0                    \n"
	    "Max realtime timeout      unlimited            unlimited            us        \n"
	    "Max bogus thing           1                    2                    \n"
	    "Max processes             12x                  5                    \n";
	struct snap_rlimit r;

	is_int(proc_parse_limits(S(lim), &r), 6, "limits: six recognised");
	ok(r.have == ((1u << RLIM_CPU) | (1u << RLIM_STACK) |
	    (1u << RLIM_NOFILE) | (1u << RLIM_NICE) | (1u << RLIM_RTPRIO) |
	    (1u << RLIM_RTTIME)), "limits: have mask");
	ok(r.soft_unlimited & (1u << RLIM_CPU), "limits: cpu soft unlimited");
	is_u64(r.soft[RLIM_STACK], 8388608, "limits: stack soft");
	ok(!(r.soft_unlimited & (1u << RLIM_STACK)) &&
	    (r.hard_unlimited & (1u << RLIM_STACK)),
	    "limits: stack hard unlimited only");
	is_u64(r.soft[RLIM_NOFILE], 1024, "limits: nofile soft");
	is_u64(r.hard[RLIM_NOFILE], 524288, "limits: nofile hard");
	ok(r.hard_unlimited & (1u << RLIM_RTTIME), "limits: realtime timeout");
	ok(!(r.have & (1u << RLIM_NPROC)), "limits: junk value unknown");
	is_int(proc_parse_limits(S(
	    "Max cpu time              unlimited            unlimited            seconds\n"
	    "Max cpu time              5                    unlimited            seconds\n"),
	    &r), 1, "limits: a repeated line counts once (fuzz find)");
	ok(r.soft[RLIM_CPU] == 5 && !(r.soft_unlimited & (1u << RLIM_CPU)) &&
	    (r.hard_unlimited & (1u << RLIM_CPU)), "limits: the later line wins");
}

static void
test_ticks(void)
{
	uint64_t ns;

	ok(proc_ticks_to_ns(250, 100, &ns) && ns == 2500000000ULL,
	    "ticks: 250 at 100 Hz");
	ok(proc_ticks_to_ns(7, 3, &ns) && ns == 2333333333ULL,
	    "ticks: 7 at 3 Hz rounds down");
	ok(!proc_ticks_to_ns(UINT64_MAX, 100, &ns), "ticks: overflow refused");
	ok(!proc_ticks_to_ns(1, 0, &ns), "ticks: hz 0 refused");
}

int
main(void)
{
	test_stat();
	test_status();
	test_statm_io();
	test_cmdline();
	test_cgroup();
	test_limits();
	test_ticks();
	return tap_done();
}
