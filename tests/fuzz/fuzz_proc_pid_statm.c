/* fuzz_proc_pid_statm.c: proc_parse_statm on arbitrary bytes (/proc/PID/statm).
 * seeds: [0-9]/statm [0-9][0-9]/statm [0-9][0-9][0-9]/statm */
#include "config.h"

#include "probe/linux/proc_parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	uint64_t m[PROC_STATM_N];
	int n = proc_parse_statm(buf, size, m);

	FUZZ_CHECK(n >= 0 && n <= PROC_STATM_N);
	free(buf);
	return 0;
}
