/*
 * view_main.c: the main view — panes over the process table. Draws
 * ui->cur whatever it is (live or a past snapshot); keys go through the
 * key table; a click on the table header sorts by that column, on a row
 * selects it; the wheel moves the selection UI_WHEEL_ROWS at a time. Depends on
 * curses and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <string.h>

const struct ui_pane ui_panes[PANE_N] = {
	[PANE_CPU] = { "cpu", "CPU", pane_cpu_want, pane_cpu_draw },
	[PANE_MEMORY] = { "memory", "Memory", pane_memory_want,
	    pane_memory_draw },
	[PANE_LOAD] = { "load", "Load", pane_load_want, pane_load_draw },
	[PANE_DISK] = { "disk", "Disk", pane_disk_want, pane_disk_draw },
	[PANE_NETWORK] = { "network", "Network", pane_network_want,
	    pane_network_draw },
	[PANE_PRESSURE] = { "pressure", "Pressure", pane_pressure_want,
	    pane_pressure_draw },
	[PANE_QUOTA] = { "quota", "Quota", pane_quota_want, pane_quota_draw },
};

static int
want(void *ctx, int id, int width)
{
	struct ui *ui = ctx;

	if (!(ui->cfg.panes & (1u << id)))
		return 0;
	return ui_panes[id].want(ui, width);
}

void
ui_relayout(struct ui *ui)
{
	layout_compute(&ui->layout, ui->rows, ui->cols, want, ui);
	ui->dirty = true;
}

static void
main_draw(struct ui *ui)
{
	const struct ui_layout *l = &ui->layout;
	int i;

	if (l->too_small) {
		/* as much of the message as fits, never layout maths */
		ui_put(ui, 0, 0, ui->cols, "terminal too small", A_NORMAL);
		if (ui->rows > 1)
			ui_put(ui, 1, 0, ui->cols, "(q quits)", A_NORMAL);
		return;
	}
	ui_draw_title(ui);
	for (i = 0; i < PANE_N; i++)
		if (l->pane[i].h > 0)
			ui_panes[i].draw(ui, &l->pane[i]);
	if (ui->tab_stale) {
		struct proc_filter f;

		ui_filter(ui, &f);
		proctab_build(&ui->tab, ui->cur, &ui->cfg, &f);
		ui->tab_stale = false;
	}
	proctab_draw(ui, &ui->tab, &l->table);
	ui_draw_status(ui);
}

static void
click(struct ui *ui)
{
	MEVENT ev;
	int c;

	if (getmouse(&ev) != OK || ui->layout.too_small)
		return;
	if (ev.bstate & UI_WHEEL_UP) {
		proctab_move(&ui->tab, -UI_WHEEL_ROWS, 0);
		return;
	}
	if (ev.bstate & UI_WHEEL_DOWN) {
		proctab_move(&ui->tab, UI_WHEEL_ROWS, 0);
		return;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return;
	c = proctab_column_at(&ui->tab, ev.y, ev.x);
	if (c >= 0) {
		if (c == ui->cfg.sort)
			ui->cfg.invert = !ui->cfg.invert;
		else {
			ui->cfg.sort = c;
			ui->cfg.invert = false;
		}
		ui->tab_stale = true;
		ui_save_config(ui);
		return;
	}
	if (ev.y > ui->tab.hdr_y && ev.y < ui->layout.table.y +
	    ui->layout.table.h) {
		long row = (long)ui->tab.top + (ev.y - ui->tab.hdr_y - 1);

		proctab_move(&ui->tab, row - (long)ui->tab.sel, 0);
	}
}

static bool
main_key(struct ui *ui, int key)
{
	char name[32];

	if (prompt_key(ui, key))
		return true;
	if (key == UI_FN(KEY_MOUSE)) {
		click(ui);
		ui->dirty = true;
		return true;
	}
	if (ui->layout.too_small && key != 'q' && key != UI_FN(KEY_F(10)))
		return true;
	if (keys_dispatch(ui, key))
		return true;
	keys_name(key, name, sizeof(name));
	ui_message(ui, "unknown key %s (h for help)", name);
	return false;
}

static void
main_resize(struct ui *ui)
{
	ui_relayout(ui);
}

const struct ui_view view_main = {
	.name = "main",
	.draw = main_draw,
	.key = main_key,
	.resize = main_resize,
};
