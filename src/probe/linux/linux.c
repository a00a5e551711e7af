/*
 * linux.c: the Linux backend's ops table and shared set-up: the proc and
 * sys roots are opened once and every read is relative to them.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "probe/linux/linux.h"
#include "probe/readfile.h"

static void linux_close(struct probe_collector *);

static int
linux_open(struct probe_collector *c, char *err, size_t errlen)
{
	struct linux_state *st = xcalloc(1, sizeof(*st));
	char buf[64];
	int r;

	st->sys_fd = -1;
	st->proc_fd = open(c->proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st->proc_fd < 0) {
		snprintf(err, errlen, "cannot open proc root %s: %s",
		    c->proc_root, strerror(errno));
		free(st);
		return -1;
	}
	/* /proc/stat is the one file nothing works without. */
	r = (int)read_file_at(st->proc_fd, "stat", buf, sizeof(buf));
	if (r <= 0) {
		snprintf(err, errlen, "%s is not a proc file system (no readable %s/stat)",
		    c->proc_root, c->proc_root);
		close(st->proc_fd);
		free(st);
		return -1;
	}
	st->sys_fd = open(c->sys_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	st->hz = sysconf(_SC_CLK_TCK);
	if (st->hz <= 0)
		st->hz = 100;
	st->pagesize = sysconf(_SC_PAGESIZE);
	if (st->pagesize <= 0)
		st->pagesize = 4096;
	c->backend = st;
	if (linux_sys_open(c, err, errlen) != 0 ||
	    linux_procs_open(c, err, errlen) != 0) {
		linux_close(c);
		return -1;
	}
	return 0;
}

static void
linux_close(struct probe_collector *c)
{
	struct linux_state *st = LINUX(c);

	if (st == NULL)
		return;
	linux_procs_close(c);
	linux_sys_close(c);
	if (st->sys_fd >= 0)
		close(st->sys_fd);
	close(st->proc_fd);
	free(st);
	c->backend = NULL;
}

const struct probe_ops probe_linux_ops = {
	.name = "linux",
	.open = linux_open,
	.close = linux_close,

	/* system areas: sys.c and friends */
	.cpu = linux_cpu,
	.memory = linux_memory,
	.load = linux_load,
	.disk = linux_disk,
	.network = linux_network,
	.io = linux_io,
	.quota = linux_quota,
	.cgroup = linux_cgroup,
	.boot_id = linux_boot_id,

	/* processes: proc.c and friends */
	.processes = linux_processes,
	.processes_begin = linux_processes_begin,
	.processes_step = linux_processes_step,
	.processes_end = linux_processes_end,
	.process_limits = linux_process_limits,
};
