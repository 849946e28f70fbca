#ifndef CCRC32C_H
#define CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the SSE4.2 CRC32 instruction.
int ccrc32c_has_hardware(void);

/// Continues a CRC-32C (Castagnoli) over `count` bytes of `data` with the CPU's CRC32
/// instruction. `crc` is the running value (start with 0xFFFFFFFF, finish by inverting). Call only
/// when `ccrc32c_has_hardware()` returned 1.
uint32_t ccrc32c_update(uint32_t crc, const uint8_t *data, size_t count);

#endif
