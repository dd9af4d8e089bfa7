#!/usr/bin/python3
"""Writes data/nets/NAME.arch, rfsweep's architecture files of twelve torchvision classifiers.

Each file is read off the module tree that torchvision 0.14 builds (weights=None, nothing
downloaded), so every kernel, stride, padding, channel count and bias is torchvision's own. What
the module tree does not say -- how a block's forward() wires its modules (residual adds, concats,
squeeze-excitation multiplies, channel chunks and shuffles, functional pools and flattens) -- is
written here once per block class, from torchvision's source. The golden test
(core/src/test/java/org/rfsweep/core/zoo/ZooGoldenTest.java) then checks the files against
torchvision's own numbers (tools/golden/gen_zoo_goldens.py).

Run from the repository root with Debian's interpreter:

    /usr/bin/python3 -B tools/zoo/gen_zoo_arch.py            # writes data/nets/*.arch
    /usr/bin/python3 -B tools/zoo/gen_zoo_arch.py /tmp/nets  # or into another directory

Deterministic: two runs write byte-identical files.
"""
import importlib
import os
import sys

import torch
from torch import nn
import torchvision
from torchvision import models

from torchvision.ops import misc as ops_misc
from torchvision.ops import StochasticDepth

# the modules, not the builder functions of the same name that torchvision.models exports
convnext, densenet, efficientnet, googlenet, mobilenetv2, mobilenetv3, resnet, shufflenetv2, squeezenet = (
    importlib.import_module("torchvision.models." + n) for n in (
        "convnext", "densenet", "efficientnet", "googlenet", "mobilenetv2", "mobilenetv3", "resnet", "shufflenetv2",
        "squeezenet"))

NETS = [
    # file name, builder, kwargs, title, notes
    ("alexnet", models.alexnet, {}, "AlexNet", []),
    ("vgg16", models.vgg16, {}, "VGG-16 (configuration D)", []),
    ("vgg16_bn", models.vgg16_bn, {}, "VGG-16 with batch norm (configuration D)", []),
    ("resnet18", models.resnet18, {}, "ResNet-18", []),
    ("resnet50", models.resnet50, {}, "ResNet-50",
     ["Bottleneck blocks put the stride on the 3x3 conv (ResNet v1.5), as torchvision does."]),
    ("mobilenet_v2", models.mobilenet_v2, {}, "MobileNetV2 (width 1.0)", []),
    ("mobilenet_v3_small", models.mobilenet_v3_small, {}, "MobileNetV3-Small",
     ["Squeeze-excitation is mul( | gap conv conv hardsigmoid): the scale branch sees the whole map,",
      "so it is left out of the receptive field (SPEC section 4)."]),
    ("squeezenet1_0", models.squeezenet1_0, {}, "SqueezeNet 1.0", []),
    ("googlenet", models.googlenet, {"aux_logits": False, "init_weights": False}, "GoogLeNet",
     ["aux_logits=False (the auxiliary classifiers only run in training); transform_input does not",
      "change shapes. The '5x5' branch has a 3x3 conv, as in torchvision (pytorch/vision#906)."]),
    ("densenet121", models.densenet121, {}, "DenseNet-121",
     ["Each dense layer is cat( | ...): the block's input passes through and the new 32 channels are",
      "appended, which is what torch.cat(features) over all earlier outputs amounts to."]),
    ("shufflenet_v2_x1_0", models.shufflenet_v2_x1_0, {}, "ShuffleNetV2 x1.0",
     ["Stride-1 units split the channels in two with chunk(n=2,i=0) | chunk(n=2,i=1); the final",
      "x.mean([2, 3]) is gap."]),
    ("efficientnet_b0", models.efficientnet_b0, {}, "EfficientNet-B0",
     ["Squeeze-excitation is mul( | gap conv silu conv sigmoid); droppath is torchvision's",
      "StochasticDepth, the identity in eval mode."]),
    ("convnext_tiny", models.convnext_tiny, {}, "ConvNeXt-Tiny",
     ["Each block's nn.Linear layers act on every pixel of the channels-last map, so they are 1x1 convs",
      "(same params and MACs); layernorm normalises each pixel over the channels (nn.LayerNorm after",
      "the permute, and LayerNorm2d); scale is the block's layer_scale; droppath is StochasticDepth."]),
]

WIDTH = 110  # blocks longer than this are written one branch per line


# ---------------------------------------------------------------- single layers

def pair(a):
    return tuple(a) if isinstance(a, (tuple, list)) else (a, a)


def axis(name, h, w, default):
    if (h, w) == (default, default):
        return None
    return "%s=%d" % (name, h) if h == w else "%s=%dx%d" % (name, h, w)


def call(op, keys):
    keys = [k for k in keys if k is not None]
    return "%s(%s)" % (op, ",".join(keys)) if keys else op


def conv(m):
    assert m.padding_mode == "zeros" and not isinstance(m.padding, str), m
    kh, kw = pair(m.kernel_size)
    sh, sw = pair(m.stride)
    ph, pw = pair(m.padding)
    dh, dw = pair(m.dilation)
    cin, cout, g = m.in_channels, m.out_channels, m.groups
    keys = [axis("k", kh, kw, None), axis("s", sh, sw, 1), axis("p", ph, pw, 0), axis("d", dh, dw, 1)]
    if g == cin and g > 1:
        op = "dwconv"
        keys.append(None if cout == cin else "c=%d" % cout)
    else:
        op = "conv"
        keys.append("c=%d" % cout)
        keys.append(None if g == 1 else "g=%d" % g)
    keys.append(None if m.bias is not None else "bias=0")
    return call(op, keys)


def pool(op, m):
    kh, kw = pair(m.kernel_size)
    sh, sw = pair(m.stride if m.stride is not None else m.kernel_size)
    ph, pw = pair(m.padding)
    keys = [axis("k", kh, kw, None), None if (sh, sw) == (kh, kw) else axis("s", sh, sw, None),
            axis("p", ph, pw, 0)]
    if op == "maxpool":
        dh, dw = pair(m.dilation)
        keys.append(axis("d", dh, dw, 1))
    else:
        assert m.count_include_pad and m.divisor_override is None, m
    keys.append("ceil=1" if m.ceil_mode else None)
    return call(op, keys)


def adaptive(m):
    oh, ow = pair(m.output_size)
    return "gap" if (oh, ow) == (1, 1) else call("adaptiveavgpool", [axis("o", oh, ow, None)])


ELEMENTWISE = [
    (nn.BatchNorm2d, "bn"), (nn.ReLU, "relu"), (nn.ReLU6, "relu6"), (nn.Hardswish, "hardswish"),
    (nn.Hardsigmoid, "hardsigmoid"), (nn.Sigmoid, "sigmoid"), (nn.SiLU, "silu"),
    (nn.Dropout, "dropout"), (StochasticDepth, "droppath"), (nn.Flatten, "flatten"),
    (nn.LayerNorm, "layernorm"), (convnext.LayerNorm2d, "layernorm"), (nn.GELU, "gelu"),
]


def leaf(m):
    if isinstance(m, nn.Conv2d):
        return conv(m)
    if isinstance(m, nn.MaxPool2d):
        return pool("maxpool", m)
    if isinstance(m, nn.AvgPool2d):
        return pool("avgpool", m)
    if isinstance(m, nn.AdaptiveAvgPool2d):
        return adaptive(m)
    if isinstance(m, nn.Linear):
        return call("fc", ["c=%d" % m.out_features, None if m.bias is not None else "bias=0"])
    for cls, name in ELEMENTWISE:
        if type(m) is cls:
            return name
    raise TypeError("no rfsweep op for %s" % type(m).__name__)


# ---------------------------------------------------------------- blocks (forward() wiring)

def seq(*modules):
    """The modules in order, as one line: Sequentials are flattened, blocks wired by BLOCKS."""
    out = []
    for m in modules:
        if m is None:
            continue
        if type(m) in BLOCKS:
            out.append(BLOCKS[type(m)](m))
        elif isinstance(m, nn.Sequential):
            out.append(seq(*m.children()))
        else:
            out.append(leaf(m))
    return " ".join(t for t in out if t)


def resnet_block(m):
    if isinstance(m, resnet.Bottleneck):
        main = seq(m.conv1, m.bn1, m.relu, m.conv2, m.bn2, m.relu, m.conv3, m.bn3)
    else:
        main = seq(m.conv1, m.bn1, m.relu, m.conv2, m.bn2)
    if m.downsample is None:
        return "res(%s) relu" % main
    return "add(%s | %s) relu" % (main, seq(m.downsample))


def mobilenet_v2_block(m):
    return "res(%s)" % seq(m.conv) if m.use_res_connect else seq(m.conv)


def mobilenet_v3_block(m):
    return "res(%s)" % seq(m.block) if m.use_res_connect else seq(m.block)


def mbconv(m):
    # result = block(input); if use_res_connect: result = stochastic_depth(result) + input
    return "res(%s)" % seq(m.block, m.stochastic_depth) if m.use_res_connect else seq(m.block)


def squeeze_excitation(m):
    # scale = scale_activation(fc2(activation(fc1(avgpool(x))))); return scale * x
    return "mul( | %s)" % seq(m.avgpool, m.fc1, m.activation, m.fc2, m.scale_activation)


def shufflenet_unit(m):
    if m.stride == 1:
        # x1, x2 = x.chunk(2, dim=1); out = cat(x1, branch2(x2))
        body = "cat(chunk(n=2,i=0) | chunk(n=2,i=1) %s)" % seq(m.branch2)
    else:
        body = "cat(%s | %s)" % (seq(m.branch1), seq(m.branch2))
    return body + " shuffle(g=2)"  # channel_shuffle(out, 2)


def inception(m):
    return "cat(%s)" % " | ".join(seq(b) for b in (m.branch1, m.branch2, m.branch3, m.branch4))


def basic_conv(m):
    # googlenet.BasicConv2d: conv (bias=False), bn, F.relu
    return seq(m.conv, m.bn) + " relu"


def fire(m):
    return "%s cat(%s | %s)" % (seq(m.squeeze, m.squeeze_activation),
                                seq(m.expand1x1, m.expand1x1_activation),
                                seq(m.expand3x3, m.expand3x3_activation))


def pixel_linear(m):
    """nn.Linear on a channels-last map: a 1x1 conv with the same weights' shape and MACs."""
    return call("conv", ["k=1", "c=%d" % m.out_features, None if m.bias is not None else "bias=0"])


def cn_block(m):
    # block = dwconv, permute, layernorm, linear, gelu, linear, permute;
    # result = layer_scale * block(input); result = stochastic_depth(result); result += input
    dw, _, norm, fc1, act, fc2, _ = m.block
    assert m.layer_scale.shape[1:] == (1, 1)
    return "res(%s %s %s %s %s scale %s)" % (seq(dw), seq(norm), pixel_linear(fc1), seq(act), pixel_linear(fc2),
                                             seq(m.stochastic_depth))


def dense_layer(m):
    # new = conv2(relu2(norm2(conv1(relu1(norm1(cat(earlier)))))))
    assert m.drop_rate == 0
    return "cat( | %s)" % seq(m.norm1, m.relu1, m.conv1, m.norm2, m.relu2, m.conv2)


BLOCKS = {
    resnet.BasicBlock: resnet_block,
    resnet.Bottleneck: resnet_block,
    mobilenetv2.InvertedResidual: mobilenet_v2_block,
    mobilenetv3.InvertedResidual: mobilenet_v3_block,
    efficientnet.MBConv: mbconv,
    ops_misc.SqueezeExcitation: squeeze_excitation,
    shufflenetv2.InvertedResidual: shufflenet_unit,
    googlenet.Inception: inception,
    googlenet.BasicConv2d: basic_conv,
    squeezenet.Fire: fire,
    densenet._DenseLayer: dense_layer,
    convnext.CNBlock: cn_block,
}


# ---------------------------------------------------------------- layout of a file

BLOCK_NAMES = ("add", "cat", "mul", "res")


def items(text):
    """Parses one architecture string into a list of layers (str) and blocks (name, [branches])."""
    pos = 0

    def stack(in_branch):
        nonlocal pos
        out = []
        while True:
            while pos < len(text) and text[pos] == " ":
                pos += 1
            if pos == len(text) or (in_branch and text[pos] in "|)"):
                return out
            start = pos
            while pos < len(text) and text[pos].isalnum():
                pos += 1
            name = text[start:pos]
            if name in BLOCK_NAMES:
                assert text[pos] == "("
                pos += 1
                branches = [stack(True)]
                while text[pos] == "|":
                    pos += 1
                    branches.append(stack(True))
                assert text[pos] == ")"
                pos += 1
                out.append((name, branches))
            else:
                if pos < len(text) and text[pos] == "(":
                    pos = text.index(")", pos) + 1
                out.append(text[start:pos])

    return stack(False)


def flat(item):
    if isinstance(item, str):
        return item
    name, branches = item
    return "%s(%s)" % (name, " | ".join(" ".join(flat(i) for i in b) for b in branches))


def wrap(seq_items, indent=""):
    """Lines of at most WIDTH characters where possible: a block that does not fit on one line is
    opened on its own line, its branches indented (later ones marked '| '), and closed by ')'."""
    lines = []
    cur = ""
    for item in seq_items:
        text = flat(item)
        if len(indent) + len(text) <= WIDTH or isinstance(item, str):
            if cur and len(indent) + len(cur) + 1 + len(text) > WIDTH:
                lines.append(indent + cur)
                cur = ""
            cur = (cur + " " + text) if cur else text
            continue
        if cur:
            lines.append(indent + cur)
        name, branches = item
        lines.append(indent + name + "(")
        for k, branch in enumerate(branches):
            sub = wrap(branch, indent + "    ")
            if k > 0:
                sub = [indent + "  | " + sub[0].lstrip()] + sub[1:] if sub else [indent + "  |"]
            lines += sub
        cur = ")"
    if cur:
        lines.append(indent + cur)
    return lines


def section(path, text):
    lines = ["# " + path]
    for part in text.split("\n"):
        lines += wrap(items(part))
    return lines


def children(module, names):
    return [(n, getattr(module, n)) for n in names]


def layout(name, model):
    """Lines of the file body: (comment, text) sections in forward() order."""
    S = []

    def run(path, module):
        """One section per block; plain layers grouped, a group starting at a conv, linear or dropout."""
        group = []
        names = []

        def flush():
            if group:
                label = names[0] if len(names) == 1 else "%s-%s" % (names[0], names[-1].rsplit(".", 1)[1])
                S.append((label, " ".join(group)))
                group.clear()
                names.clear()

        for child_name, child in module.named_children():
            p = "%s.%s" % (path, child_name)
            if isinstance(child, densenet._DenseBlock):
                flush()
                layers = list(child.named_children())
                S.append(("%s: %s-%s, one dense layer per line" % (p, layers[0][0], layers[-1][0].replace(
                    "denselayer", "")), "\n".join(seq(layer) for _, layer in layers)))
            elif type(child) in BLOCKS:
                flush()
                S.append((p, seq(child)))
            elif isinstance(child, nn.Sequential) and any(type(c) in BLOCKS for c in child.modules()):
                flush()
                run(p, child)
            else:
                starts = isinstance(child, (nn.Conv2d, nn.Linear, nn.Dropout, ops_misc.Conv2dNormActivation))
                if starts and any(t.startswith(("conv", "dwconv", "fc")) for t in group):
                    flush()
                group.append(seq(child))
                names.append(p)
        flush()

    if name in ("alexnet", "vgg16", "vgg16_bn"):
        run("features", model.features)
        S.append(("avgpool, torch.flatten(x, 1)", adaptive(model.avgpool) + " flatten"))
        run("classifier", model.classifier)
    elif name.startswith("resnet"):
        S.append(("conv1 bn1 relu maxpool", seq(model.conv1, model.bn1, model.relu, model.maxpool)))
        for layer in ("layer1", "layer2", "layer3", "layer4"):
            run(layer, getattr(model, layer))
        S.append(("avgpool, torch.flatten(x, 1), fc", seq(model.avgpool) + " flatten " + seq(model.fc)))
    elif name == "mobilenet_v2":
        run("features", model.features)
        S.append(("adaptive_avg_pool2d(x, (1, 1)), torch.flatten(x, 1)", "gap flatten"))
        run("classifier", model.classifier)
    elif name == "convnext_tiny":
        run("features", model.features)
        S.append(("avgpool", seq(model.avgpool)))
        run("classifier", model.classifier)
    elif name in ("mobilenet_v3_small", "efficientnet_b0"):
        run("features", model.features)
        S.append(("avgpool, torch.flatten(x, 1)", seq(model.avgpool) + " flatten"))
        run("classifier", model.classifier)
    elif name == "squeezenet1_0":
        run("features", model.features)
        run("classifier", model.classifier)
        S.append(("torch.flatten(x, 1)", "flatten"))
    elif name == "googlenet":
        for n in ("conv1", "maxpool1", "conv2", "conv3", "maxpool2", "inception3a", "inception3b", "maxpool3",
                  "inception4a", "inception4b", "inception4c", "inception4d", "inception4e", "maxpool4",
                  "inception5a", "inception5b"):
            S.append((n, seq(getattr(model, n))))
        S.append(("avgpool, torch.flatten(x, 1), dropout, fc",
                  seq(model.avgpool) + " flatten " + seq(model.dropout, model.fc)))
    elif name == "densenet121":
        run("features", model.features)
        S.append(("F.relu, adaptive_avg_pool2d(out, (1, 1)), torch.flatten(out, 1), classifier",
                  "relu gap flatten " + seq(model.classifier)))
    elif name == "shufflenet_v2_x1_0":
        S.append(("conv1 maxpool", seq(model.conv1, model.maxpool)))
        for stage in ("stage2", "stage3", "stage4"):
            run(stage, getattr(model, stage))
        S.append(("conv5", seq(model.conv5)))
        S.append(("x.mean([2, 3]), fc", "gap " + seq(model.fc)))
    else:
        raise ValueError(name)
    return S


def render(name, title, notes, model):
    lines = [
        "# %s, as torchvision %s builds it: torchvision.models.%s(), eval mode." % (
            title, torchvision.__version__.split("a")[0], name),
    ]
    lines += ["# " + n for n in notes]
    lines += [
        "# Generated by tools/zoo/gen_zoo_arch.py from torchvision's module tree; the comments name",
        "# torchvision's modules. Checked against torchvision by core/.../zoo/ZooGoldenTest.",
        "# input: 224x224x3",
    ]
    for path, text in layout(name, model):
        lines.append("")
        lines += section(path, text)
    return "\n".join(lines) + "\n"


def build(builder, kwargs):
    torch.manual_seed(0)
    model = builder(weights=None, **kwargs)
    model.eval()
    return model


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join("data", "nets")
    os.makedirs(out_dir, exist_ok=True)
    for name, builder, kwargs, title, notes in NETS:
        text = render(name, title, notes, build(builder, kwargs))
        path = os.path.join(out_dir, name + ".arch")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print("%s: %d lines" % (path, text.count("\n")))


if __name__ == "__main__":
    main()
