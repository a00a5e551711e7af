/*
 * bench_db_reader.c: reader API speed on a day of history. Generates (once,
 * through db_write, with retention on as a recorder runs it) 24 h at a 2 s
 * interval of a ~300-process host where 15 processes change each sample
 * (and I/O pressure is unknown, as on a kernel without PSI), then times the
 * full snapshot nearest random times T across the day, a 24-hour series of
 * one metric in 200 buckets (known metrics, and the unknown one), and a
 * 1-hour series. Not a test: prints a table.
 *
 *   make bench && bench/bench_db_reader [-n QUERIES] [DB]
 *
 * DB (default /tmp/histop-bench-day.db) is reused when it exists, so the
 * slow generation happens once. Depends on db, core and tests/db/synth.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"

#define NPROC 300
#define DAY_SAMPLES (86400 / 2)

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

/* Sample i of the synthetic host, with 15 more processes busy in turn. */
static void
fill(struct snapshot *s, int i)
{
	size_t k;

	synth_fill(s, i, NPROC);
	/* synth's available memory falls 1 MiB a sample and would wrap
	 * after 4.5 h: keep it a sawtooth. */
	s->mem.v[MEM_AVAILABLE] = (8ULL << 30) - (uint64_t)(i % 4096) *
	    1048576;
	/* A kernel without I/O pressure: that metric is unknown all day. */
	s->psi[PSI_IO].some.have = s->psi[PSI_IO].full.have = false;
	for (k = 0; k < s->nproc; k++) {
		struct snap_proc *p = &s->proc[k];

		if (p->pid % 20 != i % 20)
			continue;
		p->user_time_ns += (uint64_t)i * 3000000;
		p->total_time_ns = p->user_time_ns + p->system_time_ns;
		p->rss_bytes += (uint64_t)(i % 50) * 4096;
	}
}

static int
generate(const char *path)
{
	struct snapshot *s = snapshot_new();
	struct db_error e;
	struct db *db;
	double t0 = now_ms();
	int i;

	/* The retention clock is the samples' wall time: the whole day is
	 * within the raw tier and rollups are built as a recorder would. */
	db = db_open_writer(path, NULL, &e);
	if (db == NULL) {
		fprintf(stderr, "bench_db_reader: %s\n", e.msg);
		return -1;
	}
	for (i = 0; i < DAY_SAMPLES; i++) {
		fill(s, i);
		if (db_write(db, s, &e) != DB_OK) {
			fprintf(stderr, "bench_db_reader: sample %d: %s\n", i,
			    e.msg);
			db_close(db);
			return -1;
		}
		if (i % 5000 == 0)
			fprintf(stderr, "\r%d/%d samples", i, DAY_SAMPLES);
	}
	db_close(db);
	snapshot_free(s);
	fprintf(stderr, "\rgenerated %d samples in %.1f s (%.2f ms/sample)\n",
	    DAY_SAMPLES, (now_ms() - t0) / 1e3,
	    (now_ms() - t0) / DAY_SAMPLES);
	return 0;
}

static void
report(const char *what, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof(*ms), cmp_dbl);
	printf("%-44s %6d %9.2f %9.2f %9.2f\n", what, n, ms[n / 2],
	    ms[n * 9 / 10], ms[n - 1]);
}

int
main(int argc, char **argv)
{
	const char *path = "/tmp/histop-bench-day.db";
	struct snapshot *s = snapshot_new();
	struct db_bucket b[200];
	struct db_sample first, last, smp;
	struct db_info info;
	struct db_error e;
	struct stat st;
	struct db *db;
	double *ms, t, worst = 0;
	int worst_m = 0, worst_q = 0;
	int c, q, nq = 200, tiers[3] = { 0, 0, 0 };
	unsigned seed = 42;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c == 'n' && atoi(optarg) > 0)
			nq = atoi(optarg);
		else {
			fprintf(stderr, "usage: bench_db_reader [-n QUERIES] "
			    "[DB]\n");
			return 2;
		}
	}
	if (optind < argc)
		path = argv[optind];
	if (stat(path, &st) != 0 && generate(path) != 0)
		return 1;
	ms = calloc((size_t)nq, sizeof(*ms));

	t = now_ms();
	db = db_open_reader(path, &e);
	if (db == NULL) {
		fprintf(stderr, "bench_db_reader: %s\n", e.msg);
		return 1;
	}
	printf("# open reader: %.2f ms\n", now_ms() - t);
	if (db_get_info(db, &info) != DB_OK || db_first(db, &first) != DB_OK ||
	    db_last(db, &last) != DB_OK) {
		fprintf(stderr, "bench_db_reader: %s\n", db_errmsg(db));
		return 1;
	}
	printf("# %s: %llu samples over %.1f h, %.1f MiB, up to %u processes"
	    "; rollups %llu (1 min) %llu (10 min)\n", path,
	    (unsigned long long)info.samples,
	    (double)(last.wall_ns - first.wall_ns) / 3.6e12,
	    (double)info.size_bytes / 1048576.0, last.nproc,
	    (unsigned long long)info.tier[1].rows,
	    (unsigned long long)info.tier[2].rows);
	printf("# command: bench/bench_db_reader -n %d %s\n", nq, path);
	printf("%-44s %6s %9s %9s %9s\n", "query (ms)", "n", "median", "p90",
	    "max");

	for (q = 0; q < nq; q++) {
		int64_t when = first.wall_ns + (int64_t)((double)rand_r(&seed) /
		    RAND_MAX * (double)(last.wall_ns - first.wall_ns));

		t = now_ms();
		if (db_seek_time(db, when, DB_SEEK_NEAREST, &smp) != DB_OK ||
		    db_snapshot(db, smp.seq, s) != DB_OK) {
			fprintf(stderr, "bench_db_reader: %s\n", db_errmsg(db));
			return 1;
		}
		ms[q] = now_ms() - t;
		if (s->nproc < NPROC - 2)
			fprintf(stderr, "bench_db_reader: short snapshot "
			    "(%zu processes)\n", s->nproc);
	}
	report("full snapshot nearest random T (seek+load)", ms, nq);

	for (q = 0; q < nq; q++) {
		int m = q % (DBM_NMETRICS - 1);

		if (m >= DBM_PSI_IO)
			m++; /* unknown all day: timed below */

		t = now_ms();
		if (db_series(db, (enum db_metric)m, first.wall_ns,
		    last.wall_ns, 200, b) != DB_OK) {
			fprintf(stderr, "bench_db_reader: %s\n", db_errmsg(db));
			return 1;
		}
		ms[q] = now_ms() - t;
		tiers[b[100].tier]++;
		if (ms[q] > worst) {
			worst = ms[q];
			worst_m = m;
			worst_q = q;
		}
	}
	report("24 h series, 200 buckets, known metric", ms, nq);
	printf("# series buckets served by tier: raw %d, 1 min %d, 10 min %d; "
	    "slowest: %s, query %d (%.1f ms)\n", tiers[0], tiers[1], tiers[2],
	    db_metric_names[worst_m], worst_q, worst);

	for (q = 0; q < nq && q < 20; q++) {
		t = now_ms();
		if (db_series(db, DBM_PSI_IO, first.wall_ns, last.wall_ns, 200,
		    b) != DB_OK) {
			fprintf(stderr, "bench_db_reader: %s\n", db_errmsg(db));
			return 1;
		}
		ms[q] = now_ms() - t;
	}
	report("24 h series of a metric unknown all day", ms, q);

	for (q = 0; q < nq; q++) {
		int64_t from = first.wall_ns + (int64_t)((double)rand_r(&seed) /
		    RAND_MAX * (double)(last.wall_ns - first.wall_ns -
		    INT64_C(3600000000000)));

		t = now_ms();
		if (db_series(db, DBM_CPU_USAGE, from, from +
		    INT64_C(3600000000000), 200, b) != DB_OK) {
			fprintf(stderr, "bench_db_reader: %s\n", db_errmsg(db));
			return 1;
		}
		ms[q] = now_ms() - t;
	}
	report("1 h series of CPU %, 200 buckets, random hour", ms, nq);
	db_close(db);
	snapshot_free(s);
	free(ms);
	return 0;
}
