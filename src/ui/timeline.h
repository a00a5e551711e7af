/*
 * timeline.h: the text of the timeline line (LIVE, or the moment shown:
 * date, time, how long ago, the sample interval) and the step sizes of the
 * history keys. Pure functions over numbers; libc only.
 */
#ifndef HISTOP_UI_TIMELINE_H
#define HISTOP_UI_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How far one history key moves. */
enum tl_step {
	TL_STEP_SAMPLE, /* one sample: Left / Right */
	TL_STEP_1M,
	TL_STEP_10M,
	TL_STEP_1H,
	TL_NSTEPS
};

/* The span of a step in nanoseconds; 0 for TL_STEP_SAMPLE (by count). */
int64_t timeline_step_ns(enum tl_step);

/* What the line describes. Wall times are CLOCK_REALTIME nanoseconds. */
struct timeline {
	bool live;          /* showing the newest sample, following it */
	bool replay;        /* browsing a database, not the live machine */
	int64_t shown_ns;   /* wall time of the sample shown */
	int64_t now_ns;     /* wall time now, for "ago" */
	int64_t interval_ns; /* the shown sample's interval; <= 0 unknown */
	uint64_t index, count; /* position of the sample (1-based) / samples */
	bool have_mark;     /* a time marked for "what changed" */
	int64_t mark_ns;
};

/*
 * The line, at most len - 1 bytes, ASCII only:
 *   "LIVE  2026-11-26 05:20:01  every 2s"
 *   "PAST  2026-11-25 03:12:04  1d2h8m ago  every 2s  #123/4567  mark 03:00:00"
 * Replay says REPLAY instead of LIVE when at the newest sample.
 * Returns the length written.
 */
size_t timeline_format(char *buf, size_t len, const struct timeline *);

/* "45s", "3m5s", "3h12m", "2d3h" (two largest units); "0s" for < 1 s. */
size_t timeline_duration(char *buf, size_t len, int64_t ns);
/* The sample interval: "2s", "0.5s", "1m30s". */
size_t timeline_interval(char *buf, size_t len, int64_t ns);

#endif
