/*
 * term.c: the terminal — a newterm() start that reports an unusable TERM
 * instead of dying, restore on every exit path (a fatal() hook), colours
 * with a monochrome fallback and NO_COLOR, and the low-level text output
 * every view uses (clipped; untrusted text sanitised). Depends on curses
 * and core.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/xalloc.h"

/* The one piece of global state: what the fatal() hook must undo. */
static bool term_active;
static FILE *term_in;

void
term_stop(void)
{
	if (!term_active)
		return;
	term_active = false;
	mousemask(0, NULL);
	curs_set(1);
	endwin();
	fflush(stdout);
}

int
term_start(struct ui *ui, char *err, size_t errlen)
{
	const char *term = getenv("TERM");
	char safe[64];
	int e = 0;

	if (!isatty(STDOUT_FILENO)) {
		snprintf(err, errlen, _("standard output is not a terminal; "
		    "use -b for batch output"));
		return 2;
	}
	setlocale(LC_CTYPE, "");
	ui->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (term == NULL || *term == '\0') {
		snprintf(err, errlen, _("unknown terminal type (TERM is not "
		    "set); set TERM, or use -b for batch output"));
		return 1;
	}
	ui_text(safe, sizeof(safe), term, strlen(term), 40, false);
	if (setupterm(term, STDOUT_FILENO, &e) != OK) {
		snprintf(err, errlen, _("unknown terminal type '%s'%s; set TERM, "
		    "or use -b for batch output"), safe,
		    e < 0 ? _(" (no terminfo database)") : "");
		return 1;
	}
	if (cursor_address == NULL) {
		del_curterm(cur_term);
		snprintf(err, errlen, _("terminal type '%s' cannot move the "
		    "cursor; use -b for batch output"), safe);
		return 1;
	}
	del_curterm(cur_term);
	term_in = stdin;
	if (!isatty(STDIN_FILENO) && (term_in = fopen("/dev/tty", "r")) ==
	    NULL) {
		snprintf(err, errlen, _("no terminal to read keys from; use -b "
		    "for batch output"));
		return 2;
	}
	ui->screen = newterm(term, stdout, term_in);
	if (ui->screen == NULL) {
		snprintf(err, errlen, _("unknown terminal type '%s'; set TERM, "
		    "or use -b for batch output"), safe);
		return 1;
	}
	set_term(ui->screen);
	term_active = true;
	fatal_hook_add(term_stop);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	/* Esc answers quickly, yet a key's escape sequence split by a slow
	 * link stays one key; ESCDELAY (ms) in the environment wins */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(100);
	curs_set(0);
	ui->mouse = mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED |
	    UI_WHEEL_UP | UI_WHEEL_DOWN, NULL) != 0;
	mouseinterval(0);
	term_colours(ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	return 0;
}

int
term_fd(void)
{
	return term_in != NULL ? fileno(term_in) : STDIN_FILENO;
}

void
term_resize(struct ui *ui)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	getmaxyx(stdscr, ui->rows, ui->cols);
}

/* ---- colours ------------------------------------------------------------ */

static const struct {
	short fg, bg;
	attr_t colour_attr; /* added in colour mode */
	attr_t mono;        /* the whole attribute in monochrome */
	const char *mono_fill;
} palette[C_NCOLORS] = {
	[C_DEFAULT] = { -1, -1, 0, A_NORMAL, " " },
	[C_TITLE] = { COLOR_CYAN, -1, A_BOLD, A_BOLD, " " },
	[C_HEADER] = { COLOR_BLACK, COLOR_GREEN, 0, A_REVERSE, " " },
	[C_SORTED] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD |
	    A_UNDERLINE, " " },
	[C_SELECTED] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE, " " },
	[C_STATUS] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE, " " },
	[C_WARN] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD, " " },
	[C_DIM] = { COLOR_BLUE, -1, A_BOLD, A_DIM, " " },
	[C_CPU_USER] = { COLOR_GREEN, -1, 0, A_NORMAL, "#" },
	[C_CPU_NICE] = { COLOR_BLUE, -1, A_BOLD, A_NORMAL, "+" },
	[C_CPU_SYSTEM] = { COLOR_RED, -1, 0, A_NORMAL, "=" },
	[C_CPU_IOWAIT] = { COLOR_WHITE, -1, A_DIM, A_NORMAL, "w" },
	[C_CPU_IRQ] = { COLOR_YELLOW, -1, 0, A_NORMAL, "i" },
	[C_CPU_SOFTIRQ] = { COLOR_MAGENTA, -1, 0, A_NORMAL, "s" },
	[C_CPU_STEAL] = { COLOR_CYAN, -1, 0, A_NORMAL, "!" },
	[C_MEM_USED] = { COLOR_GREEN, -1, 0, A_NORMAL, "#" },
	[C_MEM_SHARED] = { COLOR_MAGENTA, -1, 0, A_NORMAL, "s" },
	[C_MEM_BUFFERS] = { COLOR_BLUE, -1, A_BOLD, A_NORMAL, "+" },
	[C_MEM_CACHED] = { COLOR_YELLOW, -1, 0, A_NORMAL, "~" },
	[C_RX] = { COLOR_GREEN, -1, 0, A_NORMAL, " " },
	[C_TX] = { COLOR_MAGENTA, -1, 0, A_NORMAL, " " },
	[C_THREAD] = { COLOR_GREEN, -1, 0, A_DIM, " " },
};

void
term_colours(struct ui *ui)
{
	const char *nc = getenv("NO_COLOR");
	short i;

	ui->colour = has_colors() && (nc == NULL || *nc == '\0');
	if (!ui->colour)
		return;
	if (start_color() != OK) {
		ui->colour = false;
		return;
	}
	use_default_colors();
	for (i = 1; i < C_NCOLORS; i++)
		init_pair(i, palette[i].fg, palette[i].bg);
}

attr_t
ui_attr(const struct ui *ui, enum ui_color c)
{
	if (!ui->colour)
		return palette[c].mono;
	return (c == C_DEFAULT ? 0 : COLOR_PAIR(c)) | palette[c].colour_attr;
}

const char *
ui_fill(const struct ui *ui, enum ui_color c)
{
	if (!ui->colour)
		return palette[c].mono_fill;
	return ui->utf8 ? "\u2588" : "|";
}

/* ---- output -------------------------------------------------------------- */

/* Bytes of the longest prefix of s within w columns (s is safe text). */
static size_t
clip(const char *s, int w, int *cols)
{
	mbstate_t st;
	size_t len = strlen(s), i = 0;
	int c = 0;

	memset(&st, 0, sizeof(st));
	while (i < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			break; /* never for our own text */
		cw = wcwidth(wc);
		if (cw < 0)
			cw = 0;
		if (c + cw > w)
			break;
		c += cw;
		i += n;
	}
	*cols = c;
	return i;
}

int
ui_put(struct ui *ui, int y, int x, int w, const char *s, attr_t a)
{
	size_t n;
	int cols;

	if (w > ui->cols - x)
		w = ui->cols - x;
	if (w <= 0 || y < 0 || y >= ui->rows || x < 0)
		return 0;
	n = clip(s, w, &cols);
	attrset(a);
	mvaddnstr(y, x, s, (int)n);
	attrset(A_NORMAL);
	return cols;
}

int
ui_put_text(struct ui *ui, int y, int x, int w, const char *s, attr_t a)
{
	char safe[4096];

	if (w > ui->cols - x)
		w = ui->cols - x;
	if (w <= 0 || s == NULL)
		return 0;
	ui_text(safe, sizeof(safe), s, strlen(s), w, ui->utf8);
	return ui_put(ui, y, x, w, safe, a);
}

/*
 * Lay items (trusted ASCII: numbers and labels) out from y,x, gap spaces
 * apart, starting a new line, indented, when the next one does not fit
 * whole: a number cut at the edge reads as another number. An item wider
 * than a whole line is left out. Draws only lines y..y+h-1 (none when ui
 * is NULL); returns the lines the items take, drawn or not. Used by the
 * panes' want functions as by their draw functions, so both agree.
 */
int
ui_flow(struct ui *ui, int y, int x, int w, int h, int indent, int gap,
    const char *const *item, int n)
{
	int i, line = 0, at = indent, len;

	for (i = 0; i < n; i++) {
		len = (int)strlen(item[i]);
		if (indent + len > w)
			continue;
		if (at > indent && at + gap + len > w) {
			line++;
			at = indent;
		}
		if (at > indent)
			at += gap;
		if (ui != NULL && line < h)
			ui_put(ui, y + line, x + at, w - at, item[i], A_NORMAL);
		at += len;
	}
	return at > indent || line > 0 ? line + 1 : 0;
}

int
ui_put_fields(struct ui *ui, int y, int x, int w, const char *s, attr_t a)
{
	char buf[512];
	const char *p, *cut = NULL;
	size_t fits;
	int cols;

	if (w > ui->cols - x)
		w = ui->cols - x;
	if (w <= 0)
		return 0;
	fits = clip(s, w, &cols);
	if (s[fits] == '\0')
		return ui_put(ui, y, x, w, s, a);
	/* the last field boundary (two spaces) that fits */
	for (p = strstr(s, "  "); p != NULL && (size_t)(p - s) <= fits;
	    p = strstr(p + 2, "  "))
		cut = p;
	if (cut == NULL)
		return ui_put(ui, y, x, w, s, a);
	snprintf(buf, sizeof(buf), "%.*s", (int)(cut - s), s);
	return ui_put(ui, y, x, w, buf, a);
}

void
ui_fill_line(struct ui *ui, int y, int x, int w, attr_t a)
{
	if (w > ui->cols - x)
		w = ui->cols - x;
	if (w <= 0 || y < 0 || y >= ui->rows)
		return;
	attrset(a);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}
