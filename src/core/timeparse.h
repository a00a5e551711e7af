/*
 * timeparse.h: the TIME, AGE, SIZE and interval arguments of histop's
 * command line and prompts (DESIGN.md), as pure functions: no clock is
 * read (the caller passes "now"), local time follows TZ.
 * Each returns 0, or -1 with a one-line message in err (what was wrong
 * and what is accepted). Depends on libc and libbsd.
 */
#ifndef HISTOP_CORE_TIMEPARSE_H
#define HISTOP_CORE_TIMEPARSE_H

#include <stddef.h>
#include <stdint.h>

/*
 * TIME, into wall-clock nanoseconds since the epoch:
 *   now
 *   -90s -15m -2h -1d -1w, combined: -1h30m (relative to now; + for later)
 *   03:12, 03:12:45       (today, local time)
 *   2026-11-25            (local midnight)
 *   2026-11-25T03:12[:SS[.fff]] or with a space for T: local time unless
 *   followed by Z, +HH:MM, +HHMM or +HH (or -).
 */
int timeparse_time(const char *s, int64_t now_ns, int64_t *out_ns, char *err,
    size_t errlen);
/* AGE: a positive duration like 7d, 12h, 30m, 90s, 2w, 1d12h. */
int timeparse_age(const char *s, int64_t *out_ns, char *err, size_t errlen);
/* SIZE: bytes with an optional K/M/G/T suffix (powers of 1024), > 0. */
int timeparse_size(const char *s, uint64_t *out, char *err, size_t errlen);
/* Interval in seconds, decimal ("2", "0.1", "1.5"), within [min, max]
 * nanoseconds. */
int timeparse_interval(const char *s, int64_t min_ns, int64_t max_ns,
    int64_t *out_ns, char *err, size_t errlen);

#endif
