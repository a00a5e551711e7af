/*
 * history.h: where in time the UI stands. LIVE follows the newest sample
 * (the machine itself, or in replay the end of the database, following new
 * samples as a recorder commits them); otherwise one stored sample is shown,
 * loaded in full through the store's reader with its rates against the
 * sample before it. Also holds the mark for "what changed". No curses:
 * the views and the key handlers call these. Depends on db and core.
 */
#ifndef HISTOP_UI_HISTORY_H
#define HISTOP_UI_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/snapshot.h"
#include "db/db.h"
#include "ui/timeline.h"

struct history;

/*
 * A history over the database at path. replay: the database is all there
 * is (LIVE means its newest sample); otherwise LIVE is the machine and the
 * database is what a recorder (perhaps this process) wrote. The reader is
 * opened on first use, so a live UI without history still starts. Caller
 * frees with history_free().
 */
struct history *history_new(const char *path, bool replay);
void history_free(struct history *);

/*
 * Replay only: open the database now. Returns false with a one-line
 * message in err (missing, foreign, corrupt, empty).
 */
bool history_open(struct history *, char *err, size_t errlen);

bool history_is_live(const struct history *);
/* The sample shown while not live; NULL when live. Borrowed; valid until
 * the next move. */
const struct snapshot *history_snapshot(const struct history *);
/* The newest stored sample (read again only when a newer one was
 * committed): what LIVE shows in replay. NULL with a message in err on
 * failure. Borrowed; valid until the next call. */
const struct snapshot *history_follow(struct history *, char *err,
    size_t errlen);

/*
 * Moves. live_wall_ns is the wall time of the live snapshot on screen (for
 * the first step back from LIVE). Each returns true when the position
 * changed; false leaves it and puts a one-line reason in the message
 * (history_message()): no history, at the oldest sample, ...
 */
/* Step by span_ns of wall time (0: one sample; timeline_step_ns()). A gap
 * longer than the span still moves by one sample. */
bool history_step(struct history *, int dir, int64_t span_ns,
    int64_t live_wall_ns);
/* The sample nearest wall time t; LIVE when t is after the newest. */
bool history_jump(struct history *, int64_t wall_ns);
bool history_oldest(struct history *);
/* Back to LIVE (always succeeds). */
void history_go_live(struct history *);

/* The last move's message, "" if none; cleared by the next move. */
const char *history_message(const struct history *);

/* Fill the timeline line's facts. live is the live snapshot (may be NULL). */
void history_timeline(struct history *, const struct snapshot *live,
    int64_t now_ns, struct timeline *);

/* Mark the moment shown (live may be the live snapshot when LIVE). */
void history_mark(struct history *, const struct snapshot *live);
bool history_have_mark(const struct history *);
/*
 * The marked snapshot and the one shown (live: the live snapshot), earlier
 * first, for "what changed". False (message set) without a mark. Both
 * borrowed: the shown one only until the next move or live sample.
 */
bool history_diff_pair(struct history *, const struct snapshot *live,
    const struct snapshot **a, const struct snapshot **b);

/* The reader (opened on demand), for the graphs; NULL with a message when
 * there is no database to read. Borrowed. */
struct db *history_db(struct history *);

#endif
