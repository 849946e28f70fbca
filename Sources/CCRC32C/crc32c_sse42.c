// CRC-32C with the SSE4.2 CRC32 instruction, eight bytes per instruction.
//
// The index checks each 4 KiB block it reads against a stored checksum. The check guards against
// damage, not forgery (whoever can write the index can rewrite its checksums; the ledger's hash
// chain is what resists forgery), so it needs speed more than strength: a point query checks a
// few dozen blocks, and with SHA-256 that was a fifth of its time. Swift cannot emit the
// instruction, hence this one function in C; CRC32C.swift has the portable table loop and picks.

#include "CCRC32C.h"

#if defined(__x86_64__)
#include <cpuid.h>
#include <nmmintrin.h>
#include <string.h>

int ccrc32c_has_hardware(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    return (c >> 20) & 1;
}

__attribute__((target("sse4.2")))
uint32_t ccrc32c_update(uint32_t crc, const uint8_t *data, size_t count) {
    uint64_t wide = crc;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, data, 8);
        wide = _mm_crc32_u64(wide, word);
        data += 8;
        count -= 8;
    }
    crc = (uint32_t)wide;
    while (count > 0) {
        crc = _mm_crc32_u8(crc, *data++);
        count--;
    }
    return crc;
}

#else

int ccrc32c_has_hardware(void) { return 0; }

uint32_t ccrc32c_update(uint32_t crc, const uint8_t *data, size_t count) {
    (void)data;
    (void)count;
    return crc; // never called: ccrc32c_has_hardware() is 0
}

#endif
