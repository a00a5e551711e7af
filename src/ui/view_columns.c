/*
 * view_columns.c: the column chooser (C or F2) — a checklist of the
 * process table's columns; Space or Enter toggles, Esc or q closes and
 * saves. Depends on curses.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>

static void
col_label(struct ui *ui, int i, char *buf, size_t len)
{
	(void)ui;
	snprintf(buf, len, "%-8s %s", ui_columns[i].title, ui_columns[i].help);
}

static bool
col_checked(struct ui *ui, int i)
{
	return (ui->cfg.columns & (1u << i)) != 0;
}

static void
columns_enter(struct ui *ui)
{
	ui->menu = (struct ui_menu){ .title = "Columns: Space toggles, "
	    "Esc closes", .n = COL_N, .label = col_label,
	    .checked = col_checked };
}

static void
columns_draw(struct ui *ui)
{
	menu_draw_over_table(ui, 50);
}

static bool
columns_key(struct ui *ui, int key)
{
	ui->dirty = true;
	if (menu_key(&ui->menu, key, ui->layout.table.h - 1))
		return true;
	switch (key) {
	case ' ':
	case '\r':
	case '\n':
		/* never hide the last column */
		if ((ui->cfg.columns & ~(1u << ui->menu.sel)) != 0)
			ui->cfg.columns ^= 1u << ui->menu.sel;
		ui->tab_stale = true;
		return true;
	case 27:
	case 'q':
	case 'C':
	case UI_FN(KEY_F(2)):
	case UI_FN(KEY_F(10)):
		ui_save_config(ui);
		ui_pop_view(ui);
		return true;
	}
	return true;
}

const struct ui_view view_columns = {
	.name = "columns",
	.enter = columns_enter,
	.draw = columns_draw,
	.key = columns_key,
};
