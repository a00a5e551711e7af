/*
 * proc_parse.c: pure parsers for /proc/PID files over (buf, len); no I/O,
 * no allocation. Depends on libc and the number parsers of readfile.h.
 */
#include "config.h"

#include "probe/linux/proc_parse.h"

#include <string.h>

#include "probe/readfile.h"

/* A whitespace-separated token: [*start, *end). False at the end of buf. */
static bool
next_token(const char **p, const char *end, const char **start,
    const char **tend)
{
	const char *s = *p;

	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	if (s == end)
		return false;
	*start = s;
	while (s < end && *s != ' ' && *s != '\t' && *s != '\n')
		s++;
	*tend = s;
	*p = s;
	return true;
}

/*
 * The whole token [s, e) is an unsigned decimal number that fits. Inline
 * rather than parse_u64(): stat is parsed for every process every tick.
 */
static bool
tok_u64(const char *s, const char *e, uint64_t *out)
{
	uint64_t v = 0;

	if (s == e)
		return false;
	for (; s < e; s++) {
		unsigned d = (unsigned)(unsigned char)*s - '0';

		if (d > 9 || __builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, d, &v))
			return false;
	}
	*out = v;
	return true;
}

static bool
tok_i64(const char *s, const char *e, int64_t *out)
{
	uint64_t v;
	bool neg = s < e && *s == '-';

	if (!tok_u64(s + neg, e, &v) || v > (uint64_t)INT64_MAX + neg)
		return false;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}

int
proc_parse_stat(const char *buf, size_t len, struct proc_stat *out)
{
	const char *end = buf + len, *open, *close, *p, *s, *e;
	int field;
	bool have_ppid = false, have_start = false;

	memset(out, 0, sizeof(*out));
	open = memchr(buf, '(', len);
	if (open == NULL)
		return -1;
	close = memrchr(open, ')', (size_t)(end - open));
	if (close == NULL)
		return -1;
	p = buf;
	if (!next_token(&p, open, &s, &e) || !tok_i64(s, e, &out->pid) ||
	    out->pid < 0)
		return -1;
	out->comm = open + 1;
	out->comm_len = (size_t)(close - open - 1);

	/* The state: one character after ") ". */
	p = close + 1;
	if (end - p < 3 || p[0] != ' ' || p[2] != ' ' || p[1] == ' ' ||
	    p[1] == '\n' || p[1] == '\0')
		return -1;
	out->state = p[1];
	p += 3;

	/*
	 * Fields 4..24: each token is scanned once, its number computed on
	 * the way (this runs for every process every tick).
	 */
	for (field = 4; field <= 24; field++) {
		uint64_t v = 0;
		int64_t i;
		bool neg, num = true;

		while (p < end && *p == ' ')
			p++;
		if (p == end || *p == '\n')
			break;
		neg = *p == '-';
		s = p += neg;
		for (; p < end && *p != ' ' && *p != '\n'; p++) {
			unsigned d = (unsigned)(unsigned char)*p - '0';

			if (d > 9 || __builtin_mul_overflow(v, 10, &v) ||
			    __builtin_add_overflow(v, d, &v))
				num = false;
		}
		num = num && p > s;
		if (!num && (field == 4 || field == 22))
			return -1;
		if (!num)
			continue;
		/* The kernel prints signed fields; i is valid when fits. */
		i = (int64_t)v;
		if (neg) {
			if (v > (uint64_t)INT64_MAX)
				continue;
			i = -i;
		} else if (v > (uint64_t)INT64_MAX)
			i = -1;
#define SET_U(f, m)                                 \
	do {                                        \
		if (!neg) {                         \
			out->m = v;                 \
			out->have |= 1u << (f);     \
		}                                   \
	} while (0)
		switch (field) {
		case 4:
			if (neg || i < 0)
				return -1;
			out->ppid = i;
			have_ppid = true;
			break;
		case 9:
			SET_U(PSTAT_FLAGS, flags);
			break;
		case 10:
			SET_U(PSTAT_MINFLT, minflt);
			break;
		case 12:
			SET_U(PSTAT_MAJFLT, majflt);
			break;
		case 14:
			SET_U(PSTAT_UTIME, utime);
			break;
		case 15:
			SET_U(PSTAT_STIME, stime);
			break;
		case 19:
			if (i >= -20 && i <= 19) {
				out->nice = i;
				out->have |= 1u << PSTAT_NICE;
			}
			break;
		case 20:
			if (i >= 0 && i <= INT32_MAX) {
				out->threads = i;
				out->have |= 1u << PSTAT_THREADS;
			}
			break;
		case 22:
			if (neg)
				return -1;
			out->starttime = v;
			have_start = true;
			break;
		case 23:
			SET_U(PSTAT_VSIZE, vsize);
			break;
		case 24:
			/* Signed in the kernel's format; negative is junk. */
			if (i >= 0) {
				out->rss = v;
				out->have |= 1u << PSTAT_RSS;
			}
			break;
		default:
			break;
		}
#undef SET_U
	}
	return have_ppid && have_start ? 0 : -1;
}

/* "Key:" at the start of [s, e)? Then *v is just past the colon. */
static bool
key_is(const char *s, const char *e, const char *key, size_t klen,
    const char **v)
{
	if ((size_t)(e - s) <= klen || memcmp(s, key, klen) != 0 ||
	    s[klen] != ':')
		return false;
	*v = s + klen + 1;
	return true;
}

/* "  1234 kB" -> bytes. */
static bool
kb_value(const char *v, const char *e, uint64_t *out)
{
	uint64_t kb;

	if (!parse_u64(&v, e, &kb) || kb > UINT64_MAX / 1024)
		return false;
	while (v < e && (*v == ' ' || *v == '\t'))
		v++;
	if (e - v < 2 || v[0] != 'k' || v[1] != 'B')
		return false;
	*out = kb * 1024;
	return true;
}

void
proc_parse_status(const char *buf, size_t len, struct proc_status *out)
{
	static const struct {
		const char *key;
		size_t klen;
		int bit;
		size_t off;
	} kb_keys[] = {
#define K(k, b, m) { k, sizeof(k) - 1, b, offsetof(struct proc_status, m) }
		K("VmSize", PSTATUS_VMSIZE, vm_size),
		K("VmRSS", PSTATUS_VMRSS, vm_rss),
		K("RssFile", PSTATUS_RSSFILE, rss_file),
		K("RssShmem", PSTATUS_RSSSHMEM, rss_shmem),
		K("VmData", PSTATUS_VMDATA, vm_data),
		K("VmStk", PSTATUS_VMSTK, vm_stk),
		K("VmSwap", PSTATUS_VMSWAP, vm_swap),
#undef K
	};
	const char *p = buf, *end = buf + len;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *v;
		size_t i;
		int64_t n;

		if (e == NULL)
			e = end;
		if (*p == 'U' && key_is(p, e, "Uid", 3, &v)) {
			uint64_t uid;

			if (parse_u64(&v, e, &uid) && uid <= UINT32_MAX) {
				out->uid = uid;
				out->have |= 1u << PSTATUS_UID;
			}
		} else if (*p == 'T' && key_is(p, e, "Threads", 7, &v)) {
			if (parse_i64(&v, e, &n) && n >= 0 && n <= INT32_MAX) {
				out->threads = n;
				out->have |= 1u << PSTATUS_THREADS;
			}
		} else if (*p == 'V' || *p == 'R') {
			for (i = 0; i < sizeof(kb_keys) / sizeof(kb_keys[0]); i++) {
				if (!key_is(p, e, kb_keys[i].key, kb_keys[i].klen,
				    &v))
					continue;
				if (kb_value(v, e, (uint64_t *)(void *)((char *)out +
				    kb_keys[i].off)))
					out->have |= 1u << kb_keys[i].bit;
				break;
			}
		}
		p = e + 1;
	}
}

int
proc_parse_statm(const char *buf, size_t len, uint64_t out[PROC_STATM_N])
{
	const char *p = buf, *end = buf + len, *s, *e;
	int n = 0;

	while (n < PROC_STATM_N && next_token(&p, end, &s, &e) &&
	    tok_u64(s, e, &out[n]))
		n++;
	return n;
}

void
proc_parse_io(const char *buf, size_t len, struct proc_io *out)
{
	const char *p = buf, *end = buf + len;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *v;

		if (e == NULL)
			e = end;
		if (key_is(p, e, "read_bytes", 10, &v)) {
			if (parse_u64(&v, e, &out->read_bytes) && v == e)
				out->have |= 1u << 0;
		} else if (key_is(p, e, "write_bytes", 11, &v)) {
			if (parse_u64(&v, e, &out->write_bytes) && v == e)
				out->have |= 1u << 1;
		}
		p = e + 1;
	}
}

size_t
proc_cmdline_join(char *buf, size_t len)
{
	size_t i;

	while (len > 0 && buf[len - 1] == '\0')
		len--;
	for (i = 0; i < len; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	return len;
}

bool
proc_parse_cgroup(const char *buf, size_t len, const char **path,
    size_t *plen)
{
	const char *p = buf, *end = buf + len;
	const char *first = NULL, *v2 = NULL, *mem = NULL;
	size_t first_len = 0, v2_len = 0, mem_len = 0;

	/* Lines are "hierarchy-id:controller,list:path". */
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *c1, *c2;

		if (e == NULL)
			e = end;
		c1 = memchr(p, ':', (size_t)(e - p));
		c2 = c1 != NULL ? memchr(c1 + 1, ':', (size_t)(e - c1 - 1)) : NULL;
		if (c2 != NULL && c2 + 1 < e) {
			const char *ctl = c1 + 1, *ce;
			size_t pl = (size_t)(e - c2 - 1);

			if (first == NULL) {
				first = c2 + 1;
				first_len = pl;
			}
			if (c1 - p == 1 && *p == '0' && c2 == c1 + 1 &&
			    v2 == NULL) {
				v2 = c2 + 1;
				v2_len = pl;
			}
			/* Is "memory" one of the comma-separated controllers? */
			for (; ctl < c2; ctl = ce + 1) {
				ce = memchr(ctl, ',', (size_t)(c2 - ctl));
				if (ce == NULL)
					ce = c2;
				if (ce - ctl == 6 && memcmp(ctl, "memory", 6) == 0 &&
				    mem == NULL) {
					mem = c2 + 1;
					mem_len = pl;
				}
			}
		}
		p = e + 1;
	}
	if (mem != NULL) {
		*path = mem;
		*plen = mem_len;
	} else if (v2 != NULL) {
		*path = v2;
		*plen = v2_len;
	} else if (first != NULL) {
		*path = first;
		*plen = first_len;
	} else
		return false;
	return true;
}

int
proc_parse_limits(const char *buf, size_t len, struct snap_rlimit *out)
{
	/* Names as fs/proc/base.c prints them, in enum rlim_field order. */
	static const char *const names[RLIM_NFIELDS] = {
		"Max cpu time", "Max file size", "Max data size",
		"Max stack size", "Max core file size", "Max resident set",
		"Max processes", "Max open files", "Max locked memory",
		"Max address space", "Max file locks", "Max pending signals",
		"Max msgqueue size", "Max nice priority",
		"Max realtime priority", "Max realtime timeout",
	};
	const char *p = buf, *end = buf + len;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *q, *s, *te;
		int f;

		if (e == NULL)
			e = end;
		for (f = 0; f < RLIM_NFIELDS; f++) {
			size_t nl = strlen(names[f]);

			/* The name is followed by padding: "Max cpu time  " */
			if ((size_t)(e - p) > nl + 1 && memcmp(p, names[f], nl) == 0 &&
			    p[nl] == ' ' && p[nl + 1] == ' ')
				break;
		}
		if (f < RLIM_NFIELDS) {
			uint64_t soft = 0, hard = 0;
			bool sunl, hunl, sok, hok;

			q = p + strlen(names[f]);
			sok = next_token(&q, e, &s, &te);
			sunl = sok && te - s == 9 && memcmp(s, "unlimited", 9) == 0;
			sok = sok && (sunl || tok_u64(s, te, &soft));
			hok = sok && next_token(&q, e, &s, &te);
			hunl = hok && te - s == 9 && memcmp(s, "unlimited", 9) == 0;
			hok = hok && (hunl || tok_u64(s, te, &hard));
			if (sok && hok) {
				/* A repeated line replaces the earlier one. */
				out->soft_unlimited &= ~(1u << f);
				out->hard_unlimited &= ~(1u << f);
				out->have |= 1u << f;
				if (sunl)
					out->soft_unlimited |= 1u << f;
				if (hunl)
					out->hard_unlimited |= 1u << f;
				out->soft[f] = soft;
				out->hard[f] = hard;
			}
		}
		p = e + 1;
	}
	return __builtin_popcount(out->have);
}

bool
proc_ticks_to_ns(uint64_t ticks, long hz, uint64_t *ns)
{
	uint64_t whole, part, per;

	if (hz <= 0)
		return false;
	whole = ticks / (uint64_t)hz;
	part = ticks % (uint64_t)hz;
	if (whole > UINT64_MAX / 1000000000u)
		return false;
	whole *= 1000000000u;
	/* part < hz, so part * 1e9 fits for any sane hz (< 1.8e10). */
	per = part * 1000000000u / (uint64_t)hz;
	if (whole > UINT64_MAX - per)
		return false;
	*ns = whole + per;
	return true;
}
