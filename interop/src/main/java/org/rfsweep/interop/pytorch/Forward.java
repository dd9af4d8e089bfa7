package org.rfsweep.interop.pytorch;

import java.util.ArrayList;
import java.util.List;
import org.rfsweep.core.layout.Op;

/** Writes {@code __init__} lines (one module per layer) and {@code forward} lines (branches spelled out). */
final class Forward {
    private final Modules modules;
    private final List<String> init;
    private final List<String> forward;
    private int layers;
    private int temps;

    Forward(Modules modules, List<String> init, List<String> forward) {
        this.modules = modules;
        this.init = init;
        this.forward = forward;
    }

    /** Emits {@code items} reading variable {@code in} and writing {@code out}; returns the result's variable. */
    String stack(List<Tree.Item> items, String in, String out) {
        String cur = in;
        for (Tree.Item item : items) {
            if (item.isBlock()) {
                block(item, cur, out);
            } else {
                String name = "l" + (++layers);
                init.add("self." + name + " = " + modules.module(item.record) + "  # " + modules.text(item.record));
                forward.add(out + " = self." + name + "(" + cur + ")");
            }
            cur = out;
        }
        return cur;
    }

    private void block(Tree.Item block, String in, String out) {
        int op = modules.op(block.record);
        List<String> results = new ArrayList<>();
        for (List<Tree.Item> branch : block.branches) {
            results.add(stack(branch, in, "y" + (++temps)));
        }
        String joined;
        if (op == Op.CAT) {
            joined = "torch.cat([" + String.join(", ", results) + "], 1)";
        } else {
            joined = String.join(op == Op.ADD ? " + " : " * ", results);
        }
        forward.add(out + " = " + joined);
    }
}
