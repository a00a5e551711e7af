/*
 * test_db_migrate.c: a database written at schema version 1 (the stored
 * fixture tests/db/fixtures/v1.sql) is migrated by the writer to the
 * current version in place: every row kept, snapshots read back the same,
 * recording continues after the old samples. A reader refuses the old
 * version without touching it.
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "synth.h"
#include "tap.h"

int
main(void)
{
	const char *src = getenv("top_srcdir");
	char dir[] = "/tmp/histop-mig-XXXXXX", path[512], fx[1024];
	struct snapshot *s = snapshot_new();
	const struct snap_proc *p;
	struct db_error e;
	struct db *db;
	sqlite3 *h;
	char *sql;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/v1.db", dir);
	snprintf(fx, sizeof(fx), "%s/tests/db/fixtures/v1.sql",
	    src != NULL ? src : ".");
	sql = synth_slurp(fx);
	ok(sql != NULL, "fixture read");
	if (sql == NULL)
		return tap_done();
	ok(sqlite3_open(path, &h) == SQLITE_OK &&
	    sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK,
	    "version 1 database built from the fixture");
	sqlite3_close(h);
	free(sql);
	is_int(synth_q1(path, "PRAGMA user_version"), 1, "fixture is version 1");

	db = db_open_reader(path, &e);
	ok(db == NULL && e.code == DB_ERR_NEWER &&
	    strstr(e.msg, "older") != NULL, "reader refuses version 1, says "
	    "to migrate");
	is_int(synth_q1(path, "PRAGMA user_version"), 1, "... and leaves it alone");

	db = db_open_writer(path, NULL, &e);
	ok(db != NULL, "writer opens (and migrates) version 1");
	if (db == NULL) {
		printf("# %s\n", e.msg);
		return tap_done();
	}
	synth_fill(s, 10, 20);
	is_int(db_write(db, s, &e), DB_OK, "a new sample after the old ones");
	is_u64(db_last_written(db), 3, "numbering continues after seq 2");
	db_close(db);

	is_int(synth_q1(path, "PRAGMA user_version"), db_schema_version(),
	    "migrated to the current version");
	is_int(synth_q1(path, "PRAGMA application_id"), 0x48495354, "stamp kept");
	is_int(synth_q1(path, "SELECT count(*) FROM proc WHERE seq <= 2"), 3,
	    "old process rows kept");
	is_int(synth_q1(path, "SELECT count(*) FROM sample WHERE ncpu_online IS NULL "
	    "AND seq <= 2"), 2, "new column NULL (unknown) for old samples");
	is_int(synth_q1(path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
	    "('rollup_proc', 'cpu_percent', 'memory', 'process_row', "
	    "'top_process', 'sample_time')"), 6, "new table and views exist");
	is_int(synth_q1(path, "PRAGMA integrity_check") == -1, 0, "integrity check");

	db = db_open_reader(path, &e);
	ok(db != NULL, "reader opens the migrated database");
	ok(db != NULL && db_snapshot(db, 2, s) == DB_OK, "old sample 2 reads");
	is_int(s->nproc, 2, "two processes at sample 2");
	is_int(s->wall_ns, INT64_C(1795576322000000000), "wall time kept");
	p = snapshot_find_proc(s, 4242);
	ok(p != NULL && p->total_time_ns == 2500000000ULL &&
	    p->rss_bytes == 6291456, "changed process: its newer row");
	ok(p != NULL && HAVE(p->have, PROC_USAGE_PERCENT),
	    "rates derived across old samples");
	is_dbl(p != NULL ? p->usage_percent : -1, 75.0, 1e-9,
	    "1.5 s CPU over 2 s = 75%%");
	ok(p != NULL && p->cmdline != NULL && memcmp(p->cmdline, "-bash\xff",
	    6) == 0, "BLOB command line byte-exact");
	ok(p != NULL && !HAVE(p->have, PROC_CGROUP), "cgroup unknown in a v1 "
	    "row, not empty");
	p = snapshot_find_proc(s, 1);
	ok(p != NULL && p->rss_bytes == 8388608 && strcmp(p->comm, "init") == 0,
	    "idle process carried from its only row");
	is_dbl(s->cpu[0].usage_percent, 100.0 * 1.0 / 1.5, 1e-9,
	    "CPU% from old counters");
	db_close(db);
	snapshot_free(s);
	if (getenv("KEEP") == NULL)
		synth_rmtree(dir);
	return tap_done();
}
