/* fuzz_proc_stat.c: parse_proc_stat on arbitrary bytes.
 * seeds: proc/stat */
#include "config.h"

#include "core/snapshot.h"
#include "probe/linux/parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot *s = snapshot_new();
	char *buf = fuzz_copy(data, size);
	size_t i;
	int n = parse_proc_stat(buf, size, 100, s);

	if (n < 0)
		FUZZ_CHECK(s->ncpu == 0);
	else {
		FUZZ_CHECK((size_t)n + 1 == s->ncpu && s->cpu[0].id == -1);
		for (i = 2; i < s->ncpu; i++)
			FUZZ_CHECK(s->cpu[i - 1].id < s->cpu[i].id);
	}
	free(buf);
	snapshot_free(s);
	return 0;
}
