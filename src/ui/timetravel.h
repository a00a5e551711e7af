/*
 * timetravel.h: the UI's time-travel state, shared by the history actions
 * (timetravel.c), the graphs view (view_graphs.c) and the "what changed"
 * view (view_diff.c). The ui holds one `struct tt`; everything else about
 * history lives behind history.h. Internal to src/ui/.
 */
#ifndef HISTOP_UI_TIMETRAVEL_H
#define HISTOP_UI_TIMETRAVEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/snapdiff.h"
#include "db/db.h"
#include "ui/graph.h"
#include "ui/history.h"

struct ui;
struct tt_graphs;

struct tt {
	struct history *hist;
	struct tt_graphs *graphs; /* view_graphs.c's state, made on entry */

	/* what changed (view_diff.c), over private copies of both moments */
	struct snapshot *snap_a, *snap_b;
	bool have_diff;
	struct snapdiff diff;
	const struct snapshot *diff_a, *diff_b;
	int diff_top;
};

/* A time-travel state over the database at path (NULL: none). */
struct tt *tt_new(const char *path, bool replay);
void tt_free(struct tt *);

/* True while the screen follows the newest sample. */
bool tt_is_live(const struct ui *);
/* The timeline line: "histop  LIVE 2026-11-25 03:12:04 ..." */
void tt_title(struct ui *, char *buf, size_t len);
/* Show what the history says (a past sample, or the live one). Call after
 * every move and every live sample. */
void tt_sync(struct ui *);
/* A move by span ns (0: one sample) in direction dir; shows the result
 * or the reason it did not move. */
void tt_move(struct ui *, int dir, int64_t span_ns);
/* Jump to wall time t (nearest sample; LIVE after the newest). */
void tt_jump(struct ui *, int64_t wall_ns);

/* Key-table actions (keys.c binds them). */
void act_hist_back(struct ui *);
void act_hist_fwd(struct ui *);
void act_hist_back_1m(struct ui *);
void act_hist_fwd_1m(struct ui *);
void act_hist_back_10m(struct ui *);
void act_hist_fwd_10m(struct ui *);
void act_hist_back_1h(struct ui *);
void act_hist_fwd_1h(struct ui *);
void act_hist_oldest(struct ui *);
void act_hist_live(struct ui *);
void act_hist_goto(struct ui *);
void act_hist_mark(struct ui *);
void act_hist_diff(struct ui *);
void act_graphs(struct ui *);
void act_proc_graph(struct ui *);
/* The graphs view's own (view_graphs.c). */
void act_graph_zoom_in(struct ui *);
void act_graph_zoom_out(struct ui *);
void act_graph_zoom_all(struct ui *);
void act_graph_back(struct ui *);
void act_graph_fwd(struct ui *);
void act_graph_up(struct ui *);
void act_graph_down(struct ui *);
void act_graph_style(struct ui *);
void act_graph_no_proc(struct ui *);
void act_graph_close(struct ui *);

extern const struct ui_view view_graphs;
extern const struct ui_view view_diff;
/* Graphs view: show (pid, start) as well; comm is untrusted. */
void graphs_set_process(struct ui *, pid_t, uint64_t start_ns,
    const char *comm);
void graphs_free(struct tt_graphs *);

#endif
