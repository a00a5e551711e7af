/* fuzz_proc_pid_status.c: proc_parse_status on arbitrary bytes (/proc/PID/status).
 * seeds: [0-9]/status [0-9][0-9]/status [0-9][0-9][0-9]/status */
#include "config.h"

#include "probe/linux/proc_parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_copy(data, size);
	struct proc_status st;

	proc_parse_status(buf, size, &st);
	FUZZ_CHECK(st.have < (1u << (PSTATUS_VMSWAP + 1)));
	FUZZ_CHECK(!(st.have & (1u << PSTATUS_UID)) || st.uid <= UINT32_MAX);
	FUZZ_CHECK(!(st.have & (1u << PSTATUS_THREADS)) || st.threads >= 0);
	FUZZ_CHECK(!(st.have & (1u << PSTATUS_VMSWAP)) || st.vm_swap % 1024 == 0);
	free(buf);
	return 0;
}
