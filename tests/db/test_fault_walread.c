/*
 * test_fault_walread.c: histop's own reader (time travel, replay,
 * export) must not hold a read transaction between calls: a handle kept
 * open across ticks that did would pin the WAL, which then grows for as
 * long as the UI stays open. After each reader API call on a handle that
 * stays open, the writer writes a sample and a third connection runs a
 * TRUNCATE checkpoint without waiting: it succeeds (no reader is left
 * inside a transaction) and the WAL is empty. The writer alone is checked
 * the same way first (a statement it left unfinished would pin the WAL
 * too). Then 600 samples, each followed by a reader call in rotation on
 * the same open handle: the WAL never grows past the writer's bound, and
 * every sample is there.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

#define NPROC 120
#define NCALLS 11
/* journal_size_limit plus one autocheckpoint's worth of frames. */
#define WAL_BOUND ((1 << 20) + 256 * (4096 + 24))

static const char *const call_name[NCALLS] = {
	"db_first", "db_last", "db_seek_time", "db_step", "db_samples",
	"db_snapshot", "db_series", "db_proc_history", "db_get_info",
	"db_step past the end", "db_snapshot of a missing sample",
};

static struct snapshot *snap;

/* Call number c of the reader API on r. */
static void
call(struct db *r, int c)
{
	struct db_sample a, b, *list = NULL;
	struct db_bucket bk[20];
	struct db_proc_point *pts = NULL;
	struct db_info info;
	size_t n;

	if (db_first(r, &a) != DB_OK || db_last(r, &b) != DB_OK)
		return;
	/* Start afresh: the two calls above are checked as calls 0 and 1. */
	switch (c) {
	case 0:
	case 1:
		break;
	case 2:
		db_seek_time(r, (a.wall_ns + b.wall_ns) / 2, DB_SEEK_NEAREST,
		    &a);
		break;
	case 3:
		db_step(r, a.seq, 1, &a);
		break;
	case 4:
		db_samples(r, a.wall_ns, b.wall_ns, &list, &n);
		free(list);
		break;
	case 5:
		db_snapshot(r, (a.seq + b.seq) / 2, snap);
		break;
	case 6:
		db_series(r, DBM_CPU_USAGE, a.wall_ns, b.wall_ns, 20, bk);
		break;
	case 7:
		/* synth's busy process: pid 100 */
		db_snapshot(r, b.seq, snap);
		if (snap->nproc > 0) {
			size_t i;

			for (i = 0; i < snap->nproc; i++)
				if (snap->proc[i].pid == 100)
					break;
			if (i < snap->nproc)
				db_proc_history(r, 100,
				    snap->proc[i].start_time_ns, a.wall_ns,
				    b.wall_ns, &pts, &n);
			free(pts);
		}
		break;
	case 8:
		db_get_info(r, &info);
		break;
	case 9:
		db_step(r, b.seq, 1, &a);
		break;
	case 10:
		db_snapshot(r, b.seq + 1000, snap);
		break;
	}
}

static long long
wal_size(const char *path)
{
	char wal[600];
	struct stat st;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	return stat(wal, &st) == 0 ? (long long)st.st_size : 0;
}

int
main(void)
{
	char dir[] = "/tmp/histop-fault-XXXXXX", path[512], nm[160];
	struct db_error e;
	struct db *w, *r;
	sqlite3 *ck;
	int i, c, rc, seq = 0, pinned = 0;
	long long maxwal = 0;

	snap = snapshot_new();
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/history.db", dir);
	w = db_open_writer(path, NULL, &e);
	ok(w != NULL, "writer opens");
	if (w == NULL)
		return tap_done();
	for (; seq < 20; seq++) {
		synth_fill(snap, seq, NPROC);
		db_write(w, snap, NULL);
	}
	/* The checker reads once, so that its connection has the WAL open
	 * (a checkpoint on a connection that never read does nothing). */
	if (sqlite3_open_v2(path, &ck, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK || sqlite3_exec(ck, "SELECT count(*) FROM sample",
	    NULL, NULL, NULL) != SQLITE_OK)
		return 1;

	/* The writer alone: nothing pins the WAL. */
	synth_fill(snap, seq++, NPROC);
	db_write(w, snap, NULL);
	rc = sqlite3_wal_checkpoint_v2(ck, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL);
	ok(rc == SQLITE_OK && wal_size(path) == 0, "the writer between "
	    "samples holds no read transaction (checkpoint rc %d, WAL %lld "
	    "bytes)", rc, wal_size(path));

	r = db_open_reader(path, &e);
	ok(r != NULL, "reader opens beside the writer");
	if (r == NULL)
		return tap_done();
	for (c = 0; c < NCALLS; c++) {
		call(r, c);
		synth_fill(snap, seq++, NPROC);
		db_write(w, snap, NULL);
		rc = sqlite3_wal_checkpoint_v2(ck, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		snprintf(nm, sizeof(nm), "%s leaves no read transaction "
		    "open (checkpoint rc %d, WAL %lld bytes)", call_name[c],
		    rc, wal_size(path));
		ok(rc == SQLITE_OK && wal_size(path) == 0, "%s", nm);
	}
	sqlite3_close(ck);

	/* A handle open across 600 ticks, used at each. */
	for (i = 0; i < 600; i++) {
		synth_fill(snap, seq++, NPROC);
		if (db_write(w, snap, &e) != DB_OK && pinned++ < 3)
			printf("# write: %s\n", e.msg);
		call(r, i % NCALLS);
		if (wal_size(path) > maxwal)
			maxwal = wal_size(path);
	}
	ok(maxwal <= WAL_BOUND, "600 samples with the reader open and used "
	    "at each: the WAL stays bounded (at most %lld bytes)", maxwal);
	is_int(pinned, 0, "every write succeeded");
	db_close(r);
	db_close(w);
	is_int((int)synth_q1(path, "SELECT count(*) FROM sample"), seq,
	    "every sample is there");
	snapshot_free(snap);
	synth_rmtree(dir);
	return tap_done();
}
