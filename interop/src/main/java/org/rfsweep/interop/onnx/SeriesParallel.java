package org.rfsweep.interop.onnx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the graph of flows as nested {@code add}/{@code cat}/{@code mul} blocks. The fork of a
 * join is its immediate dominator (the last tensor every path from the input to the join passes
 * through); each of the join's inputs is a branch from that fork, walked backwards. A step that two
 * branches would both contain means the graph is not such a nesting, and it is an error.
 *
 * <p>Branch order follows the ONNX inputs, with two rules that make PyTorch's {@code x + f(x)} and
 * {@code scale * x} read like the zoo: in {@code add} the identity branch goes last ({@code res}), in
 * {@code mul} a 1x1 scale branch goes last.
 */
final class SeriesParallel {
    /** One item of a stack: an architecture string (a layer or a whole block) and the node behind it. */
    static final class Item {
        final String text;
        final String node;

        Item(String text, String node) {
            this.text = text;
            this.node = node;
        }
    }

    private final Map<Flow, Flow> idom = new IdentityHashMap<>();
    private final Map<Flow, Integer> index = new IdentityHashMap<>();
    private final Set<Step> used = Collections.newSetFromMap(new IdentityHashMap<>());

    private SeriesParallel() {
    }

    static List<Item> items(Flow input, Flow output) {
        SeriesParallel sp = new SeriesParallel();
        sp.dominators(input, output);
        return new ArrayList<>(sp.stack(input, output));
    }

    private void dominators(Flow input, Flow output) {
        List<Flow> order = new ArrayList<>();
        Map<Flow, Boolean> seen = new IdentityHashMap<>();
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.push(new Object[] {output, 0});
        seen.put(output, true);
        while (!todo.isEmpty()) {
            Object[] top = todo.peek();
            Flow f = (Flow) top[0];
            int next = (Integer) top[1];
            if (next < f.step.inputs.size()) {
                top[1] = next + 1;
                Flow in = f.step.inputs.get(next);
                if (seen.put(in, true) == null) {
                    todo.push(new Object[] {in, 0});
                }
            } else {
                todo.pop();
                index.put(f, order.size());
                order.add(f);
            }
        }
        idom.put(input, input);
        for (Flow f : order) {
            if (f == input) {
                continue;
            }
            if (f.step.isInput()) {
                throw new OnnxImportException("the graph has a second input feeding the network");
            }
            Flow d = null;
            for (Flow p : f.step.inputs) {
                d = d == null ? p : intersect(d, p);
            }
            idom.put(f, d);
        }
    }

    private Flow intersect(Flow a, Flow b) {
        while (a != b) {
            while (index.get(a) > index.get(b)) {
                a = idom.get(a);
            }
            while (index.get(b) > index.get(a)) {
                b = idom.get(b);
            }
        }
        return a;
    }

    private Deque<Item> stack(Flow start, Flow end) {
        Deque<Item> items = new ArrayDeque<>();
        Flow cur = end;
        while (cur != start) {
            Step s = cur.step;
            if (!used.add(s)) {
                throw OnnxImportException.at(s.node, "its output feeds branches that do not meet at one join; the "
                    + "graph is not a nesting of add, cat and mul blocks");
            }
            if (s.text != null) {
                if (!s.text.isEmpty()) {
                    items.addFirst(new Item(s.text, s.node.name()));
                }
                cur = s.inputs.get(0);
                continue;
            }
            Flow fork = idom.get(cur);
            List<String> branches = new ArrayList<>();
            List<Flow> ends = new ArrayList<>(s.inputs);
            for (Flow in : s.inputs) {
                branches.add(join(stack(fork, in)));
            }
            order(s.block, branches, ends);
            items.addFirst(new Item(s.block + "(" + String.join(" | ", branches) + ")", s.node.name()));
            cur = fork;
        }
        return items;
    }

    private static void order(String block, List<String> branches, List<Flow> ends) {
        if (branches.size() != 2) {
            return;
        }
        boolean swap = block.equals("add") && branches.get(0).isEmpty() && !branches.get(1).isEmpty();
        if (block.equals("mul")) {
            swap = isScale(ends.get(0)) && !isScale(ends.get(1));
        }
        if (swap) {
            Collections.swap(branches, 0, 1);
        }
    }

    private static boolean isScale(Flow f) {
        return f.rank() == 4 && f.height() == 1 && f.width() == 1;
    }

    static String join(Iterable<Item> items) {
        StringBuilder sb = new StringBuilder();
        for (Item item : items) {
            sb.append(sb.length() == 0 ? "" : " ").append(item.text);
        }
        return sb.toString();
    }
}
