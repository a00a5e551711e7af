/*
 * loop.c: the UI's one thread — poll() on the terminal and a self-pipe
 * with a monotonic deadline for the next sample. Signal handlers only set
 * flags and write the pipe; keys are handled as they arrive (input never
 * waits for a sample: a long one is read in slices, keys between them);
 * the screen is redrawn at most once per pass, with
 * wnoutrefresh + doupdate. Depends on curses and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "ui/timetravel.h"

/* Signal state: written by handlers, read by the loop. */
static volatile sig_atomic_t flag_winch, flag_tstp, flag_term;
static int self_pipe[2] = { -1, -1 };

static void
on_signal(int sig)
{
	int saved = errno;

	if (sig == SIGWINCH)
		flag_winch = 1;
	else if (sig == SIGTSTP)
		flag_tstp = 1;
	else if (sig == SIGCONT)
		flag_winch = 1; /* redraw whole after a resume */
	else
		flag_term = sig;
	if (self_pipe[1] >= 0 && write(self_pipe[1], "", 1) < 0) {
		/* a full pipe already holds a wake-up */
	}
	errno = saved;
}

static const int handled[] = { SIGWINCH, SIGTSTP, SIGCONT, SIGTERM, SIGINT,
	SIGHUP, SIGQUIT };
#define NHANDLED (sizeof(handled) / sizeof(handled[0]))

static void
signals_install(struct sigaction *old)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < NHANDLED; i++)
		sigaction(handled[i], &sa, &old[i]);
	signal(SIGPIPE, SIG_IGN);
	/* Past RLIMIT_FSIZE a write must fail (the recorder reports it and
	 * the screen carries on), not kill us with the terminal raw. */
	signal(SIGXFSZ, SIG_IGN);
}

static void
signals_restore(const struct sigaction *old)
{
	size_t i;

	for (i = 0; i < NHANDLED; i++)
		sigaction(handled[i], &old[i], NULL);
}

/* ---- shared helpers ---------------------------------------------------- */

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
	ui->msg_until = clock_mono_ns() + 4 * NSEC_PER_SEC;
	ui->dirty = true;
}

void
ui_push_view(struct ui *ui, const struct ui_view *v)
{
	if (ui->nviews >= UI_MAX_VIEWS)
		return;
	ui->views[ui->nviews++] = v;
	if (v->enter != NULL)
		v->enter(ui);
	ui->dirty = true;
}

void
ui_pop_view(struct ui *ui)
{
	const struct ui_view *v;

	if (ui->nviews <= 1)
		return;
	v = ui->views[--ui->nviews];
	if (v->leave != NULL)
		v->leave(ui);
	ui->dirty = true;
}

void
ui_show(struct ui *ui, const struct snapshot *s, bool is_live)
{
	ui->cur = s;
	ui->is_live = is_live;
	ui->tab_stale = true;
	ui_relayout(ui);
}

void
ui_filter(const struct ui *ui, struct proc_filter *f)
{
	f->text = ui->filter;
	f->user = ui->user;
	f->pids = ui->opts.pids;
	f->npids = ui->opts.npids;
	f->kernel_threads = ui->cfg.kernel_threads;
	f->threads = ui->cfg.threads;
}

void
ui_save_config(struct ui *ui)
{
	char err[256];

	if (ui->config_file != NULL &&
	    config_save(&ui->cfg, ui->config_file, err, sizeof(err)) != 0)
		ui_message(ui, "%s", err);
}

/* ---- the title (timeline) and status lines ------------------------------ */

void
ui_draw_title(struct ui *ui)
{
	const struct ui_rect *r = &ui->layout.title;
	char line[256], when[32] = "--:--:--";
	const char *mode;
	time_t t;
	struct tm tm;

	if (ui->tt != NULL) {
		/* the timeline: LIVE or the moment shown, how long ago */
		tt_title(ui, line, sizeof(line));
		ui_fill_line(ui, r->y, r->x, r->w, A_NORMAL);
		ui_put_fields(ui, r->y, r->x, r->w, line, ui_attr(ui,
		    ui->is_live ? C_TITLE : C_WARN));
		return;
	}
	if (ui->cur != NULL) {
		t = (time_t)(ui->cur->wall_ns / NSEC_PER_SEC);
		if (localtime_r(&t, &tm) != NULL)
			strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	}
	mode = ui->paused ? "PAUSED" : ui->is_live ? "LIVE" : "PAST";
	snprintf(line, sizeof(line), "histop  %-6s %s  every %.1fs  %s", mode,
	    when, ui->opts.delay, recorder_active(ui->rec) ? "recording" :
	    "not recording");
	ui_fill_line(ui, r->y, r->x, r->w, A_NORMAL);
	ui_put_fields(ui, r->y, r->x, r->w, line, ui_attr(ui, C_TITLE));
}

void
ui_draw_status(struct ui *ui)
{
	const struct ui_rect *r = &ui->layout.status;
	int x, rw;

	if (ui->prompt.active) {
		prompt_draw(ui, r);
		return;
	}
	ui_fill_line(ui, r->y, r->x, r->w, A_NORMAL);
	if (ui->msg[0] != '\0')
		x = ui_put(ui, r->y, r->x, r->w, ui->msg, ui_attr(ui, C_STATUS));
	else if (ui->sample_err[0] != '\0')
		x = ui_put(ui, r->y, r->x, r->w, ui->sample_err,
		    ui_attr(ui, C_WARN));
	else if (ui->rec_msg[0] != '\0')
		x = ui_put(ui, r->y, r->x, r->w, ui->rec_msg,
		    ui_attr(ui, C_WARN));
	else
		x = ui_put(ui, r->y, r->x, r->w, "F1 Help  / Filter  P/M/T "
		    "Sort  t Tree  C Columns  k Kill  q Quit",
		    ui_attr(ui, C_STATUS));
	/* what narrows the table, on the right */
	rw = r->w - x - 2;
	if (rw <= 0)
		return;
	if (ui->filter != NULL || ui->user != NULL || ui->cfg.tree) {
		int w = 0, need = 0;
		char buf[96];

		if (ui->filter != NULL)
			need += 9 + ui_text(buf, sizeof(buf), ui->filter,
			    strlen(ui->filter), 24, ui->utf8);
		if (ui->user != NULL)
			need += 7 + ui_text(buf, sizeof(buf), ui->user,
			    strlen(ui->user), 16, ui->utf8);
		if (ui->cfg.tree)
			need += 5;
		if (need > rw)
			return;
		x = r->x + r->w - need;
		if (ui->filter != NULL) {
			w = ui_put(ui, r->y, x, need, " filter:", A_BOLD);
			w += ui_put_text(ui, r->y, x + w, 24, ui->filter, A_BOLD);
			w += ui_put(ui, r->y, x + w, 1, " ", A_NORMAL);
		}
		if (ui->user != NULL) {
			w += ui_put(ui, r->y, x + w, 7, " user:", A_BOLD);
			w += ui_put_text(ui, r->y, x + w, 16, ui->user, A_BOLD);
			w += ui_put(ui, r->y, x + w, 1, " ", A_NORMAL);
		}
		if (ui->cfg.tree)
			ui_put(ui, r->y, x + w, 5, " tree", A_BOLD);
	}
}

/* ---- the loop ----------------------------------------------------------- */

/* A sample came in (s NULL: it failed, err says why): record, show. */
static void
sample_done(struct ui *ui, const struct snapshot *s, const char *err)
{
	char rerr[160];

	if (s == NULL) {
		snprintf(ui->sample_err, sizeof(ui->sample_err), "%s",
		    err[0] != '\0' ? err : "nothing could be sampled");
		ui->dirty = true;
		return;
	}
	ui->sample_err[0] = '\0';
	ui->live = s;
	if (ui->rec != NULL) {
		if (recorder_write(ui->rec, s, rerr, sizeof(rerr)) != 0)
			snprintf(ui->rec_msg, sizeof(ui->rec_msg), "%s", rerr);
		else
			ui->rec_msg[0] = '\0';
	}
	/* in the past (time travel) sampling and recording go on unseen */
	if (!ui->paused && tt_is_live(ui))
		ui_show(ui, s, true);
	ui->dirty = true;
}

/*
 * Work on the sample in progress until about deadline (a source without
 * slices samples whole). Returns true while it is unfinished: the loop
 * then reads keys and comes back at once.
 */
static bool
sample_step(struct ui *ui, int64_t deadline)
{
	const struct ui_source *src = ui->src;
	const struct snapshot *s;
	char err[160];

	err[0] = '\0';
	if (src->begin == NULL)
		s = src->sample(src->arg, err, sizeof(err));
	else if (src->step(src->arg, deadline))
		return true;
	else
		s = src->finish(src->arg, err, sizeof(err));
	sample_done(ui, s, err);
	return false;
}

/* Abandon the sample in progress, if any (quit, suspend). */
static void
sample_abort(struct ui *ui, bool *sampling)
{
	if (*sampling && ui->src->abort != NULL)
		ui->src->abort(ui->src->arg);
	*sampling = false;
}

static void
redraw(struct ui *ui)
{
	int i;

	erase();
	for (i = 0; i < ui->nviews; i++)
		ui->views[i]->draw(ui);
	wnoutrefresh(stdscr);
	doupdate();
	ui->dirty = false;
}

static void
resized(struct ui *ui)
{
	int i;

	term_resize(ui);
	ui_relayout(ui);
	for (i = 0; i < ui->nviews; i++)
		if (ui->views[i]->resize != NULL)
			ui->views[i]->resize(ui);
	ui->dirty = true;
}

static void
suspend(struct ui *ui, const struct sigaction *ours)
{
	struct sigaction dfl;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	endwin();
	sigaction(SIGTSTP, &dfl, NULL);
	kill(getpid(), SIGTSTP); /* stops here until SIGCONT */
	sigaction(SIGTSTP, ours, NULL);
	clearok(curscr, TRUE);
	resized(ui);
}

static void
read_keys(struct ui *ui)
{
	wint_t wch;
	int r, n = 0;

	/* bounded, so a paste flood cannot starve sampling */
	while (n++ < 256 && (r = wget_wch(stdscr, &wch)) != ERR) {
		int key = r == KEY_CODE_YES ? UI_FN((int)wch) : (int)wch;

		if (key == UI_FN(KEY_RESIZE)) {
			/* resizeterm() queues this for our own SIGWINCH
			 * handling: resizing again here would loop */
			ui->dirty = true;
			continue;
		}
		ui->views[ui->nviews - 1]->key(ui, key);
		if (ui->quit)
			break;
	}
}

/*
 * A sample of a large process table takes a while (~1 s for 10,000
 * processes on a loaded machine): it is read in slices of UI_SLICE_NS,
 * with the terminal polled (timeout 0) and keys handled between them,
 * against the last complete snapshot. The screen only ever shows complete
 * snapshots.
 */
#define UI_SLICE_NS (4 * NSEC_PER_MSEC)

static int
loop(struct ui *ui, const struct sigaction *ours)
{
	int64_t delay = (int64_t)(ui->opts.delay * 1e9), next, now;
	struct pollfd pfd[2];
	bool first = true, sampling = false;

	if (delay < 50 * NSEC_PER_MSEC)
		delay = 50 * NSEC_PER_MSEC;
	next = clock_mono_ns();
	pfd[0].fd = term_fd();
	pfd[0].events = POLLIN;
	pfd[1].fd = self_pipe[0];
	pfd[1].events = POLLIN;
	while (!ui->quit) {
		int timeout;

		if (flag_term) {
			ui->exit_status = 128 + flag_term;
			break;
		}
		if (flag_tstp) {
			flag_tstp = 0;
			/* the time stopped would fall inside the walk and
			 * inflate its rates: sample afresh after the resume */
			if (sampling) {
				sample_abort(ui, &sampling);
				next = clock_mono_ns();
			}
			suspend(ui, ours);
		}
		if (flag_winch) {
			flag_winch = 0;
			resized(ui);
		}
		now = clock_mono_ns();
		if (!sampling && now >= next) {
			if (ui->src->begin != NULL)
				ui->src->begin(ui->src->arg);
			sampling = true;
			/* the first rates come quickly, then every delay */
			next += first && delay > 500 * NSEC_PER_MSEC ?
			    500 * NSEC_PER_MSEC : delay;
			first = false;
		}
		if (sampling &&
		    !sample_step(ui, clock_mono_ns() + UI_SLICE_NS)) {
			sampling = false;
			now = clock_mono_ns();
			if (next <= now)
				next = now + delay; /* late: skip, no burst */
		}
		if (ui->msg_until != 0 && now >= ui->msg_until) {
			ui->msg[0] = '\0';
			ui->msg_until = 0;
			ui->dirty = true;
		}
		/* nothing to show until the first sample is complete: the
		 * first screen has data (keys are read meanwhile) */
		if (ui->dirty && (ui->cur != NULL || !sampling))
			redraw(ui);
		timeout = (int)((next - now) / NSEC_PER_MSEC) + 1;
		if (ui->msg_until != 0 &&
		    (ui->msg_until - now) / NSEC_PER_MSEC < timeout)
			timeout = (int)((ui->msg_until - now) / NSEC_PER_MSEC) + 1;
		if (sampling)
			timeout = 0; /* only a look at the keys between slices */
		if (poll(pfd, 2, timeout) < 0) {
			if (errno == EINTR)
				continue;
			ui->exit_status = 1;
			break;
		}
		if (pfd[1].revents & POLLIN) {
			char buf[64];

			while (read(self_pipe[0], buf, sizeof(buf)) > 0)
				;
		}
		if (pfd[0].revents & POLLIN)
			read_keys(ui);
		else if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			ui->exit_status = 128 + SIGHUP; /* terminal gone */
			break;
		}
	}
	/* quit at once: a partial sample is dropped, never shown or kept */
	sample_abort(ui, &sampling);
	return ui->exit_status;
}

static void
ui_free(struct ui *ui)
{
	while (ui->nviews > 1)
		ui_pop_view(ui);
	proctab_free(&ui->tab);
	snapshot_free(ui->hold);
	recorder_close(ui->rec);
	free(ui->filter);
	free(ui->user);
	free(ui->config_file);
	tt_free(ui->tt);
}

int
ui_main(const struct ui_options *opts, const struct ui_source *src)
{
	struct ui ui_s, *ui = &ui_s;
	struct sigaction old[NHANDLED], ours;
	char err[256], warn[256];
	int rc, col = -1;

	memset(ui, 0, sizeof(*ui));
	ui->opts = *opts;
	ui->src = src;
	if (ui->opts.delay <= 0)
		ui->opts.delay = 2;
	/* main.c validated -s against the field names; a field without a
	 * column here (ppid, start time) keeps the saved sort */
	if (opts->sort_key != NULL)
		col = col_by_name(opts->sort_key);
	config_defaults(&ui->cfg);
	ui->config_file = config_path();
	config_load(&ui->cfg, ui->config_file, warn, sizeof(warn));
	if (col >= 0) {
		ui->cfg.sort = col;
		ui->cfg.columns |= 1u << col;
	}
	if (opts->user != NULL)
		ui->user = xstrdup(opts->user);
	if (ui->cfg.threads && src->set_threads != NULL)
		src->set_threads(src->arg, true);

	if ((rc = term_start(ui, err, sizeof(err))) != 0) {
		fprintf(stderr, "histop: %s\n", err);
		ui_free(ui);
		return rc;
	}
	atexit(term_stop);
	if (pipe2(self_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
		fatal("pipe: %s", strerror(errno));
	signals_install(old);
	sigaction(SIGTSTP, NULL, &ours);

	if (src->live && !opts->no_record)
		ui->rec = recorder_open(opts->db_path, ui->rec_msg,
		    sizeof(ui->rec_msg));
	if (ui->rec != NULL && ui->rec_msg[0] != '\0') {
		/* a warning, not a state: shown once */
		ui_message(ui, "%s", ui->rec_msg);
		ui->rec_msg[0] = '\0';
	}
	if (warn[0] != '\0')
		ui_message(ui, "%s", warn);
	ui_push_view(ui, &view_main);
	ui_relayout(ui);
	{
		/* history: the replayed database, or the one recorded to */
		char *path = opts->db_path != NULL && opts->db_path[0] != '\0' ?
		    xstrdup(opts->db_path) : paths_default_db();

		ui->tt = tt_new(path, !src->live);
		free(path);
		if (opts->have_at)
			tt_jump(ui, opts->at_ns);
	}

	rc = loop(ui, &ours);

	term_stop();
	signals_restore(old);
	close(self_pipe[0]);
	close(self_pipe[1]);
	self_pipe[0] = self_pipe[1] = -1;
	ui_free(ui);
	return rc;
}
