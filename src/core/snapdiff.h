/*
 * snapdiff.h: "what changed" between two snapshots of the same machine —
 * processes that appeared or disappeared, grew most in RSS, used most CPU
 * time in between. Processes are matched by (pid, start_time_ns), so a
 * reused pid is one process gone and another new. libc only.
 */
#ifndef HISTOP_CORE_SNAPDIFF_H
#define HISTOP_CORE_SNAPDIFF_H

#include <stddef.h>
#include <stdint.h>

#include "core/snapshot.h"

/* One process in a list; a or b is NULL where it does not exist. */
struct snapdiff_entry {
	const struct snap_proc *a; /* in the earlier snapshot */
	const struct snap_proc *b; /* in the later one */
	int64_t delta;             /* the list's measure (bytes or ns) */
};

struct snapdiff_list {
	struct snapdiff_entry *v;
	size_t n, cap;
};

struct snapdiff {
	int64_t elapsed_ns;  /* b->wall_ns - a->wall_ns */
	/* In b only; delta = rss in b (0 unknown); biggest first. */
	struct snapdiff_list appeared;
	/* In a only; delta = rss in a (0 unknown); biggest first. */
	struct snapdiff_list disappeared;
	/* In both, RSS known in both and higher in b; delta = growth. */
	struct snapdiff_list grew;
	/* CPU time used between a and b, > 0: b - a for processes in both,
	 * the whole total_time for ones that appeared (they started after a). */
	struct snapdiff_list cpu;
};

/*
 * Compare a (earlier) with b (later); both pid-sorted as every snapshot
 * is. Ties in every list are broken by pid, then start time, so results
 * are exact. Entries borrow a's and b's processes: valid while those live.
 * Caller frees with snapdiff_free(); the struct may be reused after that.
 */
void snapdiff_compute(struct snapdiff *, const struct snapshot *a,
    const struct snapshot *b);
void snapdiff_free(struct snapdiff *);

#endif
