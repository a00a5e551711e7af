/*
 * test_timeparse.c: TIME, AGE, SIZE and interval arguments parse to exact
 * values (local time under a fixed TZ, zones honoured) and garbage is
 * refused with a message. Links core only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/timeparse.h"
#include "tap.h"

#define S INT64_C(1000000000)
/* 2026-11-25T12:34:56Z; 2026-11-25T00:00:00Z is 1795564800 */
#define NOW (INT64_C(1795610096) * S + 123)

static int64_t
t(const char *s)
{
	int64_t v = -1;
	char err[200];

	if (timeparse_time(s, NOW, &v, err, sizeof(err)) != 0)
		return -1;
	return v;
}

static int
bad_time(const char *s)
{
	int64_t v;
	char err[200] = "";

	return timeparse_time(s, NOW, &v, err, sizeof(err)) == -1 &&
	    strstr(err, "invalid time") != NULL;
}

int
main(void)
{
	int64_t v;
	uint64_t u;
	char err[200];
	static const char *const garbage[] = {
		"", "yesterday", "-", "-5", "-5x", "--5m", "25:00", "12:60",
		"1:2", "2026-13-01", "2026-02-31", "2026-11-25T", "2026-11-25T3:12",
		"2026-11-25T03:12+25:00", "2026-11-25T03:12:00Zjunk",
		"-9999999999d", "now ", " now",
	};
	size_t i;

	setenv("TZ", "UTC", 1);
	tzset();
	is_int(t("now"), NOW, "now");
	is_int(t("-90s"), NOW - 90 * S, "-90s");
	is_int(t("-15m"), NOW - 900 * S, "-15m");
	is_int(t("-2h"), NOW - 7200 * S, "-2h");
	is_int(t("-1d"), NOW - 86400 * S, "-1d");
	is_int(t("-1h30m"), NOW - 5400 * S, "-1h30m combined");
	is_int(t("+5m"), NOW + 300 * S, "+5m");
	is_int(t("03:12"), INT64_C(1795576320) * S, "03:12 today (UTC)");
	is_int(t("3:12:07"), INT64_C(1795576327) * S, "3:12:07 today");
	is_int(t("2026-11-25"), INT64_C(1795564800) * S, "date alone: midnight");
	is_int(t("2026-11-25T03:12:00"), INT64_C(1795576320) * S, "ISO local");
	is_int(t("2026-11-25 03:12"), INT64_C(1795576320) * S, "space for T");
	is_int(t("2026-11-25T03:12:00.250Z"), INT64_C(1795576320) * S +
	    250000000, "fraction and Z");
	is_int(t("2026-11-25T03:12:00+01:00"), INT64_C(1795572720) * S,
	    "+01:00 offset");
	is_int(t("2026-11-25T03:12:00-0530"), INT64_C(1795596120) * S,
	    "-0530 offset");
	is_int(t("2026-11-25T03:12:00+02"), INT64_C(1795569120) * S,
	    "+02 offset");

	setenv("TZ", "America/New_York", 1);
	tzset();
	is_int(t("2026-11-25T03:12:00"), INT64_C(1795594320) * S,
	    "ISO local follows TZ (EST, -5)");
	is_int(t("2026-07-01T00:00"), INT64_C(1782878400) * S,
	    "summer time (EDT, -4)");
	is_int(t("2026-11-25T03:12:00Z"), INT64_C(1795576320) * S,
	    "Z ignores TZ");
	is_int(t("07:00"), INT64_C(1795608000) * S, "clock time in local TZ");

	for (i = 0; i < sizeof(garbage) / sizeof(garbage[0]); i++)
		ok(bad_time(garbage[i]), "time '%s' refused with a message",
		    garbage[i]);

	ok(timeparse_age("7d", &v, err, sizeof(err)) == 0 && v == 7 * 86400 * S,
	    "age 7d");
	ok(timeparse_age("12h", &v, err, sizeof(err)) == 0 && v == 12 * 3600 * S,
	    "age 12h");
	ok(timeparse_age("2w", &v, err, sizeof(err)) == 0 &&
	    v == 14 * 86400 * S, "age 2w");
	ok(timeparse_age("1d12h", &v, err, sizeof(err)) == 0 &&
	    v == 36 * 3600 * S, "age 1d12h");
	ok(timeparse_age("0d", &v, err, sizeof(err)) == -1, "age 0 refused");
	ok(timeparse_age("7", &v, err, sizeof(err)) == -1, "age without unit "
	    "refused");
	ok(timeparse_age("-7d", &v, err, sizeof(err)) == -1 &&
	    strstr(err, "invalid age '-7d'") != NULL, "negative age refused, "
	    "named");

	ok(timeparse_size("500M", &u, err, sizeof(err)) == 0 &&
	    u == 500ULL << 20, "size 500M");
	ok(timeparse_size("2G", &u, err, sizeof(err)) == 0 && u == 2ULL << 30,
	    "size 2G");
	ok(timeparse_size("4096", &u, err, sizeof(err)) == 0 && u == 4096,
	    "size in bytes");
	ok(timeparse_size("0", &u, err, sizeof(err)) == -1, "size 0 refused");
	ok(timeparse_size("2X", &u, err, sizeof(err)) == -1, "unknown suffix "
	    "refused");
	ok(timeparse_size("-1G", &u, err, sizeof(err)) == -1, "negative size "
	    "refused");
	ok(timeparse_size("99999999999999999999", &u, err, sizeof(err)) == -1,
	    "overflowing size refused");

#define IV(s, want) \
	ok(timeparse_interval(s, S / 10, 86400 * S, &v, err, sizeof(err)) == 0 && \
	    v == (want), "interval %s", s)
	IV("2", 2 * S);
	IV("0.1", S / 10);
	IV("1.5", 3 * S / 2);
	IV("86400", 86400 * S);
#undef IV
	{
		static const char *const bad[] = {
			"0", "0.05", "-1", "nan", "inf", "1e9", "", ".", "1.",
			"2s", "86401", "0x10", " 2",
		};

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			ok(timeparse_interval(bad[i], S / 10, 86400 * S, &v, err,
			    sizeof(err)) == -1 && err[0] != '\0',
			    "interval '%s' refused", bad[i]);
	}
	return tap_done();
}
