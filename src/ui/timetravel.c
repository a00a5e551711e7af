/*
 * timetravel.c: the history keys (step, jump, oldest, live, mark, what
 * changed, graphs) as key-table actions, and the glue that shows a past
 * snapshot through ui_show() while live sampling and recording go on.
 * Depends on curses, db and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/timeparse.h"
#include "core/xalloc.h"
#include "ui/timeline.h"
#include "ui/timetravel.h"

struct tt *
tt_new(const char *path, bool replay)
{
	struct tt *tt = xcalloc(1, sizeof *tt);

	tt->hist = history_new(path, replay);
	tt->snap_a = snapshot_new();
	tt->snap_b = snapshot_new();
	return tt;
}

void
tt_free(struct tt *tt)
{
	if (tt == NULL)
		return;
	if (tt->have_diff)
		snapdiff_free(&tt->diff);
	graphs_free(tt->graphs);
	history_free(tt->hist);
	snapshot_free(tt->snap_a);
	snapshot_free(tt->snap_b);
	free(tt);
}

/* The "live" end of the timeline as the user sees it: while paused, the
 * snapshot held on screen, not the newest one sampled behind it. */
static const struct snapshot *
tt_live(const struct ui *ui)
{
	return ui->paused && ui->hold != NULL ? ui->hold : ui->live;
}

bool
tt_is_live(const struct ui *ui)
{
	return ui->tt == NULL || history_is_live(ui->tt->hist);
}

void
tt_sync(struct ui *ui)
{
	const struct snapshot *s = history_snapshot(ui->tt->hist);

	if (s != NULL)
		ui_show(ui, s, false);
	else if (ui->paused && ui->hold != NULL)
		ui_show(ui, ui->hold, true);
	else if (ui->live != NULL)
		ui_show(ui, ui->live, true);
	ui->dirty = true;
}

static void
report(struct ui *ui)
{
	const char *m = history_message(ui->tt->hist);

	if (m[0] != '\0')
		ui_message(ui, "%s", m);
}

void
tt_move(struct ui *ui, int dir, int64_t span_ns)
{
	const struct snapshot *l = tt_live(ui);
	int64_t live = l != NULL ? l->wall_ns : clock_wall_ns();

	if (history_step(ui->tt->hist, dir, span_ns, live))
		tt_sync(ui);
	report(ui);
}

void
tt_jump(struct ui *ui, int64_t wall_ns)
{
	if (history_jump(ui->tt->hist, wall_ns))
		tt_sync(ui);
	report(ui);
}

void
tt_title(struct ui *ui, char *buf, size_t len)
{
	struct timeline tl;
	size_t n;

	history_timeline(ui->tt->hist, tt_live(ui), clock_wall_ns(), &tl);
	n = strlcpy(buf, "histop  ", len);
	if (ui->paused && tl.live)
		n = strlcat(buf, "PAUSED ", len);
	if (n < len)
		timeline_format(buf + n, len - n, &tl);
	if (ui->src != NULL && ui->src->live)
		strlcat(buf, recorder_active(ui->rec) ? "  recording" :
		    "  not recording", len);
}

/* ---- actions -------------------------------------------------------- */

/* The step keys: direction and span (TL_STEP_SAMPLE: one sample). */
#define STEP_ACTION(name, dir, step)					\
	void								\
	name(struct ui *ui)						\
	{								\
		tt_move(ui, dir, timeline_step_ns(step));		\
	}
STEP_ACTION(act_hist_back, -1, TL_STEP_SAMPLE)
STEP_ACTION(act_hist_fwd, 1, TL_STEP_SAMPLE)
STEP_ACTION(act_hist_back_1m, -1, TL_STEP_1M)
STEP_ACTION(act_hist_fwd_1m, 1, TL_STEP_1M)
STEP_ACTION(act_hist_back_10m, -1, TL_STEP_10M)
STEP_ACTION(act_hist_fwd_10m, 1, TL_STEP_10M)
STEP_ACTION(act_hist_back_1h, -1, TL_STEP_1H)
STEP_ACTION(act_hist_fwd_1h, 1, TL_STEP_1H)

void
act_hist_oldest(struct ui *ui)
{
	if (history_oldest(ui->tt->hist))
		tt_sync(ui);
	report(ui);
}

void
act_hist_live(struct ui *ui)
{
	bool was = history_is_live(ui->tt->hist);

	history_go_live(ui->tt->hist);
	tt_sync(ui);
	if (!was)
		ui_message(ui, "%s", ui->src != NULL && ui->src->live ?
		    "back to live" : "at the newest sample, following");
}

static void
goto_done(struct ui *ui, const char *text, bool accepted)
{
	char err[160];
	int64_t t;

	if (!accepted || text[0] == '\0')
		return;
	if (timeparse_time(text, clock_wall_ns(), &t, err, sizeof err) != 0) {
		ui_message(ui, "bad time: %s", err);
		return;
	}
	tt_jump(ui, t);
}

void
act_hist_goto(struct ui *ui)
{
	prompt_open(ui, "go to time: ", NULL, false, goto_done);
}

void
act_hist_mark(struct ui *ui)
{
	history_mark(ui->tt->hist, tt_live(ui));
	report(ui);
}

void
act_hist_diff(struct ui *ui)
{
	struct tt *tt = ui->tt;
	const struct snapshot *a, *b;

	if (!history_diff_pair(tt->hist, tt_live(ui), &a, &b)) {
		report(ui);
		return;
	}
	/* Own copies: the live snapshot moves on while the view is open. */
	snapshot_copy(tt->snap_a, a);
	snapshot_copy(tt->snap_b, b);
	if (tt->have_diff)
		snapdiff_free(&tt->diff);
	snapdiff_compute(&tt->diff, tt->snap_a, tt->snap_b);
	tt->diff_a = tt->snap_a;
	tt->diff_b = tt->snap_b;
	tt->have_diff = true;
	tt->diff_top = 0;
	ui_push_view(ui, &view_diff);
}

void
act_graphs(struct ui *ui)
{
	ui_push_view(ui, &view_graphs);
}

void
act_proc_graph(struct ui *ui)
{
	const struct snap_proc *p;
	struct proc_filter f;

	/* Keys typed ahead (a filter, then p) arrive before the redraw that
	 * rebuilds the rows: select from what the user typed, not the rows
	 * of the last redraw. */
	if (ui->tab_stale) {
		ui_filter(ui, &f);
		proctab_build(&ui->tab, ui->cur, &ui->cfg, &f);
		ui->tab_stale = false;
	}
	if ((p = proctab_selected(&ui->tab)) == NULL) {
		ui_message(ui, "select a process first");
		return;
	}
	graphs_set_process(ui, p->pid, p->start_time_ns, p->comm);
	ui_push_view(ui, &view_graphs);
}
