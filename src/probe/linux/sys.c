/*
 * sys.c: set-up of the Linux system areas (root fds, cgroup hierarchies,
 * the shared read buffer), the boot id, and number helpers the parsers
 * share. Depends on core and probe/readfile.
 */
#include "config.h"

#include "probe/linux/sysint.h"

#include <sys/stat.h>
#include <sys/vfs.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "probe/readfile.h"

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

const char *const cg_ctrl_names[CG_NCTRL] = {
	"cpu", "cpuacct", "memory", "pids", "blkio",
};

bool
mul_u64(uint64_t a, uint64_t b, uint64_t *out)
{
	if (b != 0 && a > UINT64_MAX / b)
		return false;
	*out = a * b;
	return true;
}

bool
parse_fixed(const char **p, const char *end, double *out)
{
	uint64_t ip = 0, fp = 0, scale = 1;
	int n = 0;

	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	while (*p < end && **p >= '0' && **p <= '9') {
		if (++n > 15)
			return false; /* beyond double's exact integers */
		ip = ip * 10 + (uint64_t)(**p - '0');
		(*p)++;
	}
	if (n == 0)
		return false;
	if (*p < end && **p == '.') {
		(*p)++;
		while (*p < end && **p >= '0' && **p <= '9') {
			if (scale < UINT64_C(1000000000000)) {
				fp = fp * 10 + (uint64_t)(**p - '0');
				scale *= 10;
			}
			(*p)++;
		}
	}
	*out = (double)ip + (double)fp / (double)scale;
	return true;
}

bool
sys_name_safe(const char *name, size_t n)
{
	size_t i;

	if (n == 0 || n > NAME_MAX || (n == 1 && name[0] == '.') ||
	    (n == 2 && name[0] == '.' && name[1] == '.'))
		return false;
	for (i = 0; i < n; i++)
		if (name[i] == '/' || (unsigned char)name[i] <= ' ' ||
		    name[i] == 0x7f)
			return false;
	return true;
}

bool
parse_boot_id(const char *buf, size_t len, char *out, size_t outsz)
{
	size_t i;

	if (outsz > 0)
		out[0] = '\0';
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	if (len != 36 || outsz < 37)
		return false;
	for (i = 0; i < 36; i++) {
		char ch = buf[i];

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (ch != '-')
				return false;
		} else if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
		    (ch >= 'A' && ch <= 'F')))
			return false;
	}
	memcpy(out, buf, 36);
	out[36] = '\0';
	return true;
}

ssize_t
sys_read(struct linux_sys *sys, int dirfd, const char *name)
{
	if (dirfd < 0)
		return -ENOENT;
	return read_file_grow(dirfd, name, &sys->buf, &sys->bufsz,
	    SYS_FILE_CAP);
}

static int
open_dir(int dirfd, const char *name)
{
	if (dirfd < 0)
		return -1;
	return openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/*
 * Find the cgroup hierarchies under <sys>/fs/cgroup: v2 at the top (a
 * unified host) or at unified/ (hybrid), and v1 controllers each in their
 * own directory (cpu and cpuacct often share "cpu,cpuacct").
 */
static void
cgroup_open(struct linux_sys *sys, int sys_fd)
{
	char buf[512];
	ssize_t n;
	int i, root = open_dir(sys_fd, "fs/cgroup");

	sys->cg_v2_fd = -1;
	for (i = 0; i < CG_NCTRL; i++)
		sys->cg_v1_fd[i] = -1;
	if (root < 0)
		return;
	n = read_file_at(root, "cgroup.controllers", buf, sizeof(buf));
	if (n >= 0)
		sys->cg_v2_fd = open_dir(root, ".");
	else {
		sys->cg_v2_fd = open_dir(root, "unified");
		if (sys->cg_v2_fd >= 0)
			n = read_file_at(sys->cg_v2_fd, "cgroup.controllers",
			    buf, sizeof(buf));
	}
	if (sys->cg_v2_fd >= 0 && n >= 0)
		sys->cg_v2_ctrl = parse_cg_controllers(buf, (size_t)n);
	for (i = 0; i < CG_NCTRL; i++) {
		sys->cg_v1_fd[i] = open_dir(root, cg_ctrl_names[i]);
		if (sys->cg_v1_fd[i] < 0 && (i == CG_CPU || i == CG_CPUACCT))
			sys->cg_v1_fd[i] = open_dir(root, "cpu,cpuacct");
	}
	close(root);
}

int
linux_sys_open(struct probe_collector *c, char *err, size_t errlen)
{
	struct linux_state *st = LINUX(c);
	struct linux_sys *sys = xcalloc(1, sizeof(*sys));
	struct statfs sf;
	char self[32], want[32];
	ssize_t n;

	/*
	 * Mount points in mountinfo name paths of this machine only when the
	 * proc root is our own procfs; for a fixture tree their sizes stay
	 * unknown instead of being read from unrelated local paths.
	 */
	if (fstatfs(st->proc_fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC) {
		n = readlinkat(st->proc_fd, "self", self, sizeof(self) - 1);
		if (n > 0) {
			self[n] = '\0';
			snprintf(want, sizeof(want), "%ld", (long)getpid());
			sys->live = strcmp(self, want) == 0;
		}
	}
	sys->net_fd = open_dir(st->sys_fd, "class/net");
	cgroup_open(sys, st->sys_fd);
	st->sys = sys;
	return 0;
}

void
linux_sys_close(struct probe_collector *c)
{
	struct linux_state *st = LINUX(c);
	struct linux_sys *sys;
	int i;

	if (st == NULL || (sys = st->sys) == NULL)
		return;
	if (sys->net_fd >= 0)
		close(sys->net_fd);
	if (sys->cg_v2_fd >= 0)
		close(sys->cg_v2_fd);
	for (i = 0; i < CG_NCTRL; i++)
		if (sys->cg_v1_fd[i] >= 0)
			close(sys->cg_v1_fd[i]);
	free(sys->buf);
	free(sys);
	st->sys = NULL;
}

void
linux_boot_id(struct probe_collector *c, char *out, size_t len)
{
	struct linux_sys *sys = SYS(c);
	char buf[64];
	ssize_t n;

	if (len == 0)
		return;
	out[0] = '\0';
	if (sys->boot_id[0] == '\0') {
		n = read_file_at(LINUX(c)->proc_fd, "sys/kernel/random/boot_id",
		    buf, sizeof(buf));
		if (n <= 0 || !parse_boot_id(buf, (size_t)n, sys->boot_id,
		    sizeof(sys->boot_id)))
			return;
	}
	strlcpy(out, sys->boot_id, len);
}
