/* history.c: the time-travel position (LIVE or one stored sample), moves
 * through the store's indexed reader, and the "what changed" mark. Depends
 * on db and core; no curses. */
#include "config.h"

#include "ui/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct history {
	char *path;
	bool replay;
	struct db *db;         /* reader, opened on demand */
	bool open_failed;      /* live: do not retry every key */

	bool live;
	struct db_sample cur;  /* shown sample when !live */
	struct snapshot *snap; /* its snapshot */
	uint64_t followed;     /* replay: seq last returned by follow */
	struct snapshot *tail; /* replay: the followed newest sample */

	bool have_mark;
	struct snapshot *mark;

	char msg[600]; /* room for a db_error message */
};

struct history *
history_new(const char *path, bool replay)
{
	struct history *h = xcalloc(1, sizeof *h);

	h->path = path != NULL ? xstrdup(path) : NULL;
	h->replay = replay;
	h->live = true;
	h->snap = snapshot_new();
	h->tail = snapshot_new();
	h->mark = snapshot_new();
	return h;
}

void
history_free(struct history *h)
{
	if (h == NULL)
		return;
	db_close(h->db);
	snapshot_free(h->snap);
	snapshot_free(h->tail);
	snapshot_free(h->mark);
	free(h->path);
	free(h);
}

static bool
open_reader(struct history *h)
{
	struct db_error e;

	if (h->db != NULL)
		return true;
	if (h->path == NULL) {
		strlcpy(h->msg, "no history database", sizeof h->msg);
		return false;
	}
	if (h->open_failed && !h->replay) {
		strlcpy(h->msg, "no history: the database could not be opened",
		    sizeof h->msg);
		return false;
	}
	if ((h->db = db_open_reader(h->path, &e)) == NULL) {
		h->open_failed = true;
		snprintf(h->msg, sizeof h->msg, "no history: %s", e.msg);
		return false;
	}
	return true;
}

bool
history_open(struct history *h, char *err, size_t errlen)
{
	if (!open_reader(h)) {
		/* the message without the "no history: " prefix */
		const char *m = strncmp(h->msg, "no history: ", 12) == 0 ?
		    h->msg + 12 : h->msg;

		strlcpy(err, m, errlen);
		return false;
	}
	/* Read the newest sample whole: an empty or damaged database is
	 * refused here, before any terminal is touched. */
	if (history_follow(h, err, errlen) == NULL) {
		if (err[0] == '\0')
			snprintf(err, errlen, "%s: no samples recorded",
			    h->path);
		return false;
	}
	return true;
}

struct db *
history_db(struct history *h)
{
	return open_reader(h) ? h->db : NULL;
}

bool
history_is_live(const struct history *h)
{
	return h->live;
}

const struct snapshot *
history_snapshot(const struct history *h)
{
	return h->live ? NULL : h->snap;
}

const char *
history_message(const struct history *h)
{
	return h->msg;
}

/* Show sample s. Returns false (message set) if it cannot be loaded. */
static bool
load(struct history *h, const struct db_sample *s)
{
	if (db_snapshot(h->db, s->seq, h->snap) != DB_OK) {
		snprintf(h->msg, sizeof h->msg, "cannot read sample %llu: %s",
		    (unsigned long long)s->seq, db_errmsg(h->db));
		return false;
	}
	h->cur = *s;
	h->live = false;
	return true;
}

const struct snapshot *
history_follow(struct history *h, char *err, size_t errlen)
{
	struct db_sample s;

	if (!open_reader(h)) {
		strlcpy(err, h->msg, errlen);
		return NULL;
	}
	if (db_last(h->db, &s) != DB_OK) {
		snprintf(err, errlen, "%s", db_errmsg(h->db));
		return NULL;
	}
	if (s.seq != h->followed) {
		if (db_snapshot(h->db, s.seq, h->tail) != DB_OK) {
			snprintf(err, errlen, "cannot read sample %llu: %s",
			    (unsigned long long)s.seq, db_errmsg(h->db));
			return NULL;
		}
		h->followed = s.seq;
	}
	return h->tail;
}

void
history_go_live(struct history *h)
{
	h->msg[0] = '\0';
	h->live = true;
}

/* Wall time the moves start from. */
static int64_t
base_time(const struct history *h, int64_t live_wall_ns)
{
	return h->live ? live_wall_ns : h->cur.wall_ns;
}

bool
history_step(struct history *h, int dir, int64_t span, int64_t live_wall_ns)
{
	int64_t t;
	struct db_sample s;
	enum db_status st;

	h->msg[0] = '\0';
	if (!open_reader(h))
		return false;
	if (dir > 0 && h->live) {
		strlcpy(h->msg, "already at the newest sample", sizeof h->msg);
		return false;
	}
	t = base_time(h, live_wall_ns);
	if (span == 0 && !h->live)
		st = db_step(h->db, h->cur.seq, dir, &s);
	else if (span == 0)
		st = db_seek_time(h->db, t - 1, DB_SEEK_AT_OR_BEFORE, &s);
	else if (dir < 0)
		st = db_seek_time(h->db, t - span, DB_SEEK_AT_OR_BEFORE, &s);
	else
		st = db_seek_time(h->db, t + span, DB_SEEK_AT_OR_AFTER, &s);

	/* A gap bigger than the step must still move (by one sample). */
	if (st == DB_OK && !h->live &&
	    (dir < 0 ? s.seq >= h->cur.seq : s.seq <= h->cur.seq))
		st = db_step(h->db, h->cur.seq, dir, &s);
	if (st == DB_ERR_NOTFOUND) {
		if (dir > 0) {
			/* past the newest sample: back to LIVE */
			history_go_live(h);
			return true;
		}
		if (span != 0 && db_first(h->db, &s) == DB_OK &&
		    (h->live || s.seq != h->cur.seq))
			return load(h, &s);
		strlcpy(h->msg, "at the oldest sample", sizeof h->msg);
		return false;
	}
	if (st != DB_OK) {
		snprintf(h->msg, sizeof h->msg, "history: %s",
		    db_errmsg(h->db));
		return false;
	}
	return load(h, &s);
}

bool
history_jump(struct history *h, int64_t wall_ns)
{
	struct db_sample s, first, last;

	h->msg[0] = '\0';
	if (!open_reader(h))
		return false;
	if (db_first(h->db, &first) != DB_OK || db_last(h->db, &last) != DB_OK) {
		strlcpy(h->msg, "the history is empty", sizeof h->msg);
		return false;
	}
	if (wall_ns > last.wall_ns) {
		/* After the newest sample: that is LIVE (in replay, the end). */
		history_go_live(h);
		return true;
	}
	if (wall_ns < first.wall_ns) {
		if (!load(h, &first))
			return false;
		strlcpy(h->msg, "before the oldest sample: showing the oldest",
		    sizeof h->msg);
		return true;
	}
	if (db_seek_time(h->db, wall_ns, DB_SEEK_NEAREST, &s) != DB_OK) {
		snprintf(h->msg, sizeof h->msg, "history: %s",
		    db_errmsg(h->db));
		return false;
	}
	return load(h, &s);
}

bool
history_oldest(struct history *h)
{
	struct db_sample s;

	h->msg[0] = '\0';
	if (!open_reader(h))
		return false;
	if (db_first(h->db, &s) != DB_OK) {
		strlcpy(h->msg, "the history is empty", sizeof h->msg);
		return false;
	}
	return load(h, &s);
}

void
history_timeline(struct history *h, const struct snapshot *live,
    int64_t now_ns, struct timeline *tl)
{
	const struct snapshot *s = h->live ? live : h->snap;
	struct db_sample first, last;

	memset(tl, 0, sizeof *tl);
	tl->live = h->live;
	tl->replay = h->replay;
	tl->now_ns = now_ns;
	if (s != NULL) {
		tl->shown_ns = s->wall_ns;
		tl->interval_ns = s->interval_ns;
	}
	/* Position among the samples, by seq (two indexed lookups; after
	 * pruning the count is of seq numbers, near enough for a guide). */
	if (!h->live && h->db != NULL && db_first(h->db, &first) == DB_OK &&
	    db_last(h->db, &last) == DB_OK && h->cur.seq >= first.seq &&
	    h->cur.seq <= last.seq) {
		tl->count = last.seq - first.seq + 1;
		tl->index = h->cur.seq - first.seq + 1;
	}
	tl->have_mark = h->have_mark;
	tl->mark_ns = h->mark->wall_ns;
}

void
history_mark(struct history *h, const struct snapshot *live)
{
	const struct snapshot *s = h->live ? live : h->snap;

	if (s == NULL)
		return;
	snapshot_copy(h->mark, s);
	h->have_mark = true;
	snprintf(h->msg, sizeof h->msg, "marked; move elsewhere and compare");
}

bool
history_have_mark(const struct history *h)
{
	return h->have_mark;
}

bool
history_diff_pair(struct history *h, const struct snapshot *live,
    const struct snapshot **a, const struct snapshot **b)
{
	const struct snapshot *s = h->live ? live : h->snap;

	if (!h->have_mark || s == NULL) {
		strlcpy(h->msg, "no mark: press m at one moment first",
		    sizeof h->msg);
		return false;
	}
	*a = h->mark->wall_ns <= s->wall_ns ? h->mark : s;
	*b = *a == h->mark ? s : h->mark;
	return true;
}
