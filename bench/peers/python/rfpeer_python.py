#!/usr/bin/python3
"""The plain-Python peer of the rfsweep reference workload: a loop over stacks and layers,
each layer a tuple, no NumPy.

Usage: /usr/bin/python3 rfpeer_python.py FILE [--warmup S] [--passes P] [--seconds S]
"""
import os
import struct
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import peerlib as lib  # noqa: E402

MASK = (1 << 64) - 1


def load(path):
    data = open(path, "rb").read()
    stacks, layers, in_h, in_w, in_c = lib.read_header(data, path)
    flat = struct.unpack_from(f"<{stacks * layers * lib.FIELDS}i", data, 32)
    f = lib.FIELDS
    nets = [[tuple(flat[(s * layers + l) * f:(s * layers + l + 1) * f]) for l in range(layers)]
            for s in range(stacks)]
    return stacks, layers, in_h, in_w, in_c, nets


def evaluate_stack(net, h, w, c):
    """(valid, out_h, out_w, out_c, rf_h, rf_w, stride_h, stride_w, pad_h, pad_w, params, macs)."""
    rf_h = rf_w = jump_h = jump_w = 1
    pad_h = pad_w = params = macs = 0
    for op, kh, kw, sh, sw, dh, dw, ph, pw, cl in net:
        if op == lib.OP_MAXPOOL and (ph > kh // 2 or pw > kw // 2):
            return (False,)
        ekh = dh * (kh - 1) + 1
        ekw = dw * (kw - 1) + 1
        oh = (h + 2 * ph - ekh) // sh + 1
        ow = (w + 2 * pw - ekw) // sw + 1
        if oh < 1 or ow < 1:
            return (False,)
        if op == lib.OP_CONV:
            params += cl * c * kh * kw + cl
            macs += oh * ow * cl * c * kh * kw
            c = cl
        elif op == lib.OP_SEPCONV:
            params += c * kh * kw + cl * (c + 1)
            macs += oh * ow * c * (kh * kw + cl)
            c = cl
        rf_h += (ekh - 1) * jump_h
        rf_w += (ekw - 1) * jump_w
        pad_h += ph * jump_h
        pad_w += pw * jump_w
        jump_h *= sh
        jump_w *= sw
        h, w = oh, ow
    return True, h, w, c, rf_h, rf_w, jump_h, jump_w, pad_h, pad_w, params, macs


def evaluate(nets, in_h, in_w, in_c):
    total = 0
    for net in nets:
        r = evaluate_stack(net, in_h, in_w, in_c)
        if r[0]:
            total += r[4] + r[10] + r[11]
    return total & MASK


def main():
    args = lib.parse_args(__doc__, passes=3, seconds=1.0, warmup=0.0)
    stacks, layers, in_h, in_w, in_c, nets = load(args.file)
    lib.run("python", stacks, layers, lambda: evaluate(nets, in_h, in_w, in_c), args)


if __name__ == "__main__":
    main()
