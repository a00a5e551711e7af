/* graph.c: history graphs drawn into a cell grid (Braille, blocks or ASCII)
 * and their time axis. libc only, so tests compare exact output. */
#include "config.h"

#include "ui/graph.h"

#include <string.h>
#include <time.h>

#define NS INT64_C(1000000000)

/* Dot bits of a Braille cell, bottom row first, for the left and right
 * sub-column (Unicode: dots 7,3,2,1 and 8,6,5,4). */
static const uint8_t braille_dot[2][4] = {
	{ 0x40, 0x04, 0x02, 0x01 },
	{ 0x80, 0x20, 0x10, 0x08 },
};

/* Levels a cell holds in each style, buckets per cell. */
static int
style_levels(enum graph_style s)
{
	return s == GRAPH_BRAILLE ? 4 : s == GRAPH_BLOCK ? 8 : 2;
}

static int
style_per_cell(enum graph_style s)
{
	return s == GRAPH_BRAILLE ? 2 : 1;
}

size_t
graph_buckets(enum graph_style s, int width)
{
	return width > 0 ? (size_t)width * (size_t)style_per_cell(s) : 0;
}

int
graph_column(enum graph_style s, size_t i)
{
	return (int)(i / (size_t)style_per_cell(s));
}

/* Height of v in levels out of total: rounded, and at least one level for
 * anything above the floor so a small non-zero value never looks idle. */
static int
level_of(double v, double lo, double hi, int total)
{
	double f;
	int l;

	if (!(v > lo))
		return 0;
	f = (v - lo) / (hi - lo);
	if (f >= 1)
		return total;
	l = (int)(f * total + 0.5);
	return l < 1 ? 1 : l;
}

/* Filled levels of cell row r (0 = top) out of per for a column of height
 * level, clamped to 0..per. */
static int
cell_fill(int level, int r, int height, int per)
{
	int n = level - (height - 1 - r) * per;

	return n < 0 ? 0 : n > per ? per : n;
}

double
graph_render(const struct graph_spec *g, struct graph_cell *cells)
{
	int per = style_levels(g->style), total = per * g->height;
	int pc = style_per_cell(g->style);
	size_t nb = graph_buckets(g->style, g->width), i;
	double lo = g->lo, hi = g->hi;
	int r, c, k;

	if (nb > g->nb)
		nb = g->nb;
	if (hi <= lo) {
		lo = 0;
		hi = 0;
		for (i = 0; i < nb; i++)
			if (g->b[i].have) {
				double v = g->show_max ? g->b[i].max : g->b[i].avg;

				if (v > hi)
					hi = v;
			}
		if (hi <= lo)
			hi = lo + 1; /* all idle: a flat floor */
	}

	for (r = 0; r < g->height; r++)
		for (c = 0; c < g->width; c++) {
			struct graph_cell *cell = &cells[r * g->width + c];
			unsigned dots = 0;

			cell->ch = ' ';
			cell->attr = 0;
			if (g->cursor >= 0 &&
			    graph_column(g->style, (size_t)g->cursor) == c)
				cell->attr |= GRAPH_ATTR_CURSOR;
			for (k = 0; k < pc; k++) {
				const struct graph_bucket *b;
				int lv, mx, n, d;

				i = (size_t)c * (size_t)pc + (size_t)k;
				if (i >= nb || !g->b[i].have)
					continue;
				b = &g->b[i];
				lv = level_of(b->avg, lo, hi, total);
				mx = g->show_max ? level_of(b->max, lo, hi, total)
						 : 0;
				n = cell_fill(lv, r, g->height, per);
				switch (g->style) {
				case GRAPH_BRAILLE:
					for (d = 0; d < n; d++)
						dots |= braille_dot[k][d];
					/* the max as one dot above the fill */
					d = mx - 1 - (g->height - 1 - r) * per;
					if (mx > lv && d >= 0 && d < per)
						dots |= braille_dot[k][d];
					if (dots != 0)
						cell->ch = 0x2800 + dots;
					break;
				case GRAPH_BLOCK:
					if (n > 0)
						cell->ch = 0x2580 + (uint32_t)n;
					break;
				case GRAPH_ASCII:
					d = mx - 1 - (g->height - 1 - r) * per;
					if (n > 0)
						cell->ch = n == per ? '#' : '.';
					else if (mx > lv && d >= 0 && d < per)
						cell->ch = '\'';
					break;
				}
			}
		}
	return hi;
}

size_t
graph_row_utf8(const struct graph_cell *row, int width, char *buf, size_t len)
{
	size_t n = 0;
	int c;

	for (c = 0; c < width; c++) {
		uint32_t ch = row[c].ch;
		char tmp[4];
		size_t k;

		if (ch < 0x80) {
			tmp[0] = (char)ch;
			k = 1;
		} else if (ch < 0x800) {
			tmp[0] = (char)(0xc0 | (ch >> 6));
			tmp[1] = (char)(0x80 | (ch & 0x3f));
			k = 2;
		} else {
			/* graphs only emit BMP characters */
			tmp[0] = (char)(0xe0 | (ch >> 12));
			tmp[1] = (char)(0x80 | ((ch >> 6) & 0x3f));
			tmp[2] = (char)(0x80 | (ch & 0x3f));
			k = 3;
		}
		if (n + k >= len) {
			if (len > 0)
				buf[0] = '\0';
			return 0;
		}
		memcpy(buf + n, tmp, k);
		n += k;
	}
	if (len == 0)
		return 0;
	buf[n] = '\0';
	return n;
}

/* Tick steps, smallest first; the first whose spacing fits a label wins. */
static const int64_t axis_steps[] = {
	1, 2, 5, 10, 15, 30,
	60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60,
	3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
	86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400,
};

int64_t
graph_axis(char *buf, size_t len, int width, int64_t t0_ns, int64_t col_ns)
{
	int64_t step = 0, t, off, first;
	time_t t0 = (time_t)(t0_ns / NS);
	struct tm tm;
	size_t i;
	int lablen, last_end = -1;

	if (len == 0)
		return 0;
	if (width < 0)
		width = 0;
	if ((size_t)width >= len)
		width = (int)len - 1;
	memset(buf, ' ', (size_t)width);
	buf[width] = '\0';
	if (col_ns <= 0 || width == 0)
		return 0;

	for (i = 0; i < sizeof axis_steps / sizeof axis_steps[0]; i++) {
		step = axis_steps[i];
		lablen = step < 60 ? 8 : 5;
		if (step * NS >= (int64_t)(lablen + 2) * col_ns)
			break;
	}
	lablen = step < 60 ? 8 : 5;

	/* Round ticks fall on multiples of the step in local time. */
	localtime_r(&t0, &tm);
	off = tm.tm_gmtoff;
	first = t0_ns / NS + off;
	first = (first / step + (first % step != 0)) * step - off;

	for (t = first;; t += step) {
		int64_t col = (t * NS - t0_ns) / col_ns;
		time_t tt = (time_t)t;
		char lab[16];
		size_t n;

		if (col + lablen > width)
			break;
		if ((int)col <= last_end)
			continue;
		localtime_r(&tt, &tm);
		if (step < 60)
			n = strftime(lab, sizeof lab, "%H:%M:%S", &tm);
		else if (step < 86400 && (tm.tm_hour | tm.tm_min) != 0)
			n = strftime(lab, sizeof lab, "%H:%M", &tm);
		else
			n = strftime(lab, sizeof lab, "%m-%d", &tm);
		if (n != (size_t)lablen)
			continue;
		memcpy(buf + col, lab, (size_t)lablen);
		last_end = (int)col + lablen;
	}
	return step * NS;
}
