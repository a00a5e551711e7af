/*
 * actions.c: what the keys of the key table do. Each action changes ui
 * state and marks what must be rebuilt; drawing happens once per loop
 * pass. Depends on curses and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/xalloc.h"

void
act_quit(struct ui *ui)
{
	ui->quit = true;
}

void
act_help(struct ui *ui)
{
	ui_push_view(ui, &view_help);
}

static void
sort_by(struct ui *ui, enum ui_col c)
{
	ui->cfg.sort = (int)c;
	ui->cfg.invert = false;
	/* a hidden sort column is shown, as a user expects to see it */
	ui->cfg.columns |= 1u << c;
	ui->tab_stale = true;
	ui_message(ui, "sorted by %s", ui_columns[c].title);
	ui_save_config(ui);
}

void
act_sort_cpu(struct ui *ui)
{
	sort_by(ui, COL_CPU);
}

void
act_sort_mem(struct ui *ui)
{
	sort_by(ui, COL_RSS);
}

void
act_sort_time(struct ui *ui)
{
	sort_by(ui, COL_TIME);
}

void
act_sort_pid(struct ui *ui)
{
	sort_by(ui, COL_PID);
}

/* Move the sort to the next shown column in direction dir. */
static void
sort_step(struct ui *ui, int dir)
{
	int c = ui->cfg.sort, i;

	for (i = 0; i < COL_N; i++) {
		c = (c + dir + COL_N) % COL_N;
		if (ui->cfg.columns & (1u << c))
			break;
	}
	ui->cfg.sort = c;
	ui->tab_stale = true;
	ui_save_config(ui);
}

void
act_sort_left(struct ui *ui)
{
	sort_step(ui, -1);
}

void
act_sort_right(struct ui *ui)
{
	sort_step(ui, 1);
}

void
act_sort_invert(struct ui *ui)
{
	ui->cfg.invert = !ui->cfg.invert;
	ui->tab_stale = true;
	ui_save_config(ui);
}

static void
filter_done(struct ui *ui, const char *text, bool accepted)
{
	free(ui->filter);
	ui->filter = NULL;
	/* Esc clears; Enter keeps the filter (and empty clears) */
	if (text[0] != '\0' && (accepted || ui->prompt.active))
		ui->filter = xstrdup(text);
	ui->tab_stale = true;
}

void
act_filter(struct ui *ui)
{
	prompt_open(ui, "Filter: ", ui->filter, true, filter_done);
}

void
act_user(struct ui *ui)
{
	ui_push_view(ui, &view_users);
}

void
act_tree(struct ui *ui)
{
	ui->cfg.tree = !ui->cfg.tree;
	ui->tab_stale = true;
	ui_save_config(ui);
}

static void
fold(struct ui *ui, bool fold)
{
	if (!ui->cfg.tree) {
		ui_message(ui, "%s", _("folding needs the tree view (t)"));
		return;
	}
	if (proctab_fold(&ui->tab, fold))
		ui->tab_stale = true;
}

void
act_collapse(struct ui *ui)
{
	fold(ui, true);
}

void
act_expand(struct ui *ui)
{
	fold(ui, false);
}

void
act_kernel(struct ui *ui)
{
	ui->cfg.kernel_threads = !ui->cfg.kernel_threads;
	ui->tab_stale = true;
	ui_message(ui, "kernel threads %s", ui->cfg.kernel_threads ? "shown" :
	    "hidden");
	ui_save_config(ui);
}

void
act_threads(struct ui *ui)
{
	ui->cfg.threads = !ui->cfg.threads;
	if (ui->src->set_threads != NULL)
		ui->src->set_threads(ui->src->arg, ui->cfg.threads);
	ui->tab_stale = true;
	ui_message(ui, "threads %s", ui->cfg.threads ? "shown from the next "
	    "sample" : "hidden");
	ui_save_config(ui);
}

void
act_kill(struct ui *ui)
{
	if (proctab_selected(&ui->tab) == NULL) {
		ui_message(ui, "no process selected");
		return;
	}
	ui_push_view(ui, &view_signal);
}

void
act_pause(struct ui *ui)
{
	ui->paused = !ui->paused;
	if (ui->paused && ui->cur != NULL) {
		/* the live snapshot is reused by the next sample: keep a copy */
		if (ui->hold == NULL)
			ui->hold = snapshot_new();
		snapshot_copy(ui->hold, ui->cur);
		ui_show(ui, ui->hold, false);
	} else if (!ui->paused && ui->live != NULL)
		ui_show(ui, ui->live, true);
}

void
act_columns(struct ui *ui)
{
	ui_push_view(ui, &view_columns);
}

void
act_cpu_numbers(struct ui *ui)
{
	ui->cfg.cpu_numbers = !ui->cfg.cpu_numbers;
	ui_relayout(ui);
	ui_save_config(ui);
}

static void
toggle_pane(struct ui *ui, enum ui_pane_id p)
{
	ui->cfg.panes ^= 1u << p;
	ui_relayout(ui);
	ui_save_config(ui);
}

void
act_pane_cpu(struct ui *ui)
{
	toggle_pane(ui, PANE_CPU);
}

void
act_pane_memory(struct ui *ui)
{
	toggle_pane(ui, PANE_MEMORY);
}

void
act_pane_load(struct ui *ui)
{
	toggle_pane(ui, PANE_LOAD);
}

void
act_pane_disk(struct ui *ui)
{
	toggle_pane(ui, PANE_DISK);
}

void
act_pane_network(struct ui *ui)
{
	toggle_pane(ui, PANE_NETWORK);
}

void
act_pane_pressure(struct ui *ui)
{
	toggle_pane(ui, PANE_PRESSURE);
}

void
act_pane_quota(struct ui *ui)
{
	toggle_pane(ui, PANE_QUOTA);
}

static int
page(const struct ui *ui)
{
	return ui->layout.table.h > 2 ? ui->layout.table.h - 1 : 1;
}

void
act_up(struct ui *ui)
{
	proctab_move(&ui->tab, -1, 0);
}

void
act_down(struct ui *ui)
{
	proctab_move(&ui->tab, 1, 0);
}

void
act_page_up(struct ui *ui)
{
	proctab_move(&ui->tab, -1, page(ui));
}

void
act_page_down(struct ui *ui)
{
	proctab_move(&ui->tab, 1, page(ui));
}

void
act_redraw(struct ui *ui)
{
	clearok(curscr, TRUE);
	ui_relayout(ui);
}
