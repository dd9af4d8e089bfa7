#!/usr/bin/python3
"""Golden single-layer and layer-pair results from real PyTorch.

Usage:
    /usr/bin/python3 tools/golden/gen_layer_goldens.py [OUTPUT_CSV]

Default output: core/src/test/resources/golden/pytorch_layers.csv (relative to the repo root).

Every row is a network in rfsweep's architecture-string grammar (SPEC section 9), built as
torch.nn modules and run on a real float32 CPU tensor of shape (1, C, H, W) under
torch.no_grad(). Shapes come from the real output tensor, params from model.parameters(),
MACs from forward hooks on Conv2d and Linear (the `macs` convention of SPEC section 7).
Errors are classified from torch's own exception text. See README.md in this directory.

This module also holds the shared builder used by gen_stack_goldens.py.
"""
import csv
import math
import os
import random
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20261128
COLUMNS = ["arch", "input", "out_h", "out_w", "out_c", "params", "macs", "error", "error_layer"]
ERROR_KINDS = ("output_too_small", "pool_padding", "groups")

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "core", "src", "test", "resources", "golden", "pytorch_layers.csv")


# --------------------------------------------------------------------------------------------
# Layer description and formatting (SPEC section 9)
# --------------------------------------------------------------------------------------------

def L(op, **kw):
    """A layer: op plus keys. Per-axis keys are (h, w) tuples; p is 'same', 'valid' or
    ((top, bottom), (left, right)). Use the helpers below to build values."""
    d = {"op": op}
    d.update(kw)
    return d


def ax(v):
    """An int or (h, w) -> (h, w)."""
    return (v, v) if isinstance(v, int) else tuple(v)


def pad(v):
    """Padding value -> canonical internal form.
    int N -> ((N,N),(N,N)); (h,w) ints -> ((h,h),(w,w)); ((a,b),(c,d)) kept; 'same'/'valid' kept;
    ('ab', a, b) -> ((a,b),(a,b)) (the `p=a:b` form)."""
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return ((v, v), (v, v))
    if isinstance(v, tuple) and len(v) == 3 and v[0] == "ab":
        return ((v[1], v[2]), (v[1], v[2]))
    h, w = v
    h = (h, h) if isinstance(h, int) else tuple(h)
    w = (w, w) if isinstance(w, int) else tuple(w)
    return (h, w)


def fmt_axis(v):
    h, w = ax(v)
    return str(h) if h == w else "%dx%d" % (h, w)


def fmt_pad(p):
    if isinstance(p, str):
        return p
    (t, b), (l, r) = p
    if t == b and l == r:
        return fmt_axis((t, l))
    if (t, b) == (l, r):
        return "%d:%d" % (t, b)
    return "%d:%dx%d:%d" % (t, b, l, r)


def fmt_layer(layer):
    """Keys in the order k,s,p,d,c,g,bias,ceil; keys at their default value are left out."""
    op = layer["op"]
    pool = op in ("maxpool", "avgpool")
    keys = []
    if "k" in layer:
        keys.append("k=" + fmt_axis(layer["k"]))
    if "s" in layer and ax(layer["s"]) != (ax(layer["k"]) if pool else (1, 1)):
        keys.append("s=" + fmt_axis(layer["s"]))
    if "p" in layer and pad(layer["p"]) != ((0, 0), (0, 0)):
        keys.append("p=" + fmt_pad(pad(layer["p"])))
    if "d" in layer and ax(layer["d"]) != (1, 1):
        keys.append("d=" + fmt_axis(layer["d"]))
    if "c" in layer:
        keys.append("c=%d" % layer["c"])
    if layer.get("g", 1) != 1:
        keys.append("g=%d" % layer["g"])
    if layer.get("bias", 1) != 1:
        keys.append("bias=%d" % layer["bias"])
    if layer.get("ceil", 0) != 0:
        keys.append("ceil=%d" % layer["ceil"])
    return op if not keys else "%s(%s)" % (op, ",".join(keys))


def fmt_arch(layers):
    return " ".join(fmt_layer(x) for x in layers)


def fmt_input(h, w, c):
    return "%dx%dx%d" % (h, w, c)


# --------------------------------------------------------------------------------------------
# Torch builder
# --------------------------------------------------------------------------------------------

class GoldenError(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        assert kind in ERROR_KINDS
        self.kind = kind


def classify(exc):
    """Map a torch exception to an rfsweep error kind by its message text, or re-raise."""
    msg = str(exc)
    if "divisible by groups" in msg:
        return "groups"
    if "pad should be" in msg and "half of" in msg:
        return "pool_padding"
    if "Output size is too small" in msg or "Kernel size can't be greater than actual input size" in msg:
        return "output_too_small"
    raise exc


def tf_same(n, k, s, d):
    """TensorFlow's SAME padding (tensorflow/core/framework/kernel_shape_util.cc), per axis."""
    ek = (k - 1) * d + 1
    out = (n + s - 1) // s
    total = max((out - 1) * s + ek - n, 0)
    return total // 2, total - total // 2


def resolve_pad(p, x, k, s, d):
    """-> ((top, bottom), (left, right)) for the current input tensor x."""
    if p == "valid":
        return ((0, 0), (0, 0))
    if p == "same":
        return (tf_same(x.shape[2], k[0], s[0], d[0]), tf_same(x.shape[3], k[1], s[1], d[1]))
    return p


class MacCounter:
    """Forward hooks on Conv2d and Linear: the `macs` convention (SPEC section 7)."""

    def __init__(self):
        self.macs = 0

    def hook(self, module, inputs, output):
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            per_sample = output[0].numel()
            self.macs += per_sample * (module.in_channels // module.groups) * kh * kw
        elif isinstance(module, nn.Linear):
            self.macs += module.in_features * module.out_features

    def attach(self, module):
        for m in module.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                m.register_forward_hook(self.hook)


def _conv_like(layer, x, groups_of, out_c_of):
    """conv / dwconv: optional ZeroPad2d for asymmetric or SAME padding, then Conv2d."""
    cin = x.shape[1]
    k = ax(layer.get("k", 1))
    s = ax(layer.get("s", 1))
    d = ax(layer.get("d", 1))
    p = resolve_pad(pad(layer.get("p", 0)), x, k, s, d)
    (t, b), (l, r) = p
    mods = []
    if t == b and l == r:
        torch_pad = (t, l)
    else:
        mods.append(nn.ZeroPad2d((l, r, t, b)))
        torch_pad = (0, 0)
    mods.append(nn.Conv2d(cin, out_c_of(cin), k, stride=s, padding=torch_pad, dilation=d,
                          groups=groups_of(cin), bias=bool(layer.get("bias", 1))))
    return mods


def _pool(layer, x):
    """maxpool / avgpool.

    Symmetric explicit padding is given to torch as is (torch checks pad <= k/2 itself).
    Asymmetric explicit padding: rfsweep's rule (SPEC section 2) is checked on each side; then
    the common part m = min(before, after) of each axis is given to torch as its padding and only
    the excess is added with F.pad (-inf for max, 0 for avg) on the side that has it. This keeps
    torch's own ceil-mode rule "the last window starts inside the input or the left padding"
    exact when before >= after; callers must not ask for ceil=1 with before < after (no framework
    defines it). SAME/VALID: TensorFlow's padding applied with F.pad, torch padding 0, unchecked.
    """
    op = layer["op"]
    k = ax(layer["k"])
    s = ax(layer.get("s", layer["k"]))
    d = ax(layer.get("d", 1))
    ceil = bool(layer.get("ceil", 0))
    praw = pad(layer.get("p", 0))
    p = resolve_pad(praw, x, k, s, d)
    (t, b), (l, r) = p
    fill = float("-inf") if op == "maxpool" else 0.0
    mods = []
    if isinstance(praw, str):
        if any(p_ for p_ in (t, b, l, r)):
            mods.append(nn.ConstantPad2d((l, r, t, b), fill))
        torch_pad = (0, 0)
    elif t == b and l == r:
        torch_pad = (t, l)
    else:
        for side, kk in ((t, k[0]), (b, k[0]), (l, k[1]), (r, k[1])):
            if side > kk // 2:
                raise GoldenError("pool_padding", "rfsweep rule: pad %d > floor(k/2) with k=%d" % (side, kk))
        if ceil and (t < b or l < r):
            raise ValueError("ceil=1 with before < after padding is not defined by torch: %s" % fmt_layer(layer))
        mh, mw = min(t, b), min(l, r)
        mods.append(nn.ConstantPad2d((l - mw, r - mw, t - mh, b - mh), fill))
        torch_pad = (mh, mw)
    if op == "maxpool":
        mods.append(nn.MaxPool2d(k, stride=s, padding=torch_pad, dilation=d, ceil_mode=ceil))
    else:
        assert d == (1, 1), "avgpool has no dilation"
        mods.append(nn.AvgPool2d(k, stride=s, padding=torch_pad, ceil_mode=ceil))
    return mods


def build_layer(layer, x):
    """-> list of torch modules for one architecture layer, given its real input tensor."""
    op = layer["op"]
    cin = x.shape[1]
    if op == "conv":
        g = layer.get("g", 1)
        return _conv_like(layer, x, lambda ci: g, lambda ci: layer["c"])
    if op == "dwconv":
        return _conv_like(layer, x, lambda ci: ci, lambda ci: layer.get("c", ci))
    if op == "sepconv":
        dw = dict(layer)
        dw["bias"] = 0
        mods = _conv_like(dw, x, lambda ci: ci, lambda ci: ci)
        mods.append(nn.Conv2d(cin, layer["c"], 1, bias=bool(layer.get("bias", 1))))
        return mods
    if op in ("maxpool", "avgpool"):
        return _pool(layer, x)
    if op == "gap":
        return [nn.AdaptiveAvgPool2d(1)]
    if op == "fc":
        n = x.shape[1] * x.shape[2] * x.shape[3]
        return [nn.Flatten(), nn.Linear(n, layer["c"], bias=bool(layer.get("bias", 1))),
                nn.Unflatten(1, (layer["c"], 1, 1))]
    if op == "bn":
        return [nn.BatchNorm2d(cin)]
    if op == "relu":
        return [nn.ReLU()]
    if op == "layernorm":
        return [LayerNormChannels(cin)]
    if op == "gelu":
        return [nn.GELU()]
    if op == "scale":
        return [Scale(cin)]
    raise ValueError("unknown op " + op)


class LayerNormChannels(nn.Module):
    """nn.LayerNorm over the channels of every pixel (ConvNeXt: permute, LayerNorm, permute back)."""

    def __init__(self, c):
        super().__init__()
        self.norm = nn.LayerNorm(c, eps=1e-6)

    def forward(self, x):
        return self.norm(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class Scale(nn.Module):
    """A learnable per-channel multiplier (ConvNeXt's layer_scale: a (c, 1, 1) parameter)."""

    def __init__(self, c):
        super().__init__()
        self.gamma = nn.Parameter(torch.full((c, 1, 1), 1e-6))

    def forward(self, x):
        return self.gamma * x


def run(layers, h, w, c, precheck=None):
    """Build and run the network layer by layer on a real (1, c, h, w) tensor.

    precheck(index, layer, x), if given, is called before each layer is built (the stack
    generator uses it to skip networks that would be slow); it may raise to abandon the network.
    -> dict with the CSV columns (without arch/input)."""
    torch.manual_seed(SEED)
    x = torch.randn(1, c, h, w, dtype=torch.float32)
    counter = MacCounter()
    model = nn.Sequential()
    with torch.no_grad():
        for i, layer in enumerate(layers):
            try:
                if precheck is not None:
                    precheck(i, layer, x)
                mods = build_layer(layer, x)
                block = nn.Sequential(*mods).eval()
                counter.attach(block)
                x = block(x)
            except GoldenError as e:
                return {"error": e.kind, "error_layer": i}
            except (RuntimeError, ValueError) as e:
                return {"error": classify(e), "error_layer": i}
            model.append(block)
    params = sum(p.numel() for p in model.parameters())
    return {"out_h": x.shape[2], "out_w": x.shape[3], "out_c": x.shape[1], "params": params,
            "macs": counter.macs}


def row(layers, h, w, c, precheck=None):
    r = {"arch": fmt_arch(layers), "input": fmt_input(h, w, c)}
    r.update(run(layers, h, w, c, precheck))
    return r


def write_csv(rows, path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", newline="") as f:
        wr = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n", restval="")
        wr.writeheader()
        for r in rows:
            wr.writerow(r)


# --------------------------------------------------------------------------------------------
# The layer cases
# --------------------------------------------------------------------------------------------

def spec_pool_out(n, k, s, pl, pr, d, ceil):
    """SPEC section 2 formula; used only to *select* interesting cases, never for output."""
    ek = d * (k - 1) + 1
    num = n + pl + pr - ek
    if ceil:
        out = -(-num // s) + 1
        if (out - 1) * s >= n + pl:
            out -= 1
    else:
        out = num // s + 1
    return out


def cases():
    rng = random.Random(SEED)
    out = []  # (layers, h, w, c)

    def add(layers, h, w, c):
        out.append((layers, h, w, c))

    # ---- conv: hand-picked ---------------------------------------------------------------
    add([L("conv", k=3, p=1, c=8)], 7, 9, 3)
    add([L("conv", k=3, s=2, p=1, c=64)], 224, 224, 3)
    add([L("conv", k=7, s=2, p=3, c=64, bias=0)], 224, 224, 3)
    add([L("conv", k=5, s=2, p=1, c=16)], 200, 200, 3)
    add([L("conv", k=1, c=32)], 14, 14, 16)
    add([L("conv", k=1, s=2, c=32, bias=0)], 15, 15, 16)
    add([L("conv", k=3, c=4)], 3, 3, 2)
    add([L("conv", k=3, c=4)], 3, 5, 2)
    add([L("conv", k=(3, 5), c=4)], 32, 32, 1)
    add([L("conv", k=(3, 5), s=2, c=1), L("conv", k=(3, 1), s=2, c=1)], 32, 32, 1)
    add([L("conv", k=(1, 7), p=(0, 3), c=8)], 17, 17, 8)
    add([L("conv", k=(7, 1), p=(3, 0), c=8)], 17, 17, 8)
    add([L("conv", k=3, s=(2, 1), p=1, c=6)], 11, 10, 3)
    add([L("conv", k=3, s=(1, 3), p=1, c=6)], 11, 10, 3)
    add([L("conv", k=3, d=2, p=2, c=8)], 16, 16, 4)
    add([L("conv", k=3, d=(2, 1), p=(2, 1), c=8)], 16, 13, 4)
    add([L("conv", k=3, d=(1, 3), c=8)], 9, 13, 4)
    add([L("conv", k=3, d=4, c=2)], 9, 9, 1)
    add([L("conv", k=3, s=2, d=2, p=2, c=8)], 33, 32, 4)
    add([L("conv", k=3, s=4, p=1, c=8)], 31, 32, 3)
    add([L("conv", k=4, s=4, c=96)], 224, 224, 3)
    add([L("conv", k=16, s=16, c=32)], 224, 224, 3)
    add([L("conv", k=3, p=1, c=8, g=2)], 10, 10, 4)
    add([L("conv", k=3, p=1, c=16, g=4, bias=0)], 10, 10, 8)
    add([L("conv", k=3, s=2, p=1, c=12, g=3)], 9, 8, 6)
    add([L("conv", k=1, c=6, g=6)], 5, 5, 6)
    add([L("conv", k=3, p=1, c=32, g=32)], 8, 8, 32)
    add([L("conv", k=3, p=1, c=64, g=32)], 8, 8, 32)
    add([L("conv", k=3, p=1, c=4)], 1, 1, 3)
    add([L("conv", k=1, c=4)], 1, 1, 3)
    add([L("conv", k=3, p=(1, 2), c=4)], 1, 1, 1)
    add([L("conv", k=3, s=3, c=2)], 3, 300, 1)
    add([L("conv", k=3, s=3, c=2)], 4, 5, 1)
    add([L("conv", k=2, s=2, c=2)], 5, 7, 1)
    # asymmetric padding
    add([L("conv", k=3, s=2, p=("ab", 1, 0), c=1)], 8, 8, 1)
    add([L("conv", k=3, s=2, p=("ab", 0, 1), c=4)], 8, 8, 3)
    add([L("conv", k=3, p=("ab", 0, 2), c=1)], 8, 8, 1)
    add([L("conv", k=3, p=((1, 2), (0, 1)), c=4)], 10, 10, 2)
    add([L("conv", k=(3, 5), s=(2, 3), p=((2, 0), (1, 3)), c=5)], 13, 17, 2)
    add([L("conv", k=2, s=2, p=((0, 1), (1, 0)), c=3)], 7, 6, 3)
    add([L("conv", k=4, s=2, p=((1, 2), 1), c=3)], 9, 9, 3)
    add([L("conv", k=3, d=2, p=((3, 1), (0, 4)), c=3)], 6, 7, 2)
    add([L("conv", k=1, p=((1, 0), (0, 1)), c=3)], 1, 1, 2)
    add([L("conv", k=3, p=(0, 1), c=4, bias=0)], 5, 5, 4)
    # conv: systematic random sample
    for _ in range(45):
        kh, kw = rng.choice([1, 2, 3, 3, 3, 4, 5, 7]), rng.choice([1, 2, 3, 3, 3, 4, 5, 7])
        if rng.random() < 0.5:
            kw = kh
        sh = rng.randint(1, 4)
        sw = sh if rng.random() < 0.6 else rng.randint(1, 4)
        dh = rng.choice([1, 1, 1, 2, 3])
        dw = dh if rng.random() < 0.7 else rng.choice([1, 2, 3])
        r = rng.random()
        if r < 0.4:
            pv = rng.randint(0, 3)
        elif r < 0.6:
            pv = (rng.randint(0, 3), rng.randint(0, 3))
        elif r < 0.75:
            pv = ("ab", rng.randint(0, 3), rng.randint(0, 3))
        else:
            pv = ((rng.randint(0, 3), rng.randint(0, 3)), (rng.randint(0, 3), rng.randint(0, 3)))
        g = rng.choice([1, 1, 1, 2, 3, 4])
        cin = g * rng.randint(1, 4)
        cout = g * rng.randint(1, 5)
        ekh, ekw = dh * (kh - 1) + 1, dw * (kw - 1) + 1
        h = rng.randint(max(1, ekh - 2), ekh + 30)
        w = rng.randint(max(1, ekw - 2), ekw + 30)
        lay = {"k": (kh, kw), "c": cout}
        if (sh, sw) != (1, 1):
            lay["s"] = (sh, sw)
        if pv != 0:
            lay["p"] = pv
        if (dh, dw) != (1, 1):
            lay["d"] = (dh, dw)
        if g != 1:
            lay["g"] = g
        if rng.random() < 0.3:
            lay["bias"] = 0
        add([L("conv", **lay)], h, w, cin)

    # ---- dwconv -------------------------------------------------------------------------
    add([L("dwconv", k=3, p=1)], 56, 56, 32)
    add([L("dwconv", k=3, s=2, p=1, bias=0)], 56, 56, 32)
    add([L("dwconv", k=3, s=2, p=1, bias=0)], 57, 55, 32)
    add([L("dwconv", k=5, p=2, c=64)], 14, 14, 32)
    add([L("dwconv", k=3, c=24)], 8, 8, 8)
    add([L("dwconv", k=(1, 7), p=(0, 3), c=6)], 9, 9, 3)
    add([L("dwconv", k=3, d=2, p=2)], 10, 11, 5)
    add([L("dwconv", k=3, s=(2, 1), d=(1, 2), p=((1, 1), (2, 2)), c=10)], 10, 11, 5)
    add([L("dwconv", k=3, s=2, p=("ab", 0, 1))], 16, 16, 8)
    add([L("dwconv", k=7, s=4, p=((3, 2), (1, 0)), c=3)], 23, 19, 1)
    add([L("dwconv", k=1)], 4, 4, 7)
    add([L("dwconv", k=1, c=14, bias=0)], 4, 4, 7)
    add([L("dwconv", k=3, s=3, c=8)], 10, 10, 1)
    add([L("dwconv", k=4, s=4, p=1, c=12)], 30, 29, 4)

    # ---- sepconv ------------------------------------------------------------------------
    add([L("sepconv", k=3, p=1, c=64)], 56, 56, 32)
    add([L("sepconv", k=3, s=2, p=1, c=128, bias=0)], 56, 56, 64)
    add([L("sepconv", k=5, p=2, c=8)], 19, 23, 3)
    add([L("sepconv", k=3, d=2, p=2, c=16)], 20, 20, 16)
    add([L("sepconv", k=(3, 1), p=(1, 0), c=4)], 7, 9, 2)
    add([L("sepconv", k=3, s=(1, 2), p=("ab", 1, 2), c=5)], 9, 9, 3)
    add([L("sepconv", k=3, s=3, p=((0, 1), (2, 0)), c=5)], 10, 11, 6)
    add([L("sepconv", k=1, c=7)], 3, 3, 3)
    add([L("sepconv", k=7, s=2, p=3, c=1)], 32, 31, 1)
    add([L("sepconv", k=3, c=12, bias=0)], 3, 4, 4)
    add([L("sepconv", k=3, s=4, d=3, p=3, c=9)], 41, 40, 5)

    # ---- pools: hand-picked -------------------------------------------------------------
    add([L("maxpool", k=3, s=2, p=1)], 112, 112, 64)
    add([L("maxpool", k=2)], 7, 7, 3)
    add([L("maxpool", k=2, ceil=1)], 7, 7, 3)
    add([L("avgpool", k=2)], 7, 9, 3)
    add([L("avgpool", k=2, ceil=1)], 7, 9, 3)
    add([L("maxpool", k=3, s=1)], 99, 99, 3)
    add([L("maxpool", k=3, s=2, ceil=1)], 112, 112, 8)
    add([L("maxpool", k=3, s=2, ceil=1)], 113, 112, 8)
    add([L("maxpool", k=2, s=2, p=1, ceil=1)], 5, 5, 1)
    add([L("avgpool", k=2, s=2, p=1, ceil=1)], 5, 5, 1)
    add([L("maxpool", k=2, s=2, p=1, ceil=1)], 4, 4, 1)
    add([L("maxpool", k=(3, 1), s=(2, 1), p=(1, 0))], 11, 11, 2)
    add([L("maxpool", k=(2, 3), s=(2, 3), ceil=1)], 11, 11, 2)
    add([L("avgpool", k=(1, 3), s=(1, 2), p=(0, 1), ceil=1)], 6, 6, 2)
    add([L("maxpool", k=3, s=1, p=1, d=2)], 10, 10, 2)
    add([L("maxpool", k=3, s=2, d=2)], 15, 14, 2)
    add([L("maxpool", k=3, s=2, d=2, ceil=1)], 14, 14, 2)
    add([L("maxpool", k=2, s=1, d=(1, 3), p=1)], 6, 7, 2)
    add([L("maxpool", k=4, s=3, p=2, d=2, ceil=1)], 13, 16, 1)
    add([L("maxpool", k=3, s=2, p=1, ceil=1)], 1, 1, 4)
    add([L("maxpool", k=3, s=2, ceil=1)], 2, 2, 4)
    add([L("avgpool", k=3, s=3, ceil=1)], 1, 2, 1)
    add([L("avgpool", k=7, s=1)], 7, 7, 512)
    add([L("avgpool", k=4, s=4, p=2)], 13, 14, 3)
    add([L("maxpool", k=1, s=2)], 9, 8, 3)
    add([L("maxpool", k=1, s=3, ceil=1)], 10, 8, 3)
    # asymmetric pool padding (rfsweep rule on each side; before >= after for ceil=1)
    add([L("maxpool", k=2, s=2, p=("ab", 0, 1))], 5, 5, 1)
    add([L("maxpool", k=2, s=2, p=("ab", 1, 0), ceil=1)], 4, 4, 1)
    add([L("avgpool", k=2, s=2, p=("ab", 1, 0), ceil=1)], 5, 6, 1)
    add([L("maxpool", k=3, s=2, p=((1, 0), (1, 1)), ceil=1)], 8, 9, 2)
    add([L("avgpool", k=3, s=2, p=((1, 0), (0, 1)))], 8, 9, 2)
    add([L("maxpool", k=3, s=3, p=((1, 0), (1, 0)), d=2, ceil=1)], 11, 12, 2)
    add([L("maxpool", k=(3, 5), s=(2, 3), p=((0, 1), (2, 1)))], 12, 13, 2)
    add([L("avgpool", k=4, s=3, p=((2, 1), (2, 0)), ceil=1)], 10, 11, 1)
    add([L("maxpool", k=4, s=4, p=("ab", 2, 1), ceil=1)], 2, 2, 1)
    # asymmetric, before > after, ceil=1, where the correction fires on the H axis
    asym = []
    for n in range(1, 13):
        for k in range(2, 6):
            for s in range(1, 5):
                for pl in range(1, k // 2 + 1):
                    for pr in range(0, pl):
                        raw = -(-(n + pl + pr - k) // s) + 1
                        if raw >= 1 and spec_pool_out(n, k, s, pl, pr, 1, 1) != raw:
                            asym.append((n, k, s, pl, pr))
    for i, (n, k, s, pl, pr) in enumerate(sorted(rng.sample(asym, min(8, len(asym))))):
        lay = {"k": k, "p": ((pl, pr), (pl, pl)), "ceil": 1}
        if s != k:
            lay["s"] = s
        add([L("maxpool" if i % 2 == 0 else "avgpool", **lay)], n, n + 3, 2)
    # asymmetric, before < after, floor mode only
    add([L("maxpool", k=2, s=2, p=("ab", 0, 1))], 4, 4, 1)
    add([L("avgpool", k=4, s=3, p=((1, 2), (0, 2)))], 10, 11, 1)

    # pools: systematic search for the ceil-mode correction `(out-1)*s >= n+pl`
    fires, plain = [], []
    for op in ("maxpool", "avgpool"):
        for n in range(1, 13):
            for k in range(1, 6):
                for s in range(1, 5):
                    for p in range(0, k // 2 + 1):
                        for d in ((1, 2, 3) if op == "maxpool" else (1,)):
                            ek = d * (k - 1) + 1
                            raw = -(-(n + 2 * p - ek) // s) + 1
                            if raw < 1:
                                continue
                            fixed = spec_pool_out(n, k, s, p, p, d, 1)
                            key = (op, n, k, s, p, d)
                            (fires if fixed != raw else plain).append(key)
    fires_sel = rng.sample(fires, 30)
    plain_sel = rng.sample(plain, 12)
    for op, n, k, s, p, d in sorted(fires_sel + plain_sel):
        lay = {"k": k, "ceil": 1}
        if s != k:
            lay["s"] = s
        if p:
            lay["p"] = p
        if d != 1:
            lay["d"] = d
        m = 1 + (n * 7 + k) % 5  # other axis: a different extent
        add([L(op, **lay)], n, m + n, 1 + (k + s) % 3)
    # ceil correction on one axis only, non-square
    add([L("maxpool", k=(2, 3), s=(2, 2), p=(1, 1), ceil=1)], 5, 6, 1)
    add([L("avgpool", k=(3, 2), s=(3, 2), p=(1, 1), ceil=1)], 9, 4, 1)

    # pools: random floor/ceil sample
    for _ in range(22):
        op = rng.choice(["maxpool", "avgpool"])
        kh, kw = rng.randint(1, 5), rng.randint(1, 5)
        if rng.random() < 0.6:
            kw = kh
        sh, sw = rng.randint(1, 4), rng.randint(1, 4)
        if rng.random() < 0.6:
            sw = sh
        ph, pw = rng.randint(0, kh // 2), rng.randint(0, kw // 2)
        d = (1, 1) if op == "avgpool" or rng.random() < 0.6 else (rng.randint(1, 3), rng.randint(1, 3))
        ekh, ekw = d[0] * (kh - 1) + 1, d[1] * (kw - 1) + 1
        h, w = rng.randint(max(1, ekh - 2 * ph), ekh + 25), rng.randint(max(1, ekw - 2 * pw), ekw + 25)
        lay = {"k": (kh, kw)}
        if (sh, sw) != (kh, kw):
            lay["s"] = (sh, sw)
        if (ph, pw) != (0, 0):
            lay["p"] = (ph, pw)
        if d != (1, 1):
            lay["d"] = d
        if rng.random() < 0.5:
            lay["ceil"] = 1
        add([L(op, **lay)], h, w, rng.randint(1, 8))

    # ---- TensorFlow SAME / VALID ---------------------------------------------------------
    add([L("conv", k=3, p="same", c=8)], 7, 8, 3)
    add([L("conv", k=3, s=2, p="same", c=8)], 7, 8, 3)
    add([L("conv", k=3, s=2, p="same", c=8)], 224, 224, 3)
    add([L("conv", k=7, s=2, p="same", c=64, bias=0)], 224, 224, 3)
    add([L("conv", k=4, s=3, p="same", c=4)], 10, 11, 2)
    add([L("conv", k=1, s=3, p="same", c=4)], 10, 11, 2)
    add([L("conv", k=2, s=2, p="same", c=4)], 9, 1, 2)
    add([L("conv", k=5, s=3, p="same", c=4)], 1, 2, 2)
    add([L("conv", k=3, d=2, p="same", c=4)], 9, 10, 2)
    add([L("conv", k=3, s=2, d=3, p="same", c=4)], 9, 10, 2)
    add([L("conv", k=(1, 4), s=(3, 2), d=(1, 2), p="same", c=4)], 13, 14, 2)
    add([L("conv", k=3, p="valid", c=4)], 7, 8, 3)
    add([L("conv", k=3, s=2, p="valid", c=4)], 7, 8, 3)
    add([L("conv", k=5, s=3, p="valid", c=4)], 16, 17, 3)
    add([L("conv", k=3, s=2, d=2, p="valid", c=4)], 12, 13, 1)
    add([L("dwconv", k=3, s=2, p="same")], 15, 16, 8)
    add([L("dwconv", k=5, s=3, p="same", c=16)], 20, 19, 8)
    add([L("sepconv", k=3, s=2, p="same", c=16)], 15, 16, 8)
    add([L("sepconv", k=3, s=3, d=2, p="valid", c=16)], 15, 16, 8)
    add([L("maxpool", k=3, s=2, p="same")], 7, 8, 4)
    add([L("maxpool", k=2, s=2, p="same")], 7, 8, 4)
    add([L("maxpool", k=3, s=3, p="same")], 10, 11, 4)
    add([L("maxpool", k=2, s=1, d=3, p="same")], 6, 5, 1)
    add([L("avgpool", k=3, s=2, p="same")], 7, 8, 4)
    add([L("avgpool", k=4, s=3, p="same")], 10, 11, 4)
    add([L("avgpool", k=2, s=2, p="valid")], 7, 8, 4)
    add([L("maxpool", k=3, s=2, p="valid")], 7, 8, 4)
    add([L("maxpool", k=3, s=3, d=2, p="valid")], 16, 17, 4)

    # ---- gap, fc, bn, relu and pairs -----------------------------------------------------
    add([L("gap")], 7, 7, 512)
    add([L("gap")], 1, 1, 3)
    add([L("gap")], 5, 9, 3)
    add([L("fc", c=10)], 1, 1, 512)
    add([L("fc", c=10)], 3, 4, 5)
    add([L("fc", c=7, bias=0)], 2, 3, 4)
    add([L("gap"), L("fc", c=1000)], 7, 7, 2048)
    add([L("gap"), L("fc", c=10, bias=0)], 8, 9, 16)
    add([L("bn")], 5, 6, 7)
    add([L("bn")], 1, 1, 1)
    add([L("relu")], 5, 6, 7)
    add([L("conv", k=3, p=1, c=16, bias=0), L("bn")], 12, 12, 3)
    add([L("conv", k=3, s=2, p=1, c=16, bias=0), L("bn"), L("relu")], 12, 13, 3)
    add([L("bn"), L("relu")], 4, 4, 9)
    add([L("conv", k=3, c=4), L("maxpool", k=2, ceil=1)], 10, 10, 3)
    add([L("maxpool", k=3, s=2, p=1), L("conv", k=3, p=1, c=8)], 17, 16, 4)
    add([L("conv", k=5, s=2, p=1, c=8), L("maxpool", k=3, s=1), L("conv", k=3, p=1, c=8)], 200, 200, 3)
    add([L("dwconv", k=3, p=1), L("conv", k=1, c=16)], 9, 9, 8)
    add([L("conv", k=3, c=6), L("gap")], 5, 5, 3)
    add([L("conv", k=3, s=2, c=6), L("fc", c=3)], 9, 10, 3)
    add([L("avgpool", k=2), L("fc", c=5)], 4, 6, 2)
    add([L("sepconv", k=3, p=1, c=8), L("bn"), L("relu")], 6, 6, 4)

    # ---- layernorm, gelu, scale (ConvNeXt) ----------------------------------------------
    add([L("layernorm")], 5, 6, 7)
    add([L("layernorm")], 1, 1, 768)
    add([L("gelu")], 5, 6, 7)
    add([L("scale")], 5, 6, 7)
    add([L("conv", k=4, s=4, c=96), L("layernorm")], 32, 28, 3)
    add([L("dwconv", k=7, p=3), L("layernorm"), L("conv", k=1, c=32), L("gelu"), L("conv", k=1, c=8),
         L("scale")], 9, 7, 8)
    add([L("layernorm"), L("conv", k=2, s=2, c=16)], 8, 10, 8)
    add([L("gap"), L("layernorm"), L("fc", c=10)], 7, 7, 64)

    # ---- errors --------------------------------------------------------------------------
    # output too small
    add([L("conv", k=3, c=4)], 1, 1, 3)
    add([L("conv", k=3, c=4)], 2, 5, 3)
    add([L("conv", k=(1, 5), c=4)], 5, 4, 3)
    add([L("conv", k=3, d=3, p=2, c=2)], 2, 9, 1)
    add([L("conv", k=3, s=2, p=("ab", 0, 1), c=2)], 1, 5, 1)
    add([L("conv", k=3, p="valid", c=2)], 2, 9, 1)
    add([L("dwconv", k=5, s=2, p=1)], 2, 2, 4)
    add([L("sepconv", k=3, d=2, c=4)], 4, 9, 2)
    add([L("maxpool", k=2)], 1, 1, 3)
    add([L("maxpool", k=3, s=2)], 2, 5, 3)
    add([L("maxpool", k=3, s=2, ceil=1)], 1, 5, 3)
    add([L("maxpool", k=3, s=1, d=3)], 5, 9, 1)
    add([L("avgpool", k=4, s=2, ceil=1)], 2, 8, 1)
    add([L("avgpool", k=5)], 6, 4, 1)
    add([L("maxpool", k=3, s=3, p=((1, 0), (0, 0)))], 9, 1, 1)
    add([L("conv", k=3, s=2, c=4), L("conv", k=3, c=4)], 5, 5, 1)
    add([L("conv", k=3, p=1, c=4), L("maxpool", k=2), L("maxpool", k=2)], 3, 8, 1)
    add([L("conv", k=7, s=2, p=3, c=8), L("maxpool", k=3, s=2, p=1), L("conv", k=3, c=8)], 4, 4, 3)
    # pool padding
    add([L("maxpool", k=3, p=2)], 9, 9, 3)
    add([L("maxpool", k=2, s=2, p=2)], 9, 9, 3)
    add([L("avgpool", k=3, s=2, p=2)], 9, 9, 3)
    add([L("avgpool", k=1, p=1)], 5, 5, 1)
    add([L("maxpool", k=1, s=1, p=1)], 5, 5, 1)
    add([L("maxpool", k=3, d=2, p=2)], 9, 9, 3)
    add([L("maxpool", k=3, s=1, d=2, p=2)], 9, 9, 3)
    add([L("maxpool", k=2, s=1, d=3, p=2)], 9, 9, 3)
    add([L("maxpool", k=3, s=3, d=3, p=2)], 1, 1, 3)
    add([L("maxpool", k=(3, 1), p=(1, 1))], 5, 5, 3)
    add([L("avgpool", k=(1, 3), s=1, p=(1, 0))], 5, 5, 3)
    add([L("maxpool", k=2, s=2, p=("ab", 0, 2))], 9, 9, 1)
    add([L("avgpool", k=3, s=2, p=("ab", 2, 1))], 9, 9, 1)
    add([L("maxpool", k=3, s=2, p=((1, 1), (0, 2)))], 9, 9, 1)
    add([L("maxpool", k=(1, 3), p=((1, 0), (1, 1)))], 9, 9, 1)
    add([L("maxpool", k=3, s=2, d=2, p=((2, 0), (0, 0)))], 9, 9, 1)
    add([L("conv", k=3, p=1, c=4), L("maxpool", k=2, p=2)], 8, 8, 3)
    add([L("conv", k=3, c=4), L("avgpool", k=2, s=2, p=("ab", 1, 2))], 8, 8, 3)
    # groups
    add([L("conv", k=3, c=4, g=2)], 8, 8, 3)
    add([L("conv", k=3, c=3, g=2)], 8, 8, 4)
    add([L("conv", k=1, c=6, g=4)], 8, 8, 4)
    add([L("conv", k=1, c=8, g=3)], 8, 8, 6)
    add([L("conv", k=1, c=4, g=8)], 8, 8, 8)
    add([L("dwconv", k=3, c=5)], 8, 8, 3)
    add([L("dwconv", k=3, c=2)], 8, 8, 4)
    add([L("conv", k=3, c=6), L("conv", k=3, c=8, g=4)], 8, 8, 3)
    add([L("conv", k=3, p=1, c=6), L("dwconv", k=3, c=9)], 8, 8, 3)
    add([L("conv", k=3, c=5), L("conv", k=3, c=4, g=2)], 2, 8, 3)  # layer 0 fails first

    return out


def main(argv):
    path = argv[1] if len(argv) > 1 else DEFAULT_OUT
    torch.set_num_threads(1)
    rows = []
    seen = set()
    for layers, h, w, c in cases():
        key = (fmt_arch(layers), fmt_input(h, w, c))
        if key in seen:
            continue
        seen.add(key)
        rows.append(row(layers, h, w, c))
    write_csv(rows, path)
    n_err = sum(1 for r in rows if r.get("error"))
    print("%s: %d rows (%d errors), torch %s" % (path, len(rows), n_err, torch.__version__))


if __name__ == "__main__":
    main(sys.argv)
