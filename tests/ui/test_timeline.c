/* test_timeline.c: the timeline line's text and step sizes (pure). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui/timeline.h"
#include "tests/tap.h"

#define SEC INT64_C(1000000000)
#define T_031204 INT64_C(1795576324) /* 2026-11-25 03:12:04 UTC */

static const char *
dur(int64_t ns)
{
	static char buf[32];

	timeline_duration(buf, sizeof buf, ns);
	return buf;
}

static const char *
ivl(int64_t ns)
{
	static char buf[32];

	timeline_interval(buf, sizeof buf, ns);
	return buf;
}

int
main(void)
{
	struct timeline tl;
	char buf[160];

	setenv("TZ", "UTC", 1);
	is_int(timeline_step_ns(TL_STEP_SAMPLE), 0, "sample step is by count");
	is_int(timeline_step_ns(TL_STEP_1M), 60 * SEC, "1 min step");
	is_int(timeline_step_ns(TL_STEP_10M), 600 * SEC, "10 min step");
	is_int(timeline_step_ns(TL_STEP_1H), 3600 * SEC, "1 h step");

	is_str(dur(0), "0s", "zero");
	is_str(dur(SEC / 2), "0s", "under a second");
	is_str(dur(45 * SEC), "45s", "seconds");
	is_str(dur(185 * SEC), "3m5s", "minutes and seconds");
	is_str(dur((3 * 3600 + 12 * 60 + 59) * SEC), "3h12m",
	    "two largest units only");
	is_str(dur((2 * 86400 + 3 * 3600) * SEC), "2d3h", "days and hours");
	is_str(dur((86400 + 5 * 60) * SEC), "1d", "zero second unit omitted");
	is_str(dur(-5 * SEC), "0s", "negative is zero");

	is_str(ivl(2 * SEC), "2s", "interval 2 s");
	is_str(ivl(SEC / 2), "0.5s", "interval 0.5 s");
	is_str(ivl(1500 * INT64_C(1000000)), "1.5s", "interval 1.5 s");
	is_str(ivl(90 * SEC), "1m30s", "interval 90 s");
	is_str(ivl(998 * INT64_C(1000000)), "1s", "measured 0.998 s: 1s");
	is_str(ivl(1003 * INT64_C(1000000)), "1s", "measured 1.003 s: 1s");
	is_str(ivl(199 * INT64_C(1000000)), "0.2s", "measured 0.199 s: 0.2s");
	is_str(ivl(0), "?", "unknown interval");

	memset(&tl, 0, sizeof tl);
	tl.live = true;
	tl.shown_ns = T_031204 * SEC;
	tl.now_ns = tl.shown_ns;
	tl.interval_ns = 2 * SEC;
	timeline_format(buf, sizeof buf, &tl);
	is_str(buf, "LIVE  2026-11-25 03:12:04  every 2s", "live line");

	tl.live = false;
	tl.now_ns = (T_031204 + 3 * 3600 + 12 * 60) * SEC;
	tl.index = 123;
	tl.count = 4567;
	tl.have_mark = true;
	tl.mark_ns = (T_031204 - 724) * SEC;
	timeline_format(buf, sizeof buf, &tl);
	is_str(buf, "PAST  2026-11-25 03:12:04  3h12m ago  every 2s  "
	    "#123/4567  mark 11-25 03:00:00", "past line with mark");

	tl.live = true;
	tl.replay = true;
	tl.have_mark = false;
	tl.now_ns = (T_031204 + 5) * SEC;
	timeline_format(buf, sizeof buf, &tl);
	is_str(buf, "REPLAY  2026-11-25 03:12:04  5s ago  every 2s  "
	    "#123/4567", "replay at the newest sample");

	tl.live = false;
	tl.now_ns = (T_031204 - 5) * SEC; /* wall clock stepped back */
	is_int(timeline_format(buf, 12, &tl), 11, "truncated to the buffer");
	is_str(buf, "PAST  2026-", "truncated text");
	timeline_format(buf, sizeof buf, &tl);
	ok(strstr(buf, "  in 5s  ") != NULL, "future shown as 'in', not negative");
	return tap_done();
}
