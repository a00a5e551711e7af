/* fuzz_proc_pid_limits.c: proc_parse_limits on arbitrary bytes (/proc/PID/limits).
 * seeds: [0-9]/limits [0-9][0-9]/limits [0-9][0-9][0-9]/limits */
#include "config.h"

#include "probe/linux/proc_parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	struct snap_rlimit r;
	int n = proc_parse_limits(buf, size, &r);

	FUZZ_CHECK(n == __builtin_popcount(r.have));
	FUZZ_CHECK((r.soft_unlimited & ~r.have) == 0 &&
	    (r.hard_unlimited & ~r.have) == 0);
	free(buf);
	return 0;
}
