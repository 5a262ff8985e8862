// SPDX-License-Identifier: Apache-2.0
// Runtime objects behind the public handles: engine, store, functions,
// memories, tables, globals, instances, traps; and the interpreter's entry.
#ifndef WD_RUNTIME_RT_H
#define WD_RUNTIME_RT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "ir/module.h"
#include "runtime/pool.h"
#include "util/diag.h"
#include "ward.h"

// One 8-byte frame cell. A v128 takes two adjacent cells. Union member
// access is how C11 lets one cell be read as the type it was written as.
typedef union wd_cell {
  uint32_t i32;
  uint64_t i64;
  float f32;
  double f64;
  void *ref;
} wd_cell_t;
// An i32 is written as its whole cell, zero-extended: a later 8-byte read of
// the cell (a copy, a call's argument, select) then takes the value straight
// from the store, where after a 4-byte store it waits for the store to
// reach the cache (store-to-load forwarding needs the load inside the store).
#define WD_PUT_I32(c, v) ((c).i64 = (uint32_t)(v))

struct wd_code;

struct wd_rtt_registry;

struct ward_engine {
  ward_config_t cfg;
  struct wd_rtt_registry *rtts; // canonical types (ir/rtt.h)
  wd_pool_t pool;               // reservations and stacks for the next stores (pool.h)
  // The checks of limits its modules' code carries and its stores make
  // (WD_METER_*), from cfg.consume_fuel and cfg.interruptible.
  uint32_t meter;
};

// A constant expression's value when it needs no instance (no global.get,
// ref.func or allocation), computed once per module.
typedef struct wd_known {
  bool known;
  wd_cell_t val[2];
} wd_known_t;

// What instantiating a module needs that depends on the module alone,
// computed by ward_module_new (runtime/instance.c). An instance is one
// block of `size` bytes: the instance, then its arrays and the objects it
// defines, at these offsets.
typedef struct wd_inst_plan {
  size_t size;
  size_t funcs, tables, memories, globals, elems, datas, tags; // the index spaces
  size_t own_funcs, own_tags, own_globals, own_tables, own_memories;
  size_t table_elems; // the initial entries of the small defined tables
  size_t elem_refs;   // the references of every element segment
  // Per type index: the type ward_func_type shows for a function of that
  // type (see public_functype), or types NULL if it is the type itself.
  wd_functype_t *pub_types;
  wd_known_t *global_inits; // per defined global
  wd_known_t *elem_offsets; // per element segment (active ones)
  wd_known_t *data_offsets; // per data segment (active ones)
  // Exports by name: a hash table of `nbuckets` (a power of two) slots
  // holding an export's index + 1, or 0; none for a few exports.
  uint32_t *export_slots;
  uint32_t nbuckets;
} wd_inst_plan_t;

struct ward_module {
  ward_engine_t *engine;
  wd_module_t *m;
  wd_inst_plan_t plan;
};

struct ward_error {
  wd_diag_t d;
};

struct wd_rtt;

// A call of a function whose call_cells is this takes the interpreter's
// general path (interp/exec_ops.h, CALL_TO): a host function, or a wasm
// function with more declared locals than a call zeroes in line.
#define WD_CALL_SLOW UINT32_MAX

struct ward_func {
  // What the interpreter's call reads, first and together (one cache
  // line): copies of its code's fields, set with the code
  // (wd_func_set_code), so that the call's jump waits for one load after
  // the function's address instead of three.
  const uint32_t *entry;      // code->ops
  ward_instance_t *inst;      // the defining instance; NULL for host functions
  uint32_t entry_tok;         // entry[0]: the unit the call dispatches on
  uint32_t pin;               // code->pin
  uint32_t call_cells;        // code->frame_cells, or WD_CALL_SLOW
  uint32_t zero_at;           // code->param_cells: the declared locals' first cell
  uint32_t zero_cells;        // how many cells they take
  const wd_functype_t *type;  // in the module, or `own_type` for host functions
  const struct wd_rtt *rtt;   // its canonical type (ir/rtt.h)
  const struct wd_code *code; // compiled body (wasm functions)
  uint32_t index;             // index in the defining module
  ward_host_callback_t cb;    // host functions
  void *env;
  void (*finalizer)(void *);
  wd_functype_t own_type; // host functions: their type; wasm functions: see ward_func_type
  ward_func_t *next;      // store list
};

struct ward_memory {
  uint8_t *data; // base; never moves when `reserved` != 0
  ward_store_t *store;
  uint64_t size; // bytes
  uint64_t pages;
  uint64_t max_pages; // effective cap (declared max and engine limit)
  wd_memtype_t type;  // as declared (max as given, for import matching)
  size_t reserved;    // bytes of address space reserved, 0 if heap-allocated
  bool in_instance;   // lives in its instance's block (freed with it)
  ward_memory_t *next;
};

struct ward_table {
  void **elems; // funcref: ward_func_t*; others: references as in cells (runtime/gc.h)
  ward_store_t *store;
  uint64_t size, cap;
  uint64_t max; // effective cap
  wd_tabletype_t type;
  const wd_module_t *tm; // the module whose type indices type.elem names, or NULL
  bool in_instance;      // lives in its instance's block (freed with it)
  bool elems_inline;     // elems too (a larger table gets its own)
  ward_table_t *next;
};

struct ward_tag {
  const wd_functype_t *type; // in the module, or `own_type` for host tags
  const struct wd_rtt *rtt;  // its type's canonical type (ir/rtt.h)
  const wd_module_t *tm;     // the module whose type indices type names, or NULL
  wd_functype_t own_type;
  ward_tag_t *next; // store list (host tags)
};

// Exceptions (struct ward_exn) are heap objects: runtime/gc.h.

struct ward_global {
  wd_globaltype_t type;
  ward_store_t *store;
  const wd_module_t *tm; // the module whose type indices type.type names, or NULL
  wd_cell_t val[2];
  bool in_instance; // lives in its instance's block (freed with it)
  ward_global_t *next;
};

typedef struct wd_elemseg {
  uint32_t n; // 0 once dropped
  void **refs;
} wd_elemseg_t;

typedef struct wd_dataseg {
  const uint8_t *bytes;
  uint32_t len; // 0 once dropped
} wd_dataseg_t;

struct ward_instance {
  ward_store_t *store;
  const ward_module_t *module;
  const wd_module_t *m;
  ward_func_t **funcs;
  ward_table_t **tables;
  ward_memory_t **memories;
  ward_global_t **globals;
  wd_elemseg_t *elems;
  wd_dataseg_t *datas;
  ward_memory_t *mem0;    // memories[0] or NULL, for the interpreter
  ward_func_t *own_funcs; // the defined functions, one array
  ward_tag_t **tags;
  ward_tag_t *own_tags; // the defined tags, one array
  ward_instance_t *next;
};

struct wd_gcobj;

// A hash set of heap objects (runtime/gc.c), open addressing: by address,
// or by the pointer their payload starts with (`by_payload`: boxes).
typedef struct wd_objtab {
  struct wd_gcobj **slots;
  size_t cap;  // a power of two, or 0
  size_t used; // slots not empty (objects and tombstones)
  size_t n;    // objects
  bool by_payload;
} wd_objtab_t;

// The store's garbage-collected heap (runtime/gc.h).
#define WD_GC_SPARE_CLASSES 33 // objects of up to 256 bytes (index: bytes / 8)

typedef struct wd_gcheap {
  wd_objtab_t objs;       // every object: membership, and the sweep's list
  wd_objtab_t host_boxes; // WD_GC_HOST boxes by host pointer (weak)
  wd_objtab_t i31_boxes;  // WD_GC_I31BOX boxes by i31 (weak)
  uintptr_t lo, hi;       // the lowest and highest object addresses yet
  uint64_t bytes;         // bytes the objects take
  uint64_t peak_bytes;    // the most `bytes` has been
  uint64_t since;         // bytes allocated since the last collection
  uint64_t live_after;    // bytes after the last collection
  uint64_t collections, allocated, freed;
  struct wd_gcobj **mark; // the mark stack
  size_t nmark, capmark;
  bool overflow; // the mark stack could not grow: rescan the heap
  void **roots;  // references the host holds, innermost scope last
  size_t nroots, caproots;
  struct ward_trap *traps; // traps holding an exception
  wd_cell_t *host_top;     // during host calls: the highest top of their callers' frames
  // Freed small objects kept for reuse, by size in 8-byte steps (gc.c),
  // linked through their first word, and the bytes they take.
  struct wd_gcobj *spare[WD_GC_SPARE_CLASSES];
  uint64_t spare_bytes;
} wd_gcheap_t;

// A call frame record (the caller's state to resume).
typedef struct wd_frame {
  const uint32_t *ip;
  wd_cell_t *fp;
  ward_func_t *func;
  // Its pinned local's register (interp/ops.def): an i32, so its low half.
  uint32_t pinned;
  // ip[0], the unit of the operation a return lands on, so that the
  // return's jump does not wait for a load from ip (wasm calls only).
  uint32_t tok;
} wd_frame_t;

struct ward_store {
  ward_engine_t *engine;
  // Limits (ward/limits.h). fuel: what is left, below 0 once overdrawn
  // between two checks; meter: the engine's WD_METER_* bits; intr: an
  // interrupt was asked for. An interrupt also sets max_depth (below) to
  // 0, so that every call fails the depth check it makes anyway and the
  // calls need no check of their own. refs: the store and each interrupt
  // handle; the struct lives until the last goes (ward_store_delete frees
  // the rest), so that a late handle writes to memory still its own.
  int64_t fuel;
  _Atomic uint32_t intr;
  // The flag the running code's loops check, where the interpreter keeps
  // one per run (its tail-call build: one load nearer to them than intr),
  // or NULL between runs; and how many ward_store_interrupt calls are
  // setting it now (limits.c: wd_store_run_enter).
  _Atomic(_Atomic uint32_t *) run_intr;
  _Atomic uint32_t intr_setters;
  _Atomic uint32_t refs;
  uint32_t meter;
  ward_store_limits_t limits;
  uint64_t mem_bytes, table_elems; // what the memories and tables take now
  ward_func_t *funcs;
  ward_memory_t *memories;
  ward_table_t *tables;
  ward_global_t *globals;
  ward_tag_t *tags;
  ward_instance_t *instances;
  // Execution state: one value stack and one frame stack per store, taken
  // on the first call (wd_store_need_stack) and given back to the engine's
  // pool by ward_store_delete. stack_end and max_depth are the limits the
  // interpreter checks: at first soft ones, within the part of a pooled
  // stack that stays resident; a call that would pass them raises them
  // towards stack_limit and depth_limit (wd_store_deepen), and may move
  // the frame records (no pointer to one is kept across a call).
  wd_cell_t *stack, *stack_end, *stack_limit;
  wd_cell_t *sp; // first free cell for a new outermost or host-nested call
  wd_frame_t *frames;
  uint32_t depth;
  // The depth limit the calls check: the soft or full limit (below), or 0
  // while an interrupt stands (ward/limits.h, runtime/limits.c); set by
  // wd_store_set_depth, read relaxed. depth_soft: that limit, interrupt
  // or not.
  _Atomic uint32_t max_depth;
  uint32_t depth_soft, depth_limit;
  void *stack_block; // the reservation holding both (NULL: from the heap)
  bool stack_deep;   // the soft limits were raised
  uint32_t nesting;  // host -> wasm re-entries on the native stack
  // With guard pages: the wasm function running, so that a memory fault,
  // which arrives by longjmp, can name it in the trap's backtrace.
  ward_func_t *cur_func;
  wd_gcheap_t gc;
};

struct ward_caller {
  ward_store_t *store;
  ward_instance_t *inst;
};

struct ward_trap {
  ward_trapcode_t code;
  int exit_status;
  char *msg;
  size_t nframes;
  ward_frame_t *frames;
  ward_exn_t *exn; // WARD_TRAP_EXCEPTION: the exception, kept alive by the trap
  ward_store_t *store;
  ward_trap_t *gc_prev, *gc_next; // with exn: the store's list of traps holding one
};

// Errors -----------------------------------------------------------------

// A new error of status st with a printf-style message and no offset; the
// one constructor every part of the API uses. NULL only if out of memory.
ward_error_t *wd_error_new(wd_status_t st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(WD_FORMAT_PRINTF, 2, 3)))
#endif
    ;
// A new error carrying the diagnostics d (status, offset, function, message).
ward_error_t *wd_error_from(const wd_diag_t *d);

// Traps ----------------------------------------------------------------

const char *wd_trap_text(ward_trapcode_t code);
// A trap with the store's current wasm backtrace (innermost first), from
// `cur` (the function executing, may be NULL) and the frame records. at:
// a unit of cur's code inside the operation that trapped (whose wasm
// instruction its frame names), or NULL if not known; each frame record's
// ip is its call's return address, so the unit before it is in the call.
ward_trap_t *wd_trap_make(ward_store_t *s, ward_trapcode_t code, const char *msg, ward_func_t *cur,
                          const uint32_t *at);
// Adds the backtrace to a trap a host function raised (at: in the call).
void wd_trap_add_backtrace(ward_trap_t *t, ward_store_t *s, ward_func_t *cur, const uint32_t *at);

// Exceptions -------------------------------------------------------------

// A new exception of tag with its values from cells, in s's heap; it may
// collect first, with the value-stack cells below top as roots (NULL: no
// collection), as wd_gc_new_struct. NULL if out of memory.
ward_exn_t *wd_exn_new(ward_store_t *s, ward_tag_t *tag, const wd_cell_t *vals, wd_cell_t *top);
// The trap for exception e that no handler caught (it keeps e alive until
// it is deleted), with the store's backtrace from cur.
ward_trap_t *wd_trap_exception(ward_store_t *s, ward_exn_t *e, ward_func_t *cur,
                               const uint32_t *at);
// Takes the exception out of a WARD_TRAP_EXCEPTION trap and deletes the
// trap (the exception is then alive only while a cell refers to it); NULL
// (the trap kept) for other traps.
ward_exn_t *wd_trap_take_exn(ward_trap_t *t);

// Objects --------------------------------------------------------------

// Creates a memory of type mt in s, capped by the engine's limit and
// counted in the store's limits (ward/limits.h). NULL on failure, with
// *why (if why is not NULL) saying why: WD_MSG_NO_ADDRESS_SPACE,
// WD_MSG_MEMORY_LIMIT, or that there was not memory enough.
ward_memory_t *wd_memory_new(ward_store_t *s, const wd_memtype_t *mt, const char **why);
// The same in a zeroed ward_memory_t the caller provides (and frees); false
// on failure, when m holds nothing to release.
bool wd_memory_init(ward_store_t *s, ward_memory_t *m, const wd_memtype_t *mt, const char **why);
#define WD_MSG_MEMORY_LIMIT "memory limit exceeded: the store's limits refuse a memory that large"
#define WD_MSG_TABLE_LIMIT "table limit exceeded: the store's limits refuse a table that large"
#define WD_MSG_NO_ADDRESS_SPACE                                                                    \
  "out of address space: cannot reserve the 8 GiB a memory takes with guard pages"
// Grows by delta pages: the old page count, or -1 when it cannot (or the
// store's limits refuse).
int64_t wd_memory_grow(ward_memory_t *mem, uint64_t delta);
// A table of type tt in s filled with init; NULL on failure, with *why
// (if not NULL) WD_MSG_TABLE_LIMIT or that there was not memory enough.
ward_table_t *wd_table_new(ward_store_t *s, const wd_tabletype_t *tt, void *init, const char **why);
// The same in a zeroed ward_table_t the caller provides (and frees), with
// its initial entries in `elems` (tt->lim.min of them, owned by the caller)
// if not NULL; false on failure, when t holds nothing to free.
bool wd_table_init(ward_store_t *s, ward_table_t *t, const wd_tabletype_t *tt, void *init,
                   void **elems, const char **why);
// Grows by delta entries set to init: the old size, or -1.
int64_t wd_table_grow(ward_table_t *t, uint64_t delta, void *init);
ward_global_t *wd_global_new(ward_store_t *s, const wd_globaltype_t *gt);
// The same in a zeroed ward_global_t the caller provides (and frees).
void wd_global_init(ward_store_t *s, ward_global_t *g, const wd_globaltype_t *gt);

// Limits (runtime/limits.c) ----------------------------------------------

// Whether the store's limits and grow hook let a memory (bytes) or table
// (elements) go from `current` to `desired` (creation: current 0), given
// its own `maximum`. True at once for no growth.
bool wd_limits_allow(ward_store_t *s, ward_externkind_t kind, uint64_t current, uint64_t desired,
                     uint64_t maximum);
// Computes mod->plan from mod->m (runtime/instance.c), what instantiating
// it needs that depends on the module alone. False if out of memory.
bool wd_module_plan(ward_module_t *mod);

// Sets the depth limit the calls check to d, or keeps it 0 while an
// interrupt stands (runtime/limits.c).
void wd_store_set_depth(ward_store_t *s, uint32_t d);
// Drops one reference to the store's struct, freeing it with the last.
void wd_store_release(ward_store_t *s);
// The trap of a failed depth check: an interrupt, or the call stack.
ward_trapcode_t wd_depth_trap(const ward_store_t *s);
// A run of the interpreter whose loops check *flag begins: ward_store_interrupt
// sets it from now on, and it is set now if an interrupt stands. Returns the
// flag of the run it nests in (a host call's), to give back to
// wd_store_run_leave when the run ends, by return or by longjmp.
_Atomic uint32_t *wd_store_run_enter(ward_store_t *s, _Atomic uint32_t *flag);
void wd_store_run_leave(ward_store_t *s, _Atomic uint32_t *outer);

// Fills ft (allocating its types) with params and results. False if out of
// memory.
bool wd_functype_init(wd_functype_t *ft, const ward_valkind_t *params, size_t np,
                      const ward_valkind_t *results, size_t nr);

// The public kind of a value type: numbers and vectors as they are;
// references by their hierarchy (funcref for func, nofunc and function
// types; externref; exnref; anyref for any, eq, i31, struct, array, none
// and struct and array types). Type indices are m's (NULL: there are none;
// an index then counts as a function type). And the value type of a public
// kind.
ward_valkind_t wd_vt_kind(const wd_module_t *m, wd_vt_t t);
wd_vt_t wd_kind_vt(ward_valkind_t k);

// Converts a cell to a public value of kind `kind` for the host: an
// externref leaves as wd_gc_extern_out gives it; anyref and exnref objects
// are rooted (wd_gc_root). False if out of memory (then *out is null).
bool wd_cell_to_val(ward_store_t *s, const wd_cell_t *c, ward_valkind_t kind, ward_val_t *out);
// Converts a public value to a cell: an externref enters as
// wd_gc_extern_in makes it, an anyref as wd_gc_any_in checks it. Never
// collects. False if out of memory or if an anyref is not one of s's.
bool wd_val_to_cell(ward_store_t *s, const ward_val_t *v, wd_cell_t *out);

// Marks (module, name) as withheld in linker l: importing it fails with
// "unknown import M::N: why". False if out of memory.
bool wd_linker_deny(ward_linker_t *l, const char *module, size_t mlen, const char *name,
                    size_t nlen, const char *why);

// The interpreter -------------------------------------------------------

// Gives s its value stack and frame array if it has none yet. False if out
// of memory.
bool wd_store_need_stack(ward_store_t *s);
// Raises s's soft stack limits one step towards the full ones (pool.c);
// false if they are the full ones already. A stack check fails only when
// WD_STACK_SHORT says so: `short_` is the check against the current
// limits, evaluated again after each of up to two steps.
bool wd_store_deepen(ward_store_t *s);
#define WD_STACK_SHORT(s, short_)                                                                  \
  ((short_) && (!wd_store_deepen(s) || (short_)) && (!wd_store_deepen(s) || (short_)))

// Calls f with its arguments in cells at `args` (which must be
// s->sp); the results replace them there. Returns NULL or a trap.
ward_trap_t *wd_interp_call(ward_store_t *s, ward_func_t *f, wd_cell_t *args);

#endif
