#!/usr/bin/python3
"""Golden results for random layer stacks, from real PyTorch.

Usage:
    /usr/bin/python3 tools/golden/gen_stack_goldens.py [OUTPUT_CSV]

Default output: core/src/test/resources/golden/pytorch_stacks.csv (relative to the repo root).

Draws random stacks of 1 to 12 layers (conv, dwconv, sepconv, maxpool, avgpool, bn, relu, and
now and then a final gap and/or fc) on random inputs (1..300 per axis, 1..64 channels), builds
and runs each in PyTorch with the builder of gen_layer_goldens.py, and keeps them until the
quotas below are met (about 85 % valid rows). Networks with more than MAX_PARAMS parameters or
an estimated CPU time above MAX_SECONDS are skipped before they are built; the selection is
deterministic (fixed seed, torch run on one thread), so two runs write identical files.
"""
import math
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

import gen_layer_goldens as g  # noqa: E402

SEED = 20261128
DEFAULT_OUT = os.path.join(g.REPO, "core", "src", "test", "resources", "golden", "pytorch_stacks.csv")

QUOTA = {"valid": 2550, "output_too_small": 220, "pool_padding": 115, "groups": 115}
MAX_PARAMS = 5_000_000
MAX_SECONDS = 0.25  # estimated, per network; see Skip

L = g.L


class Skip(Exception):
    """Raised by the precheck: the network is too big or too slow; it is not written."""


class Budget:
    """Rough cost model, used only to decide which random networks to skip (never for output).

    conv-like: MACs at 40 G/s; pools: window reads at 0.25 G/s; elementwise: 1 G/s."""

    def __init__(self):
        self.seconds = 0.0
        self.params = 0

    def __call__(self, i, layer, x):
        _, c, h, w = x.shape
        op = layer["op"]
        if op in ("conv", "dwconv", "sepconv", "maxpool", "avgpool"):
            kh, kw = g.ax(layer["k"])
            sh, sw = g.ax(layer.get("s", layer["k"] if op.endswith("pool") else 1))
            area = max(1, (h // sh + 1) * (w // sw + 1))
            if op == "conv":
                cout, cin_g = layer["c"], max(1, c // layer.get("g", 1))
                self.params += cout * cin_g * kh * kw + cout
                self.seconds += area * cout * cin_g * kh * kw / 40e9
            elif op == "dwconv":
                cout = layer.get("c", c)
                self.params += cout * kh * kw + cout
                self.seconds += area * cout * kh * kw / 40e9 * 4
            elif op == "sepconv":
                self.params += c * kh * kw + layer["c"] * (c + 1)
                self.seconds += area * c * (kh * kw * 4 + layer["c"]) / 40e9
            else:
                self.seconds += area * c * kh * kw / 0.25e9
        elif op == "fc":
            self.params += c * h * w * layer["c"] + layer["c"]
        else:
            self.params += 2 * c
            self.seconds += c * h * w / 1e9
        if self.params > MAX_PARAMS or self.seconds > MAX_SECONDS:
            raise Skip()


def log_int(rng, lo, hi):
    """Integer in [lo, hi], roughly log-uniform."""
    return min(hi, max(lo, int(math.exp(rng.uniform(math.log(lo), math.log(hi + 1))))))


def pick_channels(rng):
    return log_int(rng, 1, 64)


def axis_pair(rng, choices, square_p):
    a = rng.choice(choices)
    return a if rng.random() < square_p else (a, rng.choice(choices))


def pick_pad(rng, k, d, allow_tf, bad_p=0.0, pool=False, ceil=False):
    """A padding value for a layer with kernel k (int or pair) and dilation d."""
    kh, kw = g.ax(k)
    dh, dw = g.ax(d)
    r = rng.random()
    if allow_tf and r < 0.06:
        return "same"
    if allow_tf and r < 0.1:
        return "valid"
    lim_h = kh // 2 if pool else (dh * (kh - 1)) // 2 + 1
    lim_w = kw // 2 if pool else (dw * (kw - 1)) // 2 + 1
    if pool and rng.random() < bad_p:
        lim_h, lim_w = lim_h + 1, lim_w + 1  # may break the pool padding rule
    r = rng.random()
    if r < 0.35:
        return 0
    if r < 0.65:
        return min(lim_h, lim_w) if rng.random() < 0.7 else rng.randint(0, min(lim_h, lim_w))
    if r < 0.8:
        return (rng.randint(0, lim_h), rng.randint(0, lim_w))
    # asymmetric
    t, b = rng.randint(0, lim_h), rng.randint(0, lim_h)
    l, rr = rng.randint(0, lim_w), rng.randint(0, lim_w)
    if ceil:  # torch defines ceil mode only for before >= after
        t, b = max(t, b), min(t, b)
        l, rr = max(l, rr), min(l, rr)
    if rng.random() < 0.4:
        return ("ab", t, b)
    return ((t, b), (l, rr))


def conv_layer(rng, cin):
    k = axis_pair(rng, [1, 1, 2, 3, 3, 3, 3, 5, 7], 0.8)
    s = axis_pair(rng, [1, 1, 1, 2, 2, 3, 4], 0.85)
    d = 1 if rng.random() < 0.85 else axis_pair(rng, [1, 2, 3], 0.7)
    lay = {"k": k, "c": pick_channels(rng)}
    if s != 1:
        lay["s"] = s
    p = pick_pad(rng, k, d, True)
    if p != 0:
        lay["p"] = p
    if d != 1:
        lay["d"] = d
    r = rng.random()
    if r < 0.15:
        divs = [x for x in range(2, cin + 1) if cin % x == 0]
        if divs:
            gg = rng.choice(divs)
            lay["g"] = gg
            lay["c"] = gg * max(1, lay["c"] // gg)
    elif r < 0.17:
        lay["g"] = rng.randint(2, 8)  # may not divide the channels
    if rng.random() < 0.3:
        lay["bias"] = 0
    return L("conv", **lay)


def dwconv_layer(rng, cin):
    k = axis_pair(rng, [3, 3, 3, 5, 7, 1, 2], 0.85)
    s = axis_pair(rng, [1, 1, 2, 2, 3], 0.9)
    d = 1 if rng.random() < 0.85 else axis_pair(rng, [1, 2, 3], 0.8)
    lay = {"k": k}
    if s != 1:
        lay["s"] = s
    p = pick_pad(rng, k, d, True)
    if p != 0:
        lay["p"] = p
    if d != 1:
        lay["d"] = d
    r = rng.random()
    if r < 0.15:
        lay["c"] = cin * rng.randint(2, 3)
    elif r < 0.2:
        lay["c"] = pick_channels(rng)  # may not be a multiple of the input channels
    if rng.random() < 0.4:
        lay["bias"] = 0
    return L("dwconv", **lay)


def sepconv_layer(rng, cin):
    k = axis_pair(rng, [3, 3, 3, 5, 7], 0.9)
    s = axis_pair(rng, [1, 1, 2, 2, 3], 0.9)
    d = 1 if rng.random() < 0.85 else rng.choice([2, 3])
    lay = {"k": k}
    if s != 1:
        lay["s"] = s
    p = pick_pad(rng, k, d, True)
    if p != 0:
        lay["p"] = p
    if d != 1:
        lay["d"] = d
    lay["c"] = pick_channels(rng)
    if rng.random() < 0.3:
        lay["bias"] = 0
    return L("sepconv", **lay)


def pool_layer(rng, op):
    k = axis_pair(rng, [2, 2, 3, 3, 1, 4, 5], 0.85)
    lay = {"k": k}
    if rng.random() < 0.5:
        s = axis_pair(rng, [1, 2, 2, 3, 4], 0.85)
        if s != k:
            lay["s"] = s
    d = 1
    if op == "maxpool" and rng.random() < 0.15:
        d = axis_pair(rng, [1, 2, 3], 0.8)
        if d != 1:
            lay["d"] = d
    ceil = rng.random() < 0.4
    p = pick_pad(rng, k, d, not ceil, bad_p=0.08, pool=True, ceil=ceil)
    if p != 0:
        lay["p"] = p
    if ceil:
        lay["ceil"] = 1
    return L(op, **lay)


def random_stack(rng):
    h = rng.randint(1, 300) if rng.random() < 0.5 else log_int(rng, 1, 300)
    w = h if rng.random() < 0.5 else (rng.randint(1, 300) if rng.random() < 0.5 else log_int(rng, 1, 300))
    c = pick_channels(rng)
    n = rng.randint(1, 12)
    layers = []
    cin = c
    for _ in range(n):
        r = rng.random()
        if r < 0.32:
            lay = conv_layer(rng, cin)
        elif r < 0.42:
            lay = dwconv_layer(rng, cin)
        elif r < 0.50:
            lay = sepconv_layer(rng, cin)
        elif r < 0.63:
            lay = pool_layer(rng, "maxpool")
        elif r < 0.72:
            lay = pool_layer(rng, "avgpool")
        elif r < 0.86:
            lay = L("bn")
        else:
            lay = L("relu")
        layers.append(lay)
        if "c" in lay:
            cin = lay["c"]
    r = rng.random()
    if r < 0.08:
        layers.append(L("gap"))
    elif r < 0.13:
        layers.append(L("gap"))
        layers.append(L("fc", c=log_int(rng, 1, 1000)))
    elif r < 0.16:
        lay = {"c": log_int(rng, 1, 64)}
        if rng.random() < 0.3:
            lay["bias"] = 0
        layers.append(L("fc", **lay))
    return layers[:12], h, w, c


def main(argv):
    path = argv[1] if len(argv) > 1 else DEFAULT_OUT
    torch.set_num_threads(1)
    rng = random.Random(SEED)
    counts = {k: 0 for k in QUOTA}
    rows, seen = [], set()
    tried = skipped = 0
    while any(counts[k] < QUOTA[k] for k in QUOTA):
        layers, h, w, c = random_stack(rng)
        tried += 1
        key = (g.fmt_arch(layers), g.fmt_input(h, w, c))
        if key in seen:
            continue
        try:
            r = g.row(layers, h, w, c, Budget())
        except Skip:
            skipped += 1
            continue
        kind = r.get("error") or "valid"
        if counts[kind] >= QUOTA[kind]:
            continue
        seen.add(key)
        counts[kind] += 1
        rows.append(r)
    g.write_csv(rows, path)
    print("%s: %d rows %s (drawn %d, skipped as too big %d), torch %s"
          % (path, len(rows), counts, tried, skipped, torch.__version__))


if __name__ == "__main__":
    main(sys.argv)
