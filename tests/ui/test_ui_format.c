/* test_ui_format.c: number formatting and safe text of the live UI.
 * Links libui and core only. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "../tap.h"
#include "ui/ui_int.h"

static const char *
b(uint64_t n)
{
	static char buf[32];

	fmt_bytes(buf, sizeof(buf), n);
	return buf;
}

static const char *
d(uint64_t ns)
{
	static char buf[32];

	fmt_duration(buf, sizeof(buf), ns);
	return buf;
}

static const char *
p(double v)
{
	static char buf[32];

	fmt_percent(buf, sizeof(buf), v);
	return buf;
}

static const char *
t(const char *s, size_t len, int maxcols, bool utf8, int *cols)
{
	static char buf[512];

	*cols = ui_text(buf, sizeof(buf), s, len, maxcols, utf8);
	return buf;
}

int
main(void)
{
	char buf[64];
	int cols;

	setlocale(LC_CTYPE, "C.UTF-8");
	is_str(b(0), "0", "0 bytes");
	is_str(b(1023), "1023", "below 1 KiB in bytes");
	is_str(b(1024), "1.00K", "1 KiB");
	is_str(b(1536), "1.50K", "1.5 KiB");
	is_str(b(300ULL << 20), "300M", "300 MiB");
	is_str(b(1023ULL * 1024 + 1000), "1.00M", "1023.98K carries to 1.00M");
	is_str(b(12ULL << 30), "12.0G", "12 GiB");
	is_str(b(UINT64_MAX), "16.0E", "2^64-1 fits");
	ok(strlen(b(999ULL << 20)) <= 5, "every size fits 5 columns");
	fmt_rate(buf, sizeof(buf), 0.2);
	is_str(buf, "0", "idle rate is 0");
	fmt_rate(buf, sizeof(buf), 2.0 * 1024 * 1024);
	is_str(buf, "2.00M", "2 MiB/s");
	is_str(d(0), "0:00.00", "zero time");
	is_str(d(61230000000ULL), "1:01.23", "61.23 s as M:SS.hh");
	is_str(d(3599990000000ULL), "59:59.99", "just under an hour");
	is_str(d(3600ULL * 1000000000 * 12 + 5ULL * 60 * 1000000000),
	    "12h05", "12 h 5 min");
	is_str(d(3600ULL * 1000000000 * 24 * 41 + 7ULL * 3600 * 1000000000),
	    "41d07", "41 days 7 hours");
	is_str(p(0), "0.0", "0 %");
	is_str(p(99.94), "99.9", "99.94 %");
	is_str(p(250), "250", "2.5 cores");
	is_str(p(-3), "0.0", "negative clamps to 0");

	is_str(t("plain", 5, 20, true, &cols), "plain", "ASCII unchanged");
	is_int(cols, 5, "ASCII width");
	is_str(t("\x1b]0;pwned\x07", 10, 40, true, &cols),
	    "\\x1b]0;pwned\\x07", "OSC title sequence escaped");
	ok(strchr(t("a\x1b" "b\x9b" "c\x7f", 6, 40, true, &cols), 0x1b) ==
	    NULL, "no raw ESC survives");
	is_str(t("\xc2\x9b" "31m", 5, 40, true, &cols), "\\u009b31m",
	    "UTF-8 encoded C1 CSI escaped");
	is_str(t("\xff\xfe", 2, 40, true, &cols), "\\xff\\xfe",
	    "invalid UTF-8 escaped");
	is_str(t("\xe6\xbc\xa2\xe5\xad\x97", 6, 3, true, &cols), "\xe6\xbc\xa2",
	    "wide character never split at the column limit");
	is_int(cols, 2, "one wide character is 2 columns");
	is_str(t("\xe6\xbc\xa2", 3, 40, false, &cols), "\\u6f22",
	    "non-ASCII escaped in an ASCII locale");
	t("abcdef\x1b", 7, 8, true, &cols);
	ok(cols <= 8, "escape at the edge never exceeds the budget");
	is_str(t("x\x1b", 2, 3, true, &cols), "x", "partial escape dropped");
	return tap_done();
}
