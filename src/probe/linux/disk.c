/*
 * disk.c: mounted filesystems (<proc>/self/mountinfo + statvfs) and block
 * device counters (<proc>/diskstats). Depends on core and probe/readfile.
 */
#include "config.h"

#include "probe/linux/sysint.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "probe/common.h"
#include "probe/readfile.h"

size_t
unescape_octal(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i = 0, o = 0;

	if (outsz == 0)
		return 0;
	while (i < len && o < outsz - 1) {
		if (s[i] == '\\' && i + 3 < len &&
		    s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			out[o++] = (char)((s[i + 1] - '0') * 64 +
			    (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
			i += 4;
		} else
			out[o++] = s[i++];
	}
	out[o] = '\0';
	return o;
}

/* The next space-separated field of [*p, le) as [*fs, *fe). */
static bool
field(const char **p, const char *le, const char **fs, const char **fe)
{
	while (*p < le && **p == ' ')
		(*p)++;
	if (*p >= le)
		return false;
	*fs = *p;
	while (*p < le && **p != ' ')
		(*p)++;
	*fe = *p;
	return true;
}

/* Decoded copy of a field into the snapshot's pool. */
static const char *
pool_unescaped(struct snapshot *s, const char *fs, const char *fe)
{
	char tmp[PATH_MAX];
	size_t n = unescape_octal(fs, (size_t)(fe - fs), tmp, sizeof(tmp));

	return snapshot_str(s, tmp, n);
}

size_t
parse_mountinfo(const char *buf, size_t len, bool all, struct snapshot *s)
{
	const char *p = buf, *end = buf + len, *ls, *le;
	size_t first = s->nfs, added = 0;

	while (next_line(&p, end, &ls, &le)) {
		const char *q = ls, *fs, *fe, *mnt_s, *mnt_e, *type_s, *type_e;
		const char *dev_s, *dev_e;
		char type[64];
		struct snap_fs *f;
		int k;

		/* id parent maj:min root mountpoint opts [optional...] - */
		for (k = 0; k < 4; k++)
			if (!field(&q, le, &fs, &fe))
				break;
		if (k < 4 || !field(&q, le, &mnt_s, &mnt_e))
			continue;
		for (;;) {
			if (!field(&q, le, &fs, &fe))
				break;
			if (fe - fs == 1 && *fs == '-')
				break;
		}
		if (q >= le || !field(&q, le, &type_s, &type_e) ||
		    !field(&q, le, &dev_s, &dev_e))
			continue;
		if ((size_t)(type_e - type_s) >= sizeof(type))
			continue;
		unescape_octal(type_s, (size_t)(type_e - type_s), type,
		    sizeof(type));
		if (!all && probe_fs_pseudo(type))
			continue;
		if (!all && probe_fs_listed(s, first, dev_s,
		    (size_t)(dev_e - dev_s)))
			continue;
		f = snapshot_add_fs(s);
		f->mount = pool_unescaped(s, mnt_s, mnt_e);
		f->device = pool_unescaped(s, dev_s, dev_e);
		f->type = snapshot_str(s, type, strlen(type));
		added++;
	}
	return added;
}

static bool
idle_virtual(const char *name, const uint64_t *v, uint32_t have)
{
	if (strncmp(name, "loop", 4) != 0 && strncmp(name, "ram", 3) != 0 &&
	    strncmp(name, "zram", 4) != 0)
		return false;
	return HAVE(have, DISK_READS) && HAVE(have, DISK_WRITES) &&
	    v[DISK_READS] == 0 && v[DISK_WRITES] == 0;
}

size_t
parse_diskstats(const char *buf, size_t len, struct snapshot *s)
{
	const char *p = buf, *end = buf + len, *ls, *le;
	size_t added = 0;

	while (next_line(&p, end, &ls, &le)) {
		const char *q = ls, *ns, *ne;
		uint64_t num[20], v[DISK_NFIELDS] = { 0 }, t;
		uint32_t good = 0, have = 0;
		int n = 0, rd, rs, wr, ws;
		struct snap_disk *d;

		if (!parse_u64(&q, le, &t) || !parse_u64(&q, le, &t) ||
		    !field(&q, le, &ns, &ne))
			continue;
		if (!sys_name_safe(ns, (size_t)(ne - ns)))
			continue;
		while (n < 20) {
			while (q < le && (*q == ' ' || *q == '\t'))
				q++;
			if (q >= le || *q < '0' || *q > '9')
				break;
			if (parse_u64(&q, le, &num[n]))
				good |= 1u << n;
			n++;
		}
		if (n >= 11) { /* 2.6.25+: reads merged sectors ms writes ... */
			rd = 0, rs = 2, wr = 4, ws = 6;
			if (good & (1u << 9) &&
			    mul_u64(num[9], 1000000, &v[DISK_BUSY_NS]))
				have |= 1u << DISK_BUSY_NS;
		} else if (n == 4) /* 2.6 partitions: reads sectors writes sectors */
			rd = 0, rs = 1, wr = 2, ws = 3;
		else
			continue;
		if (good & (1u << rd)) {
			v[DISK_READS] = num[rd];
			have |= 1u << DISK_READS;
		}
		if (good & (1u << wr)) {
			v[DISK_WRITES] = num[wr];
			have |= 1u << DISK_WRITES;
		}
		if ((good & (1u << rs)) && mul_u64(num[rs], 512,
		    &v[DISK_READ_BYTES]))
			have |= 1u << DISK_READ_BYTES;
		if ((good & (1u << ws)) && mul_u64(num[ws], 512,
		    &v[DISK_WRITE_BYTES]))
			have |= 1u << DISK_WRITE_BYTES;
		d = snapshot_add_disk(s);
		d->name = snapshot_str(s, ns, (size_t)(ne - ns));
		if (idle_virtual(d->name, v, have)) {
			s->ndisk--;
			continue;
		}
		memcpy(d->v, v, sizeof(v));
		d->have = have;
		added++;
	}
	return added;
}

int
linux_disk(struct probe_collector *c, struct snapshot *s)
{
	struct linux_state *st = LINUX(c);
	struct linux_sys *sys = st->sys;
	ssize_t n;
	size_t i, first = s->nfs;
	int ok = 0;

	n = sys_read(sys, st->proc_fd, "self/mountinfo");
	if (n >= 0) {
		parse_mountinfo(sys->buf, (size_t)n, c->opts.all_filesystems, s);
		ok++;
		/* statvfs only where the mount table is this machine's */
		for (i = first; sys->live && i < s->nfs; i++)
			if (!probe_fs_no_statvfs(s->fs[i].type))
				(void)probe_statvfs(s->fs[i].mount, &s->fs[i]);
	}
	n = sys_read(sys, st->proc_fd, "diskstats");
	if (n >= 0) {
		parse_diskstats(sys->buf, (size_t)n, s);
		ok++;
	}
	return ok > 0 ? 0 : (int)n;
}
