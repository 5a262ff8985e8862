// SPDX-License-Identifier: Apache-2.0
// Runs a WASI preview1 command module under Node.js, for bench/run.sh:
//
//   node bench/node_wasi_runner.mjs PROGRAM.wasm [ARGS...]
//
// The module gets argv = [PROGRAM.wasm, ARGS...], an empty environment, no
// preopened directories, and Node's own stdin/stdout/stderr. Node's exit
// status is the module's (proc_exit or the return of main).
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { WASI } from 'node:wasi';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node node_wasi_runner.mjs PROGRAM.wasm [ARGS...]\n');
  process.exit(2);
}

const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
