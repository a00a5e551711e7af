/* test_linux_live.c: the Linux collector on this machine's /proc and /sys,
 * checked against the kernel's own files read independently here.
 * libprobe and libcore only. */
#include "config.h"

#include <sys/statvfs.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "probe/probe.h"
#include "tests/tap.h"

/* kB value of key in /proc/meminfo, or -1. */
static long long
meminfo_kb(const char *key)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	long long v = -1;
	size_t kl = strlen(key);

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, key, kl) == 0 && line[kl] == ':') {
			v = strtoll(line + kl + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static int
count_lines(const char *path, const char *prefix, int need_digit,
    const char *contains)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	size_t pl = strlen(prefix);
	int n = 0;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, prefix, pl) != 0)
			continue;
		if (need_digit && (line[pl] < '0' || line[pl] > '9'))
			continue;
		if (contains != NULL && strstr(line, contains) == NULL)
			continue;
		n++;
	}
	fclose(f);
	return n;
}

/* The v1 memory controller's usage file of our own cgroup, as a cross
 * check on hybrid and v1 hosts; -1 when there is none. */
static long long
own_v1_memory_limit(char *path, size_t pathsz)
{
	FILE *f = fopen("/proc/self/cgroup", "r");
	char line[4096], file[4200];
	long long v = -1;

	path[0] = '\0';
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *c1 = strchr(line, ':'), *c2;

		if (c1 == NULL || (c2 = strchr(c1 + 1, ':')) == NULL)
			continue;
		if (c2 - c1 - 1 == 6 && strncmp(c1 + 1, "memory", 6) == 0) {
			c2[1 + strcspn(c2 + 1, "\n")] = '\0';
			snprintf(path, pathsz, "%s", c2 + 1);
		}
	}
	fclose(f);
	if (path[0] == '\0')
		return -1;
	snprintf(file, sizeof(file),
	    "/sys/fs/cgroup/memory%s/memory.limit_in_bytes", path);
	if ((f = fopen(file, "r")) == NULL)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

int
main(void)
{
	struct probe_options o = { .proc_root = "/proc", .sys_root = "/sys" };
	struct probe_collector *c;
	struct snapshot *s = snapshot_new();
	char err[256], boot[64] = "", cgpath[4096];
	long long v1limit;
	FILE *f;
	size_t i;
	int root = -1;

	o.areas = AREA_ALL & ~(1u << AREA_PROCESSES);
	c = probe_collector_new(&o, err, sizeof(err));
	if (!ok(c != NULL, "live: collector on /proc")) {
		printf("# %s\n", err);
		return tap_done();
	}
	is_int(probe_sample(c, s), 0, "live: sample");
	is_str(probe_backend_name(c), "linux", "live: linux backend");
	ok(s->areas & (1u << AREA_CPU), "live: cpu sampled");
	is_int(s->ncpu - 1, count_lines("/proc/stat", "cpu", 1, NULL),
	    "live: one row per cpuN line");
	ok(s->cpu[0].id == -1 && HAVE(s->cpu[0].have, CPU_IDLE),
	    "live: total with idle");
	is_u64(s->mem.v[MEM_TOTAL], (uint64_t)meminfo_kb("MemTotal") * 1024,
	    "live: MemTotal equals /proc/meminfo");
	ok(HAVE(s->mem.have, MEM_USED) && s->mem.v[MEM_USED] <=
	    s->mem.v[MEM_TOTAL], "live: used within total");
	is_u64(s->mem.v[MEM_SWAP_TOTAL],
	    (uint64_t)meminfo_kb("SwapTotal") * 1024, "live: SwapTotal");
	ok(HAVE(s->load.have, LOAD_TASKS) && s->load.tasks > 0,
	    "live: task count");
	is_int(s->nnet, count_lines("/proc/net/dev", "", 0, ":"),
	    "live: one interface per net/dev line");
	f = fopen("/proc/sys/kernel/random/boot_id", "r");
	if (f != NULL) {
		if (fgets(boot, sizeof(boot), f) != NULL)
			boot[strcspn(boot, "\n")] = '\0';
		fclose(f);
	}
	is_str(s->boot_id, boot, "live: boot id");
	for (i = 0; i < s->nfs; i++)
		if (strcmp(s->fs[i].mount, "/") == 0)
			root = (int)i;
	if (ok(root >= 0, "live: / is listed")) {
		struct statvfs sv;

		statvfs("/", &sv);
		ok(HAVE(s->fs[root].have, FS_SIZE), "live: / size read");
		is_u64(s->fs[root].v[FS_SIZE],
		    (uint64_t)sv.f_blocks * sv.f_frsize, "live: / size");
	}
	ok(s->areas & (1u << AREA_QUOTA), "live: quota sampled");
	ok(HAVE(s->rlimit.have, RLIM_NOFILE), "live: own rlimits");
	v1limit = own_v1_memory_limit(cgpath, sizeof(cgpath));
	if (v1limit >= 0 && s->cgroup.version == 1) {
		ok(HAVE(s->cgroup.have, QUOTA_MEM_LIMIT), "live: v1 memory limit");
		if (v1limit >= INT64_MAX - 0xfffff)
			ok(HAVE(s->cgroup.unlimited, QUOTA_MEM_LIMIT),
			    "live: v1 huge limit is unlimited");
		else
			is_u64(s->cgroup.v[QUOTA_MEM_LIMIT], v1limit,
			    "live: v1 limit equals the file");
		is_str(s->cgroup.path, cgpath, "live: path of memory cgroup");
	} else
		ok(s->cgroup.version == 0 || s->cgroup.version == 2 ||
		    s->cgroup.version == 1, "live: cgroup version %d",
		    s->cgroup.version);
	probe_collector_free(c);
	snapshot_free(s);
	return tap_done();
}
