/*
 * bench_timetravel.c: cost of time travel against history length. For each
 * database (generated through the store's writer if missing: a ~300
 * process host at 2 s), times what a key press costs before the redraw:
 *   step   Left/Right: history_step() = seek + full snapshot + rates,
 *          then the process table model (filter, sort) for the new moment;
 *   jump   history_jump() to a random time anywhere in the database;
 *   graph  the graphs view over the whole database: 15 series from the
 *          store in 2 x 160 buckets, rendered into cells; each draw a
 *          window one sample later, so no scan is served again.
 * Prints median / 95th percentile / max per operation and size. Not a
 * test: run it by hand (see bench/README or the report in the commit).
 *
 *   bench_timetravel [-r REPS] [-p PROCS] DIR HOURS...
 *   e.g. bench_timetravel /var/tmp/tt 1 24 168
 */
#include "config.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "tests/timetravel/synth.h"
#include "ui/graph.h"
#include "ui/history.h"

#define NS INT64_C(1000000000)
#define GRAPH_COLS 160
#define NMETRICS 15

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *what, const char *size, double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_dbl);
	printf("%-6s %-5s n=%-4d median %7.2f ms  p95 %7.2f ms  max %7.2f ms\n",
	    what, size, n, v[n / 2], v[(n * 95) / 100], v[n - 1]);
}

static void
generate(const char *path, const struct synth *y, uint64_t n)
{
	struct db_writer_options wo = { .no_retention = true };
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct db *db;
	double t0 = now_ms();
	uint64_t i;

	if ((db = db_open_writer(path, &wo, &e)) == NULL)
		errx(1, "%s", e.msg);
	for (i = 0; i < n; i++) {
		synth_sample(y, i, s);
		if (db_write(db, s, &e) != DB_OK)
			errx(1, "%s", e.msg);
	}
	db_close(db);
	snapshot_free(s);
	printf("generated %s: %llu samples in %.1f s\n", path,
	    (unsigned long long)n, (now_ms() - t0) / 1e3);
}

/* Stand-in for the process table model: sort a copy of the rows by RSS,
 * as the UI does for each new moment. */
static int
cmp_rss(const void *a, const void *b)
{
	const struct snap_proc *p = *(const struct snap_proc *const *)a;
	const struct snap_proc *q = *(const struct snap_proc *const *)b;

	return p->rss_bytes < q->rss_bytes ? 1 : p->rss_bytes > q->rss_bytes ?
	    -1 : 0;
}

static void
table_model(const struct snapshot *s)
{
	static const struct snap_proc **rows;
	static size_t cap;
	size_t i;

	if (s == NULL)
		return;
	if (s->nproc > cap) {
		cap = s->nproc;
		rows = reallocarray(rows, cap, sizeof *rows);
	}
	for (i = 0; i < s->nproc; i++)
		rows[i] = &s->proc[i];
	qsort(rows, s->nproc, sizeof *rows, cmp_rss);
}

static void
bench(const char *path, const char *label, const struct synth *y,
    uint64_t n, int reps)
{
	struct history *h = history_new(path, true);
	struct db_bucket bk[2 * GRAPH_COLS];
	struct graph_bucket gb[2 * GRAPH_COLS];
	static struct graph_cell cells[GRAPH_COLS * 4];
	double *v = calloc((size_t)reps, sizeof *v);
	int64_t first = y->start_s * NS, last = first + (int64_t)(n - 1) *
	    y->interval_ns;
	char e[256];
	int r, m;
	size_t k;

	if (!history_open(h, e, sizeof e))
		errx(1, "%s", e);
	srandom(42);

	/* step: alternate back and forward from random places */
	for (r = 0; r < reps; r++) {
		int64_t t = first + (int64_t)((double)random() / RAND_MAX *
		    (double)(last - first));
		double t0;

		history_jump(h, t);
		t0 = now_ms();
		history_step(h, r % 2 ? 1 : -1, 0, last);
		table_model(history_snapshot(h));
		v[r] = now_ms() - t0;
	}
	report("step", label, v, reps);

	for (r = 0; r < reps; r++) {
		int64_t t = first + (int64_t)((double)random() / RAND_MAX *
		    (double)(last - first));
		double t0 = now_ms();

		history_jump(h, t);
		table_model(history_snapshot(h));
		v[r] = now_ms() - t0;
	}
	report("jump", label, v, reps);

	for (r = 0; r < reps / 10 + 1; r++) {
		struct db *db = history_db(h);
		double t0 = now_ms();
		int64_t bw = (last - first) / (2 * GRAPH_COLS) + 1;
		/* each draw a window one interval later: nothing reused */
		int64_t w0 = first + r * y->interval_ns;

		for (m = 0; m < NMETRICS; m++) {
			struct graph_spec g = { gb, 2 * GRAPH_COLS, 0, 0,
				GRAPH_COLS, 2, GRAPH_BRAILLE, true, 10 };

			if (db_series(db, (enum db_metric)m, w0, w0 +
			    bw * 2 * GRAPH_COLS, 2 * GRAPH_COLS, bk) != DB_OK)
				errx(1, "series: %s", db_errmsg(db));
			for (k = 0; k < 2 * GRAPH_COLS; k++) {
				gb[k].have = bk[k].n > 0;
				gb[k].min = bk[k].min;
				gb[k].avg = bk[k].avg;
				gb[k].max = bk[k].max;
			}
			graph_render(&g, cells);
		}
		v[r] = now_ms() - t0;
	}
	report("graph", label, v, reps / 10 + 1);
	history_free(h);
	free(v);
}

int
main(int argc, char **argv)
{
	struct synth y;
	int c, reps = 200, i;
	const char *dir;

	setvbuf(stdout, NULL, _IOLBF, 0); /* progress shows as it comes */
	synth_defaults(&y);
	while ((c = getopt(argc, argv, "r:p:")) != -1) {
		switch (c) {
		case 'r':
			reps = atoi(optarg);
			break;
		case 'p':
			y.nprocs = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind < 2 || reps < 1)
		goto usage;
	dir = argv[optind++];
	mkdir(dir, 0700);
	for (i = optind; i < argc; i++) {
		int hours = atoi(argv[i]);
		uint64_t n = (uint64_t)hours * 3600 * NS /
		    (uint64_t)y.interval_ns;
		char path[512], label[16];
		struct stat st;

		if (hours <= 0)
			goto usage;
		snprintf(path, sizeof path, "%s/tt-%dh-%dp.db", dir, hours,
		    y.nprocs);
		snprintf(label, sizeof label, hours % 24 ? "%dh" : "%dd",
		    hours % 24 ? hours : hours / 24);
		if (stat(path, &st) != 0)
			generate(path, &y, n);
		if (stat(path, &st) == 0)
			printf("%s: %.1f MB, %llu samples of %d processes\n",
			    path, (double)st.st_size / 1e6,
			    (unsigned long long)n, y.nprocs + 3);
		bench(path, label, &y, n, reps);
	}
	return 0;
usage:
	fputs("usage: bench_timetravel [-r reps] [-p procs] DIR HOURS...\n",
	    stderr);
	return 2;
}
