/*
 * net.c: network interfaces from <proc>/net/dev, up/down from
 * <sys>/class/net/IF/{operstate,flags}. Depends on core and probe/readfile.
 */
#include "config.h"

#include "probe/linux/sysint.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "probe/readfile.h"

/* Columns of /proc/net/dev after the name, and where ours are. */
#define NETDEV_COLS 16
static const int netdev_col[NET_NFIELDS] = {
	[NET_RX_BYTES] = 0, [NET_RX_PACKETS] = 1, [NET_RX_ERRORS] = 2,
	[NET_RX_DROPS] = 3, [NET_TX_BYTES] = 8, [NET_TX_PACKETS] = 9,
	[NET_TX_ERRORS] = 10, [NET_TX_DROPS] = 11,
};

size_t
parse_net_dev(const char *buf, size_t len, struct snapshot *s)
{
	const char *p = buf, *end = buf + len, *ls, *le;
	size_t added = 0;

	while (next_line(&p, end, &ls, &le)) {
		const char *colon = NULL, *q, *ns;
		uint64_t col[NETDEV_COLS];
		struct snap_net *n;
		char name[NAME_MAX + 1];
		int i;

		for (q = ls; q < le; q++)
			if (*q == ':')
				colon = q;
		if (colon == NULL)
			continue; /* the two header lines */
		for (ns = ls; ns < colon && (*ns == ' ' || *ns == '\t'); ns++)
			;
		if (!sys_name_safe(ns, (size_t)(colon - ns)))
			continue;
		memcpy(name, ns, (size_t)(colon - ns));
		name[colon - ns] = '\0';
		q = colon + 1;
		for (i = 0; i < NETDEV_COLS; i++)
			if (!parse_u64(&q, le, &col[i]) || (q < le &&
			    *q != ' ' && *q != '\t'))
				break;
		if (i < NETDEV_COLS)
			continue;
		n = snapshot_add_net(s);
		n->name = snapshot_str(s, name, strlen(name));
		n->up = -1;
		for (i = 0; i < NET_NFIELDS; i++)
			n->v[i] = col[netdev_col[i]];
		n->have = (1u << NET_NFIELDS) - 1;
		added++;
	}
	return added;
}

/* Up state: operstate says so for real devices; "unknown" (loopback,
 * tun, many virtual devices) falls back on IFF_UP in flags. */
int
net_up_state(const char *op, size_t oplen, const char *flags, size_t flen)
{
	static const char *const down[] = {
		"down", "lowerlayerdown", "notpresent", "dormant", NULL
	};
	const char *const *d;
	const char *p, *end;
	uint64_t v = 0;

	while (op != NULL && oplen > 0 && (op[oplen - 1] == '\n' ||
	    op[oplen - 1] == ' '))
		oplen--;
	if (op != NULL) {
		if (oplen == 2 && memcmp(op, "up", 2) == 0)
			return 1;
		for (d = down; *d != NULL; d++)
			if (strlen(*d) == oplen && memcmp(op, *d, oplen) == 0)
				return 0;
	}
	if (flags == NULL || flen < 3 || flags[0] != '0' ||
	    (flags[1] != 'x' && flags[1] != 'X'))
		return -1;
	p = flags + 2;
	end = flags + flen;
	if (p >= end || *p == '\n')
		return -1;
	for (; p < end && *p != '\n'; p++) {
		int x;

		if (*p >= '0' && *p <= '9')
			x = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			x = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			x = *p - 'A' + 10;
		else
			return -1;
		if (v > (UINT64_MAX >> 4))
			return -1;
		v = v << 4 | (uint64_t)x;
	}
	return (v & 1) ? 1 : 0; /* IFF_UP */
}

static int
read_up(int net_fd, const char *name)
{
	char op[64], fl[64];
	ssize_t on, fn;
	int dfd;

	if (net_fd < 0 || !sys_name_safe(name, strlen(name)))
		return -1;
	dfd = openat(net_fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	on = read_file_at(dfd, "operstate", op, sizeof(op));
	fn = -1;
	if (on < 0 || (on == 8 && memcmp(op, "unknown\n", 8) == 0) ||
	    (on == 7 && memcmp(op, "unknown", 7) == 0))
		fn = read_file_at(dfd, "flags", fl, sizeof(fl));
	close(dfd);
	return net_up_state(on >= 0 ? op : NULL, on >= 0 ? (size_t)on : 0,
	    fn >= 0 ? fl : NULL, fn >= 0 ? (size_t)fn : 0);
}

int
linux_network(struct probe_collector *c, struct snapshot *s)
{
	struct linux_state *st = LINUX(c);
	size_t i, first = s->nnet;
	ssize_t n = sys_read(st->sys, st->proc_fd, "net/dev");

	if (n < 0)
		return (int)n;
	parse_net_dev(st->sys->buf, (size_t)n, s);
	for (i = first; i < s->nnet; i++)
		s->net[i].up = read_up(st->sys->net_fd, s->net[i].name);
	return 0;
}
