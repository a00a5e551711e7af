/* test_graph.c: the graph widget's exact cells and time axis (pure, no
 * curses). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/graph.h"
#include "tests/tap.h"

#define SEC INT64_C(1000000000)
#define T_0300 INT64_C(1795575600) /* 2026-11-25 03:00:00 UTC */

static struct graph_bucket bk[512];
static struct graph_cell cells[4096];

static void
set(size_t i, double v)
{
	bk[i].have = true;
	bk[i].min = bk[i].max = bk[i].avg = v;
}

static void
zero(size_t n)
{
	size_t i;

	memset(bk, 0, sizeof bk);
	for (i = 0; i < n; i++)
		set(i, 0);
}

/* Row r of the last render as UTF-8. */
static const char *
row(int r, int width)
{
	static char buf[1024];

	graph_row_utf8(&cells[r * width], width, buf, sizeof buf);
	return buf;
}

static void
test_ascii(void)
{
	struct graph_spec g = { bk, 10, 0, 100, 10, 2, GRAPH_ASCII, false, -1 };

	zero(10);
	set(2, 25);          /* one level of four: half a cell */
	bk[3].have = false;  /* a gap */
	set(6, 100);         /* the spike: full height */
	set(8, 50);
	set(9, 0.001);       /* tiny but non-zero: at least one level */
	is_dbl(graph_render(&g, cells), 100, 0, "fixed range returned");
	is_str(row(0, 10), "      #   ", "ascii top row: only the spike");
	is_str(row(1, 10), "  .   # #.", "ascii bottom row");

	g.show_max = true;
	bk[4].max = 100;     /* avg 0, max at the top */
	graph_render(&g, cells);
	is_str(row(0, 10), "    ' #   ", "ascii max marker above the fill");
	is_str(row(1, 10), "  .   # #.", "max marker leaves the fill alone");

	g.nb = 5;            /* fewer buckets than columns */
	graph_render(&g, cells);
	is_str(row(1, 10), "  .       ", "missing buckets stay blank");
}

static void
test_braille(void)
{
	struct graph_spec g = { bk, 6, 0, 4, 3, 1, GRAPH_BRAILLE, false, -1 };

	is_int(graph_buckets(GRAPH_BRAILLE, 30), 60, "braille: 2 buckets/cell");
	is_int(graph_column(GRAPH_BRAILLE, 41), 20, "bucket 41 in column 20");
	zero(6);
	set(0, 1);
	set(1, 4);
	set(3, 2);
	bk[4].have = false;
	set(5, 3);
	graph_render(&g, cells);
	is_int(cells[0].ch, 0x28f8, "cell 0: left one dot, right full");
	is_int(cells[1].ch, 0x28a0, "cell 1: right two dots");
	is_int(cells[2].ch, 0x28b0, "cell 2: gap left, right three dots");
	is_str(row(0, 3), "\xe2\xa3\xb8\xe2\xa2\xa0\xe2\xa2\xb0",
	    "braille row as UTF-8");

	/* Two rows: a value of 5 of 8 levels fills the bottom cell, one dot
	 * in the top cell. */
	g.height = 2;
	g.hi = 8;
	zero(6);
	set(0, 5);
	graph_render(&g, cells);
	is_int(cells[0].ch, 0x2840, "two rows: top cell bottom-left dot");
	is_int(cells[3].ch, 0x2847, "two rows: bottom cell left column full");
	is_int(cells[1].ch, ' ', "empty cell is a space");

	/* Max marker: avg 1, max 4 -> one dot at the top of the right col. */
	g.height = 1;
	g.hi = 4;
	g.show_max = true;
	zero(6);
	bk[1].avg = 1;
	bk[1].max = 4;
	graph_render(&g, cells);
	is_int(cells[0].ch, 0x2800 + 0x80 + 0x08, "braille max as a dot");
}

static void
test_spike_column(void)
{
	struct graph_spec g = { bk, 60, 0, 0, 30, 3, GRAPH_BRAILLE, false, 45 };
	int c, r, lit = 0, where = -1;

	zero(60);
	set(41, 97.5);
	is_dbl(graph_render(&g, cells), 97.5, 0, "auto range: series max");
	for (c = 0; c < 30; c++)
		if (cells[c].ch != ' ') {
			lit++;
			where = c;
		}
	is_int(lit, 1, "spike: one lit cell on the top row");
	is_int(where, 20, "spike at bucket 41 in column 20");
	for (r = 0; r < 3; r++)
		ok(cells[r * 30 + 22].attr == GRAPH_ATTR_CURSOR &&
		    cells[r * 30 + 21].attr == 0,
		    "cursor at bucket 45 marks column 22, row %d", r);

	/* All zero: flat, nothing lit, no division by zero. */
	zero(60);
	is_dbl(graph_render(&g, cells), 1, 0, "idle series: range 0..1");
	ok(cells[60 + 5].ch == ' ' && cells[90 - 1].ch == ' ',
	    "idle series draws nothing");
}

static void
test_block(void)
{
	struct graph_spec g = { bk, 4, 0, 16, 4, 2, GRAPH_BLOCK, false, -1 };

	zero(4);
	set(0, 1);
	set(1, 8);
	set(2, 12);
	set(3, 16);
	graph_render(&g, cells);
	is_str(row(0, 4), "  \xe2\x96\x84\xe2\x96\x88", "blocks top row");
	is_str(row(1, 4), "\xe2\x96\x81\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88",
	    "blocks bottom row");
	set(0, 40); /* above the range: clamped to full */
	graph_render(&g, cells);
	ok(cells[0].ch == 0x2588 && cells[4].ch == 0x2588,
	    "value above range clamps to full height");
	{
		char small[4];

		is_int(graph_row_utf8(cells, 4, small, sizeof small), 0,
		    "row that does not fit: 0");
		is_str(small, "", "and an empty string");
	}
}

static void
test_axis(void)
{
	char buf[128];
	int64_t step;

	step = graph_axis(buf, sizeof buf, 40, T_0300 * SEC, 2 * SEC);
	is_int(step, 30 * SEC, "2 s per column: 30 s ticks");
	is_str(buf, "03:00:00       03:00:30       03:01:00  ",
	    "seconds labels at round times");

	step = graph_axis(buf, sizeof buf, 40, (T_0300 - 300) * SEC, 60 * SEC);
	is_int(step, 600 * SEC, "1 min per column: 10 min ticks");
	is_str(buf, "     03:00     03:10     03:20     03:30",
	    "minutes labels, first at the next round time");

	step = graph_axis(buf, sizeof buf, 40, (T_0300 - 4 * 3600) * SEC,
	    600 * SEC);
	is_int(step, 7200 * SEC, "10 min per column: 2 h ticks");
	is_str(buf, "      11-25       02:00       04:00     ",
	    "midnight shows the date");

	step = graph_axis(buf, sizeof buf, 40, (T_0300 - 4 * 3600) * SEC,
	    4 * 3600 * SEC);
	is_int(step, 2 * 86400 * SEC, "4 h per column: 2 day ticks");
	is_str(buf, "11-25       11-27       11-29           ",
	    "day labels");

	step = graph_axis(buf, 6, 40, T_0300 * SEC, SEC);
	is_str(buf, "     ", "short buffer: truncated, no label overflows");
	step = graph_axis(buf, sizeof buf, 10, T_0300 * SEC, 0);
	is_int(step, 0, "zero column span: no ticks");
	is_str(buf, "          ", "blank axis");
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	test_ascii();
	test_braille();
	test_spike_column();
	test_block();
	test_axis();
	return tap_done();
}
