/*
 * test_proc_fixture.c: the Linux process reader on fixture proc roots —
 * the committed hostile tree, trees changed between two samples (pid reuse,
 * counters going backwards, exec, vanishing, the cache's re-read triggers)
 * a generated 5,000-process tree, and the walk in slices on a generated
 * 3,000-process tree (exactly the one-shot result). Links libprobe and
 * libcore only.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <malloc.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/snapshot.h"
#include "probe/linux/proc_int.h"
#include "probe/probe.h"
#include "tests/tap.h"

#define BIT(f) (UINT64_C(1) << (f))

static long hz, pagesz;

static struct probe_collector *
open_root_opt(const char *root, bool cgroups)
{
	struct probe_options o = { .proc_root = root, .sys_root = root,
		.areas = 1u << AREA_PROCESSES, .proc_cgroups = cgroups };
	char err[256] = "";
	struct probe_collector *c = probe_collector_new(&o, err, sizeof err);

	if (c == NULL)
		printf("# collector on %s: %s\n", root, err);
	return c;
}

static struct probe_collector *
open_root(const char *root)
{
	return open_root_opt(root, true);
}

static const struct snap_proc *
find(const struct snapshot *s, pid_t pid)
{
	return snapshot_find_proc(s, pid);
}

static uint64_t
ticks_ns(uint64_t t)
{
	return t / (uint64_t)hz * 1000000000u +
	    t % (uint64_t)hz * 1000000000u / (uint64_t)hz;
}

static const char *
name_of(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);

	return pw != NULL ? pw->pw_name : NULL;
}

static void
test_hostile(void)
{
	static const pid_t want[] = { 1, 2, 100, 101, 102, 103, 104, 105, 110,
		111, 112, 113, 114, 116, 117, 118, 119 };
	char root[4096];
	const char *top = getenv("top_srcdir");
	struct probe_collector *c;
	struct snapshot *s = snapshot_new();
	const struct snap_proc *p;
	struct snap_rlimit rl;
	size_t i;
	bool same;

	snprintf(root, sizeof root, "%s/tests/probe/fixtures/procs-hostile",
	    top != NULL ? top : ".");
	c = open_root(root);
	if (!ok(c != NULL, "hostile: collector opens the fixture root"))
		return;
	is_int(probe_processes(c, s), 0, "hostile: probe_processes succeeds");
	same = s->nproc == sizeof want / sizeof want[0];
	for (i = 0; same && i < s->nproc; i++)
		same = s->proc[i].pid == want[i];
	ok(same, "hostile: exactly the readable pids, sorted; broken ones dropped");
	if (!same)
		for (i = 0; i < s->nproc; i++)
			printf("#   pid %d\n", (int)s->proc[i].pid);

	p = find(s, 1);
	if (ok(p != NULL, "pid 1 present")) {
		is_str(p->comm, "systemd", "pid 1 comm");
		is_int(p->state, 'S', "pid 1 state");
		is_int(p->ppid, 0, "pid 1 ppid");
		is_int(p->uid, 0, "pid 1 uid");
		is_str(p->user, name_of(0), "pid 1 user name");
		is_str(p->cmdline, "/sbin/init splash", "pid 1 cmdline");
		is_int(p->threads, 1, "pid 1 threads");
		is_int(p->nice, 0, "pid 1 nice");
		ok(!p->kernel_thread, "pid 1 not a kernel thread");
		is_u64(p->start_time_ns, ticks_ns(1), "pid 1 start time");
		is_u64(p->user_time_ns, ticks_ns(250), "pid 1 user time");
		is_u64(p->system_time_ns, ticks_ns(130), "pid 1 system time");
		is_u64(p->total_time_ns, ticks_ns(380), "pid 1 total time");
		is_u64(p->rss_bytes, 256 * (uint64_t)pagesz, "pid 1 rss");
		is_u64(p->vms_bytes, 10485760, "pid 1 vms");
		is_u64(p->shared_bytes, 424 * 1024, "pid 1 shared = RssFile+RssShmem");
		is_u64(p->data_bytes, 2048 * 1024, "pid 1 data = VmData");
		is_u64(p->stack_bytes, 132 * 1024, "pid 1 stack = VmStk");
		is_u64(p->swap_bytes, 16 * 1024, "pid 1 swap = VmSwap");
		is_u64(p->read_bytes, 4096, "pid 1 read_bytes");
		is_u64(p->write_bytes, 8192, "pid 1 write_bytes");
		is_str(p->cgroup, "/init.scope", "pid 1 cgroup");
		is_u64(p->have, (BIT(PROC_NFIELDS) - 1) &
		    ~(BIT(PROC_USAGE_PERCENT) | BIT(PROC_READ_RATE) |
		    BIT(PROC_WRITE_RATE)), "pid 1 every raw field known");
	}
	p = find(s, 2);
	if (ok(p != NULL, "kthreadd present")) {
		ok(p->kernel_thread, "kthreadd: PF_KTHREAD makes a kernel thread");
		ok(p->cmdline == NULL && HAVE(p->have, PROC_CMDLINE),
		    "kthreadd: empty cmdline read, NULL");
		ok(HAVE(p->have, PROC_DATA) && p->data_bytes == 0 &&
		    p->swap_bytes == 0 && p->rss_bytes == 0,
		    "kthreadd: no address space, memory 0 and known");
	}
	p = find(s, 100);
	ok(p != NULL && strcmp(p->comm, "a) b") == 0 && p->ppid == 1 &&
	    p->state == 'S', "comm 'a) b': comm, ppid, state");
	p = find(s, 101);
	ok(p != NULL && strcmp(p->comm, "x\ny\x1b[2J\a") == 0,
	    "comm with newline, ESC, BEL: raw bytes kept");
	p = find(s, 102);
	ok(p != NULL && strcmp(p->comm, "evil) R 1 2 3 4") == 0 &&
	    p->state == 'S' && p->ppid == 1, "') R 1 2' spoof: real fields");
	p = find(s, 103);
	ok(p != NULL && strcmp(p->comm, "\xff\xfe\xc3(") == 0,
	    "invalid UTF-8 comm kept as bytes");
	p = find(s, 104);
	ok(p != NULL && strcmp(p->comm, "") == 0 && HAVE(p->have, PROC_COMM),
	    "empty comm");
	p = find(s, 105);
	ok(p != NULL && strcmp(p->comm, "abcdefghijklmno") == 0,
	    "15-byte comm");
	p = find(s, 110);
	ok(p != NULL && p->user_time_ns == ticks_ns(250) &&
	    p->rss_bytes == 256 * (uint64_t)pagesz,
	    "extra trailing stat fields ignored");
	p = find(s, 111);
	if (ok(p != NULL, "overflowing fields keep the process")) {
		ok(!HAVE(p->have, PROC_USER_TIME) &&
		    !HAVE(p->have, PROC_TOTAL_TIME),
		    "overflowing utime: user and total time unknown");
		is_u64(p->system_time_ns, ticks_ns(130), "overflow: stime kept");
		ok(!HAVE(p->have, PROC_NICE), "non-digit nice unknown");
		ok(!HAVE(p->have, PROC_RSS), "negative rss unknown");
		is_u64(p->vms_bytes, 10485760, "overflow: vsize kept");
	}
	p = find(s, 112);
	ok(p != NULL && !HAVE(p->have, PROC_READ_BYTES) &&
	    !HAVE(p->have, PROC_WRITE_BYTES) && HAVE(p->have, PROC_UID) &&
	    HAVE(p->have, PROC_CMDLINE),
	    "unreadable io: io unknown (not 0), the rest known");
	p = find(s, 113);
	ok(p != NULL && p->state == 'Z' && p->cmdline == NULL &&
	    HAVE(p->have, PROC_DATA) && p->data_bytes == 0,
	    "zombie: empty cmdline, memory 0");
	p = find(s, 114);
	ok(p != NULL && p->cmdline != NULL && strcmp(p->cmdline, "a  b c") == 0,
	    "cmdline with embedded NULs and no trailing NUL");
	p = find(s, 116);
	ok(p != NULL && !HAVE(p->have, PROC_UID) && !HAVE(p->have, PROC_USER) &&
	    !HAVE(p->have, PROC_SWAP) && !HAVE(p->have, PROC_READ_BYTES) &&
	    !HAVE(p->have, PROC_CMDLINE) && p->user == NULL &&
	    HAVE(p->have, PROC_RSS),
	    "only stat readable: stat fields known, the rest unknown");
	p = find(s, 117);
	ok(p != NULL && HAVE(p->have, PROC_SHARED) &&
	    p->shared_bytes == 106 * (uint64_t)pagesz,
	    "status without RssFile: shared from statm");
	p = find(s, 118);
	ok(p != NULL && p->uid == 4242 && HAVE(p->have, PROC_UID),
	    "uid 4242 read");
	is_str(p != NULL ? p->user : NULL, name_of(4242),
	    "uid without a name: user NULL");
	p = find(s, 119);
	is_str(p != NULL ? p->cgroup : NULL, "/user.slice/u.scope",
	    "v1/hybrid cgroup: memory controller path");

	is_int(probe_process_limits(c, 1, &rl), 0, "limits of pid 1");
	is_u64(rl.soft[RLIM_NOFILE], 1024, "limits: nofile soft");
	is_u64(rl.hard[RLIM_NOFILE], 524288, "limits: nofile hard");
	ok((rl.soft_unlimited & (1u << RLIM_CPU)) &&
	    rl.have == (1u << RLIM_NFIELDS) - 1, "limits: all 16, cpu unlimited");
	is_int(probe_process_limits(c, 106, &rl), -ENOENT,
	    "limits of a pid without files: -ENOENT");
	is_int(probe_process_limits(c, 999, &rl), -ENOENT,
	    "limits of an absent pid: -ENOENT");

	/* A second tick from the cache gives the same answer. */
	{
		struct snapshot *s2 = snapshot_new();

		probe_processes(c, s2);
		same = s2->nproc == s->nproc;
		for (i = 0; same && i < s->nproc; i++)
			same = s2->proc[i].pid == s->proc[i].pid &&
			    s2->proc[i].have == s->proc[i].have &&
			    s2->proc[i].read_bytes == s->proc[i].read_bytes &&
			    strcmp(s2->proc[i].comm, s->proc[i].comm) == 0 &&
			    (s2->proc[i].cmdline == NULL) ==
			    (s->proc[i].cmdline == NULL);
		ok(same, "hostile: second (cached) tick identical");

		/* Steady state: the heap does not grow tick after tick (every
		 * forced re-read period passes several times). */
		{
			size_t before, after;

			for (i = 0; i < 3; i++) {
				snapshot_clear(s2);
				probe_processes(c, s2);
			}
			before = mallinfo2().uordblks;
			for (i = 0; i < 100; i++) {
				snapshot_clear(s2);
				probe_processes(c, s2);
			}
			after = mallinfo2().uordblks;
			is_u64(after, before, "100 more ticks: heap in use unchanged");
		}
		snapshot_free(s2);
	}
	probe_collector_free(c);

	/* Without proc_cgroups the cgroup file is not read at all. */
	c = open_root_opt(root, false);
	snapshot_clear(s);
	if (c != NULL && probe_processes(c, s) == 0 &&
	    (p = find(s, 1)) != NULL)
		ok(p->cgroup == NULL && !HAVE(p->have, PROC_CGROUP) &&
		    HAVE(p->have, PROC_CMDLINE),
		    "proc_cgroups off: cgroup unknown, the rest read");
	else
		ok(0, "proc_cgroups off: sample");
	probe_collector_free(c);
	snapshot_free(s);
}

/* ---- trees written by the test ---------------------------------------- */

static char tmp[4096];

static void
wfile(pid_t pid, const char *name, const void *data, size_t len)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof path, "%s/%d/%s", tmp, (int)pid, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT) {
		/* First file of this pid: make its directory. */
		snprintf(path, sizeof path, "%s/%d", tmp, (int)pid);
		mkdir(path, 0755);
		snprintf(path, sizeof path, "%s/%d/%s", tmp, (int)pid, name);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	}
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		printf("# cannot write %s\n", path);
	if (fd >= 0)
		close(fd);
}

static void
wstr(pid_t pid, const char *name, const char *s)
{
	wfile(pid, name, s, strlen(s));
}

struct fx {
	const char *comm;
	char state;
	uint64_t utime, stime, start, minflt, vsize, rss;
	uint64_t uid, rd, wr, swap_kb;
	const char *cmdline; /* argv joined by '\1', written with NULs */
};

static void
wproc(pid_t pid, const struct fx *f)
{
	char b[2048];
	size_t i, n;

	snprintf(b, sizeof b, "%d (%s) %c 1 %d %d 0 -1 4194560 %llu 0 0 0 "
	    "%llu %llu 0 0 20 0 1 0 %llu %llu %llu 18446744073709551615 1\n",
	    (int)pid, f->comm, f->state, (int)pid, (int)pid,
	    (unsigned long long)f->minflt, (unsigned long long)f->utime,
	    (unsigned long long)f->stime, (unsigned long long)f->start,
	    (unsigned long long)f->vsize, (unsigned long long)f->rss);
	wstr(pid, "stat", b);
	snprintf(b, sizeof b, "Name:\t%s\nUid:\t%llu\t0\t0\t0\nVmSize:\t%llu kB\n"
	    "RssFile:\t8 kB\nRssShmem:\t0 kB\nVmData:\t%llu kB\nVmStk:\t132 kB\n"
	    "VmSwap:\t%llu kB\nThreads:\t1\n", f->comm,
	    (unsigned long long)f->uid, (unsigned long long)f->vsize / 1024,
	    (unsigned long long)pid, (unsigned long long)f->swap_kb);
	wstr(pid, "status", b);
	snprintf(b, sizeof b, "rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\n"
	    "read_bytes: %llu\nwrite_bytes: %llu\ncancelled_write_bytes: 0\n",
	    (unsigned long long)f->rd, (unsigned long long)f->wr);
	wstr(pid, "io", b);
	n = strlen(f->cmdline);
	memcpy(b, f->cmdline, n + 1);
	for (i = 0; i < n; i++)
		if (b[i] == '\1')
			b[i] = '\0';
	wfile(pid, "cmdline", b, n + 1);
	wstr(pid, "cgroup", "0::/t.slice\n");
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void
rm_tree(void)
{
	nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static bool
mk_tree(void)
{
	const char *t = getenv("TMPDIR");

	/*
	 * $TMPDIR, else /dev/shm: creating 25,000 small files on a loaded
	 * disk file system takes 20 s, on tmpfs one.
	 */
	if (t == NULL || *t == '\0')
		t = access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(tmp, sizeof tmp, "%s/histop-proc.XXXXXX", t);
	if (mkdtemp(tmp) == NULL)
		return false;
	{
		char path[4200];
		FILE *f;

		snprintf(path, sizeof path, "%s/stat", tmp);
		f = fopen(path, "w");
		if (f == NULL)
			return false;
		fputs("cpu  1 2 3 4 5 6 7 8 0 0\n", f);
		fclose(f);
	}
	return true;
}

static void
test_dynamics(void)
{
	struct fx a = { "worker", 'S', 100, 50, 1000, 10, 8192 * 1024, 100,
		1000, 4096, 0, 0, "/usr/bin/worker\1--fast" };
	struct fx b = a, d = a, x = a;
	struct probe_collector *c;
	struct snapshot *s1 = snapshot_new(), *s2 = snapshot_new();
	const struct snap_proc *p;
	char *big;
	size_t i;

	if (!ok(mk_tree(), "dynamics: temp tree")) {
		snapshot_free(s1);
		snapshot_free(s2);
		return;
	}
	wproc(500, &a);
	b.utime = 900;
	wproc(501, &b);
	wproc(502, &d);
	wproc(503, &x);
	wproc(505, &d);
	wproc(506, &d);
	/* FIFOs where cmdline and io should be: no hang, nothing read. */
	wproc(507, &d);
	{
		char path[4200];

		snprintf(path, sizeof path, "%s/507/cmdline", tmp);
		unlink(path);
		mkfifo(path, 0600);
		snprintf(path, sizeof path, "%s/507/io", tmp);
		unlink(path);
		mkfifo(path, 0600);
	}
	/* 2 MiB command line: capped. */
	big = malloc(2 << 20);
	for (i = 0; i < (2u << 20); i++)
		big[i] = i % 1000 == 999 ? '\0' : (char)('a' + i % 26);
	wfile(504, "cmdline", big, 2u << 20);
	wstr(504, "stat", "504 (big) S 1 504 504 0 -1 0 0 0 0 0 1 1 0 0 20 0 1 "
	    "0 77 0 0\n");

	c = open_root(tmp);
	if (!ok(c != NULL, "dynamics: collector")) {
		free(big);
		rm_tree();
		return;
	}
	/* Never force a re-read: only the triggers may refresh the cache. */
	linux_procs_set_refresh(c, 1000000);
	probe_processes(c, s1);
	s1->mono_ns = 1000000000;
	is_int(s1->nproc, 8, "tick 1: eight processes");
	p = find(s1, 507);
	ok(p != NULL && p->cmdline == NULL && !HAVE(p->have, PROC_READ_BYTES) &&
	    HAVE(p->have, PROC_SWAP),
	    "FIFO cmdline and io: read without blocking, io unknown");
	p = find(s1, 504);
	ok(p != NULL && p->cmdline != NULL &&
	    strlen(p->cmdline) == PROC_CMDLINE_MAX &&
	    memcmp(p->cmdline, "abcdefghij", 10) == 0 &&
	    p->cmdline[999] == ' ', "2 MiB cmdline capped at 64 KiB, NULs joined");

	/* Tick 2: 500 is a new process under the same pid ... */
	a.start = 2000;
	a.utime = 1;
	a.uid = 0;
	a.rd = 1;
	a.cmdline = "/bin/other";
	wproc(500, &a);
	/* ... 501's counters went backwards ... */
	b.utime = 800;
	wproc(501, &b);
	/* ... 502 did I/O without a stat counter moving (stale by design),
	 * 503 did I/O and ran, so io and status are re-read ... */
	d.rd = 777777;
	wproc(502, &d);
	x.rd = 888888;
	x.utime = 101;
	x.swap_kb = 64;
	x.comm = "execd";
	x.cmdline = "/bin/execd";
	wproc(503, &x);
	/* ... and 504 vanished; 505's directory was replaced by a new
	 * process's (a kept dir fd now points at a dead one); 506's by a
	 * plain file (listed, but no process). */
	{
		char path[4200];
		FILE *f;
		struct fx y = d;
		static const char *const files[] = { "stat", "status", "io",
			"cmdline", "cgroup" };

		for (i = 0; i < 5; i++) {
			snprintf(path, sizeof path, "%s/505/%s", tmp, files[i]);
			unlink(path);
			snprintf(path, sizeof path, "%s/506/%s", tmp, files[i]);
			unlink(path);
		}
		snprintf(path, sizeof path, "%s/505", tmp);
		rmdir(path);
		snprintf(path, sizeof path, "%s/506", tmp);
		rmdir(path);
		if ((f = fopen(path, "w")) != NULL)
			fclose(f);
		y.start = 3000;
		y.cmdline = "/bin/newcomer";
		wproc(505, &y);

		snprintf(path, sizeof path, "%s/504/stat", tmp);
		unlink(path);
		snprintf(path, sizeof path, "%s/504/cmdline", tmp);
		unlink(path);
		snprintf(path, sizeof path, "%s/504", tmp);
		rmdir(path);
	}
	probe_processes(c, s2);
	s2->mono_ns = 2000000000;
	snapshot_derive(s2, s1);
	is_int(s2->nproc, 6, "tick 2: the vanished processes are gone");
	ok(find(s2, 504) == NULL, "tick 2: 504 absent");
	ok(find(s2, 506) == NULL, "tick 2: 506 (now a plain file) absent");
	p = find(s2, 505);
	ok(p != NULL && p->start_time_ns == ticks_ns(3000) &&
	    p->cmdline != NULL && strcmp(p->cmdline, "/bin/newcomer") == 0,
	    "pid dir replaced under a kept fd: the new process is read");
	p = find(s2, 500);
	if (ok(p != NULL, "reused pid present")) {
		is_u64(p->start_time_ns, ticks_ns(2000), "reused pid: new start");
		is_str(p->cmdline, "/bin/other",
		    "reused pid: cmdline of the new process, not cached");
		is_int(p->uid, 0, "reused pid: uid of the new process");
		is_u64(p->read_bytes, 1, "reused pid: io of the new process");
		ok(!HAVE(p->have, PROC_USAGE_PERCENT),
		    "reused pid: no usage from the old process");
	}
	p = find(s2, 501);
	ok(p != NULL && !HAVE(p->have, PROC_USAGE_PERCENT) &&
	    p->usage_percent >= 0,
	    "counters backwards: usage unknown, never negative");
	p = find(s2, 502);
	ok(p != NULL && p->read_bytes == 4096 &&
	    HAVE(p->have, PROC_USAGE_PERCENT) && p->usage_percent == 0,
	    "idle process: io served from the cache, usage 0");
	p = find(s2, 503);
	ok(p != NULL && p->read_bytes == 888888 && p->swap_bytes == 64 * 1024,
	    "stat counter moved: status and io re-read");
	is_str(p != NULL ? p->cmdline : NULL, "/bin/execd",
	    "comm changed (exec): cmdline re-read");
	ok(p != NULL && HAVE(p->have, PROC_USAGE_PERCENT) &&
	    p->usage_percent > 0.99 && p->usage_percent < 1.01,
	    "1 tick in 1 s: usage 1%%");

	/* Tick 1's strings stay whole though the cache let go of them (504
	 * vanished, 500 is another process, 503 exec'd); an unchanged one is
	 * shared by both ticks, not copied. */
	p = find(s1, 504);
	ok(p != NULL && p->cmdline != NULL &&
	    strlen(p->cmdline) == PROC_CMDLINE_MAX &&
	    memcmp(p->cmdline, "abcdefghij", 10) == 0,
	    "tick 1 keeps the cmdline of a process gone since");
	p = find(s1, 500);
	is_str(p != NULL ? p->cmdline : NULL, "/usr/bin/worker --fast",
	    "tick 1 keeps the cmdline of a pid reused since");
	p = find(s1, 503);
	is_str(p != NULL ? p->cmdline : NULL, "/usr/bin/worker --fast",
	    "tick 1 keeps the cmdline from before the exec");
	ok(find(s1, 502) != NULL && find(s2, 502) != NULL &&
	    find(s1, 502)->cmdline == find(s2, 502)->cmdline,
	    "an unchanged cmdline is one string shared by both ticks");
	ok(find(s2, 502) != NULL && find(s2, 507) != NULL &&
	    find(s2, 502)->comm == find(s2, 507)->comm &&
	    find(s2, 502)->cgroup != NULL &&
	    find(s2, 502)->cgroup == find(s2, 507)->cgroup,
	    "processes with equal comm and cgroup share one string each");

	/* Forced refresh: with a period of 1 every file is read each tick. */
	linux_procs_set_refresh(c, 1);
	snapshot_clear(s1);
	probe_processes(c, s1);
	p = find(s1, 502);
	ok(p != NULL && p->read_bytes == 777777,
	    "refresh period reached: idle process's io re-read");

	probe_collector_free(c);
	/* user names are shared with the collector's cache: still there */
	p = find(s2, 500);
	is_str(p != NULL ? p->user : NULL, name_of(0),
	    "user names outlive the collector");
	free(big);
	rm_tree();
	snapshot_free(s1);
	snapshot_free(s2);
}

/* A generated tree of NBIG processes, every value derived from the pid. */
#define NBIG 5000

static void
test_big(void)
{
	struct probe_collector *c;
	struct snapshot *s = snapshot_new();
	size_t i, bad = 0;
	char cmd[64], comm[32];

	if (!ok(mk_tree(), "big: temp tree")) {
		snapshot_free(s);
		return;
	}
	for (i = 0; i < NBIG; i++) {
		pid_t pid = (pid_t)(3 * i + 7);
		struct fx f = { comm, 'S', i, 2 * i, 100 + i, i, 4096 * (i + 1),
			i % 50, i % 3, 512 * i, 1024 * i, i % 7, cmd };

		snprintf(comm, sizeof comm, "p%zu", i);
		snprintf(cmd, sizeof cmd, "/bin/p%zu\1-n\1%zu", i, i);
		wproc(pid, &f);
	}
	c = open_root(tmp);
	if (c != NULL) {
		is_int(probe_processes(c, s), 0, "big: read");
		is_int(s->nproc, NBIG, "big: all 5000 processes");
		for (i = 0; i < s->nproc && i < NBIG; i++) {
			const struct snap_proc *p = &s->proc[i];
			char want[64];

			snprintf(comm, sizeof comm, "p%zu", i);
			snprintf(want, sizeof want, "/bin/p%zu -n %zu", i, i);
			if (p->pid != (pid_t)(3 * i + 7) ||
			    strcmp(p->comm, comm) != 0 ||
			    p->cmdline == NULL || strcmp(p->cmdline, want) != 0 ||
			    p->user_time_ns != ticks_ns(i) ||
			    p->system_time_ns != ticks_ns(2 * i) ||
			    p->start_time_ns != ticks_ns(100 + i) ||
			    p->vms_bytes != 4096 * (i + 1) ||
			    p->rss_bytes != i % 50 * (uint64_t)pagesz ||
			    p->uid != i % 3 || p->read_bytes != 512 * i ||
			    p->write_bytes != 1024 * i ||
			    p->data_bytes != (3 * i + 7) * 1024 ||
			    p->swap_bytes != i % 7 * 1024 ||
			    p->shared_bytes != 8192 ||
			    strcmp(p->cgroup, "/t.slice") != 0)
				bad++;
		}
		is_int(bad, 0, "big: every value exact");
		probe_collector_free(c);
	} else
		ok(0, "big: collector");
	rm_tree();
	snapshot_free(s);
}

/*
 * The cache is one array rearranged in place as processes come and go:
 * every survivor must keep its own entry. The processes are alike in
 * stat (same comm, start time, counters), so nothing there would reveal
 * an entry handed to the wrong pid: only the cached status values
 * (VmData is the pid in kB) and command lines tell them apart.
 */
static size_t
churn_check(const struct snapshot *s, const bool *live, size_t n)
{
	size_t i, k = 0, bad = 0;
	char want[64];

	for (i = 0; i < n; i++) {
		const struct snap_proc *p;

		if (!live[i])
			continue;
		k++;
		p = snapshot_find_proc(s, (pid_t)(i + 2));
		snprintf(want, sizeof want, "/bin/w -n %zu", i + 2);
		if (p == NULL || p->data_bytes != (uint64_t)(i + 2) * 1024 ||
		    p->cmdline == NULL || strcmp(p->cmdline, want) != 0)
			bad++;
	}
	return k == s->nproc ? bad : bad + 1;
}

static void
churn_set(bool *live, size_t i, bool on)
{
	char cmd[64], path[4200];
	struct fx f = { "w", 'S', 5, 5, 100, 1, 4096, 1, 0, 0, 0, 0, cmd };

	if (live[i] == on)
		return;
	live[i] = on;
	if (on) {
		snprintf(cmd, sizeof cmd, "/bin/w\1-n\1%zu", i + 2);
		wproc((pid_t)(i + 2), &f);
		return;
	}
	snprintf(path, sizeof path, "%s/%zu", tmp, i + 2);
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

#define NCHURN 3000

static void
test_churn(void)
{
	struct probe_collector *c;
	struct snapshot *s = snapshot_new();
	bool *live = calloc(NCHURN, sizeof(*live));
	size_t i, cap;

	if (!ok(mk_tree(), "churn: temp tree")) {
		snapshot_free(s);
		free(live);
		return;
	}
	for (i = 0; i < NCHURN; i += 2)
		churn_set(live, i, true);
	c = open_root(tmp);
	if (c == NULL) {
		ok(0, "churn: collector");
		goto out;
	}
	is_int(probe_processes(c, s), 0, "churn: first read");
	is_int(churn_check(s, live, NCHURN), 0,
	    "churn: 1500 processes, each its own values");
	/* a third gone, 1,000 new ones between the survivors */
	for (i = 0; i < NCHURN; i++)
		churn_set(live, i, i % 2 == 0 ? i % 3 != 0 : i % 3 == 0);
	snapshot_clear(s);
	is_int(probe_processes(c, s), 0, "churn: second read");
	is_int(churn_check(s, live, NCHURN), 0,
	    "churn: survivors keep their own cached values, new ones read");
	cap = s->cap_proc;
	for (i = 0; i < NCHURN; i++)
		churn_set(live, i, i < 100);
	snapshot_clear(s);
	is_int(probe_processes(c, s), 0, "churn: third read");
	is_int(churn_check(s, live, NCHURN), 0,
	    "churn: down to 100 processes, values exact");
	ok(s->cap_proc < cap / 4, "churn: the process array shrank "
	    "(%zu -> %zu slots)", cap, s->cap_proc);
	for (i = 0; i < NCHURN; i++)
		churn_set(live, i, i % 5 != 4);
	snapshot_clear(s);
	is_int(probe_processes(c, s), 0, "churn: fourth read");
	is_int(churn_check(s, live, NCHURN), 0,
	    "churn: back to 2400, values exact");
	ok(s->cap_proc >= s->nproc && s->cap_proc <= s->nproc + s->nproc / 8 +
	    16, "churn: the process array sized to the list, not doubled");
	probe_collector_free(c);
out:
	rm_tree();
	snapshot_free(s);
	free(live);
}

/* ---- the walk in slices (probe_sample_begin / step / finish) ---------- */

#define NSTEP 3000 /* readable processes of the stepped tree */
#define KSTEP 7    /* processes per step */

static int64_t fake_mono;

static int64_t
fake_clock(void)
{
	return fake_mono;
}

/* Whether a and b hold exactly the same processes, field by field. */
static bool
same_procs(const struct snapshot *a, const struct snapshot *b)
{
	size_t i, f;

	if (a->nproc != b->nproc || a->areas != b->areas) {
		printf("# %zu and %zu processes, areas %#x and %#x\n",
		    a->nproc, b->nproc, a->areas, b->areas);
		return false;
	}
	for (i = 0; i < a->nproc; i++) {
		const struct snap_proc *p = &a->proc[i], *q = &b->proc[i];

		if (p->have != q->have || p->kernel_thread != q->kernel_thread) {
			printf("# pid %d: have or kernel_thread differ\n",
			    (int)p->pid);
			return false;
		}
		for (f = 0; f < proc_nfields; f++)
			if (proc_field_cmp(p, q, &proc_fields[f]) != 0) {
				printf("# pid %d: %s differs\n", (int)p->pid,
				    proc_fields[f].name);
				return false;
			}
	}
	return true;
}

/* Entries of directory path (pid directories only: names 1-9...). */
static size_t
count_dir(const char *path, bool pids_only)
{
	DIR *d = opendir(path);
	struct dirent *de;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		n += pids_only ? de->d_name[0] >= '1' && de->d_name[0] <= '9' :
		    de->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Open fds of this process (less the one listing them). */
static int
count_fds(void)
{
	return (int)count_dir("/proc/self/fd", false) - 1;
}

/*
 * Process i of the stepped tree at version v: a new version changes its
 * stat (minflt) and comm, so a collector re-reads every file of it
 * whatever its refresh phase (an abandoned walk shifts that phase).
 */
static void
write_step_proc(size_t i, unsigned v)
{
	char cmd[64], comm[32];
	struct fx f = { comm, i % 5 == 0 ? 'R' : 'S', i + v * (i % 3), 2 * i,
		100 + i, i + v, 4096 * (i + 1), i % 50, i % 3, 512 * i + v,
		1024 * i, i % 7, cmd };

	snprintf(comm, sizeof comm, "s%zu.%u", i, v);
	snprintf(cmd, sizeof cmd, "/bin/s%zu\1-v\1%u", i, v);
	wproc((pid_t)(5 * i + 3), &f);
}

/*
 * Sample c stepping k processes at a time; *most: the most processes one
 * step added, *nsteps: how many steps it took. The fake clock moves a
 * second per step, so the stamp shows when it was taken.
 */
static int
stepped(struct probe_collector *c, struct snapshot *s, size_t k,
    size_t *most, size_t *nsteps)
{
	int more;

	*most = *nsteps = 0;
	if (probe_sample_begin(c, s) != 0)
		return -1;
	do {
		size_t before = s->nproc;

		more = probe_sample_step(c, s, k);
		if (s->nproc - before > *most)
			*most = s->nproc - before;
		(*nsteps)++;
		fake_mono += 1000000000;
	} while (more > 0);
	return probe_sample_finish(c, s);
}

static void
test_steps(void)
{
	struct probe_collector *a, *b;
	struct snapshot *sa = snapshot_new(), *sb = snapshot_new();
	int64_t (*real_clock)(void) = clock_mono_ns;
	size_t i, most, nsteps, npids;
	int fds0 = count_fds();
	unsigned v;
	char path[4200];

	if (!ok(mk_tree(), "steps: temp tree")) {
		snapshot_free(sa);
		snapshot_free(sb);
		return;
	}
	for (i = 0; i < NSTEP; i++)
		write_step_proc(i, 0);
	/* two listed pids that cannot be read: steps count them too */
	snprintf(path, sizeof path, "%s/4", tmp);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/99999", tmp);
	mkdir(path, 0755);
	a = open_root(tmp);
	b = open_root(tmp);
	if (a == NULL || b == NULL) {
		ok(0, "steps: collectors");
		goto out;
	}
	clock_mono_ns = fake_clock;
	for (v = 0; v < 3; v++) {
		int64_t t0;

		if (v > 0) {
			/* between samples: some run, some die, some are new */
			for (i = 0; i < NSTEP; i += 3)
				write_step_proc(i, v);
			for (i = v; i < NSTEP; i += 97) {
				snprintf(path, sizeof path, "%s/%d", tmp,
				    (int)(5 * i + 3));
				nftw(path, rm_one, 4, FTW_DEPTH | FTW_PHYS);
			}
			for (i = 0; i < 20; i++)
				write_step_proc(NSTEP + 20 * v + i, v);
		}
		npids = count_dir(tmp, true);
		probe_sample(a, sa);
		t0 = fake_mono;
		ok(stepped(b, sb, KSTEP, &most, &nsteps) == 0,
		    "steps %u: stepped sample succeeds", v);
		ok(same_procs(sa, sb),
		    "steps %u: stepped sample equals the one-shot one exactly "
		    "(%zu processes)", v, sb->nproc);
		ok(most == KSTEP, "steps %u: no step reads more than %d "
		    "(most: %zu)", v, KSTEP, most);
		ok(nsteps == (npids + KSTEP - 1) / KSTEP,
		    "steps %u: %zu pids listed, read %d per step (%zu steps)",
		    v, npids, KSTEP, nsteps);
		ok(sb->mono_ns == t0 && fake_mono > t0,
		    "steps %u: stamped when begun, not as the walk goes on", v);
	}

	/* Abandoned mid-walk: cleared, and the cache is still right. */
	probe_sample_begin(b, sb);
	for (i = 0; i < 10; i++)
		probe_sample_step(b, sb, KSTEP);
	/* 70 pids: 3, 4 (unreadable), 8, 13, ... */
	is_int(sb->nproc, 10 * KSTEP - 1, "abort: 10 steps read 70 pids");
	is_int(probe_sample_begin(b, sb), -EBUSY,
	    "abort: a second begin while one is in progress is refused");
	probe_sample_abort(b, sb);
	is_int(sb->nproc, 0, "abort: the partial sample is cleared");
	for (i = 0; i < 40; i++)
		write_step_proc(i, 9);
	npids = count_dir(tmp, true);
	probe_sample(a, sa);
	stepped(b, sb, KSTEP, &most, &nsteps);
	ok(same_procs(sa, sb), "abort: the next sample is exact again");
	stepped(b, sb, 1, &most, &nsteps);
	ok(most == 1 && nsteps == npids,
	    "a step of 1 reads one pid (%zu steps for %zu pids)", nsteps, npids);
	ok(probe_sample_step(b, sb, KSTEP) == 0 &&
	    probe_sample_finish(b, sb) == -EINVAL,
	    "step and finish with no sample in progress do nothing");

	/* Freed mid-walk (quit during a sample): nothing stays open. */
	probe_sample_begin(b, sb);
	probe_sample_step(b, sb, 1000);
	probe_collector_free(b);
	b = NULL;
	probe_sample_begin(a, sa);
	probe_sample_step(a, sa, 500);
	probe_collector_free(a);
	a = NULL;
	is_int(count_fds(), fds0,
	    "collectors freed mid-walk: every pid dir fd closed");
out:
	clock_mono_ns = real_clock;
	probe_collector_free(a);
	probe_collector_free(b);
	rm_tree();
	snapshot_free(sa);
	snapshot_free(sb);
}

/* The system areas are read one per step, before the processes. */
static void
test_steps_areas(void)
{
	const char *top = getenv("top_srcdir");
	char proc[4096], sys[4096], err[256] = "";
	struct probe_options o;
	struct probe_collector *a, *b;
	struct snapshot *sa = snapshot_new(), *sb = snapshot_new();
	int steps = 0, more, most = 0;

	snprintf(proc, sizeof proc, "%s/tests/probe/fixtures/cg2/proc",
	    top != NULL ? top : ".");
	snprintf(sys, sizeof sys, "%s/tests/probe/fixtures/cg2/sys",
	    top != NULL ? top : ".");
	memset(&o, 0, sizeof o);
	o.proc_root = proc;
	o.sys_root = sys;
	a = probe_collector_new(&o, err, sizeof err);
	b = probe_collector_new(&o, err, sizeof err);
	if (!ok(a != NULL && b != NULL, "areas: collectors on cg2 (%s)", err))
		goto out;
	probe_sample(a, sa);
	probe_sample_begin(b, sb);
	do {
		uint32_t before = sb->areas;
		int n = 0;

		more = probe_sample_step(b, sb, KSTEP);
		for (before = sb->areas & ~before; before != 0;
		    before &= before - 1)
			n++; /* areas this step added */
		if (n > most)
			most = n;
		steps++;
	} while (more > 0);
	is_int(probe_sample_finish(b, sb), 0, "areas: stepped sample succeeds");
	is_int(most, 1, "areas: no step reads more than one area");
	/* 7 system areas, then the (empty) process walk */
	is_int(steps, AREA_NAREAS, "areas: one step per area");
	ok(sb->areas == sa->areas && sb->ncpu == sa->ncpu &&
	    sb->ncpu > 0 && memcmp(sb->cpu, sa->cpu,
	    sb->ncpu * sizeof(*sb->cpu)) == 0 &&
	    memcmp(&sb->mem, &sa->mem, sizeof sb->mem) == 0 &&
	    memcmp(&sb->load, &sa->load, sizeof sb->load) == 0 &&
	    sb->nfs == sa->nfs && sb->ndisk == sa->ndisk &&
	    sb->nnet == sa->nnet,
	    "areas: the same as the one-shot sample");
out:
	probe_collector_free(a);
	probe_collector_free(b);
	snapshot_free(sa);
	snapshot_free(sb);
}

int
main(void)
{
	hz = sysconf(_SC_CLK_TCK);
	pagesz = sysconf(_SC_PAGESIZE);
	test_hostile();
	test_dynamics();
	test_big();
	test_churn();
	test_steps();
	test_steps_areas();
	return tap_done();
}
