/* timeparse.c: TIME, AGE, SIZE and interval arguments. libc + libbsd. */
#include "config.h"

#include "core/timeparse.h"

#include <ctype.h>
#include <errno.h>
#include <libutil.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NS INT64_C(1000000000)

static int __attribute__((format(printf, 3, 4)))
fail(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && len > 0) {
		va_start(ap, fmt);
		vsnprintf(err, len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Exactly n digits at *p into *v; advances *p. */
static bool
digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return true;
}

/* "1d12h30m" (units s m h d w): sum in ns. Each number below 10^9. */
static bool
duration(const char *p, int64_t *out)
{
	int64_t total = 0;

	if (*p == '\0')
		return false;
	while (*p != '\0') {
		int64_t v = 0, unit;
		int nd = 0;

		while (isdigit((unsigned char)*p)) {
			if (++nd > 9)
				return false;
			v = v * 10 + (*p++ - '0');
		}
		if (nd == 0)
			return false;
		switch (*p++) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		default: return false;
		}
		if (v > INT64_MAX / NS / unit || total > INT64_MAX - v * unit * NS)
			return false;
		total += v * unit * NS;
	}
	*out = total;
	return true;
}

int
timeparse_age(const char *s, int64_t *out, char *err, size_t errlen)
{
	int64_t v;

	if (s == NULL || !duration(s, &v) || v <= 0)
		return fail(err, errlen, "invalid age '%s' (use e.g. 7d, 12h, "
		    "30m, 1d12h)", s != NULL ? s : "");
	*out = v;
	return 0;
}

int
timeparse_size(const char *s, uint64_t *out, char *err, size_t errlen)
{
	uint64_t v;
	char *end;
	bool range = false;

	/* expand_number() wraps silently on very long digit strings. */
	errno = 0;
	if (s != NULL && isdigit((unsigned char)*s)) {
		(void)strtoull(s, &end, 10);
		range = errno == ERANGE;
	}
	if (s == NULL || *s == '\0' || !isdigit((unsigned char)*s) || range ||
	    expand_number(s, &v) != 0 || v == 0)
		return fail(err, errlen, "invalid size '%s' (use e.g. 500M, 2G)",
		    s != NULL ? s : "");
	*out = v;
	return 0;
}

int
timeparse_interval(const char *s, int64_t min_ns, int64_t max_ns,
    int64_t *out, char *err, size_t errlen)
{
	const char *p = s;
	int64_t v = 0, scale = NS;
	int nd = 0;

	if (s == NULL)
		return fail(err, errlen, "missing interval");
	while (isdigit((unsigned char)*p)) {
		if (++nd > 9)
			goto bad;
		v = v * 10 + (*p++ - '0');
	}
	v *= NS;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			goto bad;
		while (isdigit((unsigned char)*p)) {
			nd++;
			scale /= 10;
			if (scale == 0)
				goto bad;
			v += (*p++ - '0') * scale;
		}
	}
	if (nd == 0 || *p != '\0')
		goto bad;
	if (v < min_ns || v > max_ns)
		return fail(err, errlen, "interval '%s' out of range (%g to %g "
		    "seconds)", s, (double)min_ns / 1e9, (double)max_ns / 1e9);
	*out = v;
	return 0;
bad:
	return fail(err, errlen, "invalid interval '%s' (seconds, e.g. 2 or "
	    "0.5)", s);
}

/* Nanoseconds of a broken-down local time (or UTC plus offset). */
static bool
to_ns(struct tm *tm, bool utc, int off_s, int64_t frac, int64_t *out)
{
	time_t t;

	tm->tm_isdst = -1;
	if (utc) {
		t = timegm(tm);
		t -= off_s;
	} else
		t = mktime(tm);
	if (t == (time_t)-1 && !(tm->tm_year == 69 && tm->tm_mday == 31))
		return false;
	*out = (int64_t)t * NS + frac;
	return true;
}

int
timeparse_time(const char *s, int64_t now, int64_t *out, char *err,
    size_t errlen)
{
	const char *p = s;
	struct tm tm;
	time_t t;
	int y, mo, d, h = 0, mi = 0, sec = 0, off = 0, oh, om;
	int64_t frac = 0, dur;
	bool utc = false;

	if (s == NULL || *s == '\0')
		goto bad;
	if (strcmp(s, "now") == 0) {
		*out = now;
		return 0;
	}
	if (*s == '-' || *s == '+') {
		if (!duration(s + 1, &dur))
			goto bad;
		*out = *s == '-' ? now - dur : now + dur;
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	if (isdigit((unsigned char)s[0]) && (s[1] == ':' || s[2] == ':')) {
		/* clock time today */
		if (!digits(&p, s[1] == ':' ? 1 : 2, &h) || *p++ != ':' ||
		    !digits(&p, 2, &mi))
			goto bad;
		if (*p == ':' && (p++, !digits(&p, 2, &sec)))
			goto bad;
		if (*p != '\0' || h > 23 || mi > 59 || sec > 60)
			goto bad;
		t = (time_t)(now / NS);
		if (localtime_r(&t, &tm) == NULL)
			goto bad;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
		if (!to_ns(&tm, false, 0, 0, out))
			goto bad;
		return 0;
	}
	if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) ||
	    *p++ != '-' || !digits(&p, 2, &d))
		goto bad;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			goto bad;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &sec))
				goto bad;
			if (*p == '.' || *p == ',') {
				int64_t scale = NS;

				p++;
				if (!isdigit((unsigned char)*p))
					goto bad;
				while (isdigit((unsigned char)*p)) {
					scale /= 10;
					frac += (*p++ - '0') * scale;
				}
			}
		}
		if (*p == 'Z' || *p == 'z') {
			utc = true;
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1;

			om = 0;
			if (!digits(&p, 2, &oh))
				goto bad;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p) && !digits(&p, 2, &om))
				goto bad;
			if (oh > 23 || om > 59)
				goto bad;
			utc = true;
			off = sign * (oh * 3600 + om * 60);
		}
	}
	if (*p != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		goto bad;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	if (!to_ns(&tm, utc, off, frac, out))
		goto bad;
	/* mktime/timegm normalise: 2026-02-31 would become March 3rd. */
	if (tm.tm_mday != d)
		goto bad;
	return 0;
bad:
	return fail(err, errlen, "invalid time '%s' (use now, -15m, 03:12, or "
	    "2026-11-25T03:12[:SS][Z|+HH:MM])", s != NULL ? s : "");
}
