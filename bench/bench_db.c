/*
 * bench_db.c: the store's reader speed on a generated history (not a
 * test). Builds (or reuses) a database of HOURS hours at a 2-second
 * interval of a NPROC-process host through the writer, then times:
 *   - the full snapshot (with derived rates) nearest a random time,
 *   - a series of one metric over the whole range in 200 buckets,
 *   - stepping one sample back,
 *   - one process's history over an hour,
 * and reports the writer's cost per sample and bytes per sample.
 *
 *   bench/bench_db [-h HOURS] [-p NPROC] [-n REPEATS] DB
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Sample i of a host where one process in 20 works every sample and one
 * in 100 changes its memory now and then; a job starts every minute. */
static void
host(struct snapshot *s, int i, int nproc)
{
	size_t k;

	synth_fill(s, i, nproc);
	for (k = 0; k < s->nproc; k++) {
		struct snap_proc *p = &s->proc[k];

		if (p->pid % 20 == 0) {
			p->user_time_ns += (uint64_t)i * 20000000ULL;
			p->total_time_ns = p->user_time_ns + p->system_time_ns;
		}
		if (p->pid % 100 == 7)
			p->rss_bytes += (uint64_t)(i / 30) * 4096;
	}
}

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
report(const char *what, double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_dbl);
	printf("%-40s median %8.3f ms   p90 %8.3f ms   max %8.3f ms\n", what,
	    v[n / 2], v[n * 9 / 10], v[n - 1]);
}

int
main(int argc, char **argv)
{
	int hours = 24, nproc = 300, reps = 50, c, i, nsamp;
	struct db_writer_options o = { .no_retention = true };
	struct snapshot *s = snapshot_new();
	struct db_sample first, last, smp;
	struct db_bucket b[200];
	struct db_proc_point *pts;
	struct db_info info;
	struct db_error e;
	struct stat st;
	struct db *db;
	double *v, t0, c0;
	size_t n;

	while ((c = getopt(argc, argv, "h:p:n:")) != -1) {
		switch (c) {
		case 'h': hours = atoi(optarg); break;
		case 'p': nproc = atoi(optarg); break;
		case 'n': reps = atoi(optarg); break;
		default: return 2;
		}
	}
	if (optind != argc - 1 || hours <= 0 || nproc <= 0 || reps <= 0) {
		fprintf(stderr, "usage: bench_db [-h HOURS] [-p NPROC] "
		    "[-n REPEATS] DB\n");
		return 2;
	}
	nsamp = hours * 1800;
	if (stat(argv[optind], &st) != 0) {
		db = db_open_writer(argv[optind], &o, &e);
		if (db == NULL) {
			fprintf(stderr, "bench_db: %s\n", e.msg);
			return 1;
		}
		t0 = now_ms();
		c0 = cpu_ms();
		for (i = 0; i < nsamp; i++) {
			host(s, i, nproc);
			if (db_write(db, s, &e) != DB_OK) {
				fprintf(stderr, "bench_db: %s\n", e.msg);
				return 1;
			}
		}
		printf("generated %d samples of %d processes: %.3f ms wall, "
		    "%.3f ms CPU per sample written (incl. rollups)\n", nsamp,
		    nproc, (now_ms() - t0) / nsamp, (cpu_ms() - c0) / nsamp);
		db_close(db);
	}
	db = db_open_reader(argv[optind], &e);
	if (db == NULL) {
		fprintf(stderr, "bench_db: %s\n", e.msg);
		return 1;
	}
	db_get_info(db, &info);
	printf("database: %llu samples, %.1f MiB in use, %.0f bytes per "
	    "sample\n", (unsigned long long)info.samples,
	    info.used_bytes / 1048576.0,
	    (double)info.used_bytes / (double)info.samples);
	db_first(db, &first);
	db_last(db, &last);
	v = calloc((size_t)reps, sizeof(*v));
	srand(42);
	for (i = 0; i < reps; i++) {
		int64_t t = first.wall_ns + (int64_t)((double)rand() / RAND_MAX *
		    (double)(last.wall_ns - first.wall_ns));

		t0 = now_ms();
		db_seek_time(db, t, DB_SEEK_NEAREST, &smp);
		db_snapshot(db, smp.seq, s);
		v[i] = now_ms() - t0;
	}
	report("snapshot nearest a random time", v, reps);
	printf("  (%zu processes, rates derived)\n", s->nproc);
	for (i = 0; i < reps; i++) {
		t0 = now_ms();
		db_step(db, smp.seq, -1, &smp);
		db_snapshot(db, smp.seq, s);
		v[i] = now_ms() - t0;
	}
	report("step one sample back", v, reps);
	for (i = 0; i < reps; i++) {
		t0 = now_ms();
		db_series(db, (enum db_metric)(i % DBM_NMETRICS), first.wall_ns,
		    last.wall_ns, 200, b);
		v[i] = now_ms() - t0;
	}
	report("whole-range series, 200 buckets", v, reps);
	for (i = 0; i < reps; i++) {
		int64_t t = first.wall_ns + (int64_t)((double)rand() / RAND_MAX *
		    (double)(last.wall_ns - first.wall_ns));

		t0 = now_ms();
		db_series(db, DBM_CPU_USAGE, t - 3600000000000LL, t, 200, b);
		v[i] = now_ms() - t0;
	}
	report("one-hour series, 200 buckets (raw)", v, reps);
	for (i = 0; i < reps; i++) {
		t0 = now_ms();
		db_proc_history(db, 100, 100000000000ULL, last.wall_ns -
		    3600000000000LL, last.wall_ns, &pts, &n);
		v[i] = now_ms() - t0;
		free(pts);
	}
	report("one process, last hour (1800 points)", v, reps);
	free(v);
	db_close(db);
	snapshot_free(s);
	return 0;
}
