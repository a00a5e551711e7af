/* fuzz_proc_pid_cgroup.c: proc_parse_cgroup on arbitrary bytes (/proc/PID/cgroup).
 * seeds: [0-9]/cgroup [0-9][0-9]/cgroup [0-9][0-9][0-9]/cgroup */
#include "config.h"

#include "probe/linux/proc_parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	const char *path;
	size_t plen;

	if (proc_parse_cgroup(buf, size, &path, &plen)) {
		FUZZ_CHECK(plen > 0 && path > buf && path + plen <= buf + size);
		FUZZ_CHECK(path[-1] == ':' && memchr(path, '\n', plen) == NULL);
	}
	free(buf);
	return 0;
}
