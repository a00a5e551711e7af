/* test_posix.c: the POSIX fallback backend used directly through
 * probe_posix_ops, checked against the same libc calls. libprobe only. */
#include "config.h"

#include <sys/resource.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/snapshot.h"
#include "probe/common.h"
#include "probe/probe_int.h"
#include "tests/tap.h"

/* The helpers both backends share (probe/common.c). */
static void
test_common(void)
{
	struct snapshot *s = snapshot_new();
	struct snap_fs *f;
	struct statvfs sv;

	ok(probe_fs_pseudo("tmpfs") && probe_fs_pseudo("cgroup2") &&
	    probe_fs_pseudo("proc"), "common: tmpfs cgroup2 proc are pseudo");
	ok(!probe_fs_pseudo("ext4") && !probe_fs_pseudo("overlay") &&
	    !probe_fs_pseudo("nfs4"), "common: ext4 overlay nfs4 are real");
	ok(probe_fs_no_statvfs("nfs4") && probe_fs_no_statvfs("autofs") &&
	    probe_fs_no_statvfs("fuse.sshfs"),
	    "common: no statvfs on nfs4, autofs, sshfs");
	ok(!probe_fs_no_statvfs("ext4") && !probe_fs_no_statvfs("tmpfs"),
	    "common: statvfs on ext4 and tmpfs");
	f = snapshot_add_fs(s);
	f->device = snapshot_str(s, "/dev/sda1", 9);
	ok(probe_fs_listed(s, 0, "/dev/sda1", 9), "common: device listed");
	ok(!probe_fs_listed(s, 0, "/dev/sda", 8), "common: prefix not listed");
	ok(!probe_fs_listed(s, 1, "/dev/sda1", 9), "common: from first only");
	ok(!probe_fs_listed(s, 0, "tmpfs", 5), "common: non-path never dup");
	is_int(probe_statvfs("/", f), 0, "common: statvfs /");
	statvfs("/", &sv);
	is_u64(f->v[FS_SIZE], (uint64_t)sv.f_blocks * sv.f_frsize,
	    "common: size = blocks * frsize");
	ok(probe_statvfs("/nonexistent/histop", f) < 0, "common: ENOENT");
	snapshot_free(s);
}

int
main(void)
{
	struct probe_collector c;
	struct snapshot *s = snapshot_new();
	struct snap_cgroup g;
	struct rlimit rl;
	char err[128];
	size_t i, j;
	int root = 0, dup = 0, lo = -1;
	long page = sysconf(_SC_PAGESIZE);

	memset(&c, 0, sizeof(c));
	c.ops = &probe_posix_ops;
	c.opts.areas = AREA_ALL;
	is_int(c.ops->open(&c, err, sizeof(err)), 0, "posix: open");
	is_str(probe_backend_name(&c), "posix", "posix: name");
	is_int(probe_sample(&c, s), 0, "posix: sample");
	is_int(s->areas, (1u << AREA_MEMORY) | (1u << AREA_LOAD) |
	    (1u << AREA_DISK) | (1u << AREA_NETWORK) | (1u << AREA_QUOTA),
	    "posix: memory load disk network quota");
	is_int(s->ncpu, 0, "posix: no cpu rows");
	is_int(probe_cpu(&c, s), -ENOSYS, "posix: cpu unsupported");
	ok(!s->psi[PSI_CPU].some.have, "posix: pressure unknown");
	is_u64(s->mem.v[MEM_TOTAL],
	    (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)page,
	    "posix: total from sysconf");
	is_int(s->mem.have, (1 << MEM_TOTAL) | (1 << MEM_FREE),
	    "posix: only total and free known");
	ok(s->mem.v[MEM_FREE] <= s->mem.v[MEM_TOTAL], "posix: free <= total");
	is_int(s->load.have, 7, "posix: three load averages");
	ok(s->load.avg[0] >= 0 && s->load.avg[2] >= 0, "posix: load >= 0");
	ok(!HAVE(s->load.have, LOAD_TASKS), "posix: task count unknown");
	for (i = 0; i < s->nfs; i++)
		if (strcmp(s->fs[i].mount, "/") == 0 &&
		    HAVE(s->fs[i].have, FS_SIZE) && s->fs[i].v[FS_SIZE] > 0)
			root = 1;
	ok(root, "posix: / listed with its size");
	for (i = 0; i < s->nnet; i++) {
		for (j = i + 1; j < s->nnet; j++)
			if (strcmp(s->net[i].name, s->net[j].name) == 0)
				dup++;
		if (strcmp(s->net[i].name, "lo") == 0)
			lo = s->net[i].up;
		if (s->net[i].have != 0)
			dup++;
	}
	is_int(dup, 0, "posix: each interface once, counters unknown");
	ok(s->nnet == 0 || lo != 0, "posix: lo not reported down");
	getrlimit(RLIMIT_NOFILE, &rl);
	ok(HAVE(s->rlimit.have, RLIM_NOFILE) &&
	    (rl.rlim_max == RLIM_INFINITY ?
	    HAVE(s->rlimit.hard_unlimited, RLIM_NOFILE) :
	    s->rlimit.hard[RLIM_NOFILE] == (uint64_t)rl.rlim_max),
	    "posix: nofile hard limit equals getrlimit");
	is_int(s->cgroup.version, 0, "posix: no cgroups");
	is_int(probe_cgroup(&c, s, "/", &g), -ENOSYS, "posix: no probe_cgroup");
	is_str(s->boot_id, "", "posix: no boot id");
	c.ops->close(&c);
	snapshot_free(s);
	test_common();
	return tap_done();
}
