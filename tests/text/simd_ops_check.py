#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Checks src/ir/simd_ops.def against wabt, and ward's text parser against
# both: a module with one function per SIMD / relaxed-SIMD instruction of
# the table (with its immediates) goes through `wat2wasm --enable-all` and
# through `text_spec --wat`; the two binaries must be identical, and each
# function body must be 0xFD, the row's sub-opcode, and immediates whose
# memarg alignment is the row's natural one (log2 N).
#
#   simd_ops_check.py SIMD_OPS_DEF TEXT_SPEC_BINARY [WAT2WASM]
# text_spec runs through the words of $WARD_RUNNER, as in the shell scripts
# (tests/lib/ward_runner.sh): an emulator for a cross build.
import os
import re
import subprocess
import sys
import tempfile

# wabt 1.0.32 knows two relaxed instructions by their older names.
WABT_NAMES = {
    'i16x8.relaxed_dot_i8x16_i7x16_s': 'i16x8.dot_i8x16_i7x16_s',
    'i32x4.relaxed_dot_i8x16_i7x16_add_s': 'i32x4.dot_i8x16_i7x16_add_s',
}


def leb(b, p):
    r = s = 0
    while True:
        x = b[p]
        p += 1
        r |= (x & 0x7f) << s
        s += 7
        if x < 0x80:
            return r, p


def module(rows, wabt):
    src = '(module (memory 1)\n'
    for _, text, _, imm, _, _ in rows:
        i = WABT_NAMES.get(text, text) if wabt else text
        if imm == 'MEMARG':
            i += ' offset=3'
        elif imm == 'MEMARG_LANE':
            i += ' offset=3 1'
        elif imm == 'LANE':
            i += ' 1'
        elif imm == 'CONST16':
            i += ' i32x4 1 2 3 4'
        elif imm == 'SHUFFLE':
            i += ' ' + ' '.join(str(k) for k in range(16))
        src += '(func %s)\n' % i
    return src + ')\n'


def bodies(b):
    p = 8
    while p < len(b):
        sid = b[p]
        size, q = leb(b, p + 1)
        if sid == 10:
            break
        p = q + size
    n, q = leb(b, q)
    for _ in range(n):
        size, q = leb(b, q)
        yield b[q:q + size]
        q += size


def main():
    deffile, text_spec = sys.argv[1], sys.argv[2]
    wat2wasm = sys.argv[3] if len(sys.argv) > 3 else 'wat2wasm'
    rows = []
    for line in open(deffile):
        m = re.match(r'WD_SIMD\((\w+), \w+, "([^"]+)", 0x([0-9a-f]+), (\w+), (\d+), (\w+)\)', line)
        if m:
            rows.append(m.groups())
    bad = 0
    if len(rows) != 256:
        print('expected 256 rows (236 SIMD + 20 relaxed), found %d' % len(rows))
        bad += 1
    with tempfile.TemporaryDirectory() as d:
        ours, theirs = os.path.join(d, 'ours'), os.path.join(d, 'theirs')
        open(ours + '.wat', 'w').write(module(rows, False))
        open(theirs + '.wat', 'w').write(module(rows, True))
        runner = os.environ.get('WARD_RUNNER', '').split()
        subprocess.check_call(runner + [text_spec, '--wat', ours + '.wat', ours + '.wasm'])
        subprocess.check_call([wat2wasm, '--enable-all', '--no-check', theirs + '.wat', '-o',
                               theirs + '.wasm'])
        a = open(ours + '.wasm', 'rb').read()
        b = open(theirs + '.wasm', 'rb').read()
        if a != b:
            print('ward and wat2wasm give different bytes')
            bad += 1
        for row, body in zip(rows, bodies(b)):
            name, text, op, imm, n, _ = row
            sub, r = leb(body, 2)
            if body[1] != 0xfd or sub != int(op, 16):
                print('%s: sub-opcode 0x%x in wabt, 0x%s in the table' % (text, sub, op))
                bad += 1
            if imm.startswith('MEMARG'):
                align, r = leb(body, r)
                if 1 << align != int(n):
                    print('%s: natural alignment %d in wabt, %s in the table' % (text, 1 << align, n))
                    bad += 1
    print('%d rows checked, %d problems' % (len(rows), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
