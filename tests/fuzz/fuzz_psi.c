/* fuzz_psi.c: parse_psi on arbitrary bytes.
 * seeds: proc/pressure/[a-z]* */
#include "config.h"

#include "core/snapshot.h"
#include "probe/linux/parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snap_psi p;
	char *buf = fuzz_copy(data, size);
	int n = parse_psi(buf, size, &p);

	FUZZ_CHECK(n == (int)p.some.have + (int)p.full.have);
	free(buf);
	return 0;
}
