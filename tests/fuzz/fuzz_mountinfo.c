/* fuzz_mountinfo.c: parse_mountinfo (both modes) on arbitrary bytes.
 * seeds: proc/self/mountinfo */
#include "config.h"

#include "core/snapshot.h"
#include "probe/linux/parse.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot *s = snapshot_new();
	char *buf = fuzz_copy(data, size);
	size_t i, n;

	n = parse_mountinfo(buf, size, false, s);
	FUZZ_CHECK(n == s->nfs);
	for (i = 0; i < s->nfs; i++)
		FUZZ_CHECK(s->fs[i].mount && s->fs[i].device && s->fs[i].type);
	snapshot_clear(s);
	FUZZ_CHECK(parse_mountinfo(buf, size, true, s) >= n);
	free(buf);
	snapshot_free(s);
	return 0;
}
