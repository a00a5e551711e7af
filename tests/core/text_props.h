/*
 * text_props.h: the properties every escaper of core/text.h keeps for ANY
 * input, checked by test_text_props (random inputs, in make check) and by
 * the libFuzzer target tests/fuzz/fuzz_text.c. Header-only.
 *
 *  terminal: no C0/DEL byte, no C1 code point, valid UTF-8 (ASCII only with
 *            TEXT_ASCII), width == text_width(), truncation = a prefix
 *            within the column limit;
 *  JSON:     a quoted string of valid UTF-8 without raw controls that
 *            decodes back to the input (invalid bytes as U+FFFD);
 *  CSV:      unquotes back to the input (invalid bytes as U+FFFD).
 * text_props_check() returns NULL, or the name of the broken property.
 */
#ifndef HISTOP_TESTS_TEXT_PROPS_H
#define HISTOP_TESTS_TEXT_PROPS_H

#include <stdlib.h>
#include <string.h>

#include "core/text.h"

/* The input with every invalid UTF-8 byte replaced by U+FFFD. */
static void
props_expected(struct textbuf *b, const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = text_utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			textbuf_add(b, "\xef\xbf\xbd", 3);
			i++;
		} else {
			textbuf_add(b, s + i, n);
			i += n;
		}
	}
}

/* Valid UTF-8 without C0, DEL or C1 (tab/newline not allowed either). */
static int
props_clean_utf8(const char *s, size_t len, int ascii)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = text_utf8_decode(s + i, len - i, &cp);

		if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
		    (ascii && cp >= 0x80))
			return 0;
		i += n;
	}
	return 1;
}

static void
props_put_utf8(struct textbuf *b, uint32_t cp)
{
	char u[4];

	if (cp < 0x80) {
		textbuf_addc(b, (char)cp);
		return;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		textbuf_add(b, u, 2);
		return;
	}
	u[0] = (char)(0xe0 | (cp >> 12));
	u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	u[2] = (char)(0x80 | (cp & 0x3f));
	textbuf_add(b, u, 3);
}

/* Decode a JSON string literal (as text_json_str writes them) into b;
 * 0 if it is not one. */
static int
props_json_decode(struct textbuf *b, const char *s, size_t len)
{
	size_t i;

	if (len < 2 || s[0] != '"' || s[len - 1] != '"')
		return 0;
	for (i = 1; i < len - 1; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == '"')
			return 0;
		if (c != '\\') {
			textbuf_addc(b, (char)c);
			continue;
		}
		if (++i >= len - 1)
			return 0;
		switch (s[i]) {
		case '"': textbuf_addc(b, '"'); break;
		case '\\': textbuf_addc(b, '\\'); break;
		case '/': textbuf_addc(b, '/'); break;
		case 'b': textbuf_addc(b, '\b'); break;
		case 'f': textbuf_addc(b, '\f'); break;
		case 'n': textbuf_addc(b, '\n'); break;
		case 'r': textbuf_addc(b, '\r'); break;
		case 't': textbuf_addc(b, '\t'); break;
		case 'u': {
			char hex[5];
			char *end;
			unsigned long cp;

			if (i + 4 >= len - 1)
				return 0;
			memcpy(hex, s + i + 1, 4);
			hex[4] = '\0';
			cp = strtoul(hex, &end, 16);
			if (*end != '\0' || (cp >= 0xd800 && cp <= 0xdfff))
				return 0;
			props_put_utf8(b, (uint32_t)cp);
			i += 4;
			break;
		}
		default:
			return 0;
		}
	}
	return 1;
}

/* Undo RFC 4180 quoting of one field into b; 0 if malformed. */
static int
props_csv_decode(struct textbuf *b, const char *s, size_t len)
{
	size_t i;

	if (len == 0 || s[0] != '"') {
		for (i = 0; i < len; i++)
			if (s[i] == '"' || s[i] == ',' || s[i] == '\n' ||
			    s[i] == '\r')
				return 0;
		textbuf_add(b, s, len);
		return 1;
	}
	if (len < 2 || s[len - 1] != '"')
		return 0;
	for (i = 1; i < len - 1; i++) {
		if (s[i] == '"') {
			if (i + 1 >= len - 1 || s[i + 1] != '"')
				return 0;
			i++;
		}
		textbuf_addc(b, s[i]);
	}
	return 1;
}

static const char *
text_props_check(const char *s, size_t len)
{
	struct textbuf want = { 0 }, got = { 0 }, dec = { 0 };
	size_t size = TEXT_SANITIZE_MAX(len), n, m;
	char *full = malloc(size), *part = malloc(size);
	const char *bad = NULL;
	int flags, w, cols, maxcols = (int)(len % 17);

	if (full == NULL || part == NULL) {
		free(full);
		free(part);
		return "out of memory";
	}
	props_expected(&want, s, len);
	for (flags = 0; flags <= TEXT_ASCII && bad == NULL; flags++) {
		n = text_sanitize(full, size, s, len, -1, flags, &w);
		if (n >= size || full[n] != '\0')
			bad = "sanitize: overflow or no NUL";
		else if (!props_clean_utf8(full, n, flags & TEXT_ASCII))
			bad = "sanitize: control, C1 or invalid UTF-8 in output";
		else if (w != text_width(s, len, flags))
			bad = "sanitize: width differs from text_width";
		else if (w < 0)
			bad = "sanitize: negative width";
		if (bad != NULL)
			break;
		textbuf_clear(&got);
		if (text_sanitize_buf(&got, s, len, flags) != w ||
		    got.len != n || (n > 0 && memcmp(got.buf, full, n) != 0))
			bad = "sanitize_buf differs from sanitize";
		m = text_sanitize(part, size, s, len, maxcols, flags, &cols);
		if (bad == NULL && (cols > maxcols || m > n ||
		    memcmp(part, full, m) != 0))
			bad = "sanitize: truncation not a prefix within the limit";
	}
	if (bad == NULL) {
		textbuf_clear(&got);
		text_json_str(&got, s, len);
		if (!props_clean_utf8(got.buf, got.len, 0))
			bad = "json: control or invalid UTF-8 in output";
		else if (!props_json_decode(&dec, got.buf, got.len) ||
		    dec.len != want.len ||
		    (want.len > 0 && memcmp(dec.buf, want.buf, want.len) != 0))
			bad = "json: does not decode back to the input";
	}
	if (bad == NULL) {
		textbuf_clear(&got);
		textbuf_clear(&dec);
		text_csv_field(&got, s, len, 0);
		if (!props_csv_decode(&dec, got.buf ? got.buf : "", got.len) ||
		    dec.len != want.len ||
		    (want.len > 0 && memcmp(dec.buf, want.buf, want.len) != 0))
			bad = "csv: does not unquote back to the input";
	}
	textbuf_free(&want);
	textbuf_free(&got);
	textbuf_free(&dec);
	free(full);
	free(part);
	return bad;
}

#endif
