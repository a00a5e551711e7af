/*
 * cpu.c: CPU times from <proc>/stat, total and per CPU. Depends on core and
 * probe/readfile.
 */
#include "config.h"

#include "probe/linux/sysint.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "probe/readfile.h"

/* CPU ids above this are not a real machine's: the line is ignored. */
#define CPU_ID_MAX (1 << 22)

/* ticks of hz per second as nanoseconds; false on overflow. */
static bool
ticks_to_ns(uint64_t ticks, long hz, uint64_t *ns)
{
	uint64_t q = ticks / (uint64_t)hz, r = ticks % (uint64_t)hz, hi;

	if (!mul_u64(q, 1000000000u, &hi))
		return false;
	*ns = hi + r * 1000000000u / (uint64_t)hz;
	return *ns >= hi;
}

/* The columns of one cpu line into row; stops at the end of the line or at
 * a column that is not a number. */
static void
parse_cpu_cols(const char *p, const char *le, long hz, struct snap_cpu *row)
{
	int i;

	for (i = 0; i < CPU_NFIELDS; i++) {
		uint64_t t, ns;
		bool good;

		while (p < le && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= le || *p < '0' || *p > '9')
			return;
		good = parse_u64(&p, le, &t);
		if (p < le && *p != ' ' && *p != '\t')
			return; /* "12abc": neither this nor later columns */
		if (good && ticks_to_ns(t, hz, &ns)) {
			row->ns[i] = ns;
			row->have |= 1u << i;
		}
	}
}

static int
cmp_cpu_id(const void *a, const void *b)
{
	const struct snap_cpu *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

int
parse_proc_stat(const char *buf, size_t len, long hz, struct snapshot *s)
{
	const char *p = buf, *end = buf + len, *ls, *le;
	size_t start = s->ncpu, i;
	bool total_seen = false, sorted = true, any = false;
	int maxid = -1;

	if (hz <= 0)
		hz = 100;
	snapshot_add_cpu(s)->id = -1;
	while (next_line(&p, end, &ls, &le)) {
		const char *q = ls + 3;
		struct snap_cpu *row;
		uint64_t id;

		if (le - ls < 4 || memcmp(ls, "cpu", 3) != 0)
			continue;
		if (*q == ' ' || *q == '\t') {
			if (total_seen)
				continue;
			total_seen = any = true;
			parse_cpu_cols(q, le, hz, &s->cpu[start]);
			continue;
		}
		if (*q < '0' || *q > '9' || !parse_u64(&q, le, &id) ||
		    id > CPU_ID_MAX || q >= le || (*q != ' ' && *q != '\t'))
			continue;
		if ((int)id <= maxid) {
			/* out of order: rare, so a linear duplicate check */
			for (i = start + 1; i < s->ncpu; i++)
				if (s->cpu[i].id == (int)id)
					break;
			if (i < s->ncpu)
				continue;
			sorted = false;
		} else
			maxid = (int)id;
		row = snapshot_add_cpu(s);
		row->id = (int)id;
		parse_cpu_cols(q, le, hz, row);
		any = true;
	}
	if (!any) {
		s->ncpu = start;
		return -1;
	}
	if (!sorted)
		qsort(s->cpu + start + 1, s->ncpu - start - 1, sizeof(*s->cpu),
		    cmp_cpu_id);
	return (int)(s->ncpu - start - 1);
}

int
linux_cpu(struct probe_collector *c, struct snapshot *s)
{
	struct linux_state *st = LINUX(c);
	ssize_t n = sys_read(st->sys, st->proc_fd, "stat");
	int ncpu;

	if (n < 0)
		return (int)n;
	ncpu = parse_proc_stat(st->sys->buf, (size_t)n, st->hz, s);
	if (ncpu < 0)
		return -EINVAL;
	s->ticks_per_sec = st->hz;
	s->ncpu_online = ncpu;
	return 0;
}
