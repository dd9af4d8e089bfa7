#!/usr/bin/python3
"""Writes torchvision's own numbers for the zoo networks (data/nets/*.arch) as test resources.

For each network of tools/zoo/gen_zoo_arch.py (same builders, weights=None, nothing downloaded),
in eval mode under torch.no_grad(), on one 224x224x3 input:

  core/src/test/resources/golden/zoo/NAME.csv   one row per conv, linear and pool, in execution order
  core/src/test/resources/golden/zoo/totals.csv one row per network
  core/src/test/resources/golden/zoo/influence.csv  which backbone output rows each input row reaches

Layer rows: index,module,kind,out_c,out_h,out_w,params,macs
  kind     conv (nn.Conv2d, and nn.Linear on a channels-last map: ConvNeXt's per-pixel layers, a 1x1
           conv with out.numel() * in_features MACs), fc (nn.Linear), maxpool (nn.MaxPool2d), avgpool (nn.AvgPool2d),
           adaptiveavgpool (every call of F.adaptive_avg_pool2d, from nn.AdaptiveAvgPool2d or
           functional, and x.mean([2, 3]) as ShuffleNetV2 writes its global pool)
  out_*    the output tensor's shape; a 2-D (1, C) output is C x 1 x 1
  params   the module's own parameters (p.numel(), not recursing); 0 for pools
  macs     conv: out.numel() * in_channels/groups * kh * kw; linear: in_features * out_features;
           pools 0 (SPEC section 7, the macs convention: conv and linear only)
Totals: net,input,out_c,out_h,out_w,params,macs
  params   sum(p.numel() for p in model.parameters()) (batch-norm running stats are buffers)
  macs     the sum of the layer rows' macs
Influence: net,input,out_h,y,first,last
  On an N x 64 input (see measure()), with weights 1, biases 0, batch norm the identity and every
  leaf module's output clamped to 1 (layer norms the identity), a one-hot input row y (all channels, column 32) makes the
  backbone's output rows first..last non-zero (BACKBONE names the module whose output is the last
  feature map). Nothing cancels, so these are the rows some path reaches from y: the receptive
  field as the union over paths (SPEC sections 3 and 4). 33 consecutive rows y per network.

Run from the repository root with Debian's interpreter (python3-torchvision 0.14.1):

    /usr/bin/python3 -B tools/golden/gen_zoo_goldens.py [OUT_DIR]

Deterministic: two runs write byte-identical files (the numbers do not depend on the weights).
The layer files take seconds; the influence runs about ten minutes on two cores (DenseNet-121
needs a 4096-row input).
"""
import csv
import os
import sys

import torch
from torch import nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "zoo"))
import gen_zoo_arch  # noqa: E402  (the list of networks and how to build them)

COLUMNS = ["index", "module", "kind", "out_c", "out_h", "out_w", "params", "macs"]
TOTALS = ["net", "input", "out_c", "out_h", "out_w", "params", "macs"]
INPUT = (224, 224, 3)


def shape(t):
    if t.dim() == 4:
        return t.shape[1], t.shape[2], t.shape[3]
    assert t.dim() == 2, tuple(t.shape)
    return t.shape[1], 1, 1


def trace(model):
    """The layer rows of one forward pass, in execution order."""
    rows = []
    names = {m: n for n, m in model.named_modules()}
    adaptive_module = []

    def add(module, kind, out, params, macs):
        c, h, w = shape(out)
        rows.append([len(rows), module, kind, c, h, w, params, macs])

    def hook(m, inputs, out):
        own = sum(p.numel() for p in m.parameters(recurse=False))
        if isinstance(m, nn.Conv2d):
            kh, kw = m.kernel_size
            add(names[m], "conv", out, own, out.numel() * (m.in_channels // m.groups) * kh * kw)
        elif isinstance(m, nn.Linear) and out.dim() == 4:
            # a linear layer on every pixel of a channels-last map (ConvNeXt): a 1x1 conv, NHWC
            rows.append([len(rows), names[m], "conv", out.shape[3], out.shape[1], out.shape[2], own,
                         out.numel() * m.in_features])
        elif isinstance(m, nn.Linear):
            assert out.dim() == 2 and out.shape[0] == 1
            add(names[m], "fc", out, own, m.in_features * m.out_features)
        elif isinstance(m, nn.MaxPool2d):
            add(names[m], "maxpool", out, own, 0)
        elif isinstance(m, nn.AvgPool2d):
            add(names[m], "avgpool", out, own, 0)
        else:
            adaptive_module.pop()

    def pre_hook(m, inputs):
        adaptive_module.append(names[m])

    handles = []
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear, nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d)):
            handles.append(m.register_forward_hook(hook))
        if isinstance(m, nn.AdaptiveAvgPool2d):
            handles.append(m.register_forward_pre_hook(pre_hook))

    adaptive_avg_pool2d = F.adaptive_avg_pool2d
    tensor_mean = torch.Tensor.mean

    def patched_adaptive(x, output_size):
        out = adaptive_avg_pool2d(x, output_size)
        add(adaptive_module[-1] if adaptive_module else "F.adaptive_avg_pool2d", "adaptiveavgpool", out, 0, 0)
        return out

    def patched_mean(self, *args, **kwargs):
        out = tensor_mean(self, *args, **kwargs)
        if self.dim() == 4 and list(args[0] if args else kwargs.get("dim")) == [2, 3]:
            add("x.mean", "adaptiveavgpool", out, 0, 0)
        return out

    F.adaptive_avg_pool2d = patched_adaptive
    torch.Tensor.mean = patched_mean
    try:
        torch.manual_seed(1)
        x = torch.randn(1, INPUT[2], INPUT[0], INPUT[1])
        with torch.no_grad():
            out = model(x)
    finally:
        F.adaptive_avg_pool2d = adaptive_avg_pool2d
        torch.Tensor.mean = tensor_mean
        for h in handles:
            h.remove()
    return rows, out


# The module whose output is the backbone's last feature map (what precedes the global pool).
BACKBONE = {
    "alexnet": "features", "vgg16": "features", "vgg16_bn": "features", "resnet18": "layer4",
    "resnet50": "layer4", "mobilenet_v2": "features", "mobilenet_v3_small": "features",
    "squeezenet1_0": "classifier.2", "googlenet": "inception5b", "densenet121": "features",
    "shufflenet_v2_x1_0": "conv5", "efficientnet_b0": "features", "convnext_tiny": "features",
}
INFLUENCE = ["net", "input", "out_h", "y", "first", "last"]
WIDTH = 64      # input width of the influence runs; only the height axis is measured
PIXELS = 33     # consecutive input rows probed: more than one period of any effective stride here


def influence(model, part, n, rows):
    """For one-hot input rows y (one image each, column WIDTH//2, all channels), the first and last
    row of the backbone's output that depend on y. Weights 1, biases 0, batch norm the identity and
    every leaf output clamped to 1: all values stay in [0, 1] and nothing cancels, so an output
    is non-zero exactly when some path reaches it from y (max over paths, as SPEC section 4)."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                m.weight.fill_(1.0)
                if m.bias is not None:
                    m.bias.zero_()
            elif isinstance(m, nn.BatchNorm2d):
                m.running_mean.zero_()
                m.running_var.fill_(1.0)
                m.weight.fill_(1.0)
                m.bias.zero_()
    # a layer norm subtracts the mean, so it would cancel: it is the identity here (registered first,
    # so the clamp below sees its result); ConvNeXt's layer scale stays positive (1e-6)
    handles = [m.register_forward_hook(lambda m, i, o: i[0]) for m in model.modules() if isinstance(m, nn.LayerNorm)]
    handles += [m.register_forward_hook(lambda m, i, o: o.clamp(max=1.0))
                for m in model.modules() if not list(m.children())]
    captured = []
    handles.append(model.get_submodule(part).register_forward_hook(lambda m, i, o: captured.append(o)))
    result = []
    try:
        for start in range(0, len(rows), 4):
            batch = rows[start:start + 4]
            x = torch.zeros(len(batch), 3, n, WIDTH)
            for b, y in enumerate(batch):
                x[b, :, y, WIDTH // 2] = 1.0
            captured.clear()
            with torch.no_grad():
                model(x)
            out = captured[0]
            for b, y in enumerate(batch):
                hit = (out[b] > 0).any(dim=0).any(dim=1).nonzero().flatten().tolist()
                assert hit == list(range(hit[0], hit[-1] + 1)), (y, hit)
                result.append((y, hit[0], hit[-1], out.shape[2]))
    finally:
        for h in handles:
            h.remove()
    return result


def measure(name, builder, kwargs):
    """Influence rows at the smallest height 2^k >= 512 where no probed row's set touches the border."""
    n = 512
    while True:
        model = gen_zoo_arch.build(builder, kwargs)
        centre = n // 2 - PIXELS // 2
        probe = influence(model, BACKBONE[name], n, [centre, centre + PIXELS - 1])
        if all(first > 0 and last < out - 1 for _, first, last, out in probe):
            return n, influence(model, BACKBONE[name], n, list(range(centre, centre + PIXELS)))
        n *= 2


def main():
    root = os.path.join("core", "src", "test", "resources", "golden", "zoo")
    out_dir = sys.argv[1] if len(sys.argv) > 1 else root
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    totals = []
    for name, builder, kwargs, _, _ in gen_zoo_arch.NETS:
        model = gen_zoo_arch.build(builder, kwargs)
        rows, out = trace(model)
        params = sum(p.numel() for p in model.parameters())
        macs = sum(r[-1] for r in rows)
        c, h, w = shape(out)
        totals.append([name, "%dx%dx%d" % INPUT, c, h, w, params, macs])
        with open(os.path.join(out_dir, name + ".csv"), "w", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        print("%-20s %4d rows  params %10d  macs %12d" % (name, len(rows), params, macs))
    with open(os.path.join(out_dir, "totals.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(TOTALS)
        writer.writerows(totals)
    rows = []
    for name, builder, kwargs, _, _ in gen_zoo_arch.NETS:
        n, result = measure(name, builder, kwargs)
        rows += [[name, "%dx%dx3" % (n, WIDTH), out, y, first, last] for y, first, last, out in result]
        print("%-20s influence at %dx%d: row %d reaches output rows %d..%d of %d" % (
            name, n, WIDTH, result[0][0], result[0][1], result[0][2], result[0][3]))
    with open(os.path.join(out_dir, "influence.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(INFLUENCE)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
