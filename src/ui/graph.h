/*
 * graph.h: the history graph widget, as pure functions. A series of
 * buckets (min/max/avg per time slice) is drawn into a grid of cells
 * (Unicode code points plus an attribute), and a time axis into a text
 * line, so tests assert exact output and the view only copies cells to
 * the screen. Depends on libc only (no curses).
 */
#ifndef HISTOP_UI_GRAPH_H
#define HISTOP_UI_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum graph_style {
	GRAPH_BRAILLE, /* U+2800 block: 2 buckets x 4 levels per cell */
	GRAPH_BLOCK,   /* U+2581..U+2588: 1 bucket x 8 levels per cell */
	GRAPH_ASCII,   /* ".#": 1 bucket x 2 levels per cell */
};

/* One time slice of a series; have == false is a gap (no sample there). */
struct graph_bucket {
	bool have;
	double min, max, avg;
};

struct graph_spec {
	const struct graph_bucket *b; /* graph_buckets(style, width) of them */
	size_t nb;                    /* fewer leave the right side blank */
	double lo, hi;      /* value range; hi <= lo picks [0, max of series] */
	int width, height;  /* cells; both >= 1 */
	enum graph_style style;
	bool show_max;      /* mark a bucket's max above its avg (braille, ascii) */
	long cursor;        /* bucket index under the cursor, -1 for none */
};

#define GRAPH_ATTR_CURSOR 0x01 /* the cell is in the cursor's column */

struct graph_cell {
	uint32_t ch; /* code point; ' ' when empty */
	uint8_t attr;
};

/* How many buckets fill width cells in that style. */
size_t graph_buckets(enum graph_style, int width);
/* The column (cell) that bucket i lands in. */
int graph_column(enum graph_style, size_t i);

/*
 * Draw spec into cells (width * height, row 0 at the top). Returns the
 * top of the value range actually used (spec->hi, or the series' max when
 * auto-scaled), for the view's scale label.
 */
double graph_render(const struct graph_spec *, struct graph_cell *cells);

/*
 * One row of cells as a NUL-terminated UTF-8 string (ASCII stays ASCII).
 * Returns the length, or 0 with buf emptied when it does not fit.
 */
size_t graph_row_utf8(const struct graph_cell *row, int width, char *buf,
    size_t len);

/*
 * The time axis under a graph width cells wide whose column 0 starts at
 * t0_ns (wall clock) and whose columns each span col_ns: labels at round
 * local times, their unit chosen by the zoom (HH:MM:SS for seconds, HH:MM
 * for minutes and hours with MM-DD at midnight, MM-DD for days), never
 * overlapping. buf receives width characters and a NUL (len > width).
 * Returns the tick step chosen, in nanoseconds.
 */
int64_t graph_axis(char *buf, size_t len, int width, int64_t t0_ns,
    int64_t col_ns);

#endif
