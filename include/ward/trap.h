// SPDX-License-Identifier: Apache-2.0
// ward: traps, with their reason and a wasm backtrace.
#ifndef WARD_TRAP_H
#define WARD_TRAP_H

#include "ward/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ward_trapcode {
  WARD_TRAP_UNREACHABLE = 1,       // "unreachable"
  WARD_TRAP_INT_DIV_ZERO,          // "integer divide by zero"
  WARD_TRAP_INT_OVERFLOW,          // "integer overflow"
  WARD_TRAP_BAD_CONVERSION,        // "invalid conversion to integer"
  WARD_TRAP_MEMORY_OOB,            // "out of bounds memory access"
  WARD_TRAP_TABLE_OOB,             // "out of bounds table access"
  WARD_TRAP_UNDEFINED_ELEMENT,     // "undefined element" (call_indirect index >= size)
  WARD_TRAP_UNINITIALIZED_ELEMENT, // "uninitialized element" (null entry)
  WARD_TRAP_INDIRECT_MISMATCH,     // "indirect call type mismatch"
  WARD_TRAP_NULL_REFERENCE,        // "null reference"
  WARD_TRAP_STACK_EXHAUSTED,       // "call stack exhausted"
  WARD_TRAP_HOST,                  // raised by a host function (ward_trap_new)
  WARD_TRAP_EXIT,                  // the guest asked to exit (see ward_trap_exit_status)
  WARD_TRAP_OUT_OF_MEMORY,         // "out of memory" (translating a function on its first call)
  WARD_TRAP_EXCEPTION,             // "uncaught exception": see ward_trap_exception_tag
  WARD_TRAP_NULL_EXCEPTION,        // "null exception reference" (throw_ref of null)
  WARD_TRAP_NULL_FUNCTION,         // "null function reference" (call_ref of null)
  WARD_TRAP_NULL_STRUCT,           // "null structure reference" (struct.get/set of null)
  WARD_TRAP_NULL_ARRAY,            // "null array reference"
  WARD_TRAP_NULL_I31,              // "null i31 reference" (i31.get of null)
  WARD_TRAP_ARRAY_OOB,             // "out of bounds array access"
  WARD_TRAP_CAST_FAILURE,          // "cast failure" (ref.cast)
  WARD_TRAP_OUT_OF_FUEL,           // "all fuel consumed" (ward/limits.h)
  WARD_TRAP_INTERRUPT,             // "interrupt" (ward_store_interrupt, ward/limits.h)
} ward_trapcode_t;

// A trap for a host function to return: its message is copied.
WARD_API ward_trap_t *ward_trap_new(const char *message);
// A trap that ends the program with an exit status (WASI proc_exit).
WARD_API ward_trap_t *ward_trap_new_exit(int status);
WARD_API void ward_trap_delete(ward_trap_t *t);

WARD_API ward_trapcode_t ward_trap_code(const ward_trap_t *t);
WARD_API const char *ward_trap_message(const ward_trap_t *t);
// A wasm exception for a host function to throw (return it as its trap):
// tag with its values (copied; their kinds must be the tag's). Wasm code
// that called the host function may catch it. NULL if the values do not
// match the tag, or out of memory.
WARD_API ward_trap_t *ward_trap_new_exception(ward_store_t *store, ward_tag_t *tag,
                                              const ward_val_t *args, size_t nargs);
// For WARD_TRAP_EXCEPTION (an exception no wasm code caught, or one a host
// function throws): its tag, and its values (up to max of them into out;
// returns how many it has). NULL and 0 for other traps.
WARD_API ward_tag_t *ward_trap_exception_tag(const ward_trap_t *t);
WARD_API size_t ward_trap_exception_args(const ward_trap_t *t, ward_val_t *out, size_t max);
// For WARD_TRAP_EXIT: the status; false otherwise.
WARD_API bool ward_trap_exit_status(const ward_trap_t *t, int *status);

// The wasm backtrace, innermost frame first.
typedef struct ward_frame {
  uint32_t func_index;     // in its module's function index space
  const char *func_name;   // from the name section, or NULL
  const char *module_name; // from the name section, or NULL
  // Byte offset in the module's binary of the frame's instruction: in the
  // innermost frame the one that trapped (or the call of the host function
  // that trapped, or the throw of an exception nothing caught), in the
  // others the call that is running. SIZE_MAX where it is not known: an
  // out-of-bounds access caught by a guard page on a system whose fault
  // handler gives no registers, or in an unoptimized build of ward
  // (docs/architecture.md, "Where a trap happened"), a trap on entry to a
  // function (its stack or call depth exhausted), an interrupt before the
  // function ran.
  size_t module_offset;
  // The instance the function belongs to (it lives as long as its store).
  ward_instance_t *instance;
  // Byte offset in the module where the function's body starts (its locals
  // vector, after the body's size): module_offset - func_start is the
  // instruction's offset in the function, as wasm.h's
  // wasm_frame_func_offset gives it.
  size_t func_start;
} ward_frame_t;
WARD_API size_t ward_trap_frame_count(const ward_trap_t *t);
WARD_API bool ward_trap_frame(const ward_trap_t *t, size_t i, ward_frame_t *out);

// Writes the message and backtrace, one frame a line, to a caller buffer
// (snprintf-style: returns the length it needed). A frame's line is
// "    0: 0x1a3 - module!func [#3]": its index, its module offset (left out
// where it is not known), the names (<unnamed> for a function without
// one) and the function's index.
WARD_API size_t ward_trap_format(const ward_trap_t *t, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
