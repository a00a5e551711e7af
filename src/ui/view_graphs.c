/*
 * view_graphs.c: history graphs of the system metrics (and of one process)
 * over a zoomable window, with a time axis and a cursor that is the time
 * the other views show. Series come bucketed from the store, which serves
 * wide buckets from its rollup tiers. Depends on curses, db and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "ui/timetravel.h"

#define NS INT64_C(1000000000)
#define LABEL_W 18 /* "disk write 12.3M/s" */

enum unit { U_PCT, U_BYTES, U_RATE, U_NUM };

static const struct gseries {
	const char *label;
	int metric;   /* enum db_metric, or -1/-2 for the process's CPU/RSS */
	enum unit unit;
	double hi;    /* fixed top of the scale; 0: the window's max */
} gseries[] = {
	{ "proc cpu%", -1, U_PCT, 0 },
	{ "proc rss", -2, U_BYTES, 0 },
	{ "cpu %", DBM_CPU_USAGE, U_PCT, 100 },
	{ "cpu user", DBM_CPU_USER, U_PCT, 100 },
	{ "cpu system", DBM_CPU_SYSTEM, U_PCT, 100 },
	{ "cpu iowait", DBM_CPU_IOWAIT, U_PCT, 100 },
	{ "cpu steal", DBM_CPU_STEAL, U_PCT, 100 },
	{ "mem used", DBM_MEM_USED, U_BYTES, 0 },
	{ "swap used", DBM_SWAP_USED, U_BYTES, 0 },
	{ "load1", DBM_LOAD1, U_NUM, 0 },
	{ "net rx", DBM_NET_RX, U_RATE, 0 },
	{ "net tx", DBM_NET_TX, U_RATE, 0 },
	{ "disk read", DBM_DISK_READ, U_RATE, 0 },
	{ "disk write", DBM_DISK_WRITE, U_RATE, 0 },
	{ "psi cpu", DBM_PSI_CPU, U_PCT, 0 },
	{ "psi memory", DBM_PSI_MEMORY, U_PCT, 0 },
	{ "psi io", DBM_PSI_IO, U_PCT, 0 },
};
#define NSERIES (sizeof gseries / sizeof gseries[0])
#define NPROCSERIES 2

/* Window spans, smallest first; 0 is the whole database. */
static const int64_t zooms[] = {
	5 * 60 * NS, 15 * 60 * NS, 3600 * NS, 6 * 3600 * NS, 86400 * NS,
	7 * 86400 * NS, 0,
};
static const char *const zoom_names[] = {
	"5m", "15m", "1h", "6h", "1d", "7d", "all",
};
#define NZOOMS (sizeof zooms / sizeof zooms[0])
#define ZOOM_DEFAULT 2

struct tt_graphs {
	int zoom;
	enum graph_style style;
	int top;              /* first series shown (scrolling) */

	bool have_proc;
	pid_t pid;
	uint64_t start_ns;
	char comm[64];

	/* the window of the last fetch, and its buckets per series */
	int64_t from, bw;     /* span of one sub-column */
	int64_t interval;     /* of the newest sample */
	size_t nt;            /* time buckets fetched: nb, or fewer so none is
	                       * narrower than the sample interval */
	size_t nb;
	uint64_t newest;      /* seq of the newest sample then */
	int fzoom;
	bool fproc;
	bool fetched[NSERIES];
	struct db_bucket *bk[NSERIES];
	struct graph_bucket *gb;
	struct graph_cell *cells;
	size_t ncells;
};

void
graphs_free(struct tt_graphs *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < NSERIES; i++)
		free(g->bk[i]);
	free(g->gb);
	free(g->cells);
	free(g);
}

static struct tt_graphs *
state(struct ui *ui)
{
	struct tt_graphs *g = ui->tt->graphs;

	if (g == NULL) {
		g = ui->tt->graphs = xcalloc(1, sizeof *g);
		g->zoom = ZOOM_DEFAULT;
		g->style = ui->utf8 ? GRAPH_BRAILLE : GRAPH_ASCII;
		g->fzoom = -1;
	}
	if (!ui->utf8)
		g->style = GRAPH_ASCII;
	return g;
}

void
graphs_set_process(struct ui *ui, pid_t pid, uint64_t start_ns,
    const char *comm)
{
	struct tt_graphs *g = state(ui);

	g->have_proc = true;
	g->pid = pid;
	g->start_ns = start_ns;
	strlcpy(g->comm, comm != NULL ? comm : "?", sizeof g->comm);
	g->top = 0;
	g->fzoom = -1; /* refetch */
}

static void
fmt_value(char *buf, size_t len, enum unit u, double v)
{
	switch (u) {
	case U_PCT:
		snprintf(buf, len, "%.1f%%", v);
		break;
	case U_BYTES:
		fmt_bytes(buf, len, v > 0 ? (uint64_t)v : 0);
		break;
	case U_RATE:
		fmt_rate(buf, len, v);
		break;
	case U_NUM:
		snprintf(buf, len, "%.2f", v);
		break;
	}
}

/* The time the cursor stands on: the sample shown, or the newest. */
static int64_t
cursor_time(struct ui *ui, const struct db_sample *last)
{
	const struct snapshot *s = history_snapshot(ui->tt->hist);

	if (s != NULL)
		return s->wall_ns;
	if (ui->cur != NULL && ui->cur->wall_ns > last->wall_ns)
		return ui->cur->wall_ns;
	return last->wall_ns;
}

/* Add the process's points pt[0..n-1] to their buckets (CPU, RSS). */
static void
proc_points(struct tt_graphs *g, const struct db_proc_point *pt, size_t n)
{
	struct db_bucket *c = g->bk[0], *r = g->bk[1];
	size_t i;

	for (i = 0; i < n; i++) {
		int64_t k = (pt[i].wall_ns - g->from) * (int64_t)g->nt /
		    (g->bw * (int64_t)g->nb);
		double v[2] = { pt[i].cpu_percent, (double)pt[i].rss_bytes };
		bool have[2] = { pt[i].have_cpu, pt[i].have_rss };
		struct db_bucket *b[2];
		int j;

		if (pt[i].wall_ns < g->from || (size_t)k >= g->nt)
			continue;
		b[0] = &c[k];
		b[1] = &r[k];
		for (j = 0; j < 2; j++) {
			if (!have[j])
				continue;
			if (b[j]->n == 0 || v[j] < b[j]->min)
				b[j]->min = v[j];
			if (b[j]->n == 0 || v[j] > b[j]->max)
				b[j]->max = v[j];
			/* running mean */
			b[j]->avg += (v[j] - b[j]->avg) / (double)(b[j]->n + 1);
			b[j]->n++;
		}
	}
}

/*
 * The process's history in the window. Every sample when the window holds
 * a few per bucket; zoomed far out (a week is 300,000 samples), the first
 * PROC_SAMPLED samples of each bucket instead, so the cost follows the
 * width of the graph, not the length of the history.
 */
#define PROC_SAMPLED 4
static void
fetch_proc(struct db *db, struct tt_graphs *g)
{
	int64_t span = g->bw * (int64_t)g->nb, tb = span / (int64_t)g->nt;
	struct db_proc_point *pt;
	size_t n, k;

	memset(g->bk[0], 0, g->nt * sizeof *g->bk[0]);
	memset(g->bk[1], 0, g->nt * sizeof *g->bk[1]);
	if (g->interval <= 0 || span / g->interval <= 8 * (int64_t)g->nt) {
		pt = NULL;
		if (db_proc_history(db, g->pid, g->start_ns, g->from,
		    g->from + span - 1, &pt, &n) == DB_OK)
			proc_points(g, pt, n);
		free(pt);
		return;
	}
	for (k = 0; k < g->nt; k++) {
		int64_t t = g->from + span * (int64_t)k / (int64_t)g->nt;

		pt = NULL;
		if (db_proc_history(db, g->pid, g->start_ns, t, t +
		    (tb < PROC_SAMPLED * g->interval ? tb :
		    PROC_SAMPLED * g->interval) - 1, &pt, &n) == DB_OK)
			proc_points(g, pt, n);
		free(pt);
	}
}

/* Fetch the series for window [from, from + nb * bw) when it changed. */
static void
fetch(struct tt_graphs *g, struct db *db, int64_t from, int64_t bw,
    size_t nb, uint64_t newest)
{
	size_t i;

	if (g->fzoom == g->zoom && g->from == from && g->bw == bw &&
	    g->nb == nb && g->newest == newest && g->fproc == g->have_proc)
		return;
	if (nb != g->nb) {
		for (i = 0; i < NSERIES; i++)
			g->bk[i] = xreallocarray(g->bk[i], nb, sizeof **g->bk);
		g->gb = xreallocarray(g->gb, nb, sizeof *g->gb);
	}
	g->from = from;
	g->bw = bw;
	g->nb = nb;
	g->newest = newest;
	/* A bucket narrower than the sample interval would be empty between
	 * two samples: fetch fewer, each drawn over several sub-columns. */
	g->nt = nb;
	if (g->interval > bw)
		g->nt = (size_t)(bw * (int64_t)nb / g->interval);
	if (g->nt < 1)
		g->nt = 1;
	g->fzoom = g->zoom;
	g->fproc = g->have_proc;
	memset(g->fetched, 0, sizeof g->fetched);
	if (g->have_proc) {
		fetch_proc(db, g);
		g->fetched[0] = g->fetched[1] = true;
	}
	for (i = NPROCSERIES; i < NSERIES; i++)
		g->fetched[i] = db_series(db, (enum db_metric)gseries[i].metric,
		    from, from + bw * (int64_t)nb - 1, g->nt, g->bk[i]) ==
		    DB_OK;
}

/* One series: label and value under the cursor at the left, graph right. */
static void
draw_series(struct ui *ui, struct tt_graphs *g, size_t si, int y, int h,
    int gw, long cur)
{
	const struct gseries *s = &gseries[si];
	struct graph_spec spec;
	char lab[48], val[24], row[1024];
	double top;
	size_t i, nb = g->nb;
	int r;

	if (si < NPROCSERIES)
		snprintf(lab, sizeof lab, "%d %s", (int)g->pid,
		    si == 0 ? "cpu%" : "rss");
	else
		strlcpy(lab, s->label, sizeof lab);
	ui_put(ui, y, 0, 11, lab, ui_attr(ui, C_TITLE));
	if (!g->fetched[si]) {
		ui_put(ui, y, LABEL_W, gw, "(no data)", ui_attr(ui, C_DIM));
		return;
	}
	for (i = 0; i < nb; i++) {
		const struct db_bucket *b = &g->bk[si][i * g->nt / nb];

		g->gb[i].have = b->n > 0;
		g->gb[i].min = b->min;
		g->gb[i].max = b->max;
		g->gb[i].avg = b->avg;
	}
	if (cur >= 0 && (size_t)cur < nb && g->gb[cur].have) {
		fmt_value(val, sizeof val, s->unit, g->gb[cur].avg);
		ui_put(ui, y, 11, LABEL_W - 11, val, A_NORMAL);
	}

	memset(&spec, 0, sizeof spec);
	spec.b = g->gb;
	spec.nb = nb;
	spec.lo = 0;
	spec.hi = s->hi;
	spec.width = gw;
	spec.height = h;
	spec.style = g->style;
	spec.show_max = true;
	spec.cursor = cur;
	if ((size_t)gw * (size_t)h > g->ncells) {
		g->ncells = (size_t)gw * (size_t)h;
		g->cells = xreallocarray(g->cells, g->ncells, sizeof *g->cells);
	}
	top = graph_render(&spec, g->cells);
	if (h > 1) {
		fmt_value(val, sizeof val, s->unit, top);
		snprintf(lab, sizeof lab, "  max %s", val);
		ui_put(ui, y + 1, 0, LABEL_W, lab, ui_attr(ui, C_DIM));
	}
	for (r = 0; r < h; r++) {
		graph_row_utf8(&g->cells[r * gw], gw, row, sizeof row);
		ui_put(ui, y + r, LABEL_W, gw, row,
		    ui_attr(ui, si < NPROCSERIES ? C_CPU_SYSTEM : C_CPU_USER));
		if (cur >= 0)
			mvchgat(y + r, LABEL_W + graph_column(g->style,
			    (size_t)cur), 1, A_REVERSE, 0, NULL);
	}
}

static void
graphs_draw(struct ui *ui)
{
	struct tt_graphs *g = state(ui);
	struct db_sample first, last;
	struct db *db;
	int64_t span, to, from, bw, t;
	size_t nb, first_s, n, i;
	char head[256], axis[1024];
	int gw, avail, per, extra, y;
	long cur;

	erase(); /* the whole screen is this view's */
	ui_draw_title(ui);
	if (ui->rows < 6 || ui->cols < LABEL_W + 10) {
		ui_put(ui, 1, 0, ui->cols, "terminal too small for graphs",
		    A_NORMAL);
		ui_draw_status(ui);
		return;
	}
	if ((db = history_db(ui->tt->hist)) == NULL ||
	    db_first(db, &first) != DB_OK || db_last(db, &last) != DB_OK) {
		ui_put(ui, 2, 0, ui->cols, db == NULL ?
		    history_message(ui->tt->hist) : "the history is empty",
		    A_NORMAL);
		ui_draw_status(ui);
		return;
	}

	/* Window: ends at the newest sample, or later when the cursor is
	 * beyond it (live); slides back so the cursor stays inside. */
	gw = ui->cols - LABEL_W;
	nb = graph_buckets(g->style, gw);
	t = cursor_time(ui, &last);
	to = t > last.wall_ns ? t : last.wall_ns;
	span = zooms[g->zoom];
	if (span == 0)
		span = to - first.wall_ns;
	bw = span / (int64_t)nb;
	if (bw < 1)
		bw = 1;
	/* Align the window to whole buckets so it does not shimmer as live
	 * time advances. */
	to = (to / bw + 1) * bw;
	from = to - bw * (int64_t)nb;
	if (t < from) {
		/* the cursor went before the window: centre it */
		from = (t - bw * (int64_t)nb / 2) / bw * bw;
		to = from + bw * (int64_t)nb;
	}
	g->interval = last.interval_ns > 0 ? last.interval_ns : 0;
	fetch(g, db, from, bw, nb, last.seq);
	cur = (long)((t - from) / bw);

	snprintf(head, sizeof head, "Graphs  window %s (+/- zoom, a all)  %s (s)  "
	    "Left/Right move  Enter back", zoom_names[g->zoom],
	    g->style == GRAPH_BRAILLE ? "braille" : g->style == GRAPH_BLOCK ?
	    "blocks" : "ascii");
	ui_put(ui, 1, 0, ui->cols, head, ui_attr(ui, C_HEADER));
	if (g->have_proc) {
		int x = ui->cols - 40, w;

		snprintf(head, sizeof head, "  process %d ", (int)g->pid);
		w = ui_put(ui, 1, x, 40, head, ui_attr(ui, C_TITLE));
		ui_put_text(ui, 1, x + w, 40 - w, g->comm, ui_attr(ui, C_TITLE));
	}

	/* Rows: line 0 title, 1 header, axis and status at the bottom. */
	avail = ui->rows - 4;
	first_s = g->have_proc ? 0 : NPROCSERIES;
	n = NSERIES - first_s;
	if ((size_t)g->top >= n)
		g->top = (int)n - 1;
	if (g->top < 0)
		g->top = 0;
	/* Rows per series: the space shared out, the first ones taking the
	 * remainder; at least one row each (Up/Down scroll the rest). */
	per = avail / (int)(n - (size_t)g->top);
	extra = avail % (int)(n - (size_t)g->top);
	if (per < 1) {
		per = 1;
		extra = 0;
	}
	if (per > 6) {
		per = 6;
		extra = 0;
	}
	y = 2;
	for (i = first_s + (size_t)g->top; i < NSERIES; i++) {
		int h = per + (extra-- > 0);

		if (y + h > 2 + avail)
			break;
		draw_series(ui, g, i, y, h, gw, cur);
		y += h;
	}
	graph_axis(axis, sizeof axis, gw, from,
	    bw * (g->style == GRAPH_BRAILLE ? 2 : 1));
	ui_put(ui, ui->rows - 2, LABEL_W, gw, axis, ui_attr(ui, C_DIM));
	ui_draw_status(ui);
}

/* On entry: the smallest window holding the whole history, up to the
 * default (a short recording fills the graph; a week opens on 1 h). */
static void
graphs_enter(struct ui *ui)
{
	struct tt_graphs *g = state(ui);
	struct db_sample first, last;
	struct db *db = history_db(ui->tt->hist);
	int z;

	if (db == NULL || db_first(db, &first) != DB_OK ||
	    db_last(db, &last) != DB_OK)
		return;
	for (z = 0; z < ZOOM_DEFAULT; z++)
		if (zooms[z] >= last.wall_ns - first.wall_ns)
			break;
	g->zoom = z;
}

/* ---- the view's keys (bound in keys.c, ACTF_GRAPHS) ------------------ */

void
act_graph_zoom_in(struct ui *ui)
{
	struct tt_graphs *g = state(ui);

	if (g->zoom > 0)
		g->zoom--;
}

void
act_graph_zoom_out(struct ui *ui)
{
	struct tt_graphs *g = state(ui);

	if ((size_t)g->zoom + 1 < NZOOMS)
		g->zoom++;
}

void
act_graph_zoom_all(struct ui *ui)
{
	state(ui)->zoom = NZOOMS - 1; /* the whole database */
}

/* The cursor moves by one column of the graph. */
static void
graph_move(struct ui *ui, int dir)
{
	struct tt_graphs *g = state(ui);
	int64_t cell = g->bw * (g->style == GRAPH_BRAILLE ? 2 : 1);

	tt_move(ui, dir, cell > 0 ? cell : 0);
}

void
act_graph_back(struct ui *ui)
{
	graph_move(ui, -1);
}

void
act_graph_fwd(struct ui *ui)
{
	graph_move(ui, 1);
}

void
act_graph_up(struct ui *ui)
{
	state(ui)->top--;
}

void
act_graph_down(struct ui *ui)
{
	state(ui)->top++;
}

void
act_graph_style(struct ui *ui)
{
	struct tt_graphs *g = state(ui);

	if (ui->utf8)
		g->style = g->style == GRAPH_BRAILLE ? GRAPH_BLOCK :
		    g->style == GRAPH_BLOCK ? GRAPH_ASCII : GRAPH_BRAILLE;
	g->fzoom = -1;
}

void
act_graph_no_proc(struct ui *ui)
{
	state(ui)->have_proc = false;
}

void
act_graph_close(struct ui *ui)
{
	ui_pop_view(ui);
}

static bool
graphs_key(struct ui *ui, int key)
{
	if (prompt_key(ui, key))
		return true;
	/* its own keys first, then the global ones: time moves, marks,
	 * quit, help */
	return keys_dispatch_graphs(ui, key) || keys_dispatch(ui, key);
}

const struct ui_view view_graphs = {
	.name = "graphs",
	.enter = graphs_enter,
	.draw = graphs_draw,
	.key = graphs_key,
};
