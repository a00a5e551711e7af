/*
 * siphash.h: SipHash (Aumasson and Bernstein), a keyed 64-bit hash: with a
 * secret random key nobody can build two inputs of the same hash, so it
 * may stand for a value where equality matters (the store's change
 * detection). Depends on libc only.
 */
#ifndef HISTOP_CORE_SIPHASH_H
#define HISTOP_CORE_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

struct siphash_key {
	uint64_t k0, k1;
};

/* SipHash-2-4 of len bytes at p under key k. */
uint64_t siphash24(const struct siphash_key *k, const void *p, size_t len);

#endif
