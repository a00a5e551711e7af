/*
 * test_proc_real.c: the Linux process reader on the machine's own /proc:
 * this test's process, a child that appears and disappears, a kernel
 * thread, a real EACCES on another user's io, and a stable fd count.
 * Links libprobe + libcore only.
 */
#include "config.h"

#include <dirent.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "probe/probe.h"
#include "tests/tap.h"

#define BIT(f) (UINT64_C(1) << (f))

static struct probe_collector *
collector(void)
{
	struct probe_options o = { .proc_root = "/proc",
		.areas = 1u << AREA_PROCESSES, .proc_cgroups = true };
	char err[256];

	return probe_collector_new(&o, err, sizeof err);
}

static const struct snap_proc *
sample(struct probe_collector *c, struct snapshot *s, pid_t pid)
{
	snapshot_clear(s);
	if (probe_processes(c, s) != 0)
		return NULL;
	return snapshot_find_proc(s, pid);
}

/* A /proc/self file as the kernel gives it, NULs as spaces, no trailing
 * NUL or newline: the independent answer to compare with. */
static void
self_file(const char *name, char *buf, size_t size)
{
	char path[64];
	FILE *f;
	size_t n = 0, i;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)getpid(), name);
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(buf, 1, size - 1, f);
		fclose(f);
	}
	while (n > 0 && (buf[n - 1] == '\0' || buf[n - 1] == '\n'))
		n--;
	for (i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[n] = '\0';
}

static int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (d == NULL)
		return -1;
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

int
main(int argc, char **argv)
{
	int fds0 = count_fds();
	struct probe_collector *c = collector();
	int fds1 = count_fds();
	struct snapshot *s = snapshot_new();
	const struct snap_proc *p;
	const char *base = strrchr(argv[0], '/');
	pid_t child;
	int fds, i, pfd[2], status;
	char hpdir[] = "/tmp/histop-hidepid.XXXXXX";
	bool sorted = true, valgrind = false;
	size_t k;

	if (!ok(c != NULL, "collector on /proc"))
		return tap_done();
	base = base != NULL ? base + 1 : argv[0];
	p = sample(c, s, getpid());
	if (ok(p != NULL, "own pid listed")) {
		char comm[16], kcomm[64], kcmd[4096];

		snprintf(comm, sizeof comm, "%s", base); /* kernel keeps 15 */
		self_file("comm", kcomm, sizeof kcomm);
		self_file("cmdline", kcmd, sizeof kcmd);
		/* Under valgrind the kernel's comm is the tool's, not ours. */
		ok(strcmp(kcomm, comm) == 0 || strncmp(kcomm, "memcheck", 8) == 0,
		    "kernel's comm is argv[0]'s base name (%s)", kcomm);
		is_str(p->comm, kcomm, "own comm");
		valgrind = strncmp(kcomm, "memcheck", 8) == 0;
		if (valgrind)
			ok(1, "# SKIP valgrind fakes its client's cmdline");
		else
			is_str(p->cmdline, kcmd, "own cmdline, NULs joined");
		is_int(p->ppid, getppid(), "own ppid");
		is_int(p->uid, getuid(), "own uid");
		is_int(p->state, 'R', "own state running");
		ok(p->cmdline != NULL && strstr(p->cmdline, argv[0]) != NULL,
		    "own cmdline holds argv[0]");
		ok(!p->kernel_thread, "own process is not a kernel thread");
		ok(HAVE(p->have, PROC_READ_BYTES) && HAVE(p->have, PROC_RSS) &&
		    p->rss_bytes > 0 && HAVE(p->have, PROC_START_TIME) &&
		    HAVE(p->have, PROC_CGROUP) && p->cgroup[0] == '/',
		    "own io, rss, start time, cgroup known");
		ok(p->threads == 1, "own threads");
	}
	for (k = 1; k < s->nproc; k++)
		if (s->proc[k - 1].pid >= s->proc[k].pid)
			sorted = false;
	ok(sorted && s->nproc > 1, "list sorted by pid (%zu processes)",
	    s->nproc);

	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	p = sample(c, s, child);
	ok(p != NULL && p->ppid == getpid(), "spawned child listed, ppid us");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	p = sample(c, s, child);
	ok(p == NULL, "killed child gone");

	/* kthreadd is pid 2 outside a pid namespace. */
	p = sample(c, s, 2);
	if (p != NULL && strcmp(p->comm, "kthreadd") == 0)
		ok(p->kernel_thread && p->cmdline == NULL &&
		    HAVE(p->have, PROC_CMDLINE), "kthreadd: kernel thread, no cmdline");
	else
		ok(1, "# SKIP kthreadd not visible (pid namespace)");

	/* As nobody, another user's io is EACCES: unknown, not 0. */
	if (pipe(pfd) == 0 && (child = fork()) == 0) {
		struct probe_collector *c2;
		char r = 'x';

		close(pfd[0]);
		if (getuid() == 0 && (setgroups(0, NULL) != 0 ||
		    setgid(65534) != 0 || setuid(65534) != 0))
			r = 'u';
		else if ((c2 = collector()) == NULL)
			r = 'c';
		else {
			struct snapshot *s2 = snapshot_new();
			const struct snap_proc *q = sample(c2, s2, 1);

			if (q == NULL)
				r = 'n';
			else if (q->uid == getuid())
				r = 's'; /* pid 1 is ours: nothing to test */
			else if (HAVE(q->have, PROC_READ_BYTES) ||
			    HAVE(q->have, PROC_WRITE_BYTES))
				r = 'k';
			else if (HAVE(q->have, PROC_STATE) &&
			    HAVE(q->have, PROC_RSS))
				r = 'y';
		}
		(void)!write(pfd[1], &r, 1);
		_exit(0);
	} else if (child > 0) {
		char r = '?';

		close(pfd[1]);
		if (read(pfd[0], &r, 1) != 1)
			r = '?';
		close(pfd[0]);
		waitpid(child, &status, 0);
		if (r == 's')
			ok(1, "# SKIP pid 1 belongs to the test's user");
		else
			ok(r == 'y', "EACCES on pid 1's io as nobody: io unknown, "
			    "stat fields known (child said %c)", r);
	}

	{
		struct snap_rlimit rl;
		struct rlimit own;

		getrlimit(RLIMIT_NOFILE, &own);
		if (valgrind)
			ok(1, "# SKIP valgrind reports its own RLIMIT_NOFILE");
		else
			ok(probe_process_limits(c, getpid(), &rl) == 0 &&
		    (rl.have & (1u << RLIM_NOFILE)) &&
			    rl.soft[RLIM_NOFILE] == own.rlim_cur &&
			    rl.hard[RLIM_NOFILE] == own.rlim_max,
			    "own /proc limits match getrlimit(RLIMIT_NOFILE)");
	}

	/*
	 * hidepid=invisible: a proc mounted with it, in a private mount
	 * namespace, read as nobody: only nobody's own processes are listed,
	 * without errors.
	 */
	if (mkdtemp(hpdir) == NULL)
		hpdir[0] = '\0';
	if (pipe(pfd) == 0 && (child = fork()) == 0) {
		char *dir = hpdir, r = 's';

		close(pfd[0]);
		if (getuid() == 0 && *dir != '\0' && unshare(CLONE_NEWNS) == 0 &&
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0) {
			if (mount("proc", dir, "proc", 0, "hidepid=invisible") != 0)
				r = 'm';
			else if (setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
			    setuid(65534) != 0)
				r = 'u';
			else {
				struct probe_options o = { .proc_root = dir,
					.areas = 1u << AREA_PROCESSES };
				char err[256];
				struct probe_collector *c2 =
				    probe_collector_new(&o, err, sizeof err);
				struct snapshot *s2 = snapshot_new();

				r = 'n';
				if (c2 != NULL && probe_processes(c2, s2) == 0 &&
				    snapshot_find_proc(s2, getpid()) != NULL) {
					r = 'y';
					for (k = 0; k < s2->nproc; k++)
						if (s2->proc[k].uid != 65534)
							r = 'o';
				}
			}
		}
		(void)!write(pfd[1], &r, 1);
		_exit(0);
	} else if (child > 0) {
		char r = '?';

		close(pfd[1]);
		if (read(pfd[0], &r, 1) != 1)
			r = '?';
		close(pfd[0]);
		waitpid(child, &status, 0);
		if (hpdir[0] != '\0')
			rmdir(hpdir); /* the mount lived in the child's namespace */
		if (r == 's' || r == 'm')
			ok(1, "# SKIP cannot mount proc with hidepid here (%c)", r);
		else
			ok(r == 'y', "hidepid=invisible as nobody: only own "
			    "processes, self found (child said %c)", r);
	}

	/* Pid dir fds are kept between ticks: at most one per process. */
	for (i = 0; i < 3; i++)
		sample(c, s, getpid());
	fds = count_fds();
	ok(fds <= fds1 + (int)s->nproc, "fds bounded by the process "
	    "count (%d more, %zu processes)", fds - fds1, s->nproc);
	probe_collector_free(c);
	is_int(count_fds(), fds0, "every fd closed with the collector");
	snapshot_free(s);
	return tap_done();
}
