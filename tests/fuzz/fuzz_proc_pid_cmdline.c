/* fuzz_proc_pid_cmdline.c: proc_cmdline_join on arbitrary bytes (/proc/PID/cmdline).
 * seeds: [0-9]/cmdline [0-9][0-9]/cmdline [0-9][0-9][0-9]/cmdline */
#include "config.h"

#include "probe/linux/proc_parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	size_t n = proc_cmdline_join(buf, size);

	FUZZ_CHECK(n <= size);
	FUZZ_CHECK(n == 0 || buf[n - 1] != '\0');
	FUZZ_CHECK(memchr(buf, '\0', n) == NULL);
	free(buf);
	return 0;
}
