// SPDX-License-Identifier: Apache-2.0
// Runs a WASI preview1 command module under Node.js (20 or later):
//
//   node scripts/wasi-node.mjs [--dir HOST::GUEST]... MODULE.wasm [ARGS...]
//
// the way `ward run --dir HOST::GUEST MODULE.wasm ARGS...` does, for
// ward.wasm (docs/wasm-self.md). Exits with the program's exit code.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import process from 'node:process';
import { spawnSync } from 'node:child_process';

// Node 20 (V8 11.3) crashes now and then after ward.wasm has finished
// (SIGSEGV, SIGTRAP, or "TypeError: number 0 is not a function" from no
// script of ours, and once a hang), in its concurrent garbage collector's
// threads at exit; with --single-threaded-gc it never did in our runs
// (docs/wasm-self.md). The flag only works from the command line, so the
// runner starts itself again with it when it was not given.
if (!process.execArgv.includes('--single-threaded-gc')) {
  const r = spawnSync(
    process.execPath,
    ['--single-threaded-gc', '--no-warnings', ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 128 + 6);
}

const argv = process.argv.slice(2);
const preopens = {};
while (argv.length && argv[0] === '--dir') {
  argv.shift();
  const spec = argv.shift() ?? '';
  const sep = spec.indexOf('::');
  const host = sep < 0 ? spec : spec.slice(0, sep);
  const guest = sep < 0 ? spec : spec.slice(sep + 2);
  preopens[guest] = host;
}
if (!argv.length) {
  console.error('usage: wasi-node.mjs [--dir HOST::GUEST]... MODULE.wasm [ARGS...]');
  process.exit(2);
}
const [file, ...args] = argv;
const wasi = new WASI({
  version: 'preview1',
  args: [file, ...args],
  env: {},
  preopens,
  // proc_exit ends the process at once. With returnOnExit, Node 20 turns
  // it into a JS exception that unwinds through ward.wasm's frames, and the
  // process then crashes (SIGSEGV) on its way out (docs/wasm-self.md).
  returnOnExit: false,
});
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
wasi.start(instance); // returns when _start does: exit code 0
