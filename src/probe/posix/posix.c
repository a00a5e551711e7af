/*
 * posix.c: the POSIX-only fallback backend (htop's "unsupported"): load
 * from getloadavg, memory from sysconf, filesystems from getmntent +
 * statvfs where the C library has them, interfaces from getifaddrs, and
 * the process's own rlimits. Every other area reports ENOSYS, so its
 * values stay unknown. Always compiled. Depends on core.
 */
#include "config.h"

#include "probe/probe_int.h"

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<mntent.h>)
#include <mntent.h>
#define HAVE_GETMNTENT 1
#endif
#endif

#include "probe/common.h"

static int
posix_open(struct probe_collector *c, char *err, size_t errlen)
{
	c->backend = NULL;
	return 0;
}

static void
posix_close(struct probe_collector *c)
{
}

static int
posix_memory(struct probe_collector *c, struct snapshot *s)
{
	long page = sysconf(_SC_PAGESIZE), n;

	memset(&s->mem, 0, sizeof(s->mem));
	if (page <= 0)
		return -ENOSYS;
#ifdef _SC_PHYS_PAGES
	if ((n = sysconf(_SC_PHYS_PAGES)) > 0) {
		s->mem.v[MEM_TOTAL] = (uint64_t)n * (uint64_t)page;
		s->mem.have |= 1u << MEM_TOTAL;
	}
#endif
#ifdef _SC_AVPHYS_PAGES
	if ((n = sysconf(_SC_AVPHYS_PAGES)) >= 0) {
		s->mem.v[MEM_FREE] = (uint64_t)n * (uint64_t)page;
		s->mem.have |= 1u << MEM_FREE;
	}
#endif
	(void)n;
	return s->mem.have != 0 ? 0 : -ENOSYS;
}

static int
posix_load(struct probe_collector *c, struct snapshot *s)
{
	double avg[3];
	int i, n = getloadavg(avg, 3);

	memset(&s->load, 0, sizeof(s->load));
	if (n <= 0)
		return -ENOSYS;
	for (i = 0; i < n && i < 3; i++) {
		s->load.avg[i] = avg[i];
		s->load.have |= 1u << (LOAD_1 + i);
	}
	return 0;
}

static int
posix_disk(struct probe_collector *c, struct snapshot *s)
{
#ifdef HAVE_GETMNTENT
	FILE *f = setmntent(_PATH_MOUNTED, "r");
	struct mntent me, *m;
	char buf[4096];
	size_t first = s->nfs;

	if (f == NULL)
		return -errno;
	while ((m = getmntent_r(f, &me, buf, sizeof(buf))) != NULL) {
		struct snap_fs *fs;

		if (!c->opts.all_filesystems &&
		    (probe_fs_pseudo(m->mnt_type) || probe_fs_listed(s, first,
		    m->mnt_fsname, strlen(m->mnt_fsname))))
			continue;
		fs = snapshot_add_fs(s);
		fs->device = snapshot_str(s, m->mnt_fsname,
		    strlen(m->mnt_fsname));
		fs->mount = snapshot_str(s, m->mnt_dir, strlen(m->mnt_dir));
		fs->type = snapshot_str(s, m->mnt_type, strlen(m->mnt_type));
		if (!probe_fs_no_statvfs(fs->type))
			(void)probe_statvfs(fs->mount, fs);
	}
	endmntent(f);
	return 0;
#else
	return -ENOSYS;
#endif
}

static int
posix_network(struct probe_collector *c, struct snapshot *s)
{
	struct ifaddrs *ifa, *i;
	size_t first = s->nnet, k;

	if (getifaddrs(&ifa) != 0)
		return -errno;
	/* one entry per address family: list each name once */
	for (i = ifa; i != NULL; i = i->ifa_next) {
		struct snap_net *n;

		if (i->ifa_name == NULL)
			continue;
		for (k = first; k < s->nnet; k++)
			if (strcmp(s->net[k].name, i->ifa_name) == 0)
				break;
		if (k < s->nnet)
			continue;
		n = snapshot_add_net(s);
		n->name = snapshot_str(s, i->ifa_name, strlen(i->ifa_name));
		n->up = (i->ifa_flags & IFF_UP) ? 1 : 0;
	}
	freeifaddrs(ifa);
	return 0;
}

static int
posix_quota(struct probe_collector *c, struct snapshot *s)
{
	memset(&s->cgroup, 0, sizeof(s->cgroup));
	probe_own_rlimits(&s->rlimit);
	return 0;
}

const struct probe_ops probe_posix_ops = {
	.name = "posix",
	.open = posix_open,
	.close = posix_close,
	.memory = posix_memory,
	.load = posix_load,
	.disk = posix_disk,
	.network = posix_network,
	.quota = posix_quota,
};
