package org.rfsweep.interop.onnx;

import java.util.ArrayList;
import java.util.List;
import org.rfsweep.interop.onnx.Flow.Pending;

/**
 * Add, Mul and Concat with at least one input from the network's input: joins of branches
 * ({@code add}, {@code mul}, {@code cat}), a linear layer's bias ({@code MatMul} + {@code Add}),
 * and the activations PyTorch writes as products: {@code x * sigmoid(x)} (silu) and
 * {@code x * hardsigmoid(x)} (hardswish below opset 14).
 */
final class Joins {
    private Joins() {
    }

    static Flow join(Node node, List<Object> in) {
        switch (node.op()) {
            case "Concat": return concat(node, in);
            case "Add": return add(node, in);
            default: return mul(node, in);
        }
    }

    private static List<Flow> flows(Node node, List<Object> in, String why) {
        List<Flow> flows = new ArrayList<>(in.size());
        for (Object o : in) {
            if (!(o instanceof Flow)) {
                throw OnnxImportException.at(node, why);
            }
            flows.add(Translator.real(node, (Flow) o));
        }
        return flows;
    }

    private static Flow concat(Node node, List<Object> in) {
        long axis = node.integer("axis", 1);
        List<Flow> flows = flows(node, in, "concatenates a constant with a tensor; rfsweep concatenates branches only");
        Flow first = flows.get(0);
        if (axis != 1 && axis != 1 - first.rank()) {
            throw OnnxImportException.at(node, "concatenates along axis " + axis + "; rfsweep concatenates channels "
                + "(axis 1) only");
        }
        if (flows.size() == 1) {
            return first;
        }
        long c = 0;
        for (Flow f : flows) {
            if (f.rank() != first.rank() || (f.rank() == 4 && (f.height() != first.height()
                || f.width() != first.width()))) {
                throw OnnxImportException.at(node, "inputs of shapes " + first.shape() + " and " + f.shape()
                    + " differ in height or width");
            }
            c += f.channels();
        }
        long[] dims = first.dims.clone();
        dims[1] = c;
        return Flow.join(dims, "cat", flows, node);
    }

    private static Flow add(Node node, List<Object> in) {
        if (in.size() == 2 && in.get(0) instanceof Flow && in.get(1) instanceof Tensor) {
            return bias(node, (Flow) in.get(0), (Tensor) in.get(1));
        }
        if (in.size() == 2 && in.get(1) instanceof Flow && in.get(0) instanceof Tensor) {
            return bias(node, (Flow) in.get(1), (Tensor) in.get(0));
        }
        List<Flow> flows = flows(node, in, "adds a constant to a tensor");
        Flow a = flows.get(0);
        Flow b = flows.get(1);
        if (!sameShape(a, b)) {
            throw OnnxImportException.at(node, "adds tensors of shapes " + a.shape() + " and " + b.shape()
                + "; rfsweep's add needs equal shapes");
        }
        return Flow.join(a.dims, "add", flows, node);
    }

    private static Flow bias(Node node, Flow x, Tensor b) {
        if (x.pending == Pending.MATMUL && b.size() == x.detail[0] && b.rank() <= 2) {
            return Flow.layer(x.dims, x.source, Translator.linear(x, true), node);
        }
        throw OnnxImportException.at(node, "adds a constant or weight to a tensor; rfsweep reads that only as the "
            + "bias of a MatMul (a linear layer)");
    }

    private static Flow mul(Node node, List<Object> in) {
        List<Flow> flows = flows(node, in, "multiplies a tensor by a constant; rfsweep has no such layer");
        Flow a = flows.get(0);
        Flow b = flows.get(1);
        Flow gated = gate(node, a, b);
        if (gated == null) {
            gated = gate(node, b, a);
        }
        if (gated != null) {
            return gated;
        }
        boolean broadcastB = b.rank() == 4 && b.height() == 1 && b.width() == 1 && b.channels() == a.channels();
        boolean broadcastA = a.rank() == 4 && a.height() == 1 && a.width() == 1 && a.channels() == b.channels();
        if (!sameShape(a, b) && !broadcastA && !broadcastB) {
            throw OnnxImportException.at(node, "multiplies tensors of shapes " + a.shape() + " and " + b.shape()
                + "; rfsweep's mul needs equal shapes or a 1x1 scale");
        }
        return Flow.join(broadcastA && !broadcastB ? b.dims : a.dims, "mul", flows, node);
    }

    /** {@code x * sigmoid(x)} is silu, {@code x * hardsigmoid(x)} is hardswish; null otherwise. */
    private static Flow gate(Node node, Flow x, Flow g) {
        Step s = g.step;
        if (s == null || s.text == null || s.inputs.get(0) != x) {
            return null;
        }
        if (s.text.equals("sigmoid")) {
            return Flow.layer(x.dims, x, "silu", node);
        }
        if (s.text.equals("hardsigmoid")) {
            return Flow.layer(x.dims, x, "hardswish", node);
        }
        return null;
    }

    private static boolean sameShape(Flow a, Flow b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 1; i < a.rank(); i++) {
            if (a.dims[i] != b.dims[i]) {
                return false;
            }
        }
        return true;
    }
}
