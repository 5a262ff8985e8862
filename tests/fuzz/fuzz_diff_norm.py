#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Normalises the output of `wasm-opt --fuzz-exec-before` (binaryen) and of
# tests/fuzz/diff_binaryen (ward) so that the two can be compared line for
# line (scripts/fuzz-diff.sh; docs/fuzzing.md lists each rule and why):
#
# 1. Traps: binaryen's messages name its own operations ("i32.div_s by 0",
#    "final > memory: 70000 > 65536"), ward's are the spec's ("integer
#    divide by zero"); both become the spec's words. The three ways an
#    indirect call fails on its target (null entry, type mismatch, and
#    binaryen's "cast failure" for return_call_indirect, which covers
#    both) are one class, "indirect call: null or type mismatch";
#    call_indirect past the table's end is "out of bounds table access" on
#    both sides (ward's "undefined element").
# 2. Host limits: binaryen stops a call 200 frames deep ("[host limit
#    stack limit]", and ignores the whole run when comparing its own
#    results); ward allows 1000. From the first export whose output shows
#    a host limit on either side, nothing more is compared: the export's
#    line stays, followed by "[host limit]".
# 3. NaNs (only with --nans, for modules not run through --denan): every
#    printed NaN, of any sign and payload, is "nan". The spec lets an
#    operation return any canonical NaN, or any arithmetic NaN if an input
#    was a NaN that was not canonical: the bits differ between engines.
#
# Usage: fuzz_diff_norm.py [--nans] BINARYEN_OUT WARD_OUT NORM_B NORM_W
import re
import sys

TRAP_CLASSES = [
    (r"unreachable$", "unreachable"),
    (r"(i32|i64)\.(div|rem)_[su] by 0$|integer divide by zero$", "integer divide by zero"),
    (r"(i32|i64)\.div_s overflow$|(i32|i64)\.trunc[SU]Float overflow$|integer overflow$",
     "integer overflow"),
    (r"trunc[SU]Float of nan$|invalid conversion to integer$", "invalid conversion to integer"),
    (r"(offset|final|bytes|highest) > memory|out of bounds memory access"
     r"|out of bounds segment access in memory\.(init|copy)$"
     r"|out of bounds segment access in array\.(new|init)_data$", "out of bounds memory access"),
    (r"out of bounds table access|RuntimeTable::set out of bounds"
     r"|out of bounds segment access in table\.(init|copy)$|undefined element\b"
     r"|out of bounds segment access in array\.(new|init)_elem$",
     "out of bounds table access"),
    (r"null target in call_indirect$|callIndirect: non-subtype$"
     r"|cast failure in call_indirect$|non-function target in call_indirect$"
     r"|uninitialized element\b|indirect call type mismatch\b",
     "indirect call: null or type mismatch"),
    (r"null ref$|null reference$|null exception reference$"
     r"|null (structure|array|i31|function) reference$", "null reference"),
    # Wasm GC (Wasm 3.0).
    (r"array oob$|oob$|out of bounds array access( in array\.(fill|init|copy))?$",
     "out of bounds array access"),
    (r"cast error$|cast failure$", "cast failure"),
    (r"allocation failure$|out of memory$", "out of memory"),
]

NAN = re.compile(r"-?nan(:0x[0-9a-f]+)?")


def trap_class(message):
    for pattern, name in TRAP_CLASSES:
        if re.match(pattern, message):
            return name
    return message


def normalise(lines, nans):
    out = []
    for line in lines:
        m = re.match(r"\[trap (.*)\]$", line)
        if m:
            line = "[trap %s]" % trap_class(m.group(1))
        if nans:
            line = NAN.sub("nan", line)
        out.append(line)
    return out


def blocks(lines):
    """Splits the lines into a preamble and one block per export."""
    result = [[]]
    for line in lines:
        if line.startswith("[fuzz-exec] export "):
            result.append([])
        result[-1].append(line)
    return result


def first_host_limit(bs):
    for i, b in enumerate(bs):
        if any(line.startswith("[host limit") for line in b):
            return i
    return len(bs)


def main():
    args = sys.argv[1:]
    nans = False
    if args and args[0] == "--nans":
        nans = True
        args = args[1:]
    if len(args) != 4:
        sys.exit("usage: fuzz_diff_norm.py [--nans] BINARYEN_OUT WARD_OUT NORM_B NORM_W")
    sides = []
    for path in args[:2]:
        with open(path, errors="replace") as f:
            sides.append(blocks(normalise(f.read().splitlines(), nans)))
    cut = min(first_host_limit(bs) for bs in sides)
    for bs, path in zip(sides, args[2:]):
        kept = bs[:cut]
        if cut < len(bs):
            kept.append([bs[cut][0], "[host limit]"] if cut > 0 else ["[host limit]"])
        with open(path, "w") as f:
            for b in kept:
                for line in b:
                    f.write(line + "\n")


if __name__ == "__main__":
    main()
