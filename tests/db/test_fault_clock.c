/*
 * test_fault_clock.c: the wall clock jumps 30 days forward under a 7-day
 * retention. Everything recorded is suddenly "too old", yet no single
 * write wipes it: each sample's pruning pass removes a bounded slice, the
 * writer never stalls, every kept snapshot stays whole and exact, and the
 * old data is gone after enough passes. (A clock stepping back is in
 * test_db_retention.)
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

#define NPROC 40
#define NOLD 3000
#define DAY_NS (INT64_C(86400) * 1000000000)

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t
nsamples(struct db *db)
{
	struct db_info info;

	return db_get_info(db, &info) == DB_OK ? info.samples : 0;
}

int
main(void)
{
	char dir[] = "/tmp/histop-fault-XXXXXX", path[512];
	struct db_writer_options wo = { 0 };
	struct snapshot *s = snapshot_new(), *got = snapshot_new();
	struct db_sample first = { 0 }, smp;
	struct db_error e;
	struct db *db, *rd;
	uint64_t before, after, maxdrop = 0, prev;
	double t, maxms = 0;
	int i, fails = 0, passes = 0, bad = 0;
	int64_t jump = 30 * DAY_NS;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/history.db", dir);
	wo.retention_ns = 7 * DAY_NS;
	db = db_open_writer(path, &wo, &e);
	ok(db != NULL, "writer opens with a 7-day retention");
	if (db == NULL)
		return tap_done();
	for (i = 0; i < NOLD; i++) {
		synth_fill(s, i, NPROC);
		fails += db_write(db, s, NULL) != DB_OK;
	}
	is_int(fails, 0, "3000 samples written (100 minutes at 2 s)");
	before = nsamples(db);
	is_u64(before, NOLD, "all kept: well within the retention");

	/* The wall clock jumps 30 days forward; monotonic time goes on. */
	prev = before;
	for (i = NOLD; i < NOLD + 400 && passes < 400; i++) {
		synth_fill(s, i, NPROC);
		s->wall_ns += jump;
		t = now_ms();
		fails += db_write(db, s, NULL) != DB_OK;
		t = now_ms() - t;
		if (t > maxms)
			maxms = t;
		after = nsamples(db);
		/* +1: the sample just written. */
		if (prev + 1 > after && prev + 1 - after > maxdrop)
			maxdrop = prev + 1 - after;
		if (i == NOLD)
			ok(after > 1, "the first pass after the jump does not "
			    "wipe the history (%llu of %llu samples left)",
			    (unsigned long long)after,
			    (unsigned long long)before + 1);
		prev = after;
		passes++;
		if (after <= (uint64_t)(i - NOLD + 1))
			break; /* only post-jump samples left */
	}
	is_int(fails, 0, "writes after the jump all succeed");
	printf("# %d passes, at most %llu samples pruned in one, slowest "
	    "write %.1f ms\n", passes, (unsigned long long)maxdrop, maxms);
	ok(maxdrop > 0 && maxdrop <= 1000, "each pass prunes a bounded slice "
	    "(at most %llu samples)", (unsigned long long)maxdrop);
	ok(passes >= 3, "pruning spread over several passes (%d)", passes);
	ok(maxms < 1000, "no write stalls on the pruning (slowest %.1f ms)",
	    maxms);
	is_u64(nsamples(db), (uint64_t)passes, "in the end only the samples "
	    "after the jump are left");

	/* Whatever is left reads back whole and exact. */
	rd = db_open_reader(path, &e);
	ok(rd != NULL && db_first(rd, &first) == DB_OK, "reader opens");
	for (smp = first; rd != NULL; ) {
		synth_fill(s, (int)(NOLD + smp.seq - first.seq), NPROC);
		s->wall_ns += jump;
		if (db_snapshot(rd, smp.seq, got) != DB_OK ||
		    synth_compare(s, got) != 0)
			bad++;
		if (db_step(rd, smp.seq, 1, &smp) != DB_OK)
			break;
	}
	is_int(bad, 0, "every sample kept reads back exactly");
	db_close(rd);
	db_close(db);
	snapshot_free(s);
	snapshot_free(got);
	synth_rmtree(dir);
	return tap_done();
}
