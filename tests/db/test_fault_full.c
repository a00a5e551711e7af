/*
 * test_fault_full.c: disk full without root. SQLite's max_page_count on
 * the writer's own connection (reached through db_int.h: a test seam, not
 * an API) makes every write that needs a new page fail with SQLITE_FULL,
 * as a full filesystem would. Each failure is DB_ERR_FULL (transient),
 * leaves no row of the failed sample behind and the file intact; once the
 * limit is raised the next sample is stored, numbered on from the last
 * committed one and exact (its process changes are against the last
 * *committed* sample, not the lost ones).
 */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "db/db_int.h"
#include "synth.h"
#include "tap.h"

#define NPROC 300
/* Lines of PRAGMA integrity_check other than "ok". */
#define INTEGRITY_BAD "SELECT count(*) FROM pragma_integrity_check " \
    "WHERE integrity_check != 'ok'"

int
main(void)
{
	char dir[] = "/tmp/histop-fault-XXXXXX", path[512], sql[512];
	struct snapshot *s = snapshot_new(), *got = snapshot_new();
	struct db_writer_options wo = { 0 };
	struct db_error e;
	struct db *db, *rd;
	enum db_status st = DB_OK;
	uint64_t committed;
	int i, nfull = 0, other = 0, next;
	long long pages;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/history.db", dir);
	wo.no_retention = true;
	db = db_open_writer(path, &wo, &e);
	ok(db != NULL, "writer opens");
	if (db == NULL)
		return tap_done();
	for (i = 0; i < 5; i++) {
		synth_fill(s, i, NPROC);
		db_write(db, s, NULL);
	}
	committed = db_last_written(db);
	is_u64(committed, 5, "5 samples before the disk fills");

	/* The disk is full: not one more page. */
	pages = db_int(db, "PRAGMA page_count", 0);
	snprintf(sql, sizeof(sql), "PRAGMA max_page_count = %lld", pages);
	ok(db_exec(db, sql) == SQLITE_OK, "page budget set to the %lld pages "
	    "in use", pages);
	for (next = 5; next < 25; next++) {
		synth_fill(s, next, NPROC);
		st = db_write(db, s, &e);
		if (st == DB_ERR_FULL)
			nfull++;
		else if (st != DB_OK)
			other++;
	}
	ok(nfull > 0, "writes fail with DB_ERR_FULL (%d of 20)", nfull);
	is_int(other, 0, "and with nothing else");
	ok(db_status_transient(DB_ERR_FULL), "which is transient: keep "
	    "sampling");
	ok(strstr(e.msg, "disk or quota full") != NULL &&
	    strstr(e.msg, path) != NULL, "message names the file and says "
	    "full: %s", e.msg);
	committed = db_last_written(db);
	is_int((int)synth_q1(path, "SELECT count(*) FROM sample"), (int)committed,
	    "only the committed samples exist");
	snprintf(sql, sizeof(sql), "SELECT (SELECT count(*) FROM cpu WHERE "
	    "seq > %llu) + (SELECT count(*) FROM proc WHERE seq > %llu) + "
	    "(SELECT count(*) FROM process WHERE first_seq > %llu)",
	    (unsigned long long)committed, (unsigned long long)committed,
	    (unsigned long long)committed);
	is_int((int)synth_q1(path, sql), 0, "no row of a failed sample left behind");
	is_int((int)synth_q1(path, INTEGRITY_BAD), 0, "integrity_check ok while full");

	/* Space returns. */
	ok(db_exec(db, "PRAGMA max_page_count = 1073741823") == SQLITE_OK,
	    "space returns");
	synth_fill(s, next, NPROC);
	is_int(db_write(db, s, &e), DB_OK, "the next sample is stored");
	is_u64(db_last_written(db), committed + 1, "numbered on from the last "
	    "committed sample");
	db_close(db);
	rd = db_open_reader(path, &e);
	ok(rd != NULL && db_snapshot(rd, committed + 1, got) == DB_OK &&
	    synth_compare(s, got) == 0, "and it reads back exactly");
	db_close(rd);
	is_int((int)synth_q1(path, INTEGRITY_BAD), 0, "integrity_check ok after");
	snapshot_free(s);
	snapshot_free(got);
	synth_rmtree(dir);
	return tap_done();
}
