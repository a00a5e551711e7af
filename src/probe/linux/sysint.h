/*
 * sysint.h: state shared by the Linux system-area readers (cpu.c, mem.c,
 * load.c, disk.c, net.c, psi.c, cgroup.c, sys.c). Only they include it.
 */
#ifndef HISTOP_PROBE_LINUX_SYSINT_H
#define HISTOP_PROBE_LINUX_SYSINT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "probe/linux/linux.h"
#include "probe/linux/parse.h"

/* Largest system file read whole (/proc/stat of a huge machine, mountinfo
 * of a container host). */
#define SYS_FILE_CAP (64u << 20)

struct linux_sys {
	char *buf;          /* reused for every whole-file read: no per-tick */
	size_t bufsz;       /* allocation once it has grown */
	char boot_id[40];   /* cached once read: it cannot change */
	bool live;          /* the proc root is this system's procfs */
	int net_fd;         /* <sys>/class/net, or -1 */
	int cg_v2_fd;       /* the v2 hierarchy (fs/cgroup or fs/cgroup/unified) */
	uint32_t cg_v2_ctrl; /* controllers it offers, bits of enum cg_ctrl */
	int cg_v1_fd[CG_NCTRL]; /* v1 hierarchies, or -1 */
};

#define SYS(c) (LINUX(c)->sys)

/* Read name (relative to dirfd) whole into sys->buf. Returns its length
 * or -errno. The text is valid until the next sys_read(). */
ssize_t sys_read(struct linux_sys *, int dirfd, const char *name);

#endif
