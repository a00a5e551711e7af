/*
 * gen_history.c: write a deterministic synthetic history (synth.h) into a
 * histop database through the store's writer API, for the time-travel
 * tests and benchmarks. Optionally keeps appending in real time, to play a
 * recorder that a replay must follow. Depends on db and core.
 *
 *   gen_history DB [-n SAMPLES] [-i SECONDS] [-p PROCS] [-s START_EPOCH]
 *       [-1 T1] [-2 T2] [-k SPIKE] [-f MS -x EXTRA]
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "tests/timetravel/synth.h"

static void
usage(void)
{
	fputs("usage: gen_history DB [-n samples] [-i seconds] [-p procs] "
	    "[-s start_epoch] [-1 t1] [-2 t2] [-k spike] [-f ms -x extra] "
	    "[-q]\n", stderr);
	exit(2);
}

static long long
num(const char *s, long long lo, long long hi, const char *what)
{
	const char *e = NULL;
	long long v = strtonum(s, lo, hi, &e);

	if (e != NULL)
		errx(2, "%s: %s: %s", what, s, e);
	return v;
}

static void
put(struct db *db, const struct synth *y, uint64_t i, struct snapshot *s)
{
	struct db_error e;

	synth_sample(y, i, s);
	if (db_write(db, s, &e) != DB_OK)
		errx(1, "sample %llu: %s", (unsigned long long)i, e.msg);
}

int
main(int argc, char **argv)
{
	struct db_writer_options wo = { .no_retention = true };
	struct synth y;
	struct snapshot *s;
	struct db_error e;
	struct db *db;
	long long n = 100, follow_ms = 0, extra = 0, i;
	int c, quiet = 0;
	struct timespec t0, t1;

	synth_defaults(&y);
	if (argc < 2 || argv[1][0] == '-')
		usage();
	optind = 2;
	while ((c = getopt(argc, argv, "n:i:p:s:1:2:k:f:x:q")) != -1) {
		switch (c) {
		case 'n':
			n = num(optarg, 1, 100000000, "-n");
			break;
		case 'i':
			y.interval_ns = num(optarg, 1, 86400, "-i") *
			    INT64_C(1000000000);
			break;
		case 'p':
			y.nprocs = (int)num(optarg, 0, 2900, "-p");
			break;
		case 's':
			y.start_s = num(optarg, 0, INT64_C(1) << 40, "-s");
			break;
		case '1':
			y.t1 = (uint64_t)num(optarg, 0, 100000000, "-1");
			break;
		case '2':
			y.t2 = (uint64_t)num(optarg, 0, 100000000, "-2");
			break;
		case 'k':
			y.spike = (uint64_t)num(optarg, 0, 100000000, "-k");
			break;
		case 'f':
			follow_ms = num(optarg, 1, 60000, "-f");
			break;
		case 'x':
			extra = num(optarg, 0, 100000000, "-x");
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	/* No retention: the samples' wall times are fixed in the past. */
	if ((db = db_open_writer(argv[1], &wo, &e)) == NULL)
		errx(1, "%s", e.msg);
	s = snapshot_new();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		put(db, &y, (uint64_t)i, s);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!quiet)
		fprintf(stderr, "gen_history: %lld samples in %.1f s\n", n,
		    (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	/* Follow mode: a recorder appending in real time. */
	for (i = 0; i < extra; i++) {
		struct timespec ts = { follow_ms / 1000,
			(follow_ms % 1000) * 1000000 };

		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
		put(db, &y, (uint64_t)(n + i), s);
	}
	snapshot_free(s);
	db_close(db);
	return 0;
}
