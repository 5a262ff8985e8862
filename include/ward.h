// SPDX-License-Identifier: Apache-2.0
// ward: a WebAssembly runtime. The umbrella header of its C embedding API.
//
// Ownership, stated once for the whole API:
// - A function named *_new returns an object the caller owns and frees with
//   the matching *_delete. Every *_delete accepts NULL, and does nothing.
// - Functions, tables, memories, globals and instances belong to the store
//   they were created in and live until ward_store_delete; they have no
//   *_delete of their own.
// - A module is shared by value: ward_module_new copies the bytes it keeps,
//   so the caller may free its buffer at once. A module may be instantiated
//   in any store of the same engine, and must outlive those stores.
// - An engine must outlive the modules and stores made with it
//   (ward_store_delete gives the store's memories and stack back to it).
// - A `ward_error_t **` or `ward_trap_t **` out-parameter receives NULL on
//   success, or an object the caller owns.
// - Names are byte strings with a length (WebAssembly names may hold NUL).
//
// Threads: an engine and a module may be shared between threads: several
// threads may create modules in one engine, and instantiate and run one
// module in stores of their own, at once. A store, and everything in it
// (and a linker, which holds a store's externs), is used by one thread at
// a time. Delete an object only when no thread uses it any more.
#ifndef WARD_H
#define WARD_H

#include "ward/common.h"
#include "ward/engine.h"
#include "ward/module.h"
#include "ward/func.h"
#include "ward/extern.h"
#include "ward/instance.h"
#include "ward/trap.h"
#include "ward/gc.h"
#include "ward/wasi.h"
#include "ward/limits.h"

#endif
