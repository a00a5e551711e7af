/* test_text.c: the escapers of core/text.h — terminal sanitiser, JSON,
 * CSV, UTF-8 decoding and locale-independent numbers. Links libcore. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "../tap.h"

static char out[4096];

/* Sanitised s (len bytes) with no column limit. */
static const char *
san(const char *s, size_t len, int flags)
{
	text_sanitize(out, sizeof(out), s, len, -1, flags, NULL);
	return out;
}

static const char *
json(const char *s, size_t len)
{
	static struct textbuf b;

	textbuf_clear(&b);
	text_json_str(&b, s, len);
	return b.buf;
}

static const char *
csv(const char *s, int flags)
{
	static struct textbuf b;

	textbuf_clear(&b);
	text_csv_field(&b, s, s ? strlen(s) : 0, flags);
	return b.buf ? b.buf : "";
}

static const char *
num(double v, int prec)
{
	static struct textbuf b;

	textbuf_clear(&b);
	if (!text_double(&b, v, prec))
		return "(none)";
	return b.buf;
}

static void
test_utf8(void)
{
	uint32_t cp = 0;

	is_int(text_utf8_decode("A", 1, &cp), 1, "utf8: ASCII is one byte");
	is_int(text_utf8_decode("\xc3\xa9", 2, &cp), 2, "utf8: e-acute 2 bytes");
	is_int(cp, 0xe9, "utf8: e-acute code point");
	is_int(text_utf8_decode("\xe6\x97\xa5", 3, &cp), 3, "utf8: CJK 3 bytes");
	is_int(cp, 0x65e5, "utf8: CJK code point");
	is_int(text_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4, "utf8: emoji");
	is_int(cp, 0x1f600, "utf8: emoji code point");
	is_int(text_utf8_decode("\xc0\x80", 2, &cp), 0, "utf8: overlong NUL");
	is_int(text_utf8_decode("\xe0\x80\xaf", 3, &cp), 0, "utf8: overlong /");
	is_int(text_utf8_decode("\xed\xa0\x80", 3, &cp), 0, "utf8: surrogate");
	is_int(text_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0,
	    "utf8: beyond U+10FFFF");
	is_int(text_utf8_decode("\xe6\x97", 2, &cp), 0, "utf8: truncated");
	is_int(text_utf8_decode("\x80", 1, &cp), 0, "utf8: stray continuation");
	is_int(text_utf8_decode("\xc3" "A", 2, &cp), 0, "utf8: bad continuation");
}

static void
test_sanitize(void)
{
	int cols = -1;
	size_t n;

	is_str(san("plain text", 10, 0), "plain text", "sanitize: plain");
	is_str(san("\x1b]0;pwned\x07", 10, 0), "\\x1b]0;pwned\\x07",
	    "sanitize: OSC title sequence escaped");
	is_str(san("a\nb\tc\rd\\e", 9, 0), "a\\nb\\tc\\rd\\\\e",
	    "sanitize: newline, tab, CR, backslash");
	is_str(san("\x7f", 1, 0), "\\x7f", "sanitize: DEL");
	is_str(san("x\0y", 3, 0), "x\\x00y", "sanitize: embedded NUL");
	is_str(san("\xc2\x9b" "2J", 4, 0), "\\u009b2J", "sanitize: C1 CSI");
	is_str(san("\xff\xfe", 2, 0), "\\xff\\xfe", "sanitize: invalid bytes");
	is_str(san("\xe6\x97", 2, 0), "\\xe6\\x97", "sanitize: truncated char");
	is_str(san("\xc0\xaf", 2, 0), "\\xc0\\xaf", "sanitize: overlong");
	is_str(san("a\xe2\x80\xae" "b", 5, 0), "a\\u202eb",
	    "sanitize: bidi override escaped");
	is_str(san("caf\xc3\xa9", 5, 0), "caf\xc3\xa9",
	    "sanitize: printable UTF-8 kept");
	is_str(san("caf\xc3\xa9", 5, TEXT_ASCII), "caf\\u00e9",
	    "sanitize: ASCII locale escapes non-ASCII");
	is_str(san("\xf0\x9f\x98\x80", 4, TEXT_ASCII), "\\U0001f600",
	    "sanitize: ASCII locale, astral plane");

	/* widths and truncation */
	is_int(text_width("\xe6\x97\xa5\xe6\x9c\xac", 6, 0), 4,
	    "width: two CJK characters are 4 columns");
	is_int(text_width("e\xcc\x81", 3, 0), 1, "width: combining accent is 0");
	is_int(text_width("\x1b", 1, 0), 4, "width: escape counts as shown");
	n = text_sanitize(out, sizeof(out), "\xe6\x97\xa5\xe6\x9c\xac", 6, 3,
	    0, &cols);
	is_int(n, 3, "truncate: wide char not split at 3 columns");
	is_int(cols, 2, "truncate: width reported");
	is_str(out, "\xe6\x97\xa5", "truncate: first char only");
	n = text_sanitize(out, sizeof(out), "ab\x1b" "c", 4, 5, 0, &cols);
	is_str(out, "ab", "truncate: escape never split");
	is_int(cols, 2, "truncate: width of the kept part");
	n = text_sanitize(out, 4, "abcdef", 6, -1, 0, &cols);
	is_str(out, "abc", "truncate: buffer size respected, NUL added");
	is_int(n, 3, "truncate: bytes written");
	n = text_sanitize(out, 5, "a\x1b", 2, -1, 0, &cols);
	is_str(out, "a", "truncate: escape not split by buffer size");
}

static void
test_sanitize_buf(void)
{
	struct textbuf b = { 0 };
	int w;

	w = text_sanitize_buf(&b, "x\n\xe6\x97\xa5", 5, 0);
	is_str(b.buf, "x\\n\xe6\x97\xa5", "sanitize_buf: appended");
	is_int(w, 5, "sanitize_buf: width returned");
	textbuf_free(&b);
}

static void
test_shown(void)
{
	char buf[16];

	is_str(text_shown(buf, sizeof(buf), "caf\xc3\xa9\n"), "caf\xc3\xa9\\n",
	    "shown: UTF-8 locale keeps text, escapes controls");
	is_str(text_shown(buf, sizeof(buf), "0123456789abcdefXYZ"),
	    "0123456789abcde", "shown: cut to the buffer");
	is_str(text_shown(buf, sizeof(buf), NULL), "", "shown: NULL is empty");
	setlocale(LC_CTYPE, "C");
	is_str(text_shown(buf, sizeof(buf), "caf\xc3\xa9"), "caf\\u00e9",
	    "shown: ASCII locale escapes non-ASCII");
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
}

static void
test_json(void)
{
	is_str(json("abc", 3), "\"abc\"", "json: plain");
	is_str(json(NULL, 0), "null", "json: NULL is null");
	is_str(json("a\"b\\c", 5), "\"a\\\"b\\\\c\"", "json: quote, backslash");
	is_str(json("\x1b[2J\n\t\b\f\r", 9),
	    "\"\\u001b[2J\\n\\t\\b\\f\\r\"", "json: control characters");
	is_str(json("\x7f\x01", 2), "\"\\u007f\\u0001\"", "json: DEL and SOH");
	is_str(json("x\0y", 3), "\"x\\u0000y\"", "json: embedded NUL");
	is_str(json("\xff" "a\xc3", 3), "\"\xef\xbf\xbd" "a\xef\xbf\xbd\"",
	    "json: invalid UTF-8 becomes U+FFFD");
	is_str(json("\xc2\x9b", 2), "\"\\u009b\"", "json: C1 escaped");
	is_str(json("\xe2\x80\xa8", 3), "\"\\u2028\"", "json: line separator");
	is_str(json("caf\xc3\xa9 \xf0\x9f\x98\x80", 10),
	    "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", "json: valid UTF-8 kept");
}

static void
test_csv(void)
{
	is_str(csv("plain", 0), "plain", "csv: plain unquoted");
	is_str(csv("a,b", 0), "\"a,b\"", "csv: comma quoted");
	is_str(csv("say \"hi\"", 0), "\"say \"\"hi\"\"\"", "csv: quotes doubled");
	is_str(csv("l1\nl2\r", 0), "\"l1\nl2\r\"", "csv: CR/LF quoted");
	is_str(csv(" pad", 0), "\" pad\"", "csv: leading space quoted");
	is_str(csv("=1+2", 0), "=1+2", "csv: formula left alone by default");
	is_str(csv("=1+2", TEXT_CSV_FORMULA_GUARD), "'=1+2",
	    "csv: formula guard");
	is_str(csv("@x,y", TEXT_CSV_FORMULA_GUARD), "\"'@x,y\"",
	    "csv: formula guard inside quotes");
	is_str(csv("\xff", 0), "\xef\xbf\xbd", "csv: invalid UTF-8 replaced");
	is_str(csv("", 0), "", "csv: empty");
}

static void
test_numbers(void)
{
	struct textbuf b = { 0 };

	is_str(num(12.5, 2), "12.5", "double: trailing zero dropped");
	is_str(num(3, 2), "3", "double: integer");
	is_str(num(0.125, 2), "0.13", "double: rounds half up");
	is_str(num(-0.25, 2), "-0.25", "double: negative");
	is_str(num(-0.001, 2), "0", "double: negative zero is 0");
	is_str(num(99.999, 2), "100", "double: carry into integer part");
	is_str(num(1.0 / 3, 9), "0.333333333", "double: 9 decimals");
	is_str(num(1e20, 2), "100000000000000000000", "double: huge");
	is_str(num(0.0 / 0.0, 2), "(none)", "double: NaN refused");
	is_str(num(1.0 / 0.0, 2), "(none)", "double: inf refused");
	text_u64(&b, UINT64_MAX);
	textbuf_addc(&b, ' ');
	text_i64(&b, INT64_MIN);
	textbuf_addc(&b, ' ');
	text_u64(&b, 0);
	is_str(b.buf, "18446744073709551615 -9223372036854775808 0",
	    "integers: extremes");
	textbuf_free(&b);
}

int
main(void)
{
	/* wcwidth needs a UTF-8 LC_CTYPE; the test environment sets
	 * LC_ALL=C.UTF-8. */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	test_utf8();
	test_sanitize();
	test_sanitize_buf();
	test_shown();
	test_json();
	test_csv();
	test_numbers();
	return tap_done();
}
