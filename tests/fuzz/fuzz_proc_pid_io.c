/* fuzz_proc_pid_io.c: proc_parse_io on arbitrary bytes (/proc/PID/io).
 * seeds: [0-9]/io [0-9][0-9]/io [0-9][0-9][0-9]/io */
#include "config.h"

#include "probe/linux/proc_parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	struct proc_io io;

	proc_parse_io(buf, size, &io);
	FUZZ_CHECK(io.have <= 3);
	free(buf);
	return 0;
}
