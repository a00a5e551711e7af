/*
 * bar.c: the meter bar widget — "[####==   ] label", each segment in its
 * colour (and, in monochrome, its own character, so the split stays
 * visible). Depends on curses.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <string.h>

void
bar_draw(struct ui *ui, int y, int x, int w, const struct bar_seg *seg,
    int nseg, const char *label, int labelw)
{
	int lw = label != NULL ? (int)strlen(label) : 0;
	int pad = 0, inner, used = 0, i, j;
	double acc = 0;

	if (lw > 0 && lw < labelw && w - labelw - 1 >= 6) {
		pad = labelw - lw;
		lw = labelw;
	}

	if (lw > 0 && w - lw - 1 >= 6)
		w -= lw + 1; /* label after the bar */
	else
		lw = 0;
	inner = w - 2;
	if (inner < 1) {
		ui_put(ui, y, x, w + (lw ? lw + 1 : 0), label ? label : "",
		    A_NORMAL);
		return;
	}
	ui_put(ui, y, x, 1, "[", ui_attr(ui, C_DIM));
	for (i = 0; i < nseg; i++) {
		int upto, n;

		if (seg[i].pct <= 0)
			continue;
		acc += seg[i].pct;
		upto = (int)(acc / 100.0 * inner + 0.5);
		if (upto > inner)
			upto = inner;
		n = upto - used;
		for (j = 0; j < n; j++)
			ui_put(ui, y, x + 1 + used + j, 1,
			    ui_fill(ui, seg[i].color), ui_attr(ui, seg[i].color));
		used += n > 0 ? n : 0;
	}
	ui_fill_line(ui, y, x + 1 + used, inner - used, A_NORMAL);
	ui_put(ui, y, x + 1 + inner, 1, "]", ui_attr(ui, C_DIM));
	if (lw > 0)
		ui_put(ui, y, x + w + 1 + pad, lw - pad, label, A_NORMAL);
}
