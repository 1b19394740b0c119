#ifndef PORTAL_CRC32_H
#define PORTAL_CRC32_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the carry-less multiply (PCLMULQDQ) and SSE4.1 that
/// portal_crc32_fold needs; 0 on other architectures.
int portal_crc32_fold_available(void);

/// Folds `length` bytes (at least 64, a multiple of 16) into a CRC-32 (IEEE, reflected) register
/// `state` (the running value before its final inversion) and returns the new register.
uint32_t portal_crc32_fold(uint32_t state, const void *bytes, size_t length);

#endif
