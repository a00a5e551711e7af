/*
 * cgroup.c: quotas — cgroup v1, v2 and hybrid limits and usage of any
 * cgroup, histop's own cgroup (<proc>/self/cgroup) and its own rlimits.
 * Depends on core and probe/readfile.
 *
 * Each controller is read from v2 when the v2 hierarchy offers it
 * (cgroup.controllers), otherwise from its v1 hierarchy under
 * <sys>/fs/cgroup/<controller>. On a hybrid host (systemd's default before
 * v2, and this project's CI) v2 is mounted at fs/cgroup/unified with no
 * controllers, so the limits come from v1.
 */
#include "config.h"

#include "probe/linux/sysint.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probe/common.h"
#include "probe/readfile.h"

/* v1 reports "no limit" as the largest page-aligned value below 2^63
 * (9223372036854771712 with 4 KiB pages): anything this close to it. */
#define V1_UNLIMITED_MIN ((uint64_t)INT64_MAX - 0xfffff)
#define CG_PATH_MAX 2048

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n';
}

/* [buf, len) without trailing blanks. */
static size_t
trim_len(const char *buf, size_t len)
{
	while (len > 0 && is_blank(buf[len - 1]))
		len--;
	return len;
}

int
parse_proc_cgroup(const char *buf, size_t len, struct cg_paths *out)
{
	const char *p = buf, *end = buf + len, *ls, *le;
	int n = 0, k;

	memset(out, 0, sizeof(*out));
	while (next_line(&p, end, &ls, &le)) {
		const char *c1 = memchr(ls, ':', (size_t)(le - ls)), *c2, *q;
		struct cg_span path;

		if (c1 == NULL ||
		    (c2 = memchr(c1 + 1, ':', (size_t)(le - c1 - 1))) == NULL)
			continue;
		path.p = c2 + 1;
		path.len = (size_t)(le - c2 - 1);
		if (c1 - ls == 1 && ls[0] == '0' && c2 == c1 + 1) {
			if (out->v2.p == NULL) {
				out->v2 = path;
				n++;
			}
			continue;
		}
		/* "4:cpu,cpuacct:/path": one path for each listed controller */
		for (q = c1 + 1; q < c2;) {
			const char *w = q;

			while (q < c2 && *q != ',')
				q++;
			for (k = 0; k < CG_NCTRL; k++)
				if (strlen(cg_ctrl_names[k]) == (size_t)(q - w) &&
				    memcmp(cg_ctrl_names[k], w, (size_t)(q - w)) ==
				    0 && out->v1[k].p == NULL) {
					out->v1[k] = path;
					n++;
				}
			if (q < c2)
				q++;
		}
	}
	return n;
}

bool
cg_path_ok(const char *p, size_t len)
{
	size_t i = 0;

	if (p == NULL || len == 0 || p[0] != '/' || len >= CG_PATH_MAX ||
	    memchr(p, '\0', len) != NULL)
		return false;
	while (i < len) {
		size_t j;

		while (i < len && p[i] == '/')
			i++;
		j = i;
		while (j < len && p[j] != '/')
			j++;
		if ((j - i == 1 && p[i] == '.') ||
		    (j - i == 2 && p[i] == '.' && p[i + 1] == '.'))
			return false;
		i = j;
	}
	return true;
}

uint32_t
parse_cg_controllers(const char *buf, size_t len)
{
	static const struct {
		const char *name;
		uint32_t bits;
	} map[] = {
		{ "cpu", (1u << CG_CPU) | (1u << CG_CPUACCT) },
		{ "memory", 1u << CG_MEMORY },
		{ "pids", 1u << CG_PIDS },
		{ "io", 1u << CG_BLKIO },
	};
	const char *p = buf, *end = buf + len;
	uint32_t m = 0;
	size_t i;

	while (p < end) {
		const char *w;

		while (p < end && is_blank(*p))
			p++;
		w = p;
		while (p < end && !is_blank(*p))
			p++;
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (strlen(map[i].name) == (size_t)(p - w) &&
			    memcmp(map[i].name, w, (size_t)(p - w)) == 0)
				m |= map[i].bits;
	}
	return m;
}

int
parse_cg_value(const char *buf, size_t len, uint64_t *v)
{
	const char *p = buf, *end;

	len = trim_len(buf, len);
	end = buf + len;
	if (len == 3 && memcmp(buf, "max", 3) == 0)
		return 0;
	if (len == 0 || *p < '0' || *p > '9' || !parse_u64(&p, end, v) ||
	    p != end)
		return -1;
	return 1;
}

int
parse_cpu_max(const char *buf, size_t len, uint64_t *quota, bool *unlimited,
    uint64_t *period)
{
	const char *p = buf, *end = buf + trim_len(buf, len), *sp;
	int r, bits = 0;

	sp = memchr(buf, ' ', (size_t)(end - buf));
	if (sp == NULL)
		sp = end;
	r = parse_cg_value(p, (size_t)(sp - p), quota);
	if (r >= 0) {
		*unlimited = r == 0;
		if (r == 0)
			*quota = 0;
		bits |= 1;
	}
	if (sp < end && parse_cg_value(sp + 1, (size_t)(end - sp - 1),
	    period) == 1)
		bits |= 2;
	return bits;
}

int
parse_cfs_quota(const char *buf, size_t len, uint64_t *v)
{
	const char *p = buf, *end = buf + trim_len(buf, len);
	int64_t q;

	if (!parse_i64(&p, end, &q) || p != end || q < -1)
		return -1;
	if (q == -1)
		return 0;
	*v = (uint64_t)q;
	return 1;
}

int
parse_v1_limit(const char *buf, size_t len, uint64_t *v)
{
	int r = parse_cg_value(buf, len, v);

	if (r != 1)
		return -1; /* v1 never says "max" */
	return *v >= V1_UNLIMITED_MIN ? 0 : 1;
}

bool
parse_keyed(const char *buf, size_t len, const char *key, uint64_t *v)
{
	const char *p = buf, *end = buf + len, *ls, *le;
	size_t kl = strlen(key);

	while (next_line(&p, end, &ls, &le)) {
		const char *q = ls + kl;

		if ((size_t)(le - ls) > kl && memcmp(ls, key, kl) == 0 &&
		    (*q == ' ' || *q == '\t'))
			return parse_u64(&q, le, v) && trim_len(q,
			    (size_t)(le - q)) == 0;
	}
	return false;
}

/* Append n bytes of s and a '\n' to out, or nothing when it is full:
 * lines are dropped whole, never split. */
static void
append_line(char *out, size_t outsz, size_t *used, const char *s, size_t n)
{
	if (*used + n + 2 > outsz)
		return;
	memcpy(out + *used, s, n);
	*used += n;
	out[(*used)++] = '\n';
	out[*used] = '\0';
}

void
io_max_filter(const char *buf, size_t len, char *out, size_t outsz,
    size_t *used)
{
	const char *p = buf, *end = buf + len, *ls, *le;

	while (next_line(&p, end, &ls, &le)) {
		const char *q = ls;
		bool limit = false;

		if (memchr(ls, '\0', (size_t)(le - ls)) != NULL)
			continue; /* not the kernel's: the copy must be a string */
		while (q < le) {
			const char *eq, *w;

			while (q < le && *q == ' ')
				q++;
			w = q;
			while (q < le && *q != ' ')
				q++;
			eq = memchr(w, '=', (size_t)(q - w));
			if (eq != NULL && !(q - eq - 1 == 3 &&
			    memcmp(eq + 1, "max", 3) == 0))
				limit = true;
		}
		if (limit)
			append_line(out, outsz, used, ls, (size_t)(le - ls));
	}
}

void
blkio_append(const char *buf, size_t len, const char *key, char *out,
    size_t outsz, size_t *used)
{
	const char *p = buf, *end = buf + len, *ls, *le;

	while (next_line(&p, end, &ls, &le)) {
		const char *sp = memchr(ls, ' ', (size_t)(le - ls)), *q;
		uint64_t v;
		char line[128];
		int n;

		if (sp == NULL || sp - ls > 32 || memchr(ls, '\0',
		    (size_t)(sp - ls)) != NULL)
			continue;
		q = sp;
		if (!parse_u64(&q, le, &v) || q != le || v == 0)
			continue;
		n = snprintf(line, sizeof(line), "%.*s %s=%llu",
		    (int)(sp - ls), ls, key, (unsigned long long)v);
		if (n > 0 && (size_t)n < sizeof(line))
			append_line(out, outsz, used, line, (size_t)n);
	}
}

/* ---- reading a cgroup ------------------------------------------------- */

/* The directory of path in the hierarchy rootfd; -1 when unusable. For
 * histop's own cgroup a missing directory means a container that mounts
 * its own cgroup as the root, so the root is used. */
static int
cg_dir(int rootfd, const struct cg_span *sp, bool own)
{
	char rel[CG_PATH_MAX + 2];
	int fd;

	if (rootfd < 0 || !cg_path_ok(sp->p, sp->len))
		return -1;
	snprintf(rel, sizeof(rel), ".%.*s", (int)sp->len, sp->p);
	fd = openat(rootfd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 && own && errno == ENOENT)
		fd = openat(rootfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd;
}

struct cg_ctx {
	struct snap_cgroup *out;
	bool v1, v2;
	const struct cg_span *path; /* the one out->path names */
};

static void
set_field(struct cg_ctx *x, int field, int r, uint64_t v)
{
	if (r < 0)
		return;
	x->out->have |= 1u << field;
	if (r == 0) {
		x->out->unlimited |= 1u << field;
		x->out->v[field] = 0;
	} else
		x->out->v[field] = v;
}

/* Read name in dfd; its length or -1. */
static ssize_t
cg_read(int dfd, const char *name, char *buf, size_t size)
{
	ssize_t n = read_file_at(dfd, name, buf, size);

	return n < 0 ? -1 : n;
}

static void
cg_cpu(struct linux_sys *sys, const struct cg_paths *pp, bool own,
    struct cg_ctx *x)
{
	char buf[512];
	uint64_t q = 0, per = 0; /* "-1" (unlimited) leaves q unset */
	bool unl;
	ssize_t n;
	int dfd, bits, r;

	if (sys->cg_v2_ctrl & (1u << CG_CPU)) {
		if ((dfd = cg_dir(sys->cg_v2_fd, &pp->v2, own)) < 0)
			return;
		x->v2 = true;
		if ((n = cg_read(dfd, "cpu.max", buf, sizeof(buf))) >= 0) {
			bits = parse_cpu_max(buf, (size_t)n, &q, &unl, &per);
			if ((bits & 1) && mul_u64(q, 1000, &q))
				set_field(x, QUOTA_CPU_QUOTA_NS, unl ? 0 : 1, q);
			if ((bits & 2) && mul_u64(per, 1000, &per))
				set_field(x, QUOTA_CPU_PERIOD_NS, 1, per);
		}
		if ((n = cg_read(dfd, "cpu.stat", buf, sizeof(buf))) >= 0 &&
		    parse_keyed(buf, (size_t)n, "usage_usec", &q) &&
		    mul_u64(q, 1000, &q))
			set_field(x, QUOTA_CPU_USAGE_NS, 1, q);
		close(dfd);
		return;
	}
	if ((dfd = cg_dir(sys->cg_v1_fd[CG_CPU], &pp->v1[CG_CPU], own)) >= 0) {
		x->v1 = true;
		if ((n = cg_read(dfd, "cpu.cfs_quota_us", buf, sizeof(buf))) >=
		    0 && (r = parse_cfs_quota(buf, (size_t)n, &q)) >= 0 &&
		    mul_u64(q, 1000, &q))
			set_field(x, QUOTA_CPU_QUOTA_NS, r, q);
		if ((n = cg_read(dfd, "cpu.cfs_period_us", buf, sizeof(buf))) >=
		    0 && parse_cg_value(buf, (size_t)n, &per) == 1 &&
		    mul_u64(per, 1000, &per))
			set_field(x, QUOTA_CPU_PERIOD_NS, 1, per);
		close(dfd);
	}
	if ((dfd = cg_dir(sys->cg_v1_fd[CG_CPUACCT], &pp->v1[CG_CPUACCT],
	    own)) >= 0) {
		x->v1 = true;
		if ((n = cg_read(dfd, "cpuacct.usage", buf, sizeof(buf))) >= 0 &&
		    parse_cg_value(buf, (size_t)n, &q) == 1)
			set_field(x, QUOTA_CPU_USAGE_NS, 1, q);
		close(dfd);
	}
}

/* One "limit/usage" file pair per controller, v2 or v1 names. */
struct cg_file {
	const char *name;
	int field;
	int (*parse)(const char *, size_t, uint64_t *);
};

static const struct cg_file mem_v2[] = {
	{ "memory.max", QUOTA_MEM_LIMIT, parse_cg_value },
	{ "memory.current", QUOTA_MEM_USAGE, parse_cg_value },
	{ "memory.swap.max", QUOTA_SWAP_LIMIT, parse_cg_value },
	{ NULL, 0, NULL }
};
static const struct cg_file mem_v1[] = {
	{ "memory.limit_in_bytes", QUOTA_MEM_LIMIT, parse_v1_limit },
	{ "memory.usage_in_bytes", QUOTA_MEM_USAGE, parse_cg_value },
	{ "memory.memsw.limit_in_bytes", QUOTA_SWAP_LIMIT, parse_v1_limit },
	{ NULL, 0, NULL }
};
static const struct cg_file pids_any[] = {
	{ "pids.max", QUOTA_PIDS_LIMIT, parse_cg_value },
	{ "pids.current", QUOTA_PIDS_CURRENT, parse_cg_value },
	{ NULL, 0, NULL }
};

/* Usage files never say "max"; treat it as bad there. */
static void
cg_files(int dfd, const struct cg_file *f, struct cg_ctx *x)
{
	char buf[128];
	uint64_t v;
	ssize_t n;
	int r;

	for (; f->name != NULL; f++) {
		if ((n = cg_read(dfd, f->name, buf, sizeof(buf))) < 0)
			continue;
		r = f->parse(buf, (size_t)n, &v);
		if (r == 0 && (f->field == QUOTA_MEM_USAGE ||
		    f->field == QUOTA_PIDS_CURRENT))
			continue;
		set_field(x, f->field, r, v);
	}
}

/* Controller ctrl from v2 when offered there, else from v1. */
static void
cg_ctrl(struct linux_sys *sys, const struct cg_paths *pp, bool own,
    enum cg_ctrl ctrl, const struct cg_file *v2, const struct cg_file *v1,
    struct cg_ctx *x)
{
	const struct cg_span *sp;
	int dfd;

	if (sys->cg_v2_ctrl & (1u << ctrl)) {
		sp = &pp->v2;
		if ((dfd = cg_dir(sys->cg_v2_fd, sp, own)) < 0)
			return;
		x->v2 = true;
		cg_files(dfd, v2, x);
	} else {
		sp = &pp->v1[ctrl];
		if ((dfd = cg_dir(sys->cg_v1_fd[ctrl], sp, own)) < 0)
			return;
		x->v1 = true;
		cg_files(dfd, v1, x);
	}
	if (x->path == NULL)
		x->path = sp;
	close(dfd);
}

static void
cg_io(struct linux_sys *sys, const struct cg_paths *pp, bool own,
    char *io, size_t iosz, size_t *used, struct cg_ctx *x)
{
	static const char *const v1files[][2] = {
		{ "blkio.throttle.read_bps_device", "rbps" },
		{ "blkio.throttle.write_bps_device", "wbps" },
		{ "blkio.throttle.read_iops_device", "riops" },
		{ "blkio.throttle.write_iops_device", "wiops" },
	};
	ssize_t n;
	size_t i;
	int dfd;

	if (sys->cg_v2_ctrl & (1u << CG_BLKIO)) {
		if ((dfd = cg_dir(sys->cg_v2_fd, &pp->v2, own)) < 0)
			return;
		x->v2 = true;
		if ((n = sys_read(sys, dfd, "io.max")) >= 0)
			io_max_filter(sys->buf, (size_t)n, io, iosz, used);
	} else {
		if ((dfd = cg_dir(sys->cg_v1_fd[CG_BLKIO], &pp->v1[CG_BLKIO],
		    own)) < 0)
			return;
		x->v1 = true;
		for (i = 0; i < sizeof(v1files) / sizeof(v1files[0]); i++)
			if ((n = sys_read(sys, dfd, v1files[i][0])) >= 0)
				blkio_append(sys->buf, (size_t)n, v1files[i][1],
				    io, iosz, used);
	}
	close(dfd);
}

static int
cg_fill(struct linux_sys *sys, struct snapshot *s, const struct cg_paths *pp,
    bool own, struct snap_cgroup *out)
{
	struct cg_ctx x = { .out = out };
	char io[4096];
	size_t used = 0;

	memset(out, 0, sizeof(*out));
	io[0] = '\0';
	cg_ctrl(sys, pp, own, CG_MEMORY, mem_v2, mem_v1, &x);
	cg_cpu(sys, pp, own, &x);
	cg_ctrl(sys, pp, own, CG_PIDS, pids_any, pids_any, &x);
	cg_io(sys, pp, own, io, sizeof(io), &used, &x);
	out->version = x.v1 ? 1 : x.v2 ? 2 : 0;
	if (out->version == 0)
		return -ENOENT;
	if (x.path == NULL)
		x.path = (sys->cg_v2_ctrl & (1u << CG_CPU)) || x.v2 ?
		    &pp->v2 : &pp->v1[CG_CPU];
	if (x.path->p != NULL)
		out->path = snapshot_str(s, x.path->p, x.path->len);
	if (used > 0)
		out->io_max = snapshot_str(s, io, used - 1); /* last '\n' */
	return 0;
}

int
linux_cgroup(struct probe_collector *c, struct snapshot *s, const char *path,
    struct snap_cgroup *out)
{
	struct cg_paths pp;
	char text[8192];
	size_t len;
	int k;

	memset(out, 0, sizeof(*out));
	if (path == NULL)
		return -EINVAL;
	len = strlen(path);
	if (path[0] != '/') {
		/* /proc/PID/cgroup text; its last line may lack the '\n' */
		if (len + 2 > sizeof(text))
			return -EINVAL;
		memcpy(text, path, len);
		if (len == 0 || text[len - 1] != '\n')
			text[len++] = '\n';
		text[len] = '\0';
		path = text;
	}
	if (path[0] == '/') {
		/* a bare path: the same in every hierarchy */
		memset(&pp, 0, sizeof(pp));
		pp.v2.p = path;
		pp.v2.len = len;
		for (k = 0; k < CG_NCTRL; k++)
			pp.v1[k] = pp.v2;
	} else if (parse_proc_cgroup(path, len, &pp) == 0)
		return -EINVAL;
	return cg_fill(SYS(c), s, &pp, false, out);
}

int
linux_quota(struct probe_collector *c, struct snapshot *s)
{
	struct linux_state *st = LINUX(c);
	char buf[8192];
	struct cg_paths pp;
	ssize_t n;

	probe_own_rlimits(&s->rlimit);
	memset(&s->cgroup, 0, sizeof(s->cgroup));
	n = read_file_at(st->proc_fd, "self/cgroup", buf, sizeof(buf));
	if (n > 0 && parse_proc_cgroup(buf, (size_t)n, &pp) > 0)
		(void)cg_fill(st->sys, s, &pp, true, &s->cgroup);
	return 0; /* the rlimits are always there */
}
