#!/usr/bin/python3
"""Checks `rfsweep export --pytorch` against torch: for every zoo net (data/nets/*.arch) and the
top 10 of the search of every bundled space (`rfsweep search data/spaces/NAME.json --top 10`;
default.json first), the exported
module is built in torch, and its params (sum of numel), MACs (conv and linear, forward hooks, as
in tools/golden/gen_zoo_goldens.py) and output shape must equal what rfsweep computed (the
module's RFSWEEP dict).

With --stacks N it also checks the first N valid rows of the random-stack golden
(core/src/test/resources/golden/pytorch_stacks.csv: every op, asymmetric and SAME padding, ceil
mode, dilation, groups), whose torch numbers are in the same file.

Run from the repository root after building rfsweep (the launcher builds on first use), with
Debian's python3-torch:

    /usr/bin/python3 -B tools/onnx/check_export.py [--stacks N]

Prints one line per net and exits 1 when any differs.
"""
import csv
import glob
import io
import os
import subprocess
import sys
import tempfile

import torch
from torch import nn

RFSWEEP = os.path.join(".", "rfsweep")


def rfsweep(*args):
    return subprocess.run([RFSWEEP, *args], check=True, capture_output=True, text=True).stdout


def counts(model, shape):
    macs = [0]

    def hook(m, inp, out):
        if isinstance(m, nn.Conv2d):
            macs[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]
        elif isinstance(m, nn.Linear):
            macs[0] += out.numel() * m.in_features

    hooks = [m.register_forward_hook(hook) for m in model.modules()]
    with torch.no_grad():
        out = model(torch.zeros(1, *shape))
    for h in hooks:
        h.remove()
    return sum(p.numel() for p in model.parameters()), macs[0], tuple(out.shape[1:])


def check(label, arch, extra, golden=None):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "net.py")
        rfsweep("export", arch, "--pytorch", "--out", path, *extra)
        scope = {"__name__": "exported"}
        with open(path, encoding="utf-8") as f:
            exec(compile(f.read(), path, "exec"), scope)
    net = scope["Net"]().eval()
    params, macs, out = counts(net, net.INPUT)
    want = net.RFSWEEP
    ok = (params, macs, out) == (want["params"], want["macs"], tuple(want["output"]))
    if golden is not None:  # the golden's torch numbers, computed without rfsweep's export
        ok &= (params, macs, out) == golden
    print("%-4s %-28s params %12d macs %15d out %-16s rfsweep %s" % (
        "ok" if ok else "DIFF", label, params, macs, out, (want["params"], want["macs"], want["output"])))
    return ok


def main():
    ok = True
    for path in sorted(glob.glob(os.path.join("data", "nets", "*.arch"))):
        ok &= check(os.path.basename(path), path, [])
    spaces = sorted(glob.glob(os.path.join("data", "spaces", "*.json")), key=lambda p: (
        not p.endswith("default.json"), p))
    for space in spaces:
        found = rfsweep("search", space, "--top", "10", "--format", "csv")
        name = os.path.basename(space)[:-len(".json")]
        for row in csv.DictReader(io.StringIO(found)):
            ok &= check("%s search rank %s" % (name, row["rank"]), row["arch"], ["--input", row["input"]])
    if "--stacks" in sys.argv:
        limit = int(sys.argv[sys.argv.index("--stacks") + 1])
        path = os.path.join("core", "src", "test", "resources", "golden", "pytorch_stacks.csv")
        with open(path, encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if not r["error"]][:limit]
        for i, r in enumerate(rows):
            golden = (int(r["params"]), int(r["macs"]), (int(r["out_c"]), int(r["out_h"]), int(r["out_w"])))
            ok &= check("stack %d" % i, r["arch"], ["--input", r["input"]], golden)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
