/* fuzz_net_dev.c: parse_net_dev and net_up_state on arbitrary bytes.
 * seeds: proc/net/dev sys/class/net/[a-z]* */
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
	int up;

	FUZZ_CHECK(parse_net_dev(buf, size, s) == s->nnet);
	for (i = 0; i < s->nnet; i++)
		FUZZ_CHECK(sys_name_safe(s->net[i].name,
		    strlen(s->net[i].name)));
	up = net_up_state(buf, size, buf, size);
	FUZZ_CHECK(up >= -1 && up <= 1);
	free(buf);
	snapshot_free(s);
	return 0;
}
