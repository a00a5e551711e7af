/* fuzz_diskstats.c: parse_diskstats on arbitrary bytes.
 * seeds: proc/diskstats */
#include "config.h"

#include <string.h>

#include "core/snapshot.h"
#include "probe/linux/parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot *s = snapshot_new();
	char *buf = fuzz_copy(data, size);
	size_t i;

	FUZZ_CHECK(parse_diskstats(buf, size, s) == s->ndisk);
	for (i = 0; i < s->ndisk; i++)
		FUZZ_CHECK(sys_name_safe(s->disk[i].name,
		    strlen(s->disk[i].name)));
	free(buf);
	snapshot_free(s);
	return 0;
}
