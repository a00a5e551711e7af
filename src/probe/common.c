/* common.c: filesystem classes, statvfs and own rlimits for every backend.
 * libc only (plus core types). */
#include "config.h"

#include "probe/common.h"

#include <sys/resource.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <string.h>

static bool
in_list(const char *type, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(type, *list) == 0)
			return true;
	return false;
}

bool
probe_fs_pseudo(const char *type)
{
	static const char *const pseudo[] = {
		"autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs",
		"debugfs", "devpts", "devtmpfs", "efivarfs", "fusectl",
		"hugetlbfs", "mqueue", "nsfs", "proc", "pstore", "ramfs",
		"rpc_pipefs", "securityfs", "selinuxfs", "sysfs", "tmpfs",
		"tracefs", "nfsd", "fuse.gvfsd-fuse", "fuse.portal", "none",
		NULL
	};

	return in_list(type, pseudo);
}

bool
probe_fs_no_statvfs(const char *type)
{
	static const char *const remote[] = {
		"autofs", "nfs", "nfs4", "cifs", "smb3", "smbfs", "ceph", "glusterfs",
		"fuse.sshfs", "fuse.glusterfs", "fuse.ceph", "9p", "afs",
		"lustre", "gpfs", "ncpfs", "coda", NULL
	};

	return in_list(type, remote);
}

bool
probe_fs_listed(const struct snapshot *s, size_t first, const char *dev,
    size_t len)
{
	size_t i;

	if (len == 0 || dev[0] != '/')
		return false;
	for (i = first; i < s->nfs; i++)
		if (strncmp(s->fs[i].device, dev, len) == 0 &&
		    s->fs[i].device[len] == '\0')
			return true;
	return false;
}

int
probe_statvfs(const char *path, struct snap_fs *fs)
{
	struct statvfs sv;
	uint64_t f;

	if (statvfs(path, &sv) != 0)
		return -errno;
	f = sv.f_frsize != 0 ? sv.f_frsize : sv.f_bsize;
	fs->v[FS_SIZE] = (uint64_t)sv.f_blocks * f;
	fs->v[FS_AVAIL] = (uint64_t)sv.f_bavail * f;
	fs->v[FS_USED] = sv.f_bfree <= sv.f_blocks ?
	    (uint64_t)(sv.f_blocks - sv.f_bfree) * f : 0;
	fs->have |= (1u << FS_SIZE) | (1u << FS_AVAIL) | (1u << FS_USED);
	if (sv.f_files != 0) {
		fs->v[FS_INODES] = sv.f_files;
		fs->v[FS_INODES_FREE] = sv.f_ffree;
		fs->v[FS_INODES_USED] = sv.f_ffree <= sv.f_files ?
		    sv.f_files - sv.f_ffree : 0;
		fs->have |= (1u << FS_INODES) | (1u << FS_INODES_FREE) |
		    (1u << FS_INODES_USED);
	}
	return 0;
}

void
probe_own_rlimits(struct snap_rlimit *out)
{
	static const int res[RLIM_NFIELDS] = {
		[RLIM_CPU] = RLIMIT_CPU, [RLIM_FSIZE] = RLIMIT_FSIZE,
		[RLIM_DATA] = RLIMIT_DATA, [RLIM_STACK] = RLIMIT_STACK,
		[RLIM_CORE] = RLIMIT_CORE,
#ifdef RLIMIT_RSS
		[RLIM_RSS] = RLIMIT_RSS,
#endif
#ifdef RLIMIT_NPROC
		[RLIM_NPROC] = RLIMIT_NPROC,
#endif
		[RLIM_NOFILE] = RLIMIT_NOFILE,
#ifdef RLIMIT_MEMLOCK
		[RLIM_MEMLOCK] = RLIMIT_MEMLOCK,
#endif
		[RLIM_AS] = RLIMIT_AS,
#ifdef RLIMIT_LOCKS
		[RLIM_LOCKS] = RLIMIT_LOCKS,
		[RLIM_SIGPENDING] = RLIMIT_SIGPENDING,
		[RLIM_MSGQUEUE] = RLIMIT_MSGQUEUE,
		[RLIM_NICE] = RLIMIT_NICE,
		[RLIM_RTPRIO] = RLIMIT_RTPRIO,
		[RLIM_RTTIME] = RLIMIT_RTTIME,
#endif
	};
	int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < RLIM_NFIELDS; i++) {
		struct rlimit rl;

		if (i != RLIM_CPU && res[i] == 0)
			continue; /* not on this system (RLIMIT_CPU is 0) */
		if (getrlimit(res[i], &rl) != 0)
			continue;
		out->have |= 1u << i;
		if (rl.rlim_cur == RLIM_INFINITY)
			out->soft_unlimited |= 1u << i;
		else
			out->soft[i] = (uint64_t)rl.rlim_cur;
		if (rl.rlim_max == RLIM_INFINITY)
			out->hard_unlimited |= 1u << i;
		else
			out->hard[i] = (uint64_t)rl.rlim_max;
	}
}
