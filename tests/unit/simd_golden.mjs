// SPDX-License-Identifier: Apache-2.0
// Makes tests/unit/simd_golden.inc: the results V8 computes for every
// non-relaxed operation of simd_ops.h on a few inputs each (specials and
// random bits), for test_simd.c to check every build of simd.h against.
//   cd tests/unit && node simd_golden.mjs > simd_golden.inc
// Needs node 20 (WebAssembly SIMD) and wabt's wat2wasm on PATH. The relaxed
// operations are left out: V8 picks its own implementation-defined results.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const opsText = readFileSync(join(here, 'simd_ops.h'), 'utf8');
const ops = [...opsText.matchAll(/X\(([a-z0-9_]+), ([A-Z0-9]+), SIMD_([A-Z0-9]+)\)/g)]
  .map((m) => ({ name: m[1], shape: m[2] }))
  .filter((o) => !o.name.includes('relaxed') && o.shape !== 'CONST');

// The text-format name: load8x8_s -> v128.load8x8_s, i8x16_add -> i8x16.add.
const wasmName = (n) =>
  /^(load|store)/.test(n) ? 'v128.' + n : n.replace('_', '.');

// Lane count of an operation with a lane immediate.
function lanes(n) {
  const m = n.match(/^(i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)/);
  if (m) return { i8x16: 16, i16x8: 8, i32x4: 4, i64x2: 2, f32x4: 4, f64x2: 2 }[m[1]];
  return { 8: 16, 16: 8, 32: 4, 64: 2 }[n.match(/(8|16|32|64)_lane/)[1]];
}

// Float results whose NaNs may differ (V8 canonicalizes some, keeps others).
const floatResult = (n) =>
  /^(f32x4|f64x2)_(add|sub|mul|div|sqrt|min|max|ceil|floor|trunc|nearest|demote|promote)/.test(
    n,
  );

// --- Inputs: deterministic, with the special values test_simd.c uses. ------
let seed = 0x2545f4914f6cdd1dn;
function rnd64() {
  seed = (seed + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  let z = seed;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return z ^ (z >> 31n);
}
const rndn = (n) => Number(rnd64() % BigInt(n));
const f32s = [
  0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000,
  0x7fc12345, 0x00000001, 0x807fffff, 0x3f800000, 0xbf000000, 0x3fc00000, 0x40200000,
  0xc0200000, 0x3effffff, 0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x4f800000,
  0x4f7fffff, 0x4affffff, 0xcaffffff, 0x7f7fffff, 0xbf7fffff,
];
const f64s = [
  0x0000000000000000n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n,
  0x7ff8000000000000n, 0x7ff4000000000000n, 0x3ff0000000000000n, 0xbfe0000000000000n,
  0x4004000000000000n, 0x0000000000000001n, 0x41e0000000000000n, 0xc1e0000000000000n,
  0x41dfffffffe00000n, 0xc1e0000000200000n, 0x41f0000000000000n, 0x41efffffffe00000n,
  0x432fffffffffffffn, 0x47efffffefffffffn, 0x47effffff0000000n, 0x3690000000000000n,
  0x3690000000000001n, 0xbfefffffffffffffn,
];
function vec() {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(0, rnd64(), true);
  dv.setBigUint64(8, rnd64(), true);
  switch (rndn(6)) {
    case 0:
      for (let i = 0; i < 4; i++) if (rndn(4)) dv.setUint32(4 * i, f32s[rndn(f32s.length)], true);
      break;
    case 1:
      for (let i = 0; i < 2; i++) if (rndn(4)) dv.setBigUint64(8 * i, f64s[rndn(f64s.length)], true);
      break;
    case 2:
      for (let i = 0; i < 16; i++) b[i] = [0, 1, 0x7f, 0x80, 0xff, 2, 16, 31][rndn(8)];
      break;
    case 3:
      for (let i = 0; i < 8; i++) dv.setUint16(2 * i, [0, 1, 0x7fff, 0x8000, 0xffff, 0x4000][rndn(6)], true);
      break;
    default:
      break; // random bits
  }
  return b;
}
function scalar() {
  switch (rndn(4)) {
    case 0: return BigInt(rndn(140));
    case 1: return BigInt(f32s[rndn(f32s.length)]);
    case 2: return f64s[rndn(f64s.length)];
    default: return rnd64();
  }
}

// --- One function per case. --------------------------------------------------
const V = (o) => `(v128.load (i32.const ${o}))`;
function body(op, imm, c) {
  const w = wasmName(op.name);
  switch (op.shape) {
    case 'V': return `(v128.store (i32.const 64) (${w} ${V(0)}))`;
    case 'VV': return `(v128.store (i32.const 64) (${w} ${V(0)} ${V(16)}))`;
    case 'VVV': return `(v128.store (i32.const 64) (${w} ${V(0)} ${V(16)} ${V(32)}))`;
    case 'SHIFT': return `(v128.store (i32.const 64) (${w} ${V(0)} (i32.load (i32.const 48))))`;
    case 'SHUF':
      return `(v128.store (i32.const 64) (${w} ${[...c].map((x) => x & 31).join(' ')} ${V(0)} ${V(16)}))`;
    case 'TEST': return `(i32.store (i32.const 64) (${w} ${V(0)}))`;
    case 'EXT32': return `(i32.store (i32.const 64) (${w} ${imm} ${V(0)}))`;
    case 'EXT64': return `(i64.store (i32.const 64) (${w} ${imm} ${V(0)}))`;
    case 'EXTF32': return `(f32.store (i32.const 64) (${w} ${imm} ${V(0)}))`;
    case 'EXTF64': return `(f64.store (i32.const 64) (${w} ${imm} ${V(0)}))`;
    case 'STLANE': return `(${w} ${imm} (i32.const 64) ${V(0)})`;
    case 'REP32': return `(v128.store (i32.const 64) (${w} ${imm} ${V(0)} (i32.load (i32.const 48))))`;
    case 'REP64': return `(v128.store (i32.const 64) (${w} ${imm} ${V(0)} (i64.load (i32.const 48))))`;
    case 'REPF32': return `(v128.store (i32.const 64) (${w} ${imm} ${V(0)} (f32.load (i32.const 48))))`;
    case 'REPF64': return `(v128.store (i32.const 64) (${w} ${imm} ${V(0)} (f64.load (i32.const 48))))`;
    case 'LDLANE32':
    case 'LDLANE64': return `(v128.store (i32.const 64) (${w} ${imm} (i32.const 48) ${V(0)}))`;
    case 'SPLAT32': return `(v128.store (i32.const 64) (${w} (i32.load (i32.const 48))))`;
    case 'SPLAT64': return `(v128.store (i32.const 64) (${w} (i64.load (i32.const 48))))`;
    case 'SPLATF32': return `(v128.store (i32.const 64) (${w} (f32.load (i32.const 48))))`;
    case 'SPLATF64': return `(v128.store (i32.const 64) (${w} (f64.load (i32.const 48))))`;
    case 'LOAD32':
    case 'LOAD64': return `(v128.store (i32.const 64) (${w} (i32.const 48)))`;
    default: throw new Error('shape ' + op.shape);
  }
}

const PER_OP = 8;
const cases = [];
for (const op of ops) {
  for (let k = 0; k < PER_OP; k++) {
    const a = vec();
    const b = vec();
    const c = vec();
    const x = scalar();
    const needsLane = /EXT|REP|LANE/.test(op.shape);
    const imm = needsLane ? rndn(lanes(op.name)) : 0;
    cases.push({ op, a, b, c, x, imm });
  }
}
const wat =
  '(module (memory (export "mem") 1)\n' +
  cases.map((t, i) => `(func (export "f${i}") ${body(t.op, t.imm, t.c)})`).join('\n') +
  ')\n';
const dir = mkdtempSync(join(tmpdir(), 'simd-golden-'));
writeFileSync(join(dir, 'g.wat'), wat);
execFileSync('wat2wasm', [join(dir, 'g.wat'), '-o', join(dir, 'g.wasm')]);
const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, 'g.wasm')));
rmSync(dir, { recursive: true });
const mem = new Uint8Array(instance.exports.mem.buffer);
const hex = (bytes) => '"' + [...bytes].map((v) => v.toString(16).padStart(2, '0')).join('') + '"';

const out = [
  '// Made by simd_golden.mjs from V8 (node ' + process.versions.node + '); do not edit.',
  '// {name, lane immediate, a, b, c, scalar, V8 result, NaN lanes compared by class}',
  '// (vectors as 32 hex digits, byte 0 first)',
];
cases.forEach((t, i) => {
  mem.fill(0, 0, 80);
  mem.set(t.a, 0);
  mem.set(t.b, 16);
  mem.set(t.c, 32);
  new DataView(mem.buffer).setBigUint64(48, t.x, true);
  instance.exports['f' + i]();
  const r = mem.slice(64, 80);
  out.push(
    `{"${t.op.name}", ${t.imm}, ${hex(t.a)}, ${hex(t.b)}, ${hex(t.c)}, 0x${t.x.toString(16)}u, ` +
      `${hex(r)}, ${floatResult(t.op.name) ? 1 : 0}},`,
  );
});
process.stdout.write(out.join('\n') + '\n');
