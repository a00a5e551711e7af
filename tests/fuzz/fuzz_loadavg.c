/* fuzz_loadavg.c: parse_loadavg on arbitrary bytes.
 * seeds: proc/loadavg */
#include "config.h"

#include "core/snapshot.h"
#include "probe/linux/parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snap_load l;
	char *buf = fuzz_copy(data, size);
	int i;

	parse_loadavg(buf, size, &l);
	for (i = 0; i < 3; i++)
		FUZZ_CHECK(l.avg[i] >= 0 && l.avg[i] < 1e16);
	free(buf);
	return 0;
}
