/* test_ui_layout.c: pane layout from wide to tiny terminals. Pure: links
 * libui and core only. */
#include "config.h"

#include <string.h>

#include "../tap.h"
#include "ui/ui_int.h"

static int wants[PANE_N];

static int
want(void *ctx, int id, int width)
{
	(void)ctx;
	(void)width;
	return wants[id];
}

static bool
inside(const struct ui_rect *r, int rows, int cols)
{
	return r->h == 0 || (r->y >= 0 && r->x >= 0 && r->y + r->h <= rows &&
	    r->x + r->w <= cols && r->w > 0);
}

static bool
overlap(const struct ui_rect *a, const struct ui_rect *b)
{
	if (a->h == 0 || b->h == 0)
		return false;
	return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h &&
	    b->y < a->y + a->h;
}

/* Every rectangle within the screen, none overlapping. */
static bool
sane(const struct ui_layout *l, int rows, int cols)
{
	struct ui_rect all[PANE_N + 3];
	int n = 0, i, j;

	for (i = 0; i < PANE_N; i++)
		all[n++] = l->pane[i];
	all[n++] = l->table;
	all[n++] = l->title;
	all[n++] = l->status;
	for (i = 0; i < n; i++) {
		if (!inside(&all[i], rows, cols))
			return false;
		for (j = i + 1; j < n; j++)
			if (overlap(&all[i], &all[j]))
				return false;
	}
	return true;
}

int
main(void)
{
	static const int sizes[][2] = { { 1, 1 }, { 3, 10 }, { 1, 2 },
		{ 5, 20 }, { 24, 80 }, { 50, 200 }, { 24, 79 }, { 6, 300 },
		{ 300, 300 }, { 4, 20 }, { 5, 19 } };
	struct ui_layout l;
	size_t k;
	int i, r, c;

	for (i = 0; i < PANE_N; i++)
		wants[i] = 3;
	wants[PANE_CPU] = 5;

	layout_compute(&l, 3, 10, want, NULL);
	ok(l.too_small, "10x3 is too small");
	layout_compute(&l, 1, 1, want, NULL);
	ok(l.too_small, "1x1 is too small");
	layout_compute(&l, 5, 20, want, NULL);
	ok(!l.too_small, "20x5 is usable");
	is_int(l.table.h, 3, "20x5: the table gets every line but title "
	    "and status");

	layout_compute(&l, 24, 80, want, NULL);
	is_int(l.columns, 2, "80 columns: panes in two columns");
	is_int(l.title.y, 0, "title on line 0");
	is_int(l.status.y, 23, "status on the last line");
	ok(l.table.h >= 22 * 2 / 5, "table keeps at least 40%% of the lines");
	is_int(l.pane[PANE_CPU].x, 0, "CPU pane first, on the left");
	is_int(l.pane[PANE_CPU].y, 1, "CPU pane under the title");
	ok(l.pane[PANE_QUOTA].x > 0, "last pane in the right column");
	is_int(l.table.y + l.table.h, 23, "table ends above the status line");
	ok(sane(&l, 24, 80), "80x24 rectangles inside and disjoint");

	layout_compute(&l, 50, 200, want, NULL);
	is_int(l.columns, 3, "200 columns: three pane columns");
	ok(sane(&l, 50, 200), "200x50 rectangles inside and disjoint");
	for (i = 0; i < PANE_N; i++)
		ok(l.pane[i].h == wants[i], "200x50: pane %d gets all it wants",
		    i);

	layout_compute(&l, 24, 60, want, NULL);
	is_int(l.columns, 1, "60 columns: one pane column");
	ok(l.pane[PANE_QUOTA].h == 0, "60x24: panes beyond the budget hidden");
	is_int(l.pane[PANE_CPU].w, 60, "one column spans the width");

	for (i = 0; i < PANE_N; i++)
		wants[i] = 0;
	layout_compute(&l, 24, 80, want, NULL);
	is_int(l.table.y, 1, "all panes hidden: table right under the title");
	is_int(l.table.h, 22, "all panes hidden: table takes the rest");
	wants[PANE_LOAD] = 1;
	layout_compute(&l, 24, 200, want, NULL);
	is_int(l.columns, 1, "one pane shown: one column even when wide");
	is_int(l.pane[PANE_LOAD].w, 200, "the lone pane spans the width");

	/* a huge CPU pane never eats the table */
	wants[PANE_CPU] = 1000;
	layout_compute(&l, 40, 100, want, NULL);
	ok(l.pane[PANE_CPU].h <= 40 - 2 - 15, "1000-line pane capped");
	ok(sane(&l, 40, 100), "capped layout sane");

	for (i = 0; i < PANE_N; i++)
		wants[i] = 1 + i;
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		r = sizes[k][0];
		c = sizes[k][1];
		layout_compute(&l, r, c, want, NULL);
		ok(l.too_small || sane(&l, r, c), "%dx%d sane or too small",
		    c, r);
	}
	k = 0;
	for (r = 1; r <= 60; r += 7)
		for (c = 1; c <= 320; c += 13) {
			layout_compute(&l, r, c, want, NULL);
			if (!l.too_small && !sane(&l, r, c))
				k++;
		}
	is_int(k, 0, "every size up to 320x60 sane or too small");
	return tap_done();
}
