// SPDX-License-Identifier: Apache-2.0
// Serialized modules (ward_module_serialize): the blob's format, for the
// serializer and its tests. docs/architecture.md, "Precompiled modules",
// describes the format and whom it trusts.
#ifndef WD_RUNTIME_SERIALIZE_H
#define WD_RUNTIME_SERIALIZE_H

#include <stddef.h>
#include <stdint.h>

// The blob begins with these 8 bytes: a NUL (no text module begins with
// one, and "\0asm" is a binary module's), then "wardcwm".
#define WD_SER_MAGIC "\0wardcwm"
#define WD_SER_MAGIC_LEN 8
// The format's version, after the magic (a little-endian u32).
#define WD_SER_VERSION 2u
// The checksum (a little-endian u64) of everything before it ends the blob.
#define WD_SER_CHECKSUM_LEN 8

// The blob's checksum: a 64-bit hash of data[0, n) that changes whenever
// any one 8-byte word of it does (each step is a bijection of the state),
// and so whenever one bit does. It catches corruption, not tampering: it
// is not a cryptographic hash.
uint64_t wd_ser_checksum(const uint8_t *data, size_t n);

#endif
