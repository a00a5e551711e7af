/* fuzz_proc_pid_stat.c: proc_parse_stat on arbitrary bytes (/proc/PID/stat).
 * seeds: [0-9]/stat [0-9][0-9]/stat [0-9][0-9][0-9]/stat */
#include "config.h"

#include "probe/linux/proc_parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	struct proc_stat ps;

	if (proc_parse_stat(buf, size, &ps) == 0) {
		FUZZ_CHECK(ps.comm > buf && ps.comm + ps.comm_len < buf + size);
		FUZZ_CHECK(ps.comm[-1] == '(' && ps.comm[ps.comm_len] == ')');
		FUZZ_CHECK(ps.ppid >= 0 && ps.pid >= 0 && ps.state != '\0');
		FUZZ_CHECK(ps.have < (1u << (PSTAT_RSS + 1)));
		FUZZ_CHECK(!(ps.have & (1u << PSTAT_NICE)) ||
		    (ps.nice >= -20 && ps.nice <= 19));
	}
	free(buf);
	return 0;
}
