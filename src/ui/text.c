/*
 * text.c: untrusted text (process names, command lines, user, cgroup and
 * interface names) made safe for the terminal: C0, DEL, C1 and invalid
 * UTF-8 come out as \xNN, wide characters are never split, and the result
 * never exceeds the column budget. libc only.
 *
 * TODO(core/text.h): the CLI engineer's shared sanitiser replaces the body
 * of ui_text() once it lands on main; callers stay the same.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

static int
put_escape(char *dst, size_t dstlen, size_t *o, unsigned char c, int cols,
    int maxcols)
{
	if (cols + 4 > maxcols || *o + 5 > dstlen)
		return -1;
	snprintf(dst + *o, dstlen - *o, "\\x%02x", c);
	*o += 4;
	return 4;
}

int
ui_text(char *dst, size_t dstlen, const char *src, size_t len, int maxcols,
    bool utf8)
{
	mbstate_t st;
	size_t i = 0, o = 0;
	int cols = 0;

	if (dstlen == 0)
		return 0;
	memset(&st, 0, sizeof(st));
	while (i < len && cols < maxcols) {
		unsigned char c = (unsigned char)src[i];
		wchar_t wc;
		size_t n;
		int w;

		if (c >= 0x20 && c < 0x7f) {
			if (o + 2 > dstlen)
				break;
			dst[o++] = (char)c;
			cols++;
			i++;
			continue;
		}
		if (c < 0x80 || !utf8) {
			if ((w = put_escape(dst, dstlen, &o, c, cols, maxcols)) < 0)
				break;
			cols += w;
			i++;
			continue;
		}
		n = mbrtowc(&wc, src + i, len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			if ((w = put_escape(dst, dstlen, &o, c, cols, maxcols)) < 0)
				break;
			cols += w;
			i++;
			continue;
		}
		w = wcwidth(wc);
		if ((wc >= 0x80 && wc < 0xa0) || w < 0 || !iswprint((wint_t)wc)) {
			size_t k;

			for (k = 0; k < n; k++) {
				int e = put_escape(dst, dstlen, &o,
				    (unsigned char)src[i + k], cols, maxcols);

				if (e < 0)
					goto out;
				cols += e;
			}
			i += n;
			continue;
		}
		if (cols + w > maxcols || o + n + 1 > dstlen)
			break; /* never split a wide character */
		memcpy(dst + o, src + i, n);
		o += n;
		cols += w;
		i += n;
	}
out:
	dst[o] = '\0';
	return cols;
}

/* Columns a string already made safe by ui_text() takes. */
int
ui_text_width(const char *s)
{
	mbstate_t st;
	size_t len = strlen(s), i = 0;
	int cols = 0;

	memset(&st, 0, sizeof(st));
	while (i < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			cols++;
			i++;
			continue;
		}
		cols += wcwidth(wc) > 0 ? wcwidth(wc) : 0;
		i += n;
	}
	return cols;
}
