/*
 * psi.c: pressure stall information from <proc>/pressure/{cpu,memory,io}.
 * A kernel without PSI (no directory) leaves the area unknown. Depends on
 * core and probe/readfile.
 */
#include "config.h"

#include "probe/linux/sysint.h"

#include <errno.h>
#include <string.h>

#include "probe/readfile.h"

/* "avg10=1.27 avg60=1.08 avg300=0.41 total=3973235" into l; all four or
 * the line stays unknown. */
static bool
parse_psi_line(const char *p, const char *le, struct psi_line *l)
{
	static const char *const keys[] = { "avg10=", "avg60=", "avg300=" };
	double *avg[] = { &l->avg10, &l->avg60, &l->avg300 };
	uint64_t t;
	size_t k;

	for (k = 0; k < 3; k++) {
		size_t kl = strlen(keys[k]);

		while (p < le && *p == ' ')
			p++;
		if ((size_t)(le - p) < kl || memcmp(p, keys[k], kl) != 0)
			return false;
		p += kl;
		if (!parse_fixed(&p, le, avg[k]) || (p < le && *p != ' '))
			return false;
	}
	while (p < le && *p == ' ')
		p++;
	if (le - p < 6 || memcmp(p, "total=", 6) != 0)
		return false;
	p += 6;
	if (!parse_u64(&p, le, &t) || (p < le && *p != ' ') ||
	    !mul_u64(t, 1000, &l->total_ns)) /* microseconds */
		return false;
	l->have = true;
	return true;
}

int
parse_psi(const char *buf, size_t len, struct snap_psi *psi)
{
	const char *p = buf, *end = buf + len, *ls, *le;
	int n = 0;

	memset(psi, 0, sizeof(*psi));
	while (next_line(&p, end, &ls, &le)) {
		struct psi_line *l, tmp = { 0 };

		if (le - ls >= 5 && memcmp(ls, "some ", 5) == 0)
			l = &psi->some;
		else if (le - ls >= 5 && memcmp(ls, "full ", 5) == 0)
			l = &psi->full;
		else
			continue;
		if (l->have || !parse_psi_line(ls + 5, le, &tmp))
			continue;
		*l = tmp;
		n++;
	}
	return n;
}

int
linux_io(struct probe_collector *c, struct snapshot *s)
{
	static const char *const files[PSI_NRES] = {
		[PSI_CPU] = "pressure/cpu", [PSI_MEMORY] = "pressure/memory",
		[PSI_IO] = "pressure/io",
	};
	struct linux_state *st = LINUX(c);
	char buf[512];
	int r, ok = 0, last = -ENOENT;

	for (r = 0; r < PSI_NRES; r++) {
		ssize_t n = read_file_at(st->proc_fd, files[r], buf,
		    sizeof(buf));

		memset(&s->psi[r], 0, sizeof(s->psi[r]));
		if (n < 0) {
			last = (int)n;
			continue;
		}
		if (parse_psi(buf, (size_t)n, &s->psi[r]) > 0)
			ok++;
	}
	return ok > 0 ? 0 : last;
}
