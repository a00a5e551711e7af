/*
 * record.c: recording while live — each sample goes to the history store
 * through its writer API (db/db.h). The UI only needs open / write /
 * close and a line for the status bar: another writer ("already recording
 * (pid N)"), a full disk or a read-only file become that line and the UI
 * carries on; transient write errors are retried with the next sample.
 * Depends on db and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "db/db.h"

struct ui_recorder {
	struct db *db;
	enum db_status last; /* the error of the previous write, or DB_OK */
	bool stopped;        /* a permanent error: no more writes */
};

struct ui_recorder *
recorder_open(const char *path, char *msg, size_t len)
{
	struct ui_recorder *r;
	struct db_error e;
	char *def = NULL;
	struct db *db;
	int mode;

	if (path == NULL && (path = def = paths_default_db()) == NULL) {
		snprintf(msg, len, _("not recording: no home directory for the "
		    "history database (use --db)"));
		return NULL;
	}
	memset(&e, 0, sizeof(e));
	db = db_open_writer(path, NULL, &e);
	free(def);
	if (db == NULL) {
		if (e.code == DB_ERR_LOCKED && e.pid > 0)
			snprintf(msg, len, _("not recording: another histop "
			    "(pid %ld) records this database"), (long)e.pid);
		else
			snprintf(msg, len, _("not recording: %s"), e.msg);
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->db = db;
	msg[0] = '\0';
	if ((mode = db_exposed_mode(db)) != 0)
		snprintf(msg, len, _("warning: the history database is readable "
		    "by others (mode %04o); chmod 600 it"), (unsigned)mode);
	return r;
}

int
recorder_write(struct ui_recorder *r, const struct snapshot *s, char *msg,
    size_t len)
{
	struct db_error e;
	enum db_status st;

	if (r->stopped) {
		snprintf(msg, len, _("not recording: %s"), db_errmsg(r->db));
		return -1;
	}
	memset(&e, 0, sizeof(e));
	st = db_write(r->db, s, &e);
	if (st == DB_OK) {
		r->last = DB_OK;
		return 0;
	}
	if (!db_status_transient(st))
		r->stopped = true;
	r->last = st;
	snprintf(msg, len, "%s: %s", r->stopped ? _("recording stopped") :
	    _("recording paused (will retry)"), e.msg[0] != '\0' ? e.msg :
	    db_errmsg(r->db));
	return -1;
}

bool
recorder_active(const struct ui_recorder *r)
{
	return r != NULL && !r->stopped && r->last == DB_OK;
}

void
recorder_close(struct ui_recorder *r)
{
	if (r == NULL)
		return;
	db_close(r->db);
	free(r);
}
