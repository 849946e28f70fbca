#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the SHA extensions (and the SSE4.1/SSSE3 they are used with).
int csha256_has_sha_extensions(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (8 words, FIPS 180-4 order) with the
/// CPU's SHA instructions. Call only when `csha256_has_sha_extensions()` returned 1.
void csha256_compress_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
