/* mem.c: memory and swap from <proc>/meminfo. Depends on core. */
#include "config.h"

#include "probe/linux/sysint.h"

#include <errno.h>
#include <string.h>

#include "probe/readfile.h"

enum mi_key {
	MI_TOTAL, MI_FREE, MI_AVAILABLE, MI_BUFFERS, MI_CACHED, MI_SRECLAIM,
	MI_SHMEM, MI_SWAP_TOTAL, MI_SWAP_FREE, MI_NKEYS
};

static const struct {
	const char *name;
	size_t len;
} mi_keys[MI_NKEYS] = {
#define K(s) { s, sizeof(s) - 1 }
	K("MemTotal"), K("MemFree"), K("MemAvailable"), K("Buffers"),
	K("Cached"), K("SReclaimable"), K("Shmem"), K("SwapTotal"),
	K("SwapFree"),
#undef K
};

/* Value of one "Key:   123 kB" line in bytes; false if it does not parse. */
static bool
mi_value(const char *p, const char *le, uint64_t *out)
{
	uint64_t v;

	if (!parse_u64(&p, le, &v))
		return false;
	while (p < le && *p == ' ')
		p++;
	if (p == le) {
		*out = v;
		return true;
	}
	if (le - p == 2 && p[0] == 'k' && p[1] == 'B')
		return mul_u64(v, 1024, out);
	return false;
}

int
parse_meminfo(const char *buf, size_t len, struct snap_mem *m)
{
	const char *p = buf, *end = buf + len, *ls, *le;
	uint64_t v[MI_NKEYS];
	uint32_t got = 0;
	int k, n = 0;

	memset(m, 0, sizeof(*m));
	while (next_line(&p, end, &ls, &le)) {
		const char *colon = memchr(ls, ':', (size_t)(le - ls));
		size_t klen;

		if (colon == NULL)
			continue;
		klen = (size_t)(colon - ls);
		for (k = 0; k < MI_NKEYS; k++)
			if (klen == mi_keys[k].len &&
			    memcmp(ls, mi_keys[k].name, klen) == 0)
				break;
		if (k == MI_NKEYS || (got & (1u << k)))
			continue; /* not ours, or a repeated key: keep the first */
		if (mi_value(colon + 1, le, &v[k]))
			got |= 1u << k;
	}
#define GOT(k) (got & (1u << (k)))
#define SET(f, val) do { m->v[f] = (val); m->have |= 1u << (f); n++; } while (0)
	if (GOT(MI_TOTAL))
		SET(MEM_TOTAL, v[MI_TOTAL]);
	if (GOT(MI_AVAILABLE))
		SET(MEM_AVAILABLE, v[MI_AVAILABLE]);
	if (GOT(MI_FREE))
		SET(MEM_FREE, v[MI_FREE]);
	if (GOT(MI_BUFFERS))
		SET(MEM_BUFFERS, v[MI_BUFFERS]);
	if (GOT(MI_CACHED)) {
		uint64_t c = v[MI_CACHED];

		if (GOT(MI_SRECLAIM) && c + v[MI_SRECLAIM] >= c)
			c += v[MI_SRECLAIM];
		SET(MEM_CACHED, c);
	}
	if (GOT(MI_SHMEM))
		SET(MEM_SHARED, v[MI_SHMEM]);
	if (GOT(MI_SWAP_TOTAL))
		SET(MEM_SWAP_TOTAL, v[MI_SWAP_TOTAL]);
	if (GOT(MI_SWAP_FREE))
		SET(MEM_SWAP_FREE, v[MI_SWAP_FREE]);
	if (GOT(MI_SWAP_TOTAL) && GOT(MI_SWAP_FREE) &&
	    v[MI_SWAP_FREE] <= v[MI_SWAP_TOTAL])
		SET(MEM_SWAP_USED, v[MI_SWAP_TOTAL] - v[MI_SWAP_FREE]);
	if (HAVE(m->have, MEM_TOTAL) && HAVE(m->have, MEM_FREE) &&
	    HAVE(m->have, MEM_BUFFERS) && HAVE(m->have, MEM_CACHED)) {
		uint64_t t = m->v[MEM_TOTAL], f = m->v[MEM_FREE];
		uint64_t b = m->v[MEM_BUFFERS], c = m->v[MEM_CACHED];

		/* Each term is at most total on a sane kernel; if the sum is
		 * not, fall back to total - free as free(1) does. */
		if (f <= t && b <= t && c <= t && f + b + c <= t)
			SET(MEM_USED, t - f - b - c);
		else if (f <= t)
			SET(MEM_USED, t - f);
	}
#undef SET
#undef GOT
	return n;
}

int
linux_memory(struct probe_collector *c, struct snapshot *s)
{
	struct linux_state *st = LINUX(c);
	ssize_t n = sys_read(st->sys, st->proc_fd, "meminfo");

	if (n < 0)
		return (int)n;
	return parse_meminfo(st->sys->buf, (size_t)n, &s->mem) > 0 ? 0 :
	    -EINVAL;
}
