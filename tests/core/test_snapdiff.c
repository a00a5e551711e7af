/* test_snapdiff.c: "what changed" between two snapshots (libcore only). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/snapdiff.h"
#include "core/snapshot.h"
#include "tests/tap.h"

#define MIB (UINT64_C(1) << 20)
#define SEC UINT64_C(1000000000)

/* A process with rss (MiB) and CPU time (s); negative = unknown. */
static void
add(struct snapshot *s, pid_t pid, uint64_t start, long rss_mib, long cpu_s)
{
	struct snap_proc *p = snapshot_add_proc(s);

	p->pid = pid;
	p->start_time_ns = start;
	p->comm = snapshot_str(s, "p", 1);
	p->have = (1u << PROC_PID) | (1u << PROC_START_TIME);
	if (rss_mib >= 0) {
		p->rss_bytes = (uint64_t)rss_mib * MIB;
		HAVE_SET(p->have, PROC_RSS);
	}
	if (cpu_s >= 0) {
		p->total_time_ns = (uint64_t)cpu_s * SEC;
		HAVE_SET(p->have, PROC_TOTAL_TIME);
	}
}

/* "pid:delta pid:delta ..." of a list, delta in MiB or seconds. */
static const char *
show(const struct snapdiff_list *l, int64_t unit)
{
	static char buf[512];
	size_t i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < l->n; i++) {
		const struct snap_proc *p = l->v[i].b ? l->v[i].b : l->v[i].a;

		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%d:%lld",
		    i ? " " : "", (int)p->pid,
		    (long long)(l->v[i].delta / unit));
	}
	return buf;
}

static void
test_lists(void)
{
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	struct snapdiff d;

	a->wall_ns = 1000 * (int64_t)SEC;
	b->wall_ns = 1600 * (int64_t)SEC;
	add(a, 1, 10, 5, 100);     /* init: unchanged */
	add(a, 7, 20, 50, 10);     /* grows 50 -> 300, +30 s CPU */
	add(a, 9, 30, 80, 3);      /* disappears, 80 MiB */
	add(a, 12, 40, 10, 0);     /* pid 12 reused below */
	add(a, 15, 50, 100, 1);    /* shrinks: not in grew */
	add(a, 16, 55, -1, -1);    /* nothing known in a */
	add(a, 20, 60, 7, 2);      /* disappears, 7 MiB */
	add(a, 30, 70, 20, 40);    /* grows by 250 too: tie with 7 on delta */
	add(b, 1, 10, 5, 100);
	add(b, 7, 20, 300, 40);
	add(b, 12, 999, 64, 5);    /* new process on an old pid */
	add(b, 15, 50, 60, 2);
	add(b, 16, 55, 900, 900);  /* unknown in a: no delta at all */
	add(b, 25, 1000, 1, 0);    /* appeared, idle: not in cpu */
	add(b, 30, 70, 270, 41);
	add(b, 31, 1100, -1, 7);   /* appeared, rss unknown */

	snapdiff_compute(&d, a, b);
	is_int(d.elapsed_ns, 600 * (int64_t)SEC, "elapsed wall time");
	is_str(show(&d.appeared, (int64_t)MIB), "12:64 25:1 31:0",
	    "appeared: new pids and the reused pid, biggest first");
	is_str(show(&d.disappeared, (int64_t)MIB), "9:80 12:10 20:7",
	    "disappeared: gone and the reused pid's old process");
	is_str(show(&d.grew, (int64_t)MIB), "7:250 30:250",
	    "grew: only known growth, tie broken by pid");
	is_str(show(&d.cpu, (int64_t)SEC), "7:30 31:7 12:5 15:1 30:1",
	    "cpu in between: deltas and whole time of new processes");
	ok(d.grew.n == 2 && d.grew.v[0].a->rss_bytes == 50 * MIB &&
	    d.grew.v[0].b->rss_bytes == 300 * MIB,
	    "entries point at both snapshots' records");
	ok(d.appeared.v[0].a == NULL && d.disappeared.v[0].b == NULL,
	    "the missing side is NULL");
	snapdiff_free(&d);

	/* Swapped: what appeared is what disappeared. */
	snapdiff_compute(&d, b, a);
	is_str(show(&d.appeared, (int64_t)MIB), "9:80 12:10 20:7",
	    "reverse order: appeared mirrors disappeared");
	is_str(show(&d.grew, (int64_t)MIB), "15:40", "reverse: shrink is growth");
	snapdiff_free(&d);

	/* Identical snapshots: nothing changed. */
	snapdiff_compute(&d, a, a);
	ok(d.appeared.n == 0 && d.disappeared.n == 0 && d.grew.n == 0 &&
	    d.cpu.n == 0, "same snapshot: every list empty");
	snapdiff_free(&d);

	snapshot_free(a);
	snapshot_free(b);
}

static void
test_empty(void)
{
	struct snapshot *a = snapshot_new(), *b = snapshot_new();
	struct snapdiff d;
	int i;

	for (i = 0; i < 300; i++)
		add(b, i + 1, (uint64_t)i, i % 7, i % 5);
	snapdiff_compute(&d, a, b);
	is_int(d.appeared.n, 300, "from empty: all 300 appeared");
	is_int(d.disappeared.n, 0, "from empty: none disappeared");
	/* rss i%7 MiB max 6: first is the lowest pid with 6 MiB (i=6) */
	is_int(d.appeared.v[0].b->pid, 7, "biggest first, lowest pid on ties");
	is_int(d.cpu.n, 240, "cpu: the 240 with non-zero time");
	snapdiff_free(&d);
	snapdiff_free(&d); /* freeing twice is harmless */
	ok(d.cpu.v == NULL, "freed diff is reset");
	snapshot_free(a);
	snapshot_free(b);
}

int
main(void)
{
	test_lists();
	test_empty();
	return tap_done();
}
