/*
 * menu.c: the list-picker widget (columns, users, signals): a titled box
 * over the left of the table, a moving selection, optional check marks.
 * Depends on curses.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>

bool
menu_key(struct ui_menu *m, int key, int page)
{
	int sel = m->sel;

	switch (key) {
	case UI_FN(KEY_UP):
	case 'k':
		sel--;
		break;
	case UI_FN(KEY_DOWN):
	case 'j':
		sel++;
		break;
	case UI_FN(KEY_PPAGE):
		sel -= page > 1 ? page : 1;
		break;
	case UI_FN(KEY_NPAGE):
		sel += page > 1 ? page : 1;
		break;
	case UI_FN(KEY_HOME):
		sel = 0;
		break;
	case UI_FN(KEY_END):
		sel = m->n - 1;
		break;
	default:
		return false;
	}
	if (sel >= m->n)
		sel = m->n - 1;
	if (sel < 0)
		sel = 0;
	m->sel = sel;
	return true;
}

void
menu_draw(struct ui *ui, struct ui_menu *m, const struct ui_rect *r)
{
	char label[256], line[300];
	int body = r->h - 1, i;

	if (r->h < 2 || r->w < 4)
		return;
	ui_fill_line(ui, r->y, r->x, r->w, ui_attr(ui, C_HEADER));
	ui_put(ui, r->y, r->x, r->w, m->title, ui_attr(ui, C_HEADER));
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + body)
		m->top = m->sel - body + 1;
	for (i = 0; i < body; i++) {
		int k = m->top + i;
		attr_t a = k == m->sel ? ui_attr(ui, C_SELECTED) : A_NORMAL;

		ui_fill_line(ui, r->y + 1 + i, r->x, r->w, a);
		if (k >= m->n)
			continue;
		m->label(ui, k, label, sizeof(label));
		if (m->checked != NULL)
			snprintf(line, sizeof(line), "[%c] %s",
			    m->checked(ui, k) ? 'x' : ' ', label);
		else
			snprintf(line, sizeof(line), " %s", label);
		ui_put(ui, r->y + 1 + i, r->x, r->w, line, a);
	}
}

/* The menu over the left of the process table, at most maxw wide. */
void
menu_draw_over_table(struct ui *ui, int maxw)
{
	struct ui_rect r = ui->layout.table;

	if (ui->layout.too_small)
		return;
	if (r.w > maxw)
		r.w = maxw;
	menu_draw(ui, &ui->menu, &r);
}
