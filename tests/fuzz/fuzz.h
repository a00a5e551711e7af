/*
 * fuzz.h: what every libFuzzer target shares: the input copied into a
 * buffer of exactly its size (so ASan sees any read past it) and a check
 * that aborts on a broken invariant, which libFuzzer reports as a crash.
 */
#ifndef HISTOP_TESTS_FUZZ_H
#define HISTOP_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond) do { if (!(cond)) abort(); } while (0)

static inline char *
fuzz_copy(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);

	if (p != NULL && size > 0)
		memcpy(p, data, size);
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#endif
