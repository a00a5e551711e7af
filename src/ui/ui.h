/*
 * ui.h: libui's public interface — the ncurses frontend (views, panes,
 * process table, keys). May use db, probe and core public headers only.
 *
 * The UI never samples by itself: it is handed snapshots by a source. The
 * live source (src/cmd_ui.c) wraps the engine; a replay source (issue 5)
 * serves snapshots from a history database through the same interface.
 * Views draw whatever snapshot ui_show() last gave them, live or past.
 */
#ifndef HISTOP_UI_UI_H
#define HISTOP_UI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/snapshot.h"

struct ui;

struct ui_source {
	/*
	 * Take the next sample. Returns a snapshot with its derived fields
	 * filled, borrowed until the next call; NULL with a one-line message
	 * in err when nothing could be read (the UI shows it and carries on).
	 */
	const struct snapshot *(*sample)(void *arg, char *err, size_t errlen);
	/*
	 * Optional: the same sample in slices, so keys are handled while a
	 * long sample (thousands of processes) is read. begin() starts one;
	 * step() works on it until about the monotonic time deadline_ns and
	 * returns true while unfinished; finish() ends it and returns what
	 * sample() would. abort() abandons a sample in progress (quit): no
	 * leak, and the source can sample again. While a sample is in
	 * progress the snapshot last returned stays valid and unchanged;
	 * the one returned by finish() is borrowed until the next finish().
	 * Without begin, sample() is called whole.
	 */
	void (*begin)(void *arg);
	bool (*step)(void *arg, int64_t deadline_ns);
	const struct snapshot *(*finish)(void *arg, char *err, size_t errlen);
	void (*abort)(void *arg);
	/* Optional: sample userland threads too (as snap_proc.thread
	 * entries) from the next sample on, or stop. */
	void (*set_threads)(void *arg, bool on);
	void *arg;
	bool live;        /* the machine itself: signals may be sent */
	const char *name; /* "LIVE", or a database path for replay */
};

struct ui_options {
	double delay;            /* seconds between samples */
	const char *db_path;     /* NULL: the default history database */
	bool no_record;          /* do not write samples to the store */
	const char *sort_key;    /* column name ("cpu", "rss", "pid", ...) or NULL */
	const char *user;        /* show only this user, or NULL */
	const pid_t *pids;       /* show only these pids */
	size_t npids;
	bool have_at;            /* start at this wall time (replay --at) */
	int64_t at_ns;
};

/*
 * Run the interactive UI on the controlling terminal until the user quits
 * or a terminating signal arrives. Returns the exit status: 0 on quit;
 * 128 + the signal number after SIGTERM, SIGINT or SIGHUP (129 when the
 * terminal hangs up); 1 when the terminal cannot be used ("unknown
 * terminal type"); 2 when standard output is not a terminal. The terminal
 * is restored on every path, including fatal().
 */
int ui_main(const struct ui_options *, const struct ui_source *);

/* Show this snapshot (live or from history) at the next redraw. Borrowed:
 * it must stay valid until the next ui_show() or sample. */
void ui_show(struct ui *, const struct snapshot *, bool is_live);

#endif
