/* fuzz_text.c: the escapers of core/text.h on arbitrary bytes; aborts when
 * a property of tests/core/text_props.h breaks (terminal output free of
 * controls, JSON and CSV decoding back to the input).
 * seeds: comm cmdline */
#include "config.h"

#include <locale.h>

#include "tests/core/text_props.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	char *buf = fuzz_copy(data, size);

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	FUZZ_CHECK(buf != NULL);
	FUZZ_CHECK(text_props_check(buf, size) == NULL);
	free(buf);
	return 0;
}
