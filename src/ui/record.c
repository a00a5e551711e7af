/*
 * record.c: recording while live — each sample goes to the history store
 * through its writer API. The UI only needs open / write / close and a
 * line for the status bar; the store's own errors (another writer, disk
 * full) become that line and the UI carries on. Depends on core (and the
 * store once db/db.h is on main).
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>

struct ui_recorder {
	int unused;
};

struct ui_recorder *
recorder_open(const char *path, char *msg, size_t len)
{
	(void)path;
	snprintf(msg, len, "not recording: history store not available");
	return NULL;
}

int
recorder_write(struct ui_recorder *r, const struct snapshot *s, char *msg,
    size_t len)
{
	(void)r;
	(void)s;
	snprintf(msg, len, "not recording");
	return -1;
}

void
recorder_close(struct ui_recorder *r)
{
	free(r);
}
