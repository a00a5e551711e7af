/*
 * proctab.c: the process table — which processes (filter, user, kernel
 * threads), in what order (any column, either way, or as a tree), which one
 * is selected, and drawing the visible rows. Depends on core and curses.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct sort_ctx {
	const struct snapshot *s;
	enum ui_col col;
	int dir; /* 1 ascending, -1 descending */
};

static int
cmp_rows(const void *va, const void *vb, void *vctx)
{
	const struct sort_ctx *c = vctx;
	const struct proc_row *ra = va, *rb = vb;
	const struct snap_proc *a = &c->s->proc[ra->idx];
	const struct snap_proc *b = &c->s->proc[rb->idx];
	bool ka = col_known(a, c->col), kb = col_known(b, c->col);
	int r;

	if (ka != kb)
		return ka ? -1 : 1; /* unknown values last, either way */
	if (ka && (r = col_compare(c->col, a, b)) != 0)
		return r * c->dir;
	return (a->pid > b->pid) - (a->pid < b->pid);
}

bool
proc_matches(const struct snap_proc *p, const struct proc_filter *f)
{
	size_t i;

	if (p->kernel_thread && !f->kernel_threads)
		return false;
	if (p->thread && !f->threads)
		return false;
	if (f->npids > 0) {
		for (i = 0; i < f->npids; i++)
			if (f->pids[i] == p->pid ||
			    (p->thread && f->pids[i] == p->ppid))
				break;
		if (i == f->npids)
			return false;
	}
	if (f->user != NULL) {
		char uid[24];

		snprintf(uid, sizeof(uid), "%lu", (unsigned long)p->uid);
		if ((p->user == NULL || strcmp(p->user, f->user) != 0) &&
		    (!HAVE(p->have, PROC_UID) || strcmp(uid, f->user) != 0))
			return false;
	}
	if (f->text != NULL && f->text[0] != '\0') {
		if ((p->cmdline == NULL || strcasestr(p->cmdline, f->text) ==
		    NULL) && (p->comm == NULL || strcasestr(p->comm, f->text) ==
		    NULL) && (p->user == NULL || strcasestr(p->user, f->text) ==
		    NULL))
			return false;
	}
	return true;
}

static bool
same_proc(const struct proc_id *id, const struct snap_proc *p)
{
	return id->pid == p->pid && id->start_time_ns ==
	    (HAVE(p->have, PROC_START_TIME) ? p->start_time_ns : 0);
}

static bool
is_folded(const struct proctab *t, const struct snap_proc *p)
{
	size_t i;

	for (i = 0; i < t->nfolded; i++)
		if (same_proc(&t->folded[i], p))
			return true;
	return false;
}

/* The most folds remembered; the oldest is forgotten beyond it. */
#define MAX_FOLDED 256

bool
proctab_fold(struct proctab *t, bool fold)
{
	const struct snap_proc *p = proctab_selected(t);
	size_t i;

	if (p == NULL)
		return false;
	for (i = 0; i < t->nfolded; i++)
		if (same_proc(&t->folded[i], p))
			break;
	if (!fold) {
		if (i == t->nfolded)
			return false;
		t->folded[i] = t->folded[--t->nfolded];
		return true;
	}
	if (i < t->nfolded)
		return false;
	if (t->nfolded == MAX_FOLDED)
		memmove(t->folded, t->folded + 1, --t->nfolded *
		    sizeof(*t->folded));
	t->folded = xgrow(t->folded, &t->capfolded, t->nfolded,
	    sizeof(*t->folded));
	t->folded[t->nfolded].pid = p->pid;
	t->folded[t->nfolded++].start_time_ns = HAVE(p->have,
	    PROC_START_TIME) ? p->start_time_ns : 0;
	return true;
}

/*
 * Reorder t->rows (already sorted) into tree order: children under their
 * parent, siblings in sort order. A parent that is filtered out or absent
 * makes a root; rows a ppid cycle would orphan are appended as roots.
 * The descendants of a folded process are walked but not kept.
 */
static void
make_tree(struct proctab *t, const struct snapshot *s)
{
	size_t n = t->nrows, i, nout = 0, sp = 0;
	int32_t *pos, *first, *next, *stack, *opos;
	struct proc_row *out;
	bool *seen;
	int32_t roots = -1, last_root = -1;
	size_t hide_at = 0; /* stack depth from which rows are hidden, 0 none */

	if (n == 0)
		return;
	pos = xreallocarray(NULL, s->nproc, sizeof(*pos));
	first = xreallocarray(NULL, n, sizeof(*first));
	next = xreallocarray(NULL, n, sizeof(*next));
	stack = xreallocarray(NULL, n, sizeof(*stack));
	out = xreallocarray(NULL, n, sizeof(*out));
	seen = xcalloc(n, sizeof(*seen));
	opos = xreallocarray(NULL, n, sizeof(*opos));
	for (i = 0; i < s->nproc; i++)
		pos[i] = -1;
	for (i = 0; i < n; i++) {
		pos[t->rows[i].idx] = (int32_t)i;
		first[i] = next[i] = -1;
	}
	/* In reverse so prepending keeps siblings in sort order. */
	for (i = n; i-- > 0;) {
		const struct snap_proc *p = &s->proc[t->rows[i].idx];
		const struct snap_proc *pp = NULL;
		int32_t par = -1;

		if (HAVE(p->have, PROC_PPID) && p->ppid != p->pid)
			pp = snapshot_find_proc(s, p->ppid);
		if (pp != NULL)
			par = pos[pp - s->proc];
		if (par >= 0) {
			next[i] = first[par];
			first[par] = (int32_t)i;
		} else {
			next[i] = roots;
			roots = (int32_t)i;
		}
	}
	for (;;) {
		int32_t r;

		if (sp == 0) {
			/* next root: from the root list, then any orphan */
			if (roots >= 0) {
				r = roots;
				roots = next[r];
			} else {
				for (r = last_root + 1; r < (int32_t)n && seen[r]; r++)
					;
				if (r >= (int32_t)n)
					break;
				last_root = r; /* cycle member: a root now */
			}
			if (seen[r])
				continue;
			seen[r] = true;
			opos[r] = (int32_t)nout;
			out[nout] = t->rows[r];
			out[nout].depth = 0;
			out[nout].last = true;
			out[nout].more = 0;
			out[nout].folded = is_folded(t, &s->proc[out[nout].idx]);
			if (out[nout].folded)
				hide_at = 1;
			nout++;
			stack[sp++] = r;
			continue;
		}
		/* emit the next unseen child of the top of the stack */
		r = stack[sp - 1];
		{
			int32_t c = first[r];
			int32_t k = opos[r];

			while (c >= 0 && seen[c])
				c = next[c];
			if (c < 0) {
				if (--sp < hide_at)
					hide_at = 0;
				continue;
			}
			first[r] = next[c];
			seen[c] = true;
			if (hide_at > 0) {
				stack[sp++] = c; /* walked, not shown */
				continue;
			}
			opos[c] = (int32_t)nout;
			out[nout] = t->rows[c];
			out[nout].depth = out[k].depth < 60 ? out[k].depth + 1 :
			    out[k].depth;
			out[nout].more = out[k].more;
			if (!out[k].last && out[k].depth > 0)
				out[nout].more |= UINT64_C(1) << out[k].depth;
			{
				int32_t d = first[r];

				while (d >= 0 && seen[d])
					d = next[d];
				out[nout].last = d < 0;
			}
			out[nout].folded = is_folded(t, &s->proc[out[nout].idx]);
			nout++;
			stack[sp++] = c;
			if (out[nout - 1].folded)
				hide_at = sp;
		}
	}
	memcpy(t->rows, out, nout * sizeof(*out));
	t->nrows = nout;
	free(pos);
	free(first);
	free(next);
	free(stack);
	free(out);
	free(seen);
	free(opos);
}

void
proctab_build(struct proctab *t, const struct snapshot *s,
    const struct ui_config *cfg, const struct proc_filter *f)
{
	struct sort_ctx ctx;
	size_t i;

	t->snap = s;
	t->nrows = 0;
	if (s == NULL)
		return;
	/* a row per process at most; given back after a burst */
	t->rows = xfit(t->rows, &t->cap, s->nproc, sizeof(*t->rows));
	for (i = 0; i < s->nproc; i++) {
		if (!proc_matches(&s->proc[i], f))
			continue;
		memset(&t->rows[t->nrows], 0, sizeof(*t->rows));
		t->rows[t->nrows++].idx = (uint32_t)i;
	}
	ctx.s = s;
	ctx.col = (enum ui_col)cfg->sort;
	ctx.dir = ui_columns[ctx.col].desc ? -1 : 1;
	if (cfg->invert)
		ctx.dir = -ctx.dir;
	qsort_r(t->rows, t->nrows, sizeof(*t->rows), cmp_rows, &ctx);
	if (cfg->tree)
		make_tree(t, s);
	/* keep the selected process selected */
	if (t->follow) {
		for (i = 0; i < t->nrows; i++)
			if (s->proc[t->rows[i].idx].pid == t->sel_pid) {
				t->sel = i;
				break;
			}
	}
	if (t->nrows == 0)
		t->sel = 0;
	else if (t->sel >= t->nrows)
		t->sel = t->nrows - 1;
}

void
proctab_free(struct proctab *t)
{
	free(t->rows);
	free(t->folded);
	memset(t, 0, sizeof(*t));
}

const struct snap_proc *
proctab_selected(const struct proctab *t)
{
	if (t->snap == NULL || t->nrows == 0)
		return NULL;
	return &t->snap->proc[t->rows[t->sel].idx];
}

void
proctab_move(struct proctab *t, long delta, int page)
{
	long sel = (long)t->sel;

	if (t->nrows == 0)
		return;
	if (page > 0)
		delta *= page;
	sel += delta;
	if (sel < 0)
		sel = 0;
	if (sel >= (long)t->nrows)
		sel = (long)t->nrows - 1;
	t->sel = (size_t)sel;
	t->follow = true;
	t->sel_pid = t->snap->proc[t->rows[t->sel].idx].pid;
}

int
proctab_column_at(const struct proctab *t, int y, int x)
{
	int c;

	if (y != t->hdr_y)
		return -1;
	for (c = 0; c < COL_N; c++)
		if (t->hdr_x[c] >= 0 && x >= t->hdr_x[c] &&
		    x < t->hdr_x[c] + t->hdr_w[c])
			return c;
	return -1;
}

/* The tree prefix of a row: "│ │ ├─" (UTF-8) or "| | |-", and "+" when
 * its descendants are folded away. */
static void
tree_prefix(const struct ui *ui, const struct proc_row *r, char *buf,
    size_t len)
{
	int d;

	buf[0] = '\0';
	for (d = 1; d < r->depth; d++)
		strlcat(buf, (r->more >> d) & 1 ? (ui->utf8 ? "\u2502 " : "| ") :
		    "  ", len);
	if (r->depth > 0)
		strlcat(buf, r->last ? (ui->utf8 ? "\u2514\u2500" : "`-") :
		    (ui->utf8 ? "\u251c\u2500" : "|-"), len);
	if (r->folded)
		strlcat(buf, "+", len);
}

/*
 * The columns to draw at width w: the chosen ones, less the least needed
 * while COMMAND would get fewer than MIN_COMMAND columns (narrow
 * terminals). The choice itself is not changed.
 */
#define MIN_COMMAND 24
static uint32_t
fit_columns(uint32_t mask, int sort, int w)
{
	static const enum ui_col drop[] = { COL_WRITE, COL_READ, COL_NICE,
		COL_SHR, COL_VIRT, COL_STACK, COL_DATA, COL_SWAP, COL_STIME,
		COL_UTIME, COL_THREADS, COL_STATE, COL_MEM, COL_USER };
	size_t i;
	int c, used;

	for (i = 0;; i++) {
		for (used = 0, c = 0; c < COL_N; c++)
			if ((mask & (1u << c)) && ui_columns[c].width > 0)
				used += ui_columns[c].width + 1;
		if (!(mask & (1u << COL_COMMAND)) || w - used >= MIN_COMMAND ||
		    i >= sizeof(drop) / sizeof(drop[0]))
			return mask;
		if ((int)drop[i] != sort)
			mask &= ~(1u << drop[i]);
	}
}

void
proctab_draw(struct ui *ui, struct proctab *t, const struct ui_rect *r)
{
	const struct snapshot *s = t->snap;
	uint64_t mem_total = 0;
	char cell[4096], safe[8192];
	int c, x, body = r->h - 1;
	uint32_t shown = fit_columns(ui->cfg.columns, ui->cfg.sort, r->w);
	size_t i;

	for (c = 0; c < COL_N; c++)
		t->hdr_x[c] = -1;
	t->hdr_y = r->y;
	if (r->h <= 0)
		return;
	/* header */
	ui_fill_line(ui, r->y, r->x, r->w, ui_attr(ui, C_HEADER));
	for (x = r->x, c = 0; c < COL_N && x < r->x + r->w; c++) {
		const struct ui_column *col = &ui_columns[c];
		int w = col->width ? col->width : r->x + r->w - x;
		attr_t a = ui_attr(ui, c == ui->cfg.sort ? C_SORTED : C_HEADER);

		if (!(shown & (1u << c)))
			continue;
		if (x + w > r->x + r->w)
			w = r->x + r->w - x;
		snprintf(cell, sizeof(cell), col->left ? "%-*s" : "%*s", w,
		    col->title);
		ui_put(ui, r->y, x, w, cell, a);
		t->hdr_x[c] = x;
		t->hdr_w[c] = w;
		x += w + 1;
	}
	if (s != NULL && HAVE(s->mem.have, MEM_TOTAL))
		mem_total = s->mem.v[MEM_TOTAL];
	/* scroll so the selection is visible */
	if (body <= 0)
		return;
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + (size_t)body)
		t->top = t->sel - (size_t)body + 1;
	if (t->top + (size_t)body > t->nrows)
		t->top = t->nrows > (size_t)body ? t->nrows - (size_t)body : 0;
	for (i = 0; i < (size_t)body && t->top + i < t->nrows; i++) {
		const struct proc_row *row = &t->rows[t->top + i];
		const struct snap_proc *p = &s->proc[row->idx];
		int y = r->y + 1 + (int)i;
		attr_t a = t->top + i == t->sel ? ui_attr(ui, C_SELECTED) :
		    p->kernel_thread ? ui_attr(ui, C_DIM) : p->thread ?
		    ui_attr(ui, C_THREAD) : A_NORMAL;

		if (a != A_NORMAL)
			ui_fill_line(ui, y, r->x, r->w, a);
		for (x = r->x, c = 0; c < COL_N && x < r->x + r->w; c++) {
			const struct ui_column *col = &ui_columns[c];
			int w = col->width ? col->width : r->x + r->w - x;
			int used;

			if (!(shown & (1u << c)))
				continue;
			if (x + w > r->x + r->w)
				w = r->x + r->w - x;
			col_format((enum ui_col)c, p, mem_total, cell,
			    sizeof(cell));
			if (c == COL_COMMAND && (row->depth > 0 ||
			    row->folded)) {
				char pre[256];

				tree_prefix(ui, row, pre, sizeof(pre));
				used = ui_put(ui, y, x, w, pre, a);
				ui_put_text(ui, y, x + used, w - used, cell, a);
			} else if (c == COL_COMMAND || c == COL_USER) {
				/* untrusted text: sanitised, left-aligned */
				ui_put_text(ui, y, x, w, cell, a);
			} else {
				snprintf(safe, sizeof(safe), col->left ?
				    "%-*s" : "%*s", w, cell);
				ui_put(ui, y, x, w, safe, a);
			}
			x += w + 1;
		}
	}
}
