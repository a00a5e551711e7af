/*
 * view_diff.c: "what changed" between the marked moment and the one shown:
 * processes that appeared, disappeared, grew most in RSS and used most CPU
 * in between (core/snapdiff). Command lines are untrusted text. Depends on
 * curses and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui/timeline.h"
#include "ui/timetravel.h"

#define SECTION_MAX 10 /* rows per list */

static const char *
proc_text(const struct snap_proc *p)
{
	return p->cmdline != NULL && p->cmdline[0] != '\0' ? p->cmdline :
	    p->comm != NULL ? p->comm : "?";
}

static void
clock_label(char *buf, size_t len, int64_t ns)
{
	time_t t = (time_t)(ns / 1000000000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		strlcpy(buf, "?", len);
}

/* The lines of the view, generated in order; line k of them is drawn at
 * screen row y when it is inside the window. */
struct lines {
	struct ui *ui;
	int k, top, y0, y1;
};

static int
line_y(struct lines *l)
{
	int y = l->y0 + l->k++ - l->top;

	return y >= l->y0 && y < l->y1 ? y : -1;
}

static void
heading(struct lines *l, const char *title, size_t n, const char *what)
{
	char buf[160];
	int y;

	if ((y = line_y(l)) >= 0) {
		snprintf(buf, sizeof buf, "%s (%zu)%s%s", title, n,
		    what[0] ? "  " : "", what);
		ui_put(l->ui, y, 0, l->ui->cols, buf, ui_attr(l->ui, C_HEADER));
	}
}

static void
section(struct lines *l, const char *title, const char *what,
    const struct snapdiff_list *list, bool bytes)
{
	char num[32], buf[96];
	size_t i;
	int y;

	heading(l, title, list->n, what);
	for (i = 0; i < list->n && i < SECTION_MAX; i++) {
		const struct snapdiff_entry *e = &list->v[i];
		const struct snap_proc *p = e->b != NULL ? e->b : e->a;

		if ((y = line_y(l)) < 0)
			continue;
		if (bytes)
			fmt_bytes(num, sizeof num, (uint64_t)e->delta);
		else
			fmt_duration(num, sizeof num, (uint64_t)e->delta);
		snprintf(buf, sizeof buf, "  %7d %10s  ", (int)p->pid, num);
		ui_put(l->ui, y, 0, l->ui->cols, buf, A_NORMAL);
		if (p->user != NULL)
			ui_put_text(l->ui, y, (int)strlen(buf), 9, p->user,
			    A_NORMAL);
		ui_put_text(l->ui, y, (int)strlen(buf) + 10,
		    l->ui->cols - (int)strlen(buf) - 10, proc_text(p),
		    A_NORMAL);
	}
	if (list->n > SECTION_MAX && (y = line_y(l)) >= 0) {
		snprintf(buf, sizeof buf, "  ... and %zu more",
		    list->n - SECTION_MAX);
		ui_put(l->ui, y, 0, l->ui->cols, buf, ui_attr(l->ui, C_DIM));
	}
	line_y(l); /* blank line */
}

static void
diff_draw(struct ui *ui)
{
	struct tt *tt = ui->tt;
	char a[32], b[32], d[32], head[160];
	struct lines l;

	erase(); /* the whole screen is this view's */
	ui_draw_title(ui);
	if (!tt->have_diff) {
		ui_put(ui, 2, 0, ui->cols, "nothing to compare", A_NORMAL);
		ui_draw_status(ui);
		return;
	}
	clock_label(a, sizeof a, tt->diff_a->wall_ns);
	clock_label(b, sizeof b, tt->diff_b->wall_ns);
	timeline_duration(d, sizeof d, tt->diff.elapsed_ns);
	snprintf(head, sizeof head, "What changed  %s -> %s  (%s)  "
	    "Up/Down scroll  Esc back", a, b, d);
	ui_put(ui, 1, 0, ui->cols, head, ui_attr(ui, C_TITLE));

	l.ui = ui;
	l.k = 0;
	l.top = tt->diff_top;
	l.y0 = 2;
	l.y1 = ui->rows - 1;
	section(&l, "Appeared", "RSS now", &tt->diff.appeared, true);
	section(&l, "Disappeared", "RSS then", &tt->diff.disappeared, true);
	section(&l, "Grew most in RSS", "growth", &tt->diff.grew, true);
	section(&l, "Most CPU time in between", "CPU time", &tt->diff.cpu,
	    false);
	if (tt->diff_top > l.k - 1)
		tt->diff_top = l.k - 1;
	ui_draw_status(ui);
}

static bool
diff_key(struct ui *ui, int key)
{
	struct tt *tt = ui->tt;

	switch (key) {
	case UI_FN(KEY_UP):
		if (tt->diff_top > 0)
			tt->diff_top--;
		break;
	case UI_FN(KEY_DOWN):
		tt->diff_top++;
		break;
	case UI_FN(KEY_PPAGE):
		tt->diff_top -= ui->rows - 3;
		if (tt->diff_top < 0)
			tt->diff_top = 0;
		break;
	case UI_FN(KEY_NPAGE):
		tt->diff_top += ui->rows - 3;
		break;
	case 'w':
	case 0x1b:
	case '\n':
	case '\r':
		ui_pop_view(ui);
		break;
	case 'q':
		return keys_dispatch(ui, key);
	default:
		return false;
	}
	ui->dirty = true;
	return true;
}

static void
diff_leave(struct ui *ui)
{
	struct tt *tt = ui->tt;

	if (tt->have_diff)
		snapdiff_free(&tt->diff);
	tt->have_diff = false;
}

const struct ui_view view_diff = {
	.name = "diff",
	.draw = diff_draw,
	.key = diff_key,
	.leave = diff_leave,
};
