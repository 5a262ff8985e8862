// SPDX-License-Identifier: Apache-2.0
// Instruction encoding helpers shared by the decoder (constant expressions),
// the body skimmer and the function-body compiler: type and memarg readers,
// one-instruction skipping, and skipping a whole instruction sequence.
#ifndef WD_BINARY_OPCODE_IMM_H
#define WD_BINARY_OPCODE_IMM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "binary/reader.h"
#include "ir/module.h"

// Reads a value type: a number or vector type (one byte, checked as the
// reference decoder's s7), or a reference type: (ref ht), (ref null ht)
// with a heap type, or a shorthand (funcref, externref, anyref, ...), each
// only when the reader's features allow it. Else "malformed value type",
// or "integer representation too long" when the byte has its continuation
// bit set. A type index in a heap type is not checked against the module.
bool wd_bin_read_valtype(wd_bin_reader_t *r, wd_vt_t *out);

// Reads a reference type, else "malformed reference type".
bool wd_bin_read_reftype(wd_bin_reader_t *r, wd_vt_t *out);

// Reads a heap type: an abstract one (one byte) or an s33 type index, as
// WD_HT_* or WD_HT_IDX + index; else "malformed heap type".
bool wd_bin_read_heaptype(wd_bin_reader_t *r, uint32_t *out);

typedef enum wd_bin_btkind {
  WD_BT_EMPTY = 0, // 0x40: [] -> []
  WD_BT_VALUE = 1, // [] -> [type]
  WD_BT_INDEX = 2, // a type index; UINT32_MAX for a negative s33 (never valid)
} wd_bin_btkind_t;

typedef struct wd_bin_blocktype {
  uint8_t kind;   // wd_bin_btkind_t
  wd_vt_t type;   // WD_BT_VALUE: the value type
  uint32_t index; // WD_BT_INDEX: the type index
} wd_bin_blocktype_t;

// Reads a block type: 0x40, a value type, or an s33 type index.
bool wd_bin_read_blocktype(wd_bin_reader_t *r, wd_bin_blocktype_t *out);

typedef struct wd_bin_memarg {
  uint32_t align; // log2 of the alignment
  uint32_t mem;   // the memory index
  uint64_t offset;
} wd_bin_memarg_t;

// Reads a memarg as the features (WD_FEAT_*) allow. With multi-memory
// (Wasm 3.0): flags below 2^7 ("malformed memop flags"), the alignment in
// bits 0-5, and a memory index after the flags when bit 6 is set; without
// it (Wasm 2.0): flags below 32. The offset is a u64 with memory64, else a
// u32.
bool wd_bin_read_memarg(wd_bin_reader_t *r, uint32_t features, wd_bin_memarg_t *out);

// Reads the memory index of memory.size, memory.grow, memory.fill and
// memory.copy (and the second one of memory.init): with multi-memory a
// u32, without it a zero byte ("zero byte expected").
bool wd_bin_read_memidx(wd_bin_reader_t *r, uint32_t features, uint32_t *out);

// One decoded instruction head, from wd_bin_skip_instr.
typedef struct wd_bin_instr {
  size_t at;    // absolute offset of the opcode
  uint8_t op;   // the first opcode byte
  uint32_t sub; // the u32 sub-opcode after a 0xFC / 0xFD prefix, else 0
  // The first immediate when it is an index (label, func, type, local,
  // global, table, data, elem) or a count (br_table targets, select types);
  // the heap type (WD_HT_*) for ref.null; 0 otherwise.
  uint32_t idx;
  uint32_t idx2; // the second immediate of a 0xFB instruction (GC), else 0
} wd_bin_instr_t;

// Reads one instruction, its opcode and all its immediates, checking only
// the encoding: "illegal opcode XX", LEB128 errors, "zero byte expected",
// "malformed memop flags", malformed types, running out of bytes; memory
// indices and offsets as the features (WD_FEAT_*) encode them
// (wd_bin_read_memarg). Structure (block/end nesting) is not checked here;
// see wd_bin_skip_seq.
bool wd_bin_skip_instr(wd_bin_reader_t *r, uint32_t features, wd_bin_instr_t *out);

// Scratch state for wd_bin_skip_seq; reusable across calls.
typedef struct wd_bin_seq {
  uint8_t *kinds; // per open block: 0 block/loop, 1 if, 2 if after its else
  size_t cap;
  // The lowest data index a memory.init or data.drop used (UINT32_MAX if
  // none), and the offset of the first instruction using it; sticky.
  uint32_t data_min;
  size_t data_at;
  // The features (WD_FEAT_*) a constant expression may use: an opcode of a
  // feature turned off is an illegal opcode, as it was before the feature.
  // (Function bodies are skimmed with all of them: their instructions are
  // checked when they are validated, which names the feature that is off.)
  uint32_t features;
  // The features whose encodings instructions are read in (memory indices
  // and 64-bit offsets, wd_bin_read_memarg): the module's, in bodies and
  // constant expressions alike; all of them after wd_bin_seq_init.
  uint32_t encoding;
} wd_bin_seq_t;

void wd_bin_seq_init(wd_bin_seq_t *s);
void wd_bin_seq_free(wd_bin_seq_t *s);

// Reads instructions up to and including the `end` that closes the sequence
// (a function body or a constant expression), checking block/else/end
// structure. If the bytes run out between instructions, the error is
// "END opcode expected" when `bounded` (r->end is a function body's end
// inside the module) and "unexpected end of section or function" otherwise.
// Returns false with r->diag set (WD_ERR_RESOURCE if out of memory).
bool wd_bin_skip_seq(wd_bin_reader_t *r, wd_bin_seq_t *s, bool bounded);

struct wd_module;

// Skims the instructions of bodies [0, n) of m as wd_bin_skim_bodies does,
// without the final data count check. The decoder uses it when it fails
// after some bodies, since the reference decoder reads each body's
// instructions before going on and so reports their errors first.
wd_status_t wd_bin_skim_first(const struct wd_module *m, uint32_t n, wd_diag_t *diag);

#endif
