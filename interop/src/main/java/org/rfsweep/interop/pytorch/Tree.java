package org.rfsweep.interop.pytorch;

import java.util.ArrayList;
import java.util.List;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Op;

/** A network's records as a tree: a stack is a list of layers (record indices) and blocks. */
final class Tree {
    /** A layer (its record index) or a block (its opening record and branches). */
    static final class Item {
        final int record;
        final List<List<Item>> branches;

        Item(int record, List<List<Item>> branches) {
            this.record = record;
            this.branches = branches;
        }

        boolean isBlock() {
            return branches != null;
        }
    }

    private final Network net;
    private int at;

    private Tree(Network net) {
        this.net = net;
    }

    static List<Item> of(Network net) {
        Tree t = new Tree(net);
        return t.stack();
    }

    private List<Item> stack() {
        List<Item> items = new ArrayList<>();
        while (at < net.count()) {
            int op = net.op(at);
            if (op == Op.NEXT || op == Op.END) {
                return items;
            }
            if (!Op.isMarker(op)) {
                items.add(new Item(at++, null));
                continue;
            }
            int open = at++;
            List<List<Item>> branches = new ArrayList<>();
            branches.add(stack());
            while (net.op(at) == Op.NEXT) {
                at++;
                branches.add(stack());
            }
            at++;
            items.add(new Item(open, branches));
        }
        return items;
    }
}
