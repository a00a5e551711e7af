/* test_siphash.c: SipHash-2-4 against the published test vectors (libcore). */
#include "config.h"

#include <stdint.h>

#include "core/siphash.h"
#include "tests/tap.h"

int
main(void)
{
	/* Key 00 01 .. 0f, message 00 01 .. n-1 (the reference vectors). */
	static const struct {
		size_t n;
		uint64_t h;
	} v[] = {
		{ 0, UINT64_C(0x726fdb47dd0e0e31) },
		{ 1, UINT64_C(0x74f839c593dc67fd) },
		{ 7, UINT64_C(0xab0200f58b01d137) },
		{ 8, UINT64_C(0x93f5f5799a932462) },
		{ 15, UINT64_C(0xa129ca6149be45e5) },
		{ 16, UINT64_C(0x3f2acc7f57c29bdb) },
	};
	struct siphash_key k = { UINT64_C(0x0706050403020100),
	    UINT64_C(0x0f0e0d0c0b0a0908) };
	struct siphash_key k2 = k;
	unsigned char msg[16];
	size_t i;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (unsigned char)i;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		is_u64(siphash24(&k, msg, v[i].n), v[i].h, "reference vector");
	/* Alignment must not matter: the same bytes one past a boundary. */
	{
		unsigned char buf[17];

		for (i = 0; i < 16; i++)
			buf[i + 1] = (unsigned char)i;
		is_u64(siphash24(&k, buf + 1, 16), UINT64_C(0x3f2acc7f57c29bdb),
		    "unaligned input");
	}
	k2.k1 ^= 1;
	ok(siphash24(&k2, msg, 15) != siphash24(&k, msg, 15),
	    "another key gives another hash");
	return tap_done();
}
