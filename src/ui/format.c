/*
 * format.c: numbers for narrow columns — bytes, rates, durations and
 * percentages in a fixed width. Pure functions; libc only.
 */
#include "config.h"

#include "ui/ui_int.h"

#include <inttypes.h>
#include <stdio.h>

static const char units[] = "BKMGTPE";

/*
 * Bytes in at most 5 characters, powers of 1024: "0", "1023", "1.5K",
 * "300M", "12.0G". Three significant digits once a unit is used.
 */
void
fmt_bytes(char *buf, size_t len, uint64_t n)
{
	double v = (double)n;
	int u = 0;

	if (n < 1024) {
		snprintf(buf, len, "%" PRIu64, n);
		return;
	}
	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	/* 1023.9K would print as "1024K": carry into the next unit */
	if (v >= 999.95 && u < 6) {
		v /= 1024;
		u++;
	}
	if (v < 9.995)
		snprintf(buf, len, "%.2f%c", v, units[u]);
	else if (v < 99.95)
		snprintf(buf, len, "%.1f%c", v, units[u]);
	else
		snprintf(buf, len, "%.0f%c", v, units[u]);
}

/* A rate in bytes per second, as fmt_bytes; "0" for idle. */
void
fmt_rate(char *buf, size_t len, double bps)
{
	if (bps < 0.5) {
		snprintf(buf, len, "0");
		return;
	}
	fmt_bytes(buf, len, (uint64_t)(bps + 0.5));
}

/*
 * CPU time like top's TIME+: "M:SS.hh" below an hour, "HhMM" below 100
 * hours ("12h05"), else days ("41d07h" style "41d07").
 */
void
fmt_duration(char *buf, size_t len, uint64_t ns)
{
	uint64_t cs = ns / 10000000; /* centiseconds */
	uint64_t s = cs / 100, m = s / 60, h = m / 60;

	if (h == 0)
		snprintf(buf, len, "%" PRIu64 ":%02" PRIu64 ".%02" PRIu64, m,
		    s % 60, cs % 100);
	else if (h < 100)
		snprintf(buf, len, "%" PRIu64 "h%02" PRIu64, h, m % 60);
	else
		snprintf(buf, len, "%" PRIu64 "d%02" PRIu64, h / 24, h % 24);
}

/* A percentage in 5 characters: "0.0", "99.9", "250" (several cores). */
void
fmt_percent(char *buf, size_t len, double pct)
{
	if (pct < 0)
		pct = 0;
	if (pct < 99.95)
		snprintf(buf, len, "%.1f", pct);
	else if (pct < 99999.5)
		snprintf(buf, len, "%.0f", pct);
	else
		snprintf(buf, len, "big");
}
