/*
 * view_signal.c: send a signal to the selected process (k, live only) —
 * pick a signal, then confirm with y. The target is identified by pid and
 * start time, and re-checked in the newest sample before kill(2), so a
 * reused pid is never hit. Depends on curses and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const struct {
	int sig;
	const char *name;
} sigs[] = {
	{ SIGTERM, "TERM" }, { SIGKILL, "KILL" }, { SIGHUP, "HUP" },
	{ SIGINT, "INT" }, { SIGQUIT, "QUIT" }, { SIGSTOP, "STOP" },
	{ SIGCONT, "CONT" }, { SIGUSR1, "USR1" }, { SIGUSR2, "USR2" },
};
#define NSIGS (int)(sizeof(sigs) / sizeof(sigs[0]))

static void
sig_label(struct ui *ui, int i, char *buf, size_t len)
{
	(void)ui;
	snprintf(buf, len, "%2d SIG%s", sigs[i].sig, sigs[i].name);
}

static void
signal_enter(struct ui *ui)
{
	const struct snap_proc *p = proctab_selected(&ui->tab);

	ui->kill_pid = p != NULL ? p->pid : 0;
	ui->kill_start = p != NULL ? p->start_time_ns : 0;
	ui->kill_confirm = false;
	ui->menu = (struct ui_menu){ .title = "Signal: Enter picks, Esc "
	    "cancels", .n = NSIGS, .label = sig_label };
}

static void
signal_draw(struct ui *ui)
{
	struct ui_rect r;
	const struct snap_proc *p;
	char line[200];
	int x;

	menu_draw_over_table(ui, 30);
	if (!ui->kill_confirm || ui->layout.too_small)
		return;
	p = ui->cur != NULL ? snapshot_find_proc(ui->cur, ui->kill_pid) : NULL;
	snprintf(line, sizeof(line), "Send SIG%s to %ld (",
	    sigs[ui->menu.sel].name, (long)ui->kill_pid);
	r = ui->layout.status;
	ui_fill_line(ui, r.y, 0, r.w, ui_attr(ui, C_WARN));
	x = ui_put(ui, r.y, 0, r.w, line, ui_attr(ui, C_WARN));
	x += ui_put_text(ui, r.y, x, r.w / 2, p != NULL && p->comm != NULL ?
	    p->comm : "?", ui_attr(ui, C_WARN));
	ui_put(ui, r.y, x, r.w - x, ")? [y/N]", ui_attr(ui, C_WARN));
}

static void
send(struct ui *ui)
{
	const struct snap_proc *p = NULL;
	int sig = sigs[ui->menu.sel].sig;

	if (ui->live != NULL)
		p = snapshot_find_proc(ui->live, ui->kill_pid);
	if (p == NULL || p->start_time_ns != ui->kill_start) {
		ui_message(ui, "process %ld is gone; nothing sent",
		    (long)ui->kill_pid);
		return;
	}
	if (kill(ui->kill_pid, sig) != 0)
		ui_message(ui, "kill %ld: %s", (long)ui->kill_pid,
		    strerror(errno));
	else
		ui_message(ui, "sent SIG%s to %ld", sigs[ui->menu.sel].name,
		    (long)ui->kill_pid);
}

static bool
signal_key(struct ui *ui, int key)
{
	ui->dirty = true;
	if (ui->kill_confirm) {
		if (key == 'y' || key == 'Y')
			send(ui);
		else
			ui_message(ui, "nothing sent");
		ui_pop_view(ui);
		return true;
	}
	if (menu_key(&ui->menu, key, ui->layout.table.h - 1))
		return true;
	if (key == '\r' || key == '\n' || key == UI_FN(KEY_ENTER))
		ui->kill_confirm = true;
	else if (key == 27 || key == 'q' || key == 'k')
		ui_pop_view(ui);
	return true;
}

const struct ui_view view_signal = {
	.name = "signal",
	.enter = signal_enter,
	.draw = signal_draw,
	.key = signal_key,
};
