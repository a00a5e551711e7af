/*
 * common.h: what the Linux and POSIX backends share: filesystem type
 * classes, statvfs into a snap_fs, and the collector's own rlimits.
 * Only src/probe includes it. Depends on core.
 */
#ifndef HISTOP_PROBE_COMMON_H
#define HISTOP_PROBE_COMMON_H

#include <stdbool.h>

#include "core/snapshot.h"

/* Kernel-internal filesystems with no storage of their own (proc, sysfs,
 * cgroup, tmpfs, devtmpfs, ...): left out of the list unless asked. */
bool probe_fs_pseudo(const char *type);
/* Filesystems whose sizes are not read (left unknown): network ones,
 * where statvfs hangs on a dead server, and autofs, where it would mount. */
bool probe_fs_no_statvfs(const char *type);
/* True if device (len bytes) is a device path ("/dev/...") already listed
 * in s->fs[first..]: the same filesystem mounted again (a bind mount). */
bool probe_fs_listed(const struct snapshot *s, size_t first,
    const char *device, size_t len);
/* Sizes and inode counts of the filesystem mounted at path into fs.
 * A filesystem without a fixed inode table (f_files 0) leaves inodes
 * unknown. Returns 0 or -errno. */
int probe_statvfs(const char *path, struct snap_fs *fs);
/* This process's limits via getrlimit(2) into out (overwritten). */
void probe_own_rlimits(struct snap_rlimit *out);

#endif
