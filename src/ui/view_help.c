/*
 * view_help.c: the help screen, generated from the key table (every
 * action with its keys and help text) plus the legend of the bar
 * colours/characters. Any key closes it; arrows scroll. Depends on curses.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>

#include "core/i18n.h"

static const struct {
	enum ui_color c;
	const char *name;
} legend[] = {
	{ C_CPU_USER, "user" }, { C_CPU_NICE, "nice" },
	{ C_CPU_SYSTEM, "system" }, { C_CPU_IOWAIT, "iowait" },
	{ C_CPU_IRQ, "irq" }, { C_CPU_SOFTIRQ, "softirq" },
	{ C_CPU_STEAL, "steal" }, { C_MEM_USED, "mem used" },
	{ C_MEM_SHARED, "shared" }, { C_MEM_BUFFERS, "buffers" },
	{ C_MEM_CACHED, "cached" },
};
#define NLEGEND (int)(sizeof(legend) / sizeof(legend[0]))

static void
help_enter(struct ui *ui)
{
	ui->help_top = 0;
}

static void
help_draw(struct ui *ui)
{
	char keys[96], line[256];
	int y = 0, row = 0, a, i, x;

	erase();
	if (ui->rows < 2 || ui->cols < 10) {
		ui_put(ui, 0, 0, ui->cols, "help", A_NORMAL);
		return;
	}
	ui_fill_line(ui, 0, 0, ui->cols, ui_attr(ui, C_HEADER));
	ui_put(ui, 0, 0, ui->cols, _("histop help - any key returns, "
	    "Up/Down scroll"), ui_attr(ui, C_HEADER));
	y = 1;
	for (a = 0; a < ACT_N + 2; a++, row++) {
		if (row < ui->help_top || y >= ui->rows)
			continue;
		if (a == ACT_N) {
			ui_put(ui, y++, 0, ui->cols, "", A_NORMAL);
			continue;
		}
		if (a == ACT_N + 1) {
			x = ui_put(ui, y, 0, ui->cols, "Bars: ",
			    ui_attr(ui, C_TITLE));
			for (i = 0; i < NLEGEND; i++) {
				x += ui_put(ui, y, x, ui->cols - x,
				    ui_fill(ui, legend[i].c),
				    ui_attr(ui, legend[i].c));
				snprintf(line, sizeof(line), " %s  ",
				    legend[i].name);
				x += ui_put(ui, y, x, ui->cols - x, line,
				    A_NORMAL);
			}
			y++;
			continue;
		}
		keys_labels((enum ui_action)a, keys, sizeof(keys));
		if (keys[0] == '\0')
			continue;
		snprintf(line, sizeof(line), "%-22s %s%s", keys,
		    _(ui_actions[a].help), (ui_actions[a].flags & ACTF_LIVE) ?
		    _(" [live only]") : "");
		ui_put(ui, y++, 0, ui->cols, line, A_NORMAL);
	}
}

static bool
help_key(struct ui *ui, int key)
{
	if (key == UI_FN(KEY_DOWN) || key == 'j') {
		if (ui->help_top < ACT_N)
			ui->help_top++;
	} else if (key == UI_FN(KEY_UP) || key == 'k') {
		if (ui->help_top > 0)
			ui->help_top--;
	} else if (key != UI_FN(KEY_RESIZE) && key != UI_FN(KEY_MOUSE))
		ui_pop_view(ui);
	ui->dirty = true;
	return true;
}

const struct ui_view view_help = {
	.name = "help",
	.enter = help_enter,
	.draw = help_draw,
	.key = help_key,
};
