/* load.c: load averages and task counts from <proc>/loadavg. Depends on core. */
#include "config.h"

#include "probe/linux/sysint.h"

#include <errno.h>
#include <string.h>

#include "probe/readfile.h"

static bool
at_blank(const char *p, const char *end)
{
	return p >= end || *p == ' ' || *p == '\t' || *p == '\n';
}

int
parse_loadavg(const char *buf, size_t len, struct snap_load *l)
{
	const char *p = buf, *end = buf + len;
	uint64_t v;
	int i, n = 0;

	memset(l, 0, sizeof(*l));
	for (i = 0; i < 3; i++) {
		double d;

		if (parse_fixed(&p, end, &d) && at_blank(p, end)) {
			l->avg[i] = d;
			l->have |= 1u << (LOAD_1 + i);
			n++;
		}
		while (!at_blank(p, end))
			p++; /* the rest of a token that did not parse */
	}
	/* "running/total" */
	if (parse_u64(&p, end, &v) && p < end && *p == '/' &&
	    v <= UINT32_MAX) {
		l->running = (uint32_t)v;
		l->have |= 1u << LOAD_RUNNING;
		n++;
		p++;
		if (parse_u64(&p, end, &v) && at_blank(p, end) &&
		    v <= UINT32_MAX) {
			l->tasks = (uint32_t)v;
			l->have |= 1u << LOAD_TASKS;
			n++;
		}
	}
	return n;
}

int
linux_load(struct probe_collector *c, struct snapshot *s)
{
	struct linux_state *st = LINUX(c);
	char buf[256];
	ssize_t n = read_file_at(st->proc_fd, "loadavg", buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	return parse_loadavg(buf, (size_t)n, &s->load) > 0 ? 0 : -EINVAL;
}
