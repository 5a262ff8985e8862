// SPDX-License-Identifier: Apache-2.0
// Embedding ward: a host program that runs a WebAssembly module, step by
// step. It
//   1. configures an engine with limits and creates a store,
//   2. loads the guest module (guest.wasm, made from guest.wat),
//   3. gives it a host function, `host.log`, with state of its own,
//   4. instantiates it and calls its exports with arguments and results,
//   5. writes into its linear memory and reads it back,
//   6. handles traps: the guest's, and one its host function raises,
//   7. runs into the limits of step 1: the call stack, the memory, fuel,
//      and a watchdog that interrupts a guest stuck in a loop,
//   8. frees everything.
// Each step is marked "Step N" below; main, at the end, runs them in order.
// Build it against an installed ward with CMake (CMakeLists.txt here) or
// pkg-config; docs/embedding.md explains both, and the API in general.
//
//   wat2wasm --debug-names guest.wat -o guest.wasm
//   cc embed.c $(pkg-config --cflags --libs ward) -o embed
//   ./embed guest.wasm
#include <ward.h> // the whole API: engines, stores, modules, instances, ...

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// ---------------------------------------------------------------------------
// Helpers: reading a file, reporting failures.

// Reads a whole file into a malloc'd buffer; NULL if it cannot.
static uint8_t *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  uint8_t *buf = NULL;
  size_t len = 0, cap = 0, n;
  do {
    if (len == cap) {
      cap = cap ? 2 * cap : 4096;
      uint8_t *bigger = realloc(buf, cap);
      if (!bigger) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = bigger;
    }
    n = fread(buf + len, 1, cap - len, f);
    len += n;
  } while (n > 0);
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    return NULL;
  }
  *size = len;
  return buf;
}

// Most calls return a ward_error_t * that is NULL on success. An error is
// the caller's to free. Returns whether there was one (and reports it).
static bool failed(ward_error_t *err, const char *what) {
  if (!err)
    return false;
  fprintf(stderr, "embed: %s: %s\n", what, ward_error_message(err));
  ward_error_delete(err);
  return true;
}

// The checks this program makes of the guest's answers.
static int failures = 0;
static void expect(bool ok, const char *what) {
  if (!ok) {
    printf("UNEXPECTED: %s\n", what);
    failures++;
  }
}

// Prints a trap: its message, then the wasm backtrace, innermost frame
// first. ward_trap_format works like snprintf: called with no buffer, it
// returns the length it needs.
static void print_trap(const ward_trap_t *trap) {
  size_t len = ward_trap_format(trap, NULL, 0);
  char *text = malloc(len + 1);
  if (!text)
    return;
  ward_trap_format(trap, text, len + 1);
  printf("trap: %s", text); // the text ends with a newline
  free(text);
}

// The function the instance exports as `name` (exports are looked up by
// name; names are byte strings with a length).
static ward_func_t *export_func(const ward_instance_t *inst, const char *name) {
  ward_extern_t ext;
  if (!ward_instance_export(inst, name, strlen(name), &ext) || ext.kind != WARD_EXTERN_FUNC) {
    fprintf(stderr, "embed: the guest exports no function '%s'\n", name);
    return NULL;
  }
  return ext.of.func;
}

// Calls f, a call expected to return. ward_func_call has three outcomes:
// it returns NULL and sets *trap to NULL when the call returned (results
// filled in); it returns NULL and sets *trap when the wasm code trapped;
// and it returns an error when the call itself was wrong (argument count
// or kinds), without running anything. Here the last two are failures:
// false, after printing and freeing the trap or error.
static bool call(ward_store_t *store, ward_func_t *f, const char *name, const ward_val_t *args,
                 size_t nargs, ward_val_t *results, size_t nresults) {
  ward_trap_t *trap = NULL;
  if (failed(ward_func_call(store, f, args, nargs, results, nresults, &trap), name))
    return false;
  if (trap) {
    printf("%s: ", name);
    print_trap(trap);
    ward_trap_delete(trap);
    return false;
  }
  return true;
}

// Calls f, a call expected to trap with `code` (see call above), and
// prints the trap. False after an error: the call could not be made.
static bool call_trapping(ward_store_t *store, ward_func_t *f, const char *name,
                          const ward_val_t *args, size_t nargs, ward_val_t *results,
                          size_t nresults, ward_trapcode_t code) {
  ward_trap_t *trap = NULL;
  if (failed(ward_func_call(store, f, args, nargs, results, nresults, &trap), name))
    return false;
  if (trap) {
    print_trap(trap); // its message and backtrace
    expect(ward_trap_code(trap) == code, name);
    ward_trap_delete(trap);
  } else {
    expect(false, name); // it returned
  }
  return true;
}

// ---------------------------------------------------------------------------
// Step 2: the module. ward_module_new decodes and validates a binary
// module; it copies what it keeps, so the buffer can go at once. Returns
// NULL (reported) if the file cannot be read or is no valid module.
static ward_module_t *load_module(ward_engine_t *engine, const char *path) {
  size_t size = 0;
  uint8_t *bytes = read_file(path, &size);
  if (!bytes) {
    fprintf(stderr, "embed: cannot read %s\n", path);
    return NULL;
  }
  ward_module_t *module = NULL;
  ward_error_t *err = ward_module_new(engine, bytes, size, &module);
  free(bytes);
  if (failed(err, path))
    return NULL;
  // What it imports, in order.
  for (size_t i = 0; i < ward_module_import_count(module); i++) {
    ward_importdesc_t imp;
    ward_module_import(module, i, &imp);
    printf("the guest imports %.*s.%.*s\n", (int)imp.module_len, imp.module, (int)imp.name_len,
           imp.name);
  }
  return module;
}

// ---------------------------------------------------------------------------
// Step 3: a host function. ward calls it with the `env` pointer given to
// ward_func_new, the calling instance (`caller`), and the arguments; it
// fills in the results (this one has none) and returns NULL, or returns a
// trap, which unwinds the wasm code that called it.

// The host function's own state, passed as `env`.
typedef struct log_state {
  const char *prefix; // put before each line
  unsigned lines;     // lines logged so far
} log_state_t;

// host.log(ptr, len): prints the guest's bytes memory[ptr, ptr+len).
static ward_trap_t *host_log(void *env, ward_caller_t *caller, const ward_val_t *args, size_t nargs,
                             ward_val_t *results, size_t nresults) {
  log_state_t *state = env;
  (void)nargs; // ward checked the count and kinds against the type: 2 i32s
  (void)results;
  (void)nresults;
  // Wasm passes i32 values as signed; addresses are unsigned.
  uint32_t ptr = (uint32_t)args[0].of.i32;
  uint32_t len = (uint32_t)args[1].of.i32;

  // The caller's memory, through its export named "memory".
  ward_extern_t mem;
  if (!ward_caller_export(caller, "memory", 6, &mem) || mem.kind != WARD_EXTERN_MEMORY)
    return ward_trap_new("log: the calling module exports no memory");

  // A host function must check the guest's pointers: they are untrusted.
  // Refusing with a trap stops the guest, which then cannot go on as if
  // the call had worked. ward_trap_new copies the message.
  size_t size = ward_memory_size(mem.of.memory);
  if (ptr > size || len > size - ptr) {
    char msg[128];
    snprintf(msg, sizeof msg, "log: bytes %llu..%llu are outside the memory (%llu bytes)",
             (unsigned long long)ptr, (unsigned long long)ptr + len, (unsigned long long)size);
    return ward_trap_new(msg);
  }
  // The memory's bytes; valid until the memory grows (see step 5).
  const uint8_t *data = ward_memory_data(mem.of.memory);
  state->lines++;
  printf("%s %.*s\n", state->prefix, (int)len, (const char *)data + ptr);
  return NULL;
}

// Steps 3 to 7, on the store and the module main made. Returns the exit
// status: 0 if the guest did all that was expected.
static int run(ward_store_t *store, ward_linker_t *linker, ward_module_t *module) {
  // -------------------------------------------------------------------------
  // Step 3: the host function, of type (i32, i32) -> (). The function type
  // is copied by ward_func_new, so it is freed right after. The function
  // belongs to the store; `log_state` lives until run returns, after the
  // last call into the guest, so it needs no finalizer.
  log_state_t log_state = {"[guest]", 0};
  ward_valkind_t log_params[2] = {WARD_I32, WARD_I32};
  ward_functype_t *log_type = ward_functype_new(log_params, 2, NULL, 0);
  ward_func_t *log_func =
      log_type ? ward_func_new(store, log_type, host_log, &log_state, NULL) : NULL;
  ward_functype_delete(log_type);
  if (!log_func) {
    fprintf(stderr, "embed: out of memory\n");
    return 1;
  }

  // -------------------------------------------------------------------------
  // Step 4: instantiate, then call exports.
  //
  // A linker resolves the module's imports by name: define "host" "log",
  // then instantiate through it. (ward_instance_new takes the imports as
  // an array in the module's import order instead.) Instantiating can fail
  // with an error (an import missing or of the wrong type) or trap (in the
  // start function, or a data segment out of bounds).
  ward_extern_t log_extern = {.kind = WARD_EXTERN_FUNC, .of.func = log_func};
  if (failed(ward_linker_define(linker, "host", 4, "log", 3, &log_extern), "defining host.log"))
    return 1;
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  if (failed(ward_linker_instantiate(linker, store, module, &inst, &trap), "instantiating"))
    return 1;
  if (trap) {
    print_trap(trap);
    ward_trap_delete(trap);
    return 1;
  }
  // The exports this program calls.
  ward_func_t *greet = export_func(inst, "greet"), *divmod = export_func(inst, "divmod"),
              *upcase = export_func(inst, "upcase"), *log_at = export_func(inst, "log_at"),
              *recurse = export_func(inst, "recurse"), *grow = export_func(inst, "grow"),
              *spin = export_func(inst, "spin");
  if (!greet || !divmod || !upcase || !log_at || !recurse || !grow || !spin)
    return 1;

  // Arguments and results are ward_val_t: a kind and a value.
  if (!call(store, greet, "greet", NULL, 0, NULL, 0))
    return 1;
  expect(log_state.lines == 1, "greet logs one line");

  ward_val_t args[2] = {{.kind = WARD_I32, .of.i32 = 17}, {.kind = WARD_I32, .of.i32 = 5}};
  ward_val_t results[2];
  if (!call(store, divmod, "divmod", args, 2, results, 2))
    return 1;
  printf("divmod(17, 5) = %d, %d\n", results[0].of.i32, results[1].of.i32);
  expect(results[0].of.i32 == 3 && results[1].of.i32 == 2, "divmod(17, 5) = 3, 2");

  // -------------------------------------------------------------------------
  // Step 5: linear memory. The exported memory's bytes are plain host
  // memory: write a string into it, have the guest change it, read it back.
  ward_extern_t mem_extern;
  if (!ward_instance_export(inst, "memory", 6, &mem_extern) ||
      mem_extern.kind != WARD_EXTERN_MEMORY) {
    fprintf(stderr, "embed: the guest exports no memory\n");
    return 1;
  }
  ward_memory_t *memory = mem_extern.of.memory;
  printf("memory: %llu pages, %zu bytes\n", (unsigned long long)ward_memory_pages(memory),
         ward_memory_size(memory));
  // The data segment at 16 is there to read.
  printf("memory[16..36] = \"%.20s\"\n", (const char *)ward_memory_data(memory) + 16);

  const char *text = "ward runs webassembly";
  uint32_t at = 1024, len = (uint32_t)strlen(text);
  if (ward_memory_size(memory) < (size_t)at + len) {
    fprintf(stderr, "embed: the guest's memory is too small\n");
    return 1;
  }
  memcpy(ward_memory_data(memory) + at, text, len);
  ward_val_t upcase_args[2] = {{.kind = WARD_I32, .of.i32 = (int32_t)at},
                               {.kind = WARD_I32, .of.i32 = (int32_t)len}};
  ward_val_t changed;
  if (!call(store, upcase, "upcase", upcase_args, 2, &changed, 1))
    return 1;
  // Fetch the data pointer again after any call: wasm code may have grown
  // the memory, which can move it.
  const char *back = (const char *)ward_memory_data(memory) + at;
  printf("upcase changed %d letters: \"%.*s\"\n", changed.of.i32, (int)len, back);
  expect(changed.of.i32 == 19 && memcmp(back, "WARD RUNS WEBASSEMBLY", len) == 0,
         "upcase of the host's string");

  // -------------------------------------------------------------------------
  // Step 6: traps. A trap is an object the caller owns: its code, its
  // message, and the wasm frames it went through (names come from the
  // module's name section: wat2wasm --debug-names).
  args[0].of.i32 = 1;
  args[1].of.i32 = 0;
  if (!call_trapping(store, divmod, "divmod(1, 0)", args, 2, results, 2, WARD_TRAP_INT_DIV_ZERO))
    return 1;
  // The host function's trap, when the guest logs bytes beyond its memory.
  ward_val_t log_args[2] = {{.kind = WARD_I32, .of.i32 = 65530}, {.kind = WARD_I32, .of.i32 = 100}};
  if (!call_trapping(store, log_at, "log_at(65530, 100)", log_args, 2, NULL, 0, WARD_TRAP_HOST))
    return 1;
  // A trap ends that call, not the instance: it can be called again.
  args[0].of.i32 = 100;
  args[1].of.i32 = 7;
  if (!call(store, divmod, "divmod", args, 2, results, 2))
    return 1;
  printf("after the traps, divmod(100, 7) = %d, %d\n", results[0].of.i32, results[1].of.i32);
  expect(results[0].of.i32 == 14 && results[1].of.i32 == 2, "divmod(100, 7) = 14, 2");

  // -------------------------------------------------------------------------
  // Step 7: the limits set in step 1.
  //
  // max_call_depth: 500 frames deep is fine, 5000 is not. The trap's
  // backtrace has a frame per level: print only the innermost one.
  ward_val_t depth = {.kind = WARD_I32, .of.i32 = 500};
  ward_val_t got;
  if (!call(store, recurse, "recurse", &depth, 1, &got, 1))
    return 1;
  printf("recurse(500) = %d\n", got.of.i32);
  expect(got.of.i32 == 500, "recurse(500) = 500");
  depth.of.i32 = 5000;
  if (failed(ward_func_call(store, recurse, &depth, 1, &got, 1, &trap), "recurse"))
    return 1;
  expect(trap && ward_trap_code(trap) == WARD_TRAP_STACK_EXHAUSTED, "recurse(5000) traps");
  ward_frame_t innermost;
  if (trap && ward_trap_frame(trap, 0, &innermost)) {
    printf("recurse(5000): trap: %s, innermost frame: %s\n", ward_trap_message(trap),
           innermost.func_name ? innermost.func_name : "<unnamed>");
    expect(ward_trap_frame_count(trap) >= 1000, "a frame per level in the backtrace");
  }
  ward_trap_delete(trap);

  // max_memory_pages: the memory may grow to 16 pages, no further;
  // memory.grow returns -1 then, as the spec says, and the guest goes on.
  ward_val_t pages = {.kind = WARD_I32, .of.i32 = 3};
  if (!call(store, grow, "grow", &pages, 1, &got, 1))
    return 1;
  printf("grow(3) = %d\n", got.of.i32);
  expect(got.of.i32 == 1, "grow(3) = 1 (the old size)");
  pages.of.i32 = 100;
  if (!call(store, grow, "grow", &pages, 1, &got, 1))
    return 1;
  printf("grow(100) = %d\n", got.of.i32);
  expect(got.of.i32 == -1, "grow(100) = -1 (beyond max_memory_pages)");
  // The host may grow it too, under the same limit.
  uint64_t old_pages = 0;
  bool grew = ward_memory_grow(memory, 12, &old_pages);
  printf("host: grow by 12 pages from %llu: %s\n", (unsigned long long)old_pages,
         grew ? "done" : "refused");
  bool grew_more = ward_memory_grow(memory, 1, &old_pages);
  printf("host: grow by 1 more page: %s\n", grew_more ? "done" : "refused");
  printf("memory: %llu pages\n", (unsigned long long)ward_memory_pages(memory));
  expect(grew && !grew_more && ward_memory_pages(memory) == 16, "the memory stops at 16 pages");
  // The string written in step 5 is still there, wherever the bytes now are.
  expect(memcmp(ward_memory_data(memory) + at, "WARD RUNS WEBASSEMBLY", len) == 0,
         "memory contents survive growth");

  // Fuel (consume_fuel): the store was given 10 million units in step 1.
  // Each wasm instruction costs one; the count is deterministic. `spin`
  // never returns, so it runs until the fuel is gone.
  uint64_t fuel = 0;
  ward_error_t *err = ward_store_get_fuel(store, &fuel);
  expect(!err && fuel > 0 && fuel < 10000000, "some fuel spent, some left");
  ward_error_delete(err);
  if (failed(ward_func_call(store, spin, NULL, 0, NULL, 0, &trap), "spin"))
    return 1;
  printf("spin: trap: %s\n", trap ? ward_trap_message(trap) : "none");
  expect(trap && ward_trap_code(trap) == WARD_TRAP_OUT_OF_FUEL, "spin runs out of fuel");
  ward_trap_delete(trap);
  ward_error_delete(ward_store_get_fuel(store, &fuel));
  printf("fuel left: %llu\n", (unsigned long long)fuel);

  // Interruption (interruptible): with fuel to spare now, a watchdog (a
  // thread of ward's) interrupts `spin` after 50 ms. Another thread of the
  // host's own could call ward_store_interrupt(store) just the same.
  ward_error_delete(ward_store_set_fuel(store, UINT64_MAX));
  ward_interrupt_handle_t *handle = ward_interrupt_handle_new(store);
  ward_watchdog_t *watchdog = handle ? ward_watchdog_new(handle, 50 * 1000000) : NULL;
  if (watchdog) {
    if (failed(ward_func_call(store, spin, NULL, 0, NULL, 0, &trap), "spin"))
      return 1;
    printf("spin: trap: %s\n", trap ? ward_trap_message(trap) : "none");
    expect(trap && ward_trap_code(trap) == WARD_TRAP_INTERRUPT, "the watchdog stops spin");
    ward_trap_delete(trap);
  } else {
    // WebAssembly (WASI) has no threads, so no watchdog: say what it would.
    printf("spin: trap: interrupt\n");
  }
  ward_watchdog_delete(watchdog);
  ward_interrupt_handle_delete(handle);
  // The request stands until it is withdrawn: the store runs again after.
  ward_store_interrupt_clear(store);

  printf("the guest logged %u line(s)\n", log_state.lines);
  if (failures) {
    printf("%d unexpected result(s)\n", failures);
    return 1;
  }
  printf("all as expected\n");
  return 0;
}

// Decides each growth (and creation) of a memory or table of the store
// that its limits allow: here it allows all and counts them.
static unsigned grow_decisions;
static bool grow_hook(void *env, ward_externkind_t kind, uint64_t current, uint64_t desired,
                      uint64_t maximum) {
  (void)env;
  (void)maximum;
  grow_decisions++;
  printf("grow hook: %s from %llu to %llu bytes\n", kind == WARD_EXTERN_MEMORY ? "memory" : "table",
         (unsigned long long)current, (unsigned long long)desired);
  return true;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "guest.wasm";

  // -------------------------------------------------------------------------
  // Step 1: an engine, configured, and a store.
  //
  // An engine holds the configuration; modules are compiled for one. Start
  // from the defaults (ward_config_init), then set the limits:
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.max_call_depth = 1000;   // wasm frames on one call stack
  cfg.stack_cells = 64 * 1024; // the store's value stack: 64 Ki 8-byte cells
  cfg.max_memory_pages = 16;   // no linear memory grows past 16 pages (1 MiB)
  cfg.consume_fuel = true;     // code counts the instructions it runs (fuel)
  cfg.interruptible = true;    // and another thread may stop it
  ward_engine_t *engine = ward_engine_new(&cfg);
  // A store holds the runtime objects: instances, their memories, tables,
  // globals and functions, host functions too. They all live until the
  // store is deleted. One thread at a time may use a store; an engine and
  // its modules may be shared between threads, each with stores of its own.
  ward_store_t *store = engine ? ward_store_new(engine) : NULL;
  // Per store: fuel to run on (a new store has none), and the most linear
  // memory and table elements all its instances may take together, here
  // with a hook that sees every growth (ward/limits.h).
  if (store) {
    ward_error_delete(ward_store_set_fuel(store, 10000000));
    ward_store_limits_t limits;
    ward_store_limits_init(&limits);
    limits.max_memory_bytes = 2 << 20;
    limits.max_table_elements = 1000;
    limits.grow_hook = grow_hook;
    ward_store_set_limits(store, &limits);
  }
  // A linker: names for the module's imports (step 4).
  ward_linker_t *linker = engine ? ward_linker_new(engine) : NULL;
  ward_module_t *module = NULL;
  int status = 1;
  if (!store || !linker)
    fprintf(stderr, "embed: out of memory\n");
  else if ((module = load_module(engine, path)) != NULL) // step 2
    status = run(store, linker, module);                 // steps 3 to 7

  // -------------------------------------------------------------------------
  // Step 8: free everything (each ward_*_delete accepts NULL). Instances,
  // memories and functions go with their store; a module must outlive the
  // stores that instantiated it, and an engine everything made with it.
  ward_linker_delete(linker);
  ward_store_delete(store);
  ward_module_delete(module);
  ward_engine_delete(engine);
  return status;
}
