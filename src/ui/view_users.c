/*
 * view_users.c: pick a user (u) — the users owning processes in the shown
 * snapshot, plus "all users". Names are untrusted: sanitised for display,
 * compared raw. Depends on curses and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
users_free(struct ui *ui)
{
	int i;

	for (i = 0; i < ui->nusers; i++)
		free(ui->users[i]);
	free(ui->users);
	ui->users = NULL;
	ui->nusers = 0;
}

static void
user_label(struct ui *ui, int i, char *buf, size_t len)
{
	if (i == 0)
		snprintf(buf, len, "(all users)");
	else
		ui_text(buf, len, ui->users[i - 1], strlen(ui->users[i - 1]),
		    40, ui->utf8);
}

static void
users_enter(struct ui *ui)
{
	const struct snapshot *s = ui->cur;
	size_t i, cap = 0;
	int n = 0, k;

	users_free(ui);
	for (i = 0; s != NULL && i < s->nproc; i++) {
		const struct snap_proc *p = &s->proc[i];
		char uid[24];
		const char *name = p->user;

		if (name == NULL) {
			if (!HAVE(p->have, PROC_UID))
				continue;
			snprintf(uid, sizeof(uid), "%lu", (unsigned long)p->uid);
			name = uid;
		}
		ui->users = xgrow(ui->users, &cap, (size_t)n,
		    sizeof(*ui->users));
		ui->users[n++] = xstrdup(name);
	}
	if (n > 0)
		qsort(ui->users, (size_t)n, sizeof(*ui->users), cmp_str);
	/* unique */
	for (i = 0, k = 0; (int)i < n; i++) {
		if (k > 0 && strcmp(ui->users[k - 1], ui->users[i]) == 0) {
			free(ui->users[i]);
			continue;
		}
		ui->users[k++] = ui->users[i];
	}
	ui->nusers = k;
	ui->menu = (struct ui_menu){ .title = "User: Enter picks, Esc cancels",
	    .n = k + 1, .label = user_label };
	for (k = 0; ui->user != NULL && k < ui->nusers; k++)
		if (strcmp(ui->users[k], ui->user) == 0)
			ui->menu.sel = k + 1;
}

static void
users_leave(struct ui *ui)
{
	users_free(ui);
}

static void
users_draw(struct ui *ui)
{
	menu_draw_over_table(ui, 44);
}

static bool
users_key(struct ui *ui, int key)
{
	ui->dirty = true;
	if (menu_key(&ui->menu, key, ui->layout.table.h - 1))
		return true;
	if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER)) {
		free(ui->user);
		ui->user = ui->menu.sel > 0 ?
		    xstrdup(ui->users[ui->menu.sel - 1]) : NULL;
		ui->tab_stale = true;
		ui_pop_view(ui);
	} else if (key == 27 || key == 'q' || key == 'u')
		ui_pop_view(ui);
	return true;
}

const struct ui_view view_users = {
	.name = "users",
	.enter = users_enter,
	.leave = users_leave,
	.draw = users_draw,
	.key = users_key,
};
