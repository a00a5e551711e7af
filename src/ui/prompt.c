/*
 * prompt.c: the one-line input widget on the status line (filter, user,
 * signal confirmation). Typed text is the user's own but is still drawn
 * through the sanitiser. Depends on curses.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

void
prompt_text(const struct ui_prompt *p, char *buf, size_t len)
{
	mbstate_t st;
	size_t i, o = 0;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < p->len; i++) {
		char mb[MB_LEN_MAX];
		size_t n = wcrtomb(mb, p->buf[i], &st);

		if (n == (size_t)-1 || o + n + 1 > len)
			continue;
		memcpy(buf + o, mb, n);
		o += n;
	}
	buf[o] = '\0';
}

void
prompt_open(struct ui *ui, const char *label, const char *init,
    bool incremental, void (*done)(struct ui *, const char *, bool))
{
	struct ui_prompt *p = &ui->prompt;
	mbstate_t st;
	size_t n;

	memset(p, 0, sizeof(*p));
	strlcpy(p->label, label, sizeof(p->label));
	p->incremental = incremental;
	p->done = done;
	p->active = true;
	if (init != NULL) {
		memset(&st, 0, sizeof(st));
		n = mbsrtowcs(p->buf, &init, sizeof(p->buf) / sizeof(p->buf[0]) -
		    1, &st);
		p->len = n == (size_t)-1 ? 0 : n;
	}
	ui->dirty = true;
}

static void
finish(struct ui *ui, bool accepted)
{
	struct ui_prompt *p = &ui->prompt;
	char text[sizeof(p->buf)];

	prompt_text(p, text, sizeof(text));
	p->active = false;
	if (p->done != NULL)
		p->done(ui, text, accepted);
}

bool
prompt_key(struct ui *ui, int key)
{
	struct ui_prompt *p = &ui->prompt;

	if (!p->active)
		return false;
	ui->dirty = true;
	switch (key) {
	case '\r':
	case '\n':
	case UI_FN(KEY_ENTER):
		finish(ui, true);
		return true;
	case 27: /* Esc */
	case UI_CTRL('g'):
	case UI_CTRL('c'):
		finish(ui, false);
		return true;
	case UI_FN(KEY_BACKSPACE):
	case 127:
	case UI_CTRL('h'):
		if (p->len > 0)
			p->len--;
		break;
	case UI_CTRL('u'):
		p->len = 0;
		break;
	default:
		if (key >= 0x20 && key < UI_FN(0) && key != 127 &&
		    iswprint((wint_t)key) &&
		    p->len < sizeof(p->buf) / sizeof(p->buf[0]) - 1)
			p->buf[p->len++] = (wchar_t)key;
		else
			return true; /* swallow other keys while typing */
		break;
	}
	if (p->incremental && p->done != NULL) {
		char text[sizeof(p->buf)];

		prompt_text(p, text, sizeof(text));
		p->done(ui, text, false);
		p->active = true;
	}
	return true;
}

void
prompt_draw(struct ui *ui, const struct ui_rect *r)
{
	struct ui_prompt *p = &ui->prompt;
	char text[sizeof(p->buf)];
	int x;

	prompt_text(p, text, sizeof(text));
	ui_fill_line(ui, r->y, r->x, r->w, A_NORMAL);
	x = ui_put(ui, r->y, r->x, r->w, p->label, ui_attr(ui, C_TITLE));
	x += ui_put_text(ui, r->y, r->x + x, r->w - x - 1, text, A_NORMAL);
	ui_put(ui, r->y, r->x + x, 1, "_", A_BLINK);
}
