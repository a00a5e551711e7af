/* test_text_props.c: the escapers' properties (text_props.h) on 200,000
 * random strings built from the pieces that break escapers: controls,
 * DEL, C1, bidi controls, wide and combining characters, truncated and
 * overlong sequences, quotes, commas, backslashes. Links libcore. */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>

#include "text_props.h"
#include "../tap.h"

static const char *const pieces[] = {
	"a", "Z", " ", ",", "\"", "\\", "'", "=", "\n", "\r", "\t", "\x1b",
	"\x07", "\x7f", "\x01", "", "\xc2\x9b", "\xc2\x85", "\xc3\xa9",
	"\xe6\x97\xa5", "\xcc\x81", "\xe2\x80\xae", "\xe2\x80\xa8",
	"\xf0\x9f\x98\x80", "\xef\xbb\xbf", "\xff", "\xfe", "\xc0\xaf",
	"\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe6\x97",
	"\xf0\x9f", "\x80", "\xbf", "\xc2", "\xf8\x88\x80\x80\x80",
	"\xe1\x85\xa0", "\xef\xbf\xbd", "\xf3\xa0\x80\x81",
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32);
}

int
main(void)
{
	char buf[256];
	const char *bad = NULL;
	size_t len, k;
	int i, failures = 0;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	/* Every single byte value alone first. */
	for (i = 0; i < 256 && failures == 0; i++) {
		buf[0] = (char)i;
		if ((bad = text_props_check(buf, 1)) != NULL) {
			failures++;
			printf("# byte 0x%02x: %s\n", i, bad);
		}
	}
	ok(failures == 0, "every single byte keeps the properties");
	failures = 0;
	for (i = 0; i < 200000 && failures < 5; i++) {
		size_t npieces = next() % 12;

		len = 0;
		for (k = 0; k < npieces; k++) {
			const char *p = pieces[next() % NPIECES];
			size_t plen = strlen(p);

			if (p[0] == '\0')
				plen = 1; /* the NUL byte itself */
			if (len + plen > sizeof(buf))
				break;
			memcpy(buf + len, p, plen);
			len += plen;
		}
		if ((bad = text_props_check(buf, len)) != NULL) {
			failures++;
			printf("# input %d (%zu bytes):", i, len);
			for (k = 0; k < len; k++)
				printf(" %02x", (unsigned char)buf[k]);
			printf(": %s\n", bad);
		}
	}
	ok(failures == 0, "200000 random hostile strings keep the properties");
	return tap_done();
}
