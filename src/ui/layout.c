/*
 * layout.c: where the panes and the process table go for a terminal size.
 * Pure: the panes say how many lines they want at a width, this file
 * decides; unit-tested without a terminal. libc only.
 *
 *   line 0               title / timeline
 *   panes                1-3 columns side by side by width, in pane order,
 *                        split to balance the columns' heights; at most
 *                        about 60% of the screen, the table keeps the rest
 *   process table        header + rows
 *   last line            status, prompt
 */
#include "config.h"

#include "ui/ui_int.h"

#include <string.h>

static int
pane_columns(int cols)
{
	if (cols >= 150)
		return 3;
	if (cols >= 80)
		return 2;
	return 1;
}

/* Contiguous split of h[0..n) into k groups with the smallest tallest
 * group; cut[i] is where group i starts (cut[k] = n). */
static int
best_split(const int *h, int n, int k, int *cut)
{
	int best = -1, a, b, i;

	cut[0] = 0;
	cut[1] = cut[2] = cut[3] = n;
	if (k == 1) {
		for (best = 0, i = 0; i < n; i++)
			best += h[i];
		return best;
	}
	for (a = 0; a <= n; a++) {
		for (b = (k == 3 ? a : n); b <= n; b++) {
			int g[3] = { 0, 0, 0 }, m = 0;

			for (i = 0; i < n; i++)
				g[i < a ? 0 : (i < b ? 1 : 2)] += h[i];
			for (i = 0; i < 3; i++)
				if (g[i] > m)
					m = g[i];
			if (best < 0 || m < best) {
				best = m;
				cut[1] = a;
				cut[2] = b;
			}
		}
	}
	return best;
}

void
layout_compute(struct ui_layout *l, int rows, int cols, ui_want_fn want,
    void *ctx)
{
	int ids[PANE_N], h[PANE_N], n, i, k, cw, avail, budget, min_table;
	int cut[4], tall, c;

	memset(l, 0, sizeof(*l));
	if (cols < UI_MIN_COLS || rows < UI_MIN_ROWS) {
		l->too_small = true;
		return;
	}
	l->title = (struct ui_rect){ 0, 0, 1, cols };
	l->status = (struct ui_rect){ rows - 1, 0, 1, cols };
	avail = rows - 2;
	min_table = avail * 2 / 5;
	if (min_table < 3)
		min_table = 3;
	budget = avail - min_table;

	k = pane_columns(cols);
	for (;;) {
		cw = (cols - (k - 1)) / k;
		n = 0;
		for (i = 0; i < PANE_N; i++) {
			int w = want(ctx, i, cw);

			if (w > 0) {
				ids[n] = i;
				h[n++] = w;
			}
		}
		if (n >= k || k == 1)
			break;
		k = n > 0 ? n : 1;
	}
	l->columns = k;
	tall = n > 0 && budget > 0 ? best_split(h, n, k, cut) : 0;
	if (tall > budget)
		tall = budget;
	for (c = 0; c < k && tall > 0; c++) {
		int y = 1, x = c * (cw + 1);
		int w = c == k - 1 ? cols - x : cw;

		for (i = cut[c]; i < cut[c + 1]; i++) {
			int ph = h[i];

			if (ph > 1 + tall - y)
				ph = 1 + tall - y;
			if (ph <= 0)
				break;
			l->pane[ids[i]] = (struct ui_rect){ y, x, ph, w };
			y += ph;
		}
	}
	l->table = (struct ui_rect){ 1 + tall, 0, avail - tall, cols };
}
