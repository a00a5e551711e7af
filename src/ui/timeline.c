/* timeline.c: the timeline line's text and the history step sizes.
 * libc only. */
#include "config.h"

#include "ui/timeline.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#define NS INT64_C(1000000000)

int64_t
timeline_step_ns(enum tl_step s)
{
	switch (s) {
	case TL_STEP_1M:
		return 60 * NS;
	case TL_STEP_10M:
		return 600 * NS;
	case TL_STEP_1H:
		return 3600 * NS;
	default:
		return 0;
	}
}

/* snprintf that reports the bytes really written (never more than fit). */
static size_t
put(char *buf, size_t len, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static size_t
put(char *buf, size_t len, size_t at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (at + 1 >= len)
		return at;
	va_start(ap, fmt);
	n = vsnprintf(buf + at, len - at, fmt, ap);
	va_end(ap);
	if (n < 0)
		return at;
	return (size_t)n >= len - at ? len - 1 : at + (size_t)n;
}

size_t
timeline_duration(char *buf, size_t len, int64_t ns)
{
	static const struct {
		int64_t secs;
		char unit;
	} u[] = { { 86400, 'd' }, { 3600, 'h' }, { 60, 'm' }, { 1, 's' } };
	int64_t s = ns / NS;
	size_t at = 0, i;

	if (len > 0)
		buf[0] = '\0';
	if (s <= 0)
		return put(buf, len, 0, "0s");
	for (i = 0; i < 4; i++) {
		if (s < u[i].secs)
			continue;
		at = put(buf, len, at, "%" PRId64 "%c", s / u[i].secs, u[i].unit);
		s %= u[i].secs;
		if (i < 3 && s / u[i + 1].secs > 0)
			at = put(buf, len, at, "%" PRId64 "%c",
			    s / u[i + 1].secs, u[i + 1].unit);
		break;
	}
	return at;
}

size_t
timeline_interval(char *buf, size_t len, int64_t ns)
{
	if (len > 0)
		buf[0] = '\0';
	if (ns <= 0)
		return put(buf, len, 0, "?");
	/* measured, so it jitters (0.998 s, 1.003 s): two significant
	 * digits say what the interval is without the noise */
	if (ns % NS != 0 && ns < 60 * NS)
		return put(buf, len, 0, "%.2gs", (double)ns / 1e9);
	return timeline_duration(buf, len, ns);
}

/* "2026-11-25 03:12:04" (with_year) or "11-25 03:12:04", local time. */
static size_t
put_time(char *buf, size_t len, size_t at, int64_t ns, bool with_year)
{
	time_t t = (time_t)(ns / NS - (ns % NS < 0));
	struct tm tm;
	char tmp[32];
	size_t n = 0;

	if (localtime_r(&t, &tm) != NULL)
		n = with_year ? strftime(tmp, sizeof tmp, "%Y-%m-%d %H:%M:%S",
		    &tm) : strftime(tmp, sizeof tmp, "%m-%d %H:%M:%S", &tm);
	if (n == 0)
		return put(buf, len, at, "?");
	return put(buf, len, at, "%s", tmp);
}

size_t
timeline_format(char *buf, size_t len, const struct timeline *tl)
{
	size_t at;
	char d[32];

	if (len > 0)
		buf[0] = '\0';
	if (tl->live)
		at = put(buf, len, 0, "%s  ", tl->replay ? "REPLAY" : "LIVE");
	else
		at = put(buf, len, 0, "PAST  ");
	at = put_time(buf, len, at, tl->shown_ns, true);
	if (!tl->live || tl->replay) {
		int64_t ago = tl->now_ns - tl->shown_ns;

		if (ago >= 0) {
			timeline_duration(d, sizeof d, ago);
			at = put(buf, len, at, "  %s ago", d);
		} else {
			timeline_duration(d, sizeof d, -ago);
			at = put(buf, len, at, "  in %s", d);
		}
	}
	timeline_interval(d, sizeof d, tl->interval_ns);
	at = put(buf, len, at, "  every %s", d);
	if (tl->count > 0)
		at = put(buf, len, at, "  #%" PRIu64 "/%" PRIu64, tl->index,
		    tl->count);
	if (tl->have_mark) {
		at = put(buf, len, at, "  mark ");
		at = put_time(buf, len, at, tl->mark_ns, false);
	}
	return at;
}
