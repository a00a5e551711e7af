/* siphash.c: SipHash-2-4 from its specification (see siphash.h). libc only. */
#include "config.h"

#include "core/siphash.h"

#include <string.h>

#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND(v0, v1, v2, v3) do {                                   \
		v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32); \
		v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                    \
		v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                    \
		v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32); \
	} while (0)

/* Little-endian 64-bit load of 8 bytes, whatever the host's order. */
static uint64_t
load_le64(const unsigned char *b)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | b[i];
	return v;
}

uint64_t
siphash24(const struct siphash_key *k, const void *p, size_t len)
{
	const unsigned char *in = p;
	uint64_t v0 = UINT64_C(0x736f6d6570736575) ^ k->k0;
	uint64_t v1 = UINT64_C(0x646f72616e646f6d) ^ k->k1;
	uint64_t v2 = UINT64_C(0x6c7967656e657261) ^ k->k0;
	uint64_t v3 = UINT64_C(0x7465646279746573) ^ k->k1;
	unsigned char last[8];
	uint64_t m;
	size_t i, tail = len & 7;

	for (i = 0; i + 8 <= len; i += 8) {
		m = load_le64(in + i);
		v3 ^= m;
		SIPROUND(v0, v1, v2, v3);
		SIPROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	/* The last block: the remaining bytes, zeros, the length's low byte. */
	memset(last, 0, sizeof(last));
	if (tail > 0)
		memcpy(last, in + i, tail);
	last[7] = (unsigned char)len;
	m = load_le64(last);
	v3 ^= m;
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	v0 ^= m;
	v2 ^= 0xff;
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}
