/* fuzz_meminfo.c: parse_meminfo on arbitrary bytes.
 * seeds: proc/meminfo */
#include "config.h"

#include "core/snapshot.h"
#include "probe/linux/parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snap_mem m;
	char *buf = fuzz_copy(data, size);

	parse_meminfo(buf, size, &m);
	if (HAVE(m.have, MEM_USED))
		FUZZ_CHECK(m.v[MEM_USED] <= m.v[MEM_TOTAL]);
	if (HAVE(m.have, MEM_SWAP_USED))
		FUZZ_CHECK(m.v[MEM_SWAP_USED] <= m.v[MEM_SWAP_TOTAL]);
	free(buf);
	return 0;
}
