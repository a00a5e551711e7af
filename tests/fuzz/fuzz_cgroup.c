/* fuzz_cgroup.c: /proc/PID/cgroup and every cgroup file parser, and the
 * boot id, on arbitrary bytes.
 * seeds: proc/self/cgroup proc/sys/kernel/random/boot_id
 * sys/fs/cgroup/[a-z]*.[a-z]* */
#include "config.h"

#include <string.h>

#include "core/snapshot.h"
#include "probe/linux/parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cg_paths pp;
	char *buf = fuzz_copy(data, size), out[256], id[40];
	uint64_t v, q, per;
	size_t used = 0;
	bool unl;
	int k;

	parse_proc_cgroup(buf, size, &pp);
	if (pp.v2.p != NULL)
		FUZZ_CHECK(pp.v2.p >= buf && pp.v2.p + pp.v2.len <= buf + size);
	for (k = 0; k < CG_NCTRL; k++)
		if (pp.v1[k].p != NULL)
			(void)cg_path_ok(pp.v1[k].p, pp.v1[k].len);
	(void)cg_path_ok(buf, size);
	(void)parse_cg_controllers(buf, size);
	(void)parse_cg_value(buf, size, &v);
	(void)parse_cpu_max(buf, size, &q, &unl, &per);
	(void)parse_cfs_quota(buf, size, &v);
	(void)parse_v1_limit(buf, size, &v);
	(void)parse_keyed(buf, size, "usage_usec", &v);
	out[0] = '\0';
	io_max_filter(buf, size, out, sizeof(out), &used);
	blkio_append(buf, size, "rbps", out, sizeof(out), &used);
	FUZZ_CHECK(used < sizeof(out) && strlen(out) == used);
	if (parse_boot_id(buf, size, id, sizeof(id)))
		FUZZ_CHECK(strlen(id) == 36);
	free(buf);
	return 0;
}
