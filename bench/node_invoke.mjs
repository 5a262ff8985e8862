// SPDX-License-Identifier: Apache-2.0
// Calls one export of a module with no imports under node (V8) and prints
// its result and the seconds the call took (the module compiled first):
//   node bench/node_invoke.mjs MODULE.wasm EXPORT ARG
// bench/calls.sh uses it for node's column.
import { readFileSync } from 'node:fs';

const [file, name, arg] = process.argv.slice(2);
const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), {});
const t0 = process.hrtime.bigint();
const r = inst.exports[name](+arg);
console.log(r, Number(process.hrtime.bigint() - t0) / 1e9);
