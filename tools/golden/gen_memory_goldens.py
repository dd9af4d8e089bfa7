#!/usr/bin/env python3
"""Activation-memory goldens for rfsweep's act_bytes, from a real torchvision forward pass.

For each net, runs torchvision's model (eval mode, no grad, batch 1, float32) on a 224x224x3
input with a forward hook on every leaf module, and writes one CSV row:

  net              torchvision name
  leaf_calls       number of leaf-module calls (a module called twice, like ResNet's relu, counts twice)
  output_elements  sum of output.numel() over all leaf-module calls: rfsweep's act_bytes / bytes per element
  param_output_elements  the same sum over calls of modules that have parameters (conv, bn, linear)
  torchinfo_bytes  2 * 4 * param_output_elements: torchinfo's "Forward/backward pass size" at float32
                   (torchinfo sums output bytes times 2 over leaf layers with parameters)
  params           sum(p.numel() for p in model.parameters())
  input_elements   numel of the input tensor

Usage: /usr/bin/python3 -B tools/golden/gen_memory_goldens.py [OUT.csv]
Default OUT: core/src/test/resources/golden/memory/torch_activations.csv
"""
import csv
import os
import sys

import torch
import torchvision

NETS = ["resnet18", "vgg16"]


def measure(name):
    torch.manual_seed(0)
    model = getattr(torchvision.models, name)(weights=None).eval()
    calls = {"n": 0, "out": 0, "param_out": 0}

    def hook(module, inputs, output):
        has_params = any(True for _ in module.parameters(recurse=False))
        calls["n"] += 1
        calls["out"] += output.numel()
        if has_params:
            calls["param_out"] += output.numel()

    for module in model.modules():
        if len(list(module.children())) == 0:
            module.register_forward_hook(hook)
    x = torch.zeros(1, 3, 224, 224)
    with torch.no_grad():
        model(x)
    return {
        "net": name,
        "leaf_calls": calls["n"],
        "output_elements": calls["out"],
        "param_output_elements": calls["param_out"],
        "torchinfo_bytes": 2 * 4 * calls["param_out"],
        "params": sum(p.numel() for p in model.parameters()),
        "input_elements": x.numel(),
    }


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        "core", "src", "test", "resources", "golden", "memory", "torch_activations.csv")
    torch.set_num_threads(1)
    rows = [measure(n) for n in NETS]
    with open(out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("wrote", out, "torch", torch.__version__, "torchvision", torchvision.__version__)


if __name__ == "__main__":
    main()
