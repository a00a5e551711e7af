/* text.c: per-format escapers for hostile text (terminal, JSON, CSV) and
 * locale-independent number formatting. libc only. */
#include "config.h"

#include "core/text.h"

#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/xalloc.h"

/* ---- textbuf ------------------------------------------------------------ */

static void
textbuf_reserve(struct textbuf *b, size_t more)
{
	if (b->len + more + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + more + 1)
			cap *= 2;
		b->buf = xreallocarray(b->buf, cap, 1);
		b->cap = cap;
	}
}

void
textbuf_add(struct textbuf *b, const char *s, size_t n)
{
	textbuf_reserve(b, n);
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void
textbuf_addc(struct textbuf *b, char c)
{
	textbuf_reserve(b, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}

void
textbuf_adds(struct textbuf *b, const char *s)
{
	textbuf_add(b, s, strlen(s));
}

void
textbuf_printf(struct textbuf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	/* Format straight into the spare room; only a result that does not
	 * fit is formatted twice. */
	textbuf_reserve(b, 64);
	room = b->cap - b->len;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->buf[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		textbuf_reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
textbuf_clear(struct textbuf *b)
{
	b->len = 0;
	if (b->buf != NULL)
		b->buf[0] = '\0';
}

void
textbuf_free(struct textbuf *b)
{
	free(b->buf);
	memset(b, 0, sizeof(*b));
}

/* ---- UTF-8 --------------------------------------------------------------- */

size_t
text_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	size_t n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0; /* continuation byte, 0xc0/0xc1, 0xf5.. */
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* ---- terminal ------------------------------------------------------------ */

/* Invisible characters that reorder or break lines: shown escaped so a name
 * cannot disguise itself (CVE-2021-42574 style). */
static bool
is_format_char(uint32_t c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0xfeff;
}

/*
 * The terminal form of the character at s: into out (at least 11 bytes)
 * either the raw bytes or an escape; *outlen and *w get its length and
 * display width. Returns the input bytes consumed (>= 1).
 */
static size_t
sanitize_one(const char *s, size_t len, int flags, char *out, size_t *outlen,
    int *w)
{
	unsigned char b = (unsigned char)s[0];
	uint32_t cp;
	size_t n;
	int cw;

	if (b >= 0x20 && b < 0x7f && b != '\\') {
		out[0] = (char)b;
		*outlen = 1;
		*w = 1;
		return 1;
	}
	if (b < 0x80) {
		const char *e = NULL;

		switch (b) {
		case '\\': e = "\\\\"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		}
		if (e != NULL)
			memcpy(out, e, 3);
		else
			snprintf(out, 11, "\\x%02x", b);
		*outlen = strlen(out);
		*w = (int)*outlen;
		return 1;
	}
	n = text_utf8_decode(s, len, &cp);
	if (n == 0) {
		snprintf(out, 11, "\\x%02x", b);
		*outlen = 4;
		*w = 4;
		return 1;
	}
	cw = -1;
	if (!(flags & TEXT_ASCII) && cp >= 0xa0 && !is_format_char(cp))
		cw = wcwidth((wchar_t)cp);
	if (cw < 0) {
		if (cp > 0xffff)
			snprintf(out, 11, "\\U%08x", (unsigned)cp);
		else
			snprintf(out, 11, "\\u%04x", (unsigned)cp);
		*outlen = strlen(out);
		*w = (int)*outlen;
		return n;
	}
	memcpy(out, s, n);
	*outlen = n;
	*w = cw;
	return n;
}

size_t
text_sanitize(char *dst, size_t dstsize, const char *s, size_t len,
    int maxcols, int flags, int *cols)
{
	size_t i = 0, o = 0;
	int width = 0;

	while (i < len) {
		char piece[12];
		size_t plen, used;
		int w;

		used = sanitize_one(s + i, len - i, flags, piece, &plen, &w);
		if (o + plen + 1 > dstsize ||
		    (maxcols >= 0 && width + w > maxcols))
			break;
		memcpy(dst + o, piece, plen);
		o += plen;
		width += w;
		i += used;
	}
	if (dstsize > 0)
		dst[o] = '\0';
	if (cols != NULL)
		*cols = width;
	return o;
}

/* Bytes at the start of s that show as themselves: printable ASCII. */
static size_t
plain_run(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f ||
		    s[i] == '\\')
			break;
	return i;
}

/* Walk s in its sanitised form, appending to b unless b is NULL. */
static int
sanitize_walk(struct textbuf *b, const char *s, size_t len, int flags)
{
	size_t i = 0;
	int width = 0;

	while (i < len) {
		char piece[12];
		size_t plen = plain_run(s + i, len - i);
		int w;

		if (plen > 0) {
			if (b != NULL)
				textbuf_add(b, s + i, plen);
			width += (int)plen;
			i += plen;
			continue;
		}
		i += sanitize_one(s + i, len - i, flags, piece, &plen, &w);
		if (b != NULL)
			textbuf_add(b, piece, plen);
		width += w;
	}
	return width;
}

int
text_sanitize_buf(struct textbuf *b, const char *s, size_t len, int flags)
{
	return sanitize_walk(b, s, len, flags);
}

int
text_width(const char *s, size_t len, int flags)
{
	return sanitize_walk(NULL, s, len, flags);
}

int
text_locale_flags(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ? 0 : TEXT_ASCII;
}

const char *
text_shown(char *buf, size_t size, const char *s)
{
	if (s == NULL)
		s = "";
	text_sanitize(buf, size, s, strlen(s), -1, text_locale_flags(), NULL);
	return buf;
}

/* ---- JSON ----------------------------------------------------------------- */

static const char utf8_replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

void
text_json_str(struct textbuf *b, const char *s, size_t len)
{
	size_t i = 0, run;

	if (s == NULL) {
		textbuf_add(b, "null", 4);
		return;
	}
	textbuf_addc(b, '"');
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n;

		/* Copy the longest run that needs no escaping in one go. */
		for (run = i; run < len; run++) {
			c = (unsigned char)s[run];
			if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
				break;
		}
		if (run > i) {
			textbuf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		switch (c) {
		case '"': textbuf_add(b, "\\\"", 2); i++; continue;
		case '\\': textbuf_add(b, "\\\\", 2); i++; continue;
		case '\b': textbuf_add(b, "\\b", 2); i++; continue;
		case '\f': textbuf_add(b, "\\f", 2); i++; continue;
		case '\n': textbuf_add(b, "\\n", 2); i++; continue;
		case '\r': textbuf_add(b, "\\r", 2); i++; continue;
		case '\t': textbuf_add(b, "\\t", 2); i++; continue;
		}
		if (c < 0x80) { /* other C0 controls, DEL */
			textbuf_printf(b, "\\u%04x", c);
			i++;
			continue;
		}
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			textbuf_add(b, utf8_replacement, 3);
			i++;
		} else if (cp < 0xa0 || cp == 0x2028 || cp == 0x2029) {
			/* C1 controls; line separators break JavaScript. */
			textbuf_printf(b, "\\u%04x", (unsigned)cp);
			i += n;
		} else {
			textbuf_add(b, s + i, n);
			i += n;
		}
	}
	textbuf_addc(b, '"');
}

/* ---- CSV ------------------------------------------------------------------ */

void
text_csv_field(struct textbuf *b, const char *s, size_t len, int flags)
{
	bool quote = false, guard = false;
	size_t i;

	if (s == NULL || len == 0)
		return;
	if ((flags & TEXT_CSV_FORMULA_GUARD) && strchr("=+-@\t\r", s[0]) != NULL)
		guard = true;
	if (s[0] == ' ' || s[len - 1] == ' ')
		quote = true;
	for (i = 0; i < len && !quote; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
			quote = true;
	if (quote)
		textbuf_addc(b, '"');
	if (guard)
		textbuf_addc(b, '\'');
	for (i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n;

		if (c == '"') {
			textbuf_add(b, "\"\"", 2);
			i++;
		} else if (c < 0x80) {
			textbuf_addc(b, (char)c);
			i++;
		} else if ((n = text_utf8_decode(s + i, len - i, &cp)) == 0) {
			textbuf_add(b, utf8_replacement, 3);
			i++;
		} else {
			textbuf_add(b, s + i, n);
			i += n;
		}
	}
	if (quote)
		textbuf_addc(b, '"');
}

/* ---- numbers -------------------------------------------------------------- */

void
text_u64(struct textbuf *b, uint64_t v)
{
	char d[20];
	size_t n = sizeof(d);

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	textbuf_add(b, d + n, sizeof(d) - n);
}

void
text_i64(struct textbuf *b, int64_t v)
{
	if (v < 0) {
		textbuf_addc(b, '-');
		text_u64(b, (uint64_t)0 - (uint64_t)v);
	} else
		text_u64(b, (uint64_t)v);
}

bool
text_double(struct textbuf *b, double v, int prec)
{
	static const uint64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000, 10000000, 100000000, 1000000000 };
	uint64_t scale, u, ip, fp;
	double x;
	char frac[10];
	int k;

	if (!isfinite(v))
		return false;
	if (prec < 0)
		prec = 0;
	if (prec > 9)
		prec = 9;
	scale = pow10[prec];
	x = fabs(v) * (double)scale + 0.5;
	if (x >= 9.0e18) {
		/* Too big for the integer path; %.0f has no decimal point and
		 * printf never groups thousands without the ' flag. */
		textbuf_printf(b, "%.0f", v);
		return true;
	}
	u = (uint64_t)x;
	ip = u / scale;
	fp = u % scale;
	if (v < 0 && u != 0)
		textbuf_addc(b, '-');
	text_u64(b, ip);
	if (fp == 0)
		return true;
	for (k = prec - 1; k >= 0; k--) {
		frac[k] = (char)('0' + fp % 10);
		fp /= 10;
	}
	k = prec;
	while (k > 0 && frac[k - 1] == '0')
		k--;
	textbuf_addc(b, '.');
	textbuf_add(b, frac, (size_t)k);
	return true;
}
