#!/usr/bin/python3
"""The NumPy peer of the rfsweep reference workload: one array per field and layer, every
stack evaluated at once per layer (vectorised across stacks), selects by np.where.

Usage: /usr/bin/python3 rfpeer_numpy.py FILE [--warmup S] [--passes P] [--seconds S]
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

import peerlib as lib  # noqa: E402


def load(path):
    data = open(path, "rb").read()
    stacks, layers, in_h, in_w, in_c = lib.read_header(data, path)
    body = np.frombuffer(data, dtype="<i4", offset=32).reshape(stacks, layers, lib.FIELDS)
    cols = np.ascontiguousarray(body.transpose(2, 1, 0).astype(np.int64))  # [field][layer][stack]
    return stacks, layers, in_h, in_w, in_c, cols


def evaluate(stacks, layers, in_h, in_w, in_c, cols):
    """Returns the checksum; computes out_h/w/c, rf_h/w, stride_h/w, pad_h/w, params, macs."""
    op_, kh_, kw_, sh_, sw_, dh_, dw_, ph_, pw_, c_ = cols
    oh = np.full(stacks, in_h, np.int64)
    ow = np.full(stacks, in_w, np.int64)
    c = np.full(stacks, in_c, np.int64)
    rh = np.ones(stacks, np.int64)
    rw = np.ones(stacks, np.int64)
    jh = np.ones(stacks, np.int64)
    jw = np.ones(stacks, np.int64)
    pad_h = np.zeros(stacks, np.int64)
    pad_w = np.zeros(stacks, np.int64)
    params = np.zeros(stacks, np.int64)
    macs = np.zeros(stacks, np.int64)
    ok = np.ones(stacks, bool)
    for l in range(layers):
        op, kh, kw, sh, sw = op_[l], kh_[l], kw_[l], sh_[l], sw_[l]
        ph, pw = ph_[l], pw_[l]
        ekh = dh_[l] * (kh - 1) + 1
        ekw = dw_[l] * (kw - 1) + 1
        span_h = oh + 2 * ph - ekh
        span_w = ow + 2 * pw - ekw
        oh = span_h // sh + 1
        ow = span_w // sw + 1
        conv = op == lib.OP_CONV
        sep = op == lib.OP_SEPCONV
        pool = op == lib.OP_MAXPOOL
        cout = np.where(pool, c, c_[l])
        kk = kh * kw
        sp = oh * ow
        params += np.where(conv, cout * c * kk + cout, np.where(sep, c * kk + cout * (c + 1), 0))
        macs += np.where(conv, sp * cout * c * kk, np.where(sep, sp * c * (kk + cout), 0))
        ok &= (span_h >= 0) & (span_w >= 0) & (~pool | ((2 * ph <= kh) & (2 * pw <= kw)))
        rh += (ekh - 1) * jh
        rw += (ekw - 1) * jw
        pad_h += ph * jh
        pad_w += pw * jw
        jh *= sh
        jw *= sw
        c = cout
    total = (rh + params + macs)[ok].astype(np.uint64)
    return int(total.sum(dtype=np.uint64))


def main():
    args = lib.parse_args(__doc__)
    stacks, layers, in_h, in_w, in_c, cols = load(args.file)
    lib.run("numpy", stacks, layers, lambda: evaluate(stacks, layers, in_h, in_w, in_c, cols), args)


if __name__ == "__main__":
    main()
