/*
 * test_proc_threads.c: the probe's threads option (the live UI's H key)
 * on a generated proc root. Off: processes only. On: every userland
 * thread but the main one as its own entry — its own name (hostile bytes
 * kept as they are), state, times and nice, the process's memory and
 * command line, ppid the process — never a kernel thread's, never a task
 * directory's leftovers when stat says one thread, never a thread gone
 * meanwhile; thread CPU% derived between samples. Links libprobe and
 * libcore only.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "probe/probe.h"
#include "tests/tap.h"

#define BIT(f) (UINT64_C(1) << (f))

static char root[] = "/tmp/histop-threads-XXXXXX";
static long hz, pagesz;

static void
put(const char *rel, const char *data, size_t len)
{
	char path[512], *p;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		printf("# cannot write %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void
puts_file(const char *rel, const char *text)
{
	put(rel, text, strlen(text));
}

/* A stat line: pid (comm) state ppid ... utime stime ... nice threads ...
 * starttime vsize rss, flags as given. */
static void
stat_file(const char *rel, int pid, const char *comm, char state, int ppid,
    unsigned long flags, int utime, int stime, int nice, int threads,
    int start)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%d (%s) %c %d %d %d 0 -1 %lu 10 0 1 0 %d "
	    "%d 0 0 20 %d %d 0 %d 10485760 256 18446744073709551615 1 1 0 0 0 "
	    "0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n", pid, comm, state,
	    ppid, pid, pid, flags, utime, stime, nice, threads, start);
	puts_file(rel, buf);
}

static uint64_t
ticks_ns(uint64_t t)
{
	return t * (1000000000 / (uint64_t)hz);
}

static size_t
count_threads(const struct snapshot *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nproc; i++)
		n += s->proc[i].thread;
	return n;
}

/* No entry for pids 7 (a kernel thread's task), 503 (exited), 601 (a
 * leftover task), and 500 only once. */
static bool
find_none(const struct snapshot *s)
{
	size_t i, n500 = 0;

	for (i = 0; i < s->nproc; i++) {
		pid_t pid = s->proc[i].pid;

		if (pid == 7 || pid == 503 || pid == 601)
			return false;
		n500 += pid == 500;
	}
	return n500 == 1;
}

static void
rmtree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
}

int
main(void)
{
	struct probe_options o = { .areas = 1u << AREA_PROCESSES };
	struct snapshot *s1 = snapshot_new(), *s2 = snapshot_new();
	struct probe_collector *c;
	const struct snap_proc *p, *t;
	char err[256] = "";
	static const char evil[] = "\x1b]0;x\x07";

	hz = sysconf(_SC_CLK_TCK);
	pagesz = sysconf(_SC_PAGESIZE);
	if (mkdtemp(root) == NULL)
		return 1;
	puts_file("stat", "cpu  100 0 50 1000 5 0 1 0 0 0\nbtime 1700000000\n");
	/* 500: three threads, one gone between listing and reading */
	stat_file("500/stat", 500, "server", 'S', 1, 0, 300, 100, 0, 3, 1000);
	puts_file("500/status", "Name:\tserver\nUid:\t0\t0\t0\t0\n"
	    "VmSize:\t10240 kB\nVmData:\t2048 kB\nVmStk:\t132 kB\n"
	    "RssFile:\t512 kB\nRssShmem:\t0 kB\nVmSwap:\t0 kB\n");
	put("500/cmdline", "server\0--port\08080\0", 19);
	stat_file("500/task/500/stat", 500, "server", 'S', 1, 0, 50, 20, 0, 3,
	    1000);
	stat_file("500/task/501/stat", 501, "worker 1", 'R', 1, 0, 200, 50, 5,
	    3, 1010);
	stat_file("500/task/502/stat", 502, evil, 'S', 1, 0, 50, 30, 0, 3,
	    1020);
	{
		char d[512];

		snprintf(d, sizeof(d), "%s/500/task/503", root);
		mkdir(d, 0755); /* a thread that exited: no stat */
	}
	/* 2: a kernel thread with a second task: never expanded */
	stat_file("2/stat", 2, "kthreadd", 'S', 0, 0x00200000, 0, 0, 0, 2, 2);
	stat_file("2/task/2/stat", 2, "kthreadd", 'S', 0, 0x00200000, 0, 0, 0,
	    2, 2);
	stat_file("2/task/7/stat", 7, "kworker", 'S', 0, 0x00200000, 0, 0, 0,
	    2, 3);
	/* 600: one thread by its stat; a leftover task entry is not read */
	stat_file("600/stat", 600, "single", 'S', 1, 0, 10, 10, 0, 1, 1100);
	stat_file("600/task/601/stat", 601, "leftover", 'S', 1, 0, 0, 0, 0, 1,
	    1101);

	o.proc_root = o.sys_root = root;
	c = probe_collector_new(&o, err, sizeof(err));
	if (!ok(c != NULL, "collector on the generated root (%s)", err))
		return tap_done();

	probe_processes(c, s1);
	is_int((int)s1->nproc, 3, "threads off: the 3 processes only");
	is_int((int)count_threads(s1), 0, "threads off: no thread entry");

	probe_set_threads(c, true);
	snapshot_clear(s1);
	s1->mono_ns = 1000000000;
	probe_processes(c, s1);
	is_int((int)s1->nproc, 5, "threads on: 3 processes and 2 threads");
	is_int((int)count_threads(s1), 2, "the threads flagged as such");
	ok(find_none(s1), "no entry for the main thread twice, the exited "
	    "thread, the kernel thread's task or the leftover task");
	p = snapshot_find_proc(s1, 500);
	t = snapshot_find_proc(s1, 501);
	if (ok(p != NULL && t != NULL, "process 500 and thread 501 present")) {
		ok(!p->thread, "the process itself is no thread");
		ok(t->thread, "501 is a thread");
		is_int(t->ppid, 500, "its ppid is its process");
		is_str(t->comm, "worker 1", "its own name");
		is_int(t->state, 'R', "its own state");
		is_int(t->nice, 5, "its own nice");
		is_u64(t->user_time_ns, ticks_ns(200), "its own user time");
		is_u64(t->system_time_ns, ticks_ns(50), "its own system time");
		is_u64(t->total_time_ns, ticks_ns(250), "its own total time");
		is_u64(t->start_time_ns, ticks_ns(1010), "its own start time");
		is_u64(t->rss_bytes, p->rss_bytes, "the process's RSS (shared)");
		is_u64(t->data_bytes, p->data_bytes, "the process's data size");
		ok(HAVE(t->have, PROC_RSS) && HAVE(t->have, PROC_DATA),
		    "and they are known");
		is_str(t->cmdline, "server --port 8080",
		    "the process's command line");
		is_int(t->uid, 0, "the process's uid");
		ok(!HAVE(t->have, PROC_READ_BYTES), "its I/O unknown (not read)");
	}
	t = snapshot_find_proc(s1, 502);
	if (ok(t != NULL, "thread 502 present"))
		ok(t->comm != NULL && memcmp(t->comm, evil, sizeof(evil)) == 0,
		    "a hostile thread name kept byte for byte");

	/* a second sample, one second later: the thread's CPU% */
	stat_file("500/task/501/stat", 501, "worker 1", 'R', 1, 0, 200 +
	    (int)hz / 2, 50, 5, 3, 1010);
	probe_processes(c, s2);
	s2->mono_ns = 2000000000;
	snapshot_derive(s2, s1);
	t = snapshot_find_proc(s2, 501);
	if (ok(t != NULL && HAVE(t->have, PROC_USAGE_PERCENT),
	    "thread 501 again, its CPU%% derived"))
		is_dbl(t->usage_percent, 50.0, 0.01, "half a CPU in one second");

	probe_set_threads(c, false);
	snapshot_clear(s2);
	probe_processes(c, s2);
	is_int((int)s2->nproc, 3, "threads off again: processes only");

	probe_collector_free(c);
	snapshot_free(s1);
	snapshot_free(s2);
	rmtree(root);
	(void)pagesz;
	return tap_done();
}
