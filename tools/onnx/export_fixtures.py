#!/usr/bin/python3
"""Writes the ONNX test fixtures of rfsweep's importer (interop/src/test/resources/onnx/).

Every file is exported by PyTorch 1.13 (Debian's python3-torch; torchvision 0.14) with
torch.onnx.export(..., export_params=False), so it holds the graph and the weights' shapes (as
graph inputs) but no weights, and stays small. Batch dimensions are symbolic (dynamic_axes), so
the importer has to infer every shape itself, and BatchNorm nodes are kept with
training=TrainingMode.PRESERVE on a model in eval mode.

- zoo/NAME.onnx: the zoo nets of data/nets/, each at one of the opsets 11-14, plus
  mobilenet_v3_small and resnet18 at every opset 11-14 (hardswish is an op only from 14) and
  convnext_tiny at 17 (LayerNormalization is an op only from 17).
- small/NAME.onnx with small/NAME.arch: hand-made modules (every op the importer knows, a
  non-square input) and the rfsweep architecture each must import to; small/NAME.csv: torch's
  params (sum of numel) and MACs (conv and linear, forward hooks) and output shape.
- small/autopad_*.onnx: a PyTorch conv net whose Conv and MaxPool nodes are rewritten with the
  onnx package to each auto_pad mode (PyTorch itself always writes explicit pads).
- bad/*.onnx: malformed files: truncated, not ONNX, a node with a missing input, a cycle.

Run from the repository root (python3-torch, python3-torchvision, python3-onnx from apt):

    /usr/bin/python3 -B tools/onnx/export_fixtures.py

Deterministic: the exported graphs do not depend on random weights (export_params=False).
"""
import io
import os
import warnings

import onnx
import torch
import torch.nn.functional as F
from onnx import helper
from torch import nn
from torchvision import models
from torchvision.models import convnext

warnings.filterwarnings("ignore")
OUT = os.path.join("interop", "src", "test", "resources", "onnx")

ZOO = [  # name, builder kwargs, opset
    ("alexnet", {}, 11), ("vgg16", {}, 12), ("vgg16_bn", {}, 13), ("resnet18", {}, 14),
    ("resnet50", {}, 11), ("mobilenet_v2", {}, 12), ("mobilenet_v3_small", {}, 13),
    ("squeezenet1_0", {}, 14), ("googlenet", {"aux_logits": False, "init_weights": False}, 11),
    ("densenet121", {}, 12), ("shufflenet_v2_x1_0", {}, 13), ("efficientnet_b0", {}, 14),
    ("convnext_tiny", {}, 13),
]
EXTRA_OPSETS = {"mobilenet_v3_small": (11, 12, 13, 14), "resnet18": (11, 12, 13, 14), "convnext_tiny": (13, 17)}


def export(model, shape, opset):
    model.eval()
    f = io.BytesIO()
    torch.onnx.export(model, torch.zeros(*shape), f, export_params=False, opset_version=opset,
                      training=torch.onnx.TrainingMode.PRESERVE, input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    return f.getvalue()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def counts(model, shape):
    """torch's params, MACs (conv and linear, as in tools/golden/gen_zoo_goldens.py) and output shape."""
    macs = [0]

    def hook(m, inp, out):
        if isinstance(m, nn.Conv2d):
            macs[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]
        elif isinstance(m, nn.Linear):
            macs[0] += out.numel() * m.in_features  # also per pixel on a channels-last map

    hs = [m.register_forward_hook(hook) for m in model.modules()]
    with torch.no_grad():
        out = model.eval()(torch.zeros(*shape))
    for h in hs:
        h.remove()
    params = sum(p.numel() for p in model.parameters())
    return params, macs[0], "x".join(str(d) for d in out.shape[1:])


# ---------------------------------------------------------------- small hand-made modules

class Plain(nn.Module):
    """conv with groups, dilation, per-axis stride and padding, bias; pools with ceil_mode; activations."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(4, 8, (3, 5), stride=(1, 2), padding=(1, 2))
        self.c2 = nn.Conv2d(8, 8, 3, padding=2, dilation=2, groups=4, bias=False)
        self.bn = nn.BatchNorm2d(8)
        self.c3 = nn.Conv2d(8, 8, 3, padding=1, groups=8)
        self.c4 = nn.Conv2d(8, 16, 3, padding=1, groups=8, bias=False)

    def forward(self, x):
        x = F.relu(self.c1(x))
        x = F.relu6(self.bn(self.c2(x)))
        x = F.max_pool2d(x, 3, 2, 1, ceil_mode=True)
        x = torch.sigmoid(self.c3(x))
        x = F.hardsigmoid(x)
        x = F.avg_pool2d(x, (2, 3), (2, 1), (1, 0), ceil_mode=True)
        x = F.hardswish(self.c4(x))
        x = F.silu(x)
        return F.dropout(x, 0.5, training=False)


PLAIN = ("conv(k=3x5,s=1x2,p=1x2,c=8) relu conv(k=3,p=2,d=2,c=8,g=4,bias=0) bn relu6 "
         "maxpool(k=3,s=2,p=1,ceil=1) dwconv(k=3,p=1) sigmoid hardsigmoid avgpool(k=2x3,s=2x1,p=1x0,ceil=1) "
         "dwconv(k=3,p=1,c=16,bias=0) hardswish silu")


class Branches(nn.Module):
    """add, cat, mul with a broadcast scale, chunk (Split), channel shuffle, one-input concat, x + f(x), mean."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(6, 6, 1)
        self.b = nn.Conv2d(6, 6, 3, padding=1)
        self.c = nn.Conv2d(3, 3, 1)
        self.fc1 = nn.Conv2d(6, 3, 1)
        self.fc2 = nn.Conv2d(3, 6, 1)
        self.d = nn.Conv2d(6, 6, 3, padding=1)

    def forward(self, x):
        x = self.a(x) + self.b(x)
        x = torch.cat([x], 1)
        x1, x2 = x.chunk(2, dim=1)
        x = torch.cat([x1, self.c(x2)], 1)
        n, c, h, w = x.size()
        x = x.view(n, 3, c // 3, h, w).transpose(1, 2).contiguous().view(n, -1, h, w)
        s = torch.sigmoid(self.fc2(F.relu(self.fc1(F.adaptive_avg_pool2d(x, 1)))))
        x = x * s
        x = x + self.d(x)
        return x.mean([2, 3], keepdim=True)


BRANCHES = ("add(conv(k=1,c=6) | conv(k=3,p=1,c=6)) cat(chunk(n=2,i=0) | chunk(n=2,i=1) conv(k=1,c=3)) "
            "shuffle(g=3) mul( | gap conv(k=1,c=3) relu conv(k=1,c=6) sigmoid) res(conv(k=3,p=1,c=6)) gap")


class Head(nn.Module):
    """Pad folded into conv and avgpool, global max pool, Reshape [1,-1] + MatMul (linear without bias),
    Flatten + Gemm, MatMul + Add."""

    def __init__(self):
        super().__init__()
        self.c = nn.Conv2d(3, 8, 3)
        self.l1 = nn.Linear(8, 6, bias=False)
        self.l2 = nn.Linear(6, 5)

    def forward(self, x):
        x = self.c(F.pad(x, (1, 2, 0, 1)))
        x = F.avg_pool2d(F.pad(x, (1, 1, 1, 1)), 2)
        x = F.adaptive_max_pool2d(x, 1)
        x = self.l1(x.reshape(1, -1))
        return self.l2(x)


class Modern(nn.Module):
    """ConvNeXt's pieces: LayerNorm2d, a block with a channels-last layer norm, per-pixel linear layers,
    GELU and a layer scale, and GELU on an NCHW map."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 4, stride=4)
        self.norm = convnext.LayerNorm2d(8, eps=1e-6)
        self.dw = nn.Conv2d(8, 8, 7, padding=3, groups=8)
        self.ln = nn.LayerNorm(8, eps=1e-6)
        self.l1 = nn.Linear(8, 32)
        self.l2 = nn.Linear(32, 8)
        self.gamma = nn.Parameter(torch.ones(8, 1, 1))

    def forward(self, x):
        x = self.norm(self.stem(x))
        y = self.dw(x).permute(0, 2, 3, 1)
        y = self.l2(F.gelu(self.l1(self.ln(y)))).permute(0, 3, 1, 2)
        x = x + self.gamma * y
        return F.gelu(x)


MODERN = "conv(k=4,s=4,c=8) layernorm res(dwconv(k=7,p=3) layernorm conv(k=1,c=32) gelu conv(k=1,c=8) scale) gelu"

HEAD = "conv(k=3,p=0:1x1:2,c=8) avgpool(k=2,p=1) maxpool(k=6x8) flatten fc(c=6,bias=0) fc(c=5)"


SMALL = [  # name, module, input (N, C, H, W), opset, expected architecture
    ("plain_op11", Plain, (1, 4, 40, 24), 11, PLAIN),
    ("plain_op14", Plain, (1, 4, 40, 24), 14, PLAIN),
    ("branches_op12", Branches, (1, 6, 9, 7), 12, BRANCHES),
    ("branches_op13", Branches, (1, 6, 9, 7), 13, BRANCHES),
    ("head_op11", Head, (1, 3, 11, 13), 11, HEAD),
    ("head_op13", Head, (1, 3, 11, 13), 13, HEAD),
    ("modern_op13", Modern, (1, 3, 32, 24), 13, MODERN),
    ("modern_op17", Modern, (1, 3, 32, 24), 17, MODERN),
]


class AutoPad(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 4, (3, 4), stride=2)
        self.c2 = nn.Conv2d(4, 4, 2, stride=(3, 1))

    def forward(self, x):
        return self.c2(F.max_pool2d(self.c1(x), 2, 2))


def autopad(mode):
    m = onnx.load_from_string(export(AutoPad(), (1, 3, 17, 10), 13))
    for node in m.graph.node:
        if node.op_type in ("Conv", "MaxPool"):
            keep = [a for a in node.attribute if a.name != "pads"]
            del node.attribute[:]
            node.attribute.extend(keep + [helper.make_attribute("auto_pad", mode)])
    return m.SerializeToString()


AUTOPAD = {  # the architecture each auto_pad mode means at 17x10 (explicit pads worked out by hand)
    "NOTSET": "conv(k=3x4,s=2,c=4) maxpool(k=2) conv(k=2,s=3x1,c=4)",
    "VALID": "conv(k=3x4,s=2,c=4,p=valid) maxpool(k=2,p=valid) conv(k=2,s=3x1,c=4,p=valid)",
    "SAME_UPPER": "conv(k=3x4,s=2,c=4,p=same) maxpool(k=2,p=same) conv(k=2,s=3x1,c=4,p=same)",
    # 17x10 -> conv k 3x4 s 2: out 9x5, total pad (8*2+3-17, 4*2+4-10) = (2, 2) -> 1:1 x 1:1;
    # 9x5 -> maxpool 2: out 5x3, total (4*2+2-9, 2*2+2-5) = (1, 1) -> 1:0 x 1:0 (lower first);
    # 5x3 -> conv k 2 s 3x1: out 2x3, total (1*3+2-5, 2*1+2-3) = (0, 1) -> 0:0 x 1:0.
    "SAME_LOWER": "conv(k=3x4,s=2,c=4,p=1) maxpool(k=2,p=1:0x1:0) conv(k=2,s=3x1,c=4,p=0:0x1:0)",
}


def bad_files(resnet18):
    write(os.path.join(OUT, "bad", "truncated.onnx"), resnet18[:len(resnet18) // 2])
    write(os.path.join(OUT, "bad", "not_onnx.onnx"), b"conv(k=3,c=8) relu\nthis is a text file, not ONNX\n")
    m = onnx.load_from_string(export(AutoPad(), (1, 3, 17, 10), 13))
    conv = [n for n in m.graph.node if n.op_type == "MaxPool"][0]
    conv.input[0] = "no_such_value"
    write(os.path.join(OUT, "bad", "missing_input.onnx"), m.SerializeToString())
    m = onnx.load_from_string(export(AutoPad(), (1, 3, 17, 10), 13))
    convs = [n for n in m.graph.node if n.op_type == "Conv"]
    convs[0].input[0] = convs[1].output[0]
    write(os.path.join(OUT, "bad", "cycle.onnx"), m.SerializeToString())


def main():
    totals = ["name,opset,params,macs,out"]
    resnet18 = None
    for name, kwargs, opset in ZOO:
        model = getattr(models, name)(weights=None, **kwargs)
        opsets = EXTRA_OPSETS.get(name, (opset,))
        for op in opsets:
            data = export(model, (1, 3, 224, 224), op)
            suffix = "" if op == opset else "_op%d" % op
            write(os.path.join(OUT, "zoo", name + suffix + ".onnx"), data)
            if name == "resnet18":
                resnet18 = data
        print(name, opsets)
    rows = ["name,input,params,macs,out"]
    for name, cls, shape, opset, arch in SMALL:
        model = cls()
        write(os.path.join(OUT, "small", name + ".onnx"), export(model, shape, opset))
        with open(os.path.join(OUT, "small", name + ".arch"), "w", encoding="utf-8", newline="\n") as f:
            f.write("# input: %dx%dx%d\n%s\n" % (shape[2], shape[3], shape[1], arch))
        params, macs, out = counts(model, shape)  # per-pixel linear layers count as 1x1 convs
        rows.append("%s,%dx%dx%d,%d,%d,%s" % (name, shape[2], shape[3], shape[1], params, macs, out))
    for mode, arch in AUTOPAD.items():
        write(os.path.join(OUT, "small", "autopad_%s.onnx" % mode.lower()), autopad(mode))
        with open(os.path.join(OUT, "small", "autopad_%s.arch" % mode.lower()), "w", encoding="utf-8",
                  newline="\n") as f:
            f.write("# input: 17x10x3\n%s\n" % arch)
    with open(os.path.join(OUT, "small", "torch_counts.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")
    bad_files(resnet18)


if __name__ == "__main__":
    main()
