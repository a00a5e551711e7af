/*
 * text.h: making hostile bytes safe for each place they go. Process names,
 * command lines, user names and mount points may hold any byte: control
 * characters, terminal escape sequences, invalid UTF-8. Each output format
 * has its own escaper here, and numbers are formatted independently of the
 * locale. Depends on libc only.
 *
 *   terminal  text_sanitize(): C0, DEL, C1, bidi controls and invalid UTF-8
 *             become visible escapes (\x1b, \n, \u009b, \xff); wcwidth-aware
 *             truncation that never splits a character or an escape
 *   JSON      text_json_str(): always valid JSON and valid UTF-8 (controls
 *             as \u00XX, invalid UTF-8 as U+FFFD)
 *   CSV       text_csv_field(): RFC 4180 quoting, invalid UTF-8 as U+FFFD
 */
#ifndef HISTOP_CORE_TEXT_H
#define HISTOP_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer the escapers append to; always NUL-terminated
 * once anything was added. Zero-initialise; release with textbuf_free(). */
struct textbuf {
	char *buf;
	size_t len, cap;
};

void textbuf_add(struct textbuf *, const char *, size_t);
void textbuf_addc(struct textbuf *, char);
void textbuf_adds(struct textbuf *, const char *);
void textbuf_printf(struct textbuf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* Forget the contents, keep the memory. */
void textbuf_clear(struct textbuf *);
void textbuf_free(struct textbuf *);

/*
 * Decode one UTF-8 character at s (len > 0 bytes). Returns its length
 * (1-4) and stores the code point, or 0 when the bytes there are not valid
 * UTF-8 (truncated, overlong, surrogate, beyond U+10FFFF, stray
 * continuation byte): the caller then treats s[0] as one invalid byte.
 */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* ---- terminal ---------------------------------------------------------- */

/* Flags of text_sanitize() and text_width(). */
#define TEXT_ASCII 0x1 /* escape every non-ASCII character (non-UTF-8 locale) */

/*
 * Write s (len bytes) into dst (dstsize > 0 bytes, always NUL-terminated)
 * so that it is safe to show on a terminal: printable characters as they
 * are; "\\" for a backslash; \n \r \t; other C0 controls and DEL as \xNN;
 * C1 controls, bidi and line-separator format characters and code points
 * the locale cannot display as \uNNNN (\UNNNNNNNN above U+FFFF); each
 * invalid UTF-8 byte as \xNN. Stops before a character or escape that
 * would exceed maxcols display columns (maxcols < 0: no limit) or not fit
 * in dst. Returns the bytes written (without the NUL); *cols, if not NULL,
 * gets the display width of what was written. wcwidth() needs LC_CTYPE set
 * (setlocale(LC_ALL, "")).
 */
size_t text_sanitize(char *dst, size_t dstsize, const char *s, size_t len,
    int maxcols, int flags, int *cols);
/* Bytes text_sanitize() needs for len input bytes, without a limit. */
#define TEXT_SANITIZE_MAX(len) ((len) * 4 + 1)
/* The same, appended to a textbuf (no column limit); returns the width. */
int text_sanitize_buf(struct textbuf *, const char *s, size_t len, int flags);
/* The flags the current locale wants: TEXT_ASCII unless LC_CTYPE is UTF-8. */
int text_locale_flags(void);
/* s sanitised into buf for a one-line message (stderr) with the locale's
 * flags, cut to fit. Returns buf. */
const char *text_shown(char *buf, size_t size, const char *s);
/* Display width of s once sanitised (what text_sanitize() would write). */
int text_width(const char *s, size_t len, int flags);

/* ---- JSON and CSV -------------------------------------------------------- */

/* Append s as a quoted JSON string; NULL becomes null. */
void text_json_str(struct textbuf *, const char *s, size_t len);

/* Flags of text_csv_field(). */
#define TEXT_CSV_FORMULA_GUARD 0x1 /* prefix ' to a leading = + - @ TAB CR */

/* Append s as one CSV field (RFC 4180): quoted when it holds a comma,
 * quote, CR, LF or leading/trailing space, quotes doubled. */
void text_csv_field(struct textbuf *, const char *s, size_t len, int flags);

/* ---- numbers, whatever the locale ---------------------------------------- */

/* Append the decimal digits of v. */
void text_u64(struct textbuf *, uint64_t v);
void text_i64(struct textbuf *, int64_t v);
/*
 * Append v rounded to prec (0-9) decimals with '.' as the decimal point
 * whatever LC_NUMERIC says, trailing zeros dropped ("12.5", "3", "-0.25").
 * Returns false, appending nothing, when v is NaN or infinite.
 */
bool text_double(struct textbuf *, double v, int prec);

#endif
