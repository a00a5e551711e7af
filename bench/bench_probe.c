/*
 * bench_probe.c: CPU cost per tick of histop's process probe next to a
 * naive reader, measured side by side in one process. Links libprobe +
 * libcore. Driven by bench/bench_probe.sh; not a test.
 *
 *   bench_probe spawn N [SECS] fork idle children until /proc lists >= N
 *                              processes; print "ready"; on SIGTERM, or
 *                              after SECS (default 900), kill and reap them
 *   bench_probe measure [-t TICKS] [-r ROUNDS]
 *                              every method, interleaved round by round
 *   bench_probe one METHOD [-t TICKS]
 *                              one method only (for callgrind:
 *                              --toggle-collect=bench_tick)
 *
 * Methods: histop    probe_processes(), every field, cgroups too, cached
 *          nocache   the same with the cache off (every file every tick)
 *          naive     for every pid: open+read+close stat, statm, status, io
 *          statm     for every pid: open+read+close stat, statm
 * CPU time is CLOCK_PROCESS_CPUTIME_ID (user + kernel) over all ticks.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "probe/linux/proc_int.h"
#include "probe/probe.h"

enum method { M_HISTOP, M_NOCACHE, M_NAIVE, M_STATM, M_N };
static const char *const method_names[M_N] = {
	"histop", "nocache", "naive", "statm"
};

struct bench {
	struct probe_collector *cached, *uncached;
	struct snapshot *snap;
	size_t nproc;           /* processes seen by the last tick */
	unsigned long long sink;
};

static int
count_pids(void)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] >= '1' && de->d_name[0] <= '9')
			n++;
	closedir(d);
	return n;
}

/* ---- spawn: idle processes that die with their parent ----------------- */

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	stop = 1;
}

static int
cmd_spawn(int target, int secs)
{
	pid_t *kids, self = getpid();
	int n = 0, want = target - count_pids(), i;
	time_t deadline = time(NULL) + secs;

	if (want < 0)
		want = 0;
	kids = calloc((size_t)want + 1, sizeof(*kids));
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	for (i = 0; i < want; i++) {
		pid_t p = fork();

		if (p == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			if (getppid() != self)
				_exit(0);
			for (;;)
				pause();
		}
		if (p < 0) {
			fprintf(stderr, "bench_probe: fork %d: %s\n", i,
			    strerror(errno));
			break;
		}
		kids[n++] = p;
	}
	printf("ready %d\n", count_pids());
	fflush(stdout);
	/* Bounded: a driver that died cannot leave them behind for long. */
	while (!stop && time(NULL) < deadline)
		sleep(1);
	for (i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
	free(kids);
	return 0;
}

/* ---- the methods ------------------------------------------------------- */

/* The naive floor: path per file, one open/read/close each. */
static void
naive_tick(struct bench *b, int nfiles)
{
	static const char *const names[] = { "stat", "statm", "status", "io" };
	char path[300], buf[8192];
	DIR *d = opendir("/proc");
	struct dirent *de;
	size_t n = 0;
	int i;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		for (i = 0; i < nfiles; i++) {
			int fd;
			ssize_t r;

			snprintf(path, sizeof path, "/proc/%s/%s", de->d_name,
			    names[i]);
			if ((fd = open(path, O_RDONLY)) < 0)
				break;
			r = read(fd, buf, sizeof buf);
			close(fd);
			if (r > 0)
				b->sink += (unsigned char)buf[r / 2];
		}
		n++;
	}
	closedir(d);
	b->nproc = n;
}

/* One tick of method m: the function callgrind toggles on. */
__attribute__((noinline)) void bench_tick(struct bench *, enum method);

void
bench_tick(struct bench *b, enum method m)
{
	switch (m) {
	case M_HISTOP:
	case M_NOCACHE:
		snapshot_clear(b->snap);
		probe_processes(m == M_HISTOP ? b->cached : b->uncached, b->snap);
		b->nproc = b->snap->nproc;
		break;
	case M_NAIVE:
		naive_tick(b, 4);
		break;
	default:
		naive_tick(b, 2);
		break;
	}
}

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
bench_init(struct bench *b)
{
	struct probe_options o = { .proc_root = "/proc",
		.areas = 1u << AREA_PROCESSES, .proc_cgroups = true };
	char err[256];

	memset(b, 0, sizeof(*b));
	b->cached = probe_collector_new(&o, err, sizeof err);
	b->uncached = probe_collector_new(&o, err, sizeof err);
	if (b->cached == NULL || b->uncached == NULL) {
		fprintf(stderr, "bench_probe: %s\n", err);
		exit(1);
	}
	linux_procs_set_refresh(b->uncached, 1);
	b->snap = snapshot_new();
}

static void
bench_fini(struct bench *b)
{
	probe_collector_free(b->cached);
	probe_collector_free(b->uncached);
	snapshot_free(b->snap);
}

/* Check a histop tick filled what it should (the benchmark is void if not). */
static void
check_filled(struct bench *b)
{
	size_t i, io = 0, cmd = 0, uid = 0;

	for (i = 0; i < b->snap->nproc; i++) {
		const struct snap_proc *p = &b->snap->proc[i];

		io += HAVE(p->have, PROC_READ_BYTES);
		cmd += HAVE(p->have, PROC_CMDLINE);
		uid += HAVE(p->have, PROC_UID) && HAVE(p->have, PROC_SWAP);
	}
	fprintf(stderr, "# histop tick: %zu processes, io known for %zu, "
	    "cmdline for %zu, uid+swap for %zu\n", b->snap->nproc, io, cmd,
	    uid);
}

static int
cmd_measure(int ticks, int rounds)
{
	struct bench b;
	double t[M_N] = { 0 };
	size_t seen[M_N] = { 0 };
	int r, i, m;

	bench_init(&b);
	for (m = 0; m < M_N; m++) /* warm up: fill the cache, fault in pages */
		bench_tick(&b, (enum method)m);
	check_filled(&b);
	for (r = 0; r < rounds; r++) {
		for (m = 0; m < M_N; m++) {
			double t0 = cpu_now();

			for (i = 0; i < ticks; i++)
				bench_tick(&b, (enum method)m);
			t[m] += cpu_now() - t0;
			seen[m] = b.nproc;
		}
	}
	printf("%-8s %7s %12s %14s %9s\n", "method", "procs", "ms/tick",
	    "us/proc/tick", "x naive");
	for (m = 0; m < M_N; m++) {
		double per_tick = t[m] / (ticks * rounds);
		double per_proc = per_tick / (double)(seen[m] ? seen[m] : 1);
		double naive = t[M_NAIVE] / (ticks * rounds) /
		    (double)(seen[M_NAIVE] ? seen[M_NAIVE] : 1);

		printf("%-8s %7zu %12.3f %14.2f %9.2f\n", method_names[m],
		    seen[m], per_tick * 1e3, per_proc * 1e6, per_proc / naive);
	}
	bench_fini(&b);
	return 0;
}

static int
cmd_one(const char *name, int ticks)
{
	struct bench b;
	int m, i;

	for (m = 0; m < M_N && strcmp(method_names[m], name) != 0; m++)
		;
	if (m == M_N) {
		fprintf(stderr, "bench_probe: unknown method %s\n", name);
		return 2;
	}
	bench_init(&b);
	/* The first tick (cache fill) runs as "warm", outside the counted ones. */
	snapshot_clear(b.snap);
	probe_processes(m == M_HISTOP ? b.cached : b.uncached, b.snap);
	for (i = 0; i < ticks; i++)
		bench_tick(&b, (enum method)m);
	printf("%s %zu processes %d ticks\n", name, b.nproc, ticks);
	bench_fini(&b);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_probe spawn N [SECS] | measure [-t TICKS] "
	    "[-r ROUNDS] | one METHOD [-t TICKS]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	int ticks = 10, rounds = 3, ch;
	const char *cmd;

	if (argc < 2)
		usage();
	cmd = argv[1];
	if (strcmp(cmd, "spawn") == 0)
		return argc >= 3 ? cmd_spawn(atoi(argv[2]),
		    argc > 3 ? atoi(argv[3]) : 900) : (usage(), 2);
	optind = strcmp(cmd, "one") == 0 ? 3 : 2;
	if (optind > argc)
		usage();
	while ((ch = getopt(argc, argv, "t:r:")) != -1) {
		switch (ch) {
		case 't':
			ticks = atoi(optarg);
			break;
		case 'r':
			rounds = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (ticks <= 0 || rounds <= 0)
		usage();
	if (strcmp(cmd, "measure") == 0)
		return cmd_measure(ticks, rounds);
	if (strcmp(cmd, "one") == 0)
		return cmd_one(argv[2], ticks);
	usage();
	return 2;
}
