package org.rfsweep.interop.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.rfsweep.interop.onnx.proto.Onnx.GraphProto;
import org.rfsweep.interop.onnx.proto.Onnx.NodeProto;
import org.rfsweep.interop.onnx.proto.Onnx.TensorProto;
import org.rfsweep.interop.onnx.proto.Onnx.TensorShapeProto;
import org.rfsweep.interop.onnx.proto.Onnx.ValueInfoProto;

/**
 * Runs the graph once, in dependency order, at import time: constants and shape arithmetic are
 * evaluated ({@link Constants}), every other node becomes layers and joins on {@link Flow}s
 * ({@link Translator}). Checks that every input exists and that the graph has no cycle.
 */
final class GraphWalk {
    /** The value of an output nothing may read (MaxPool's indices, BatchNorm's running statistics). */
    private static final Object UNUSED = new Object();

    private final GraphProto graph;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<List<Flow>, Flow> concats = new HashMap<>();
    private Flow input;
    private String inputName;

    GraphWalk(GraphProto graph) {
        this.graph = graph;
    }

    Flow input() {
        return input;
    }

    String inputName() {
        return inputName;
    }

    /** Walks the graph and returns the flow of its output. */
    Flow run() {
        for (TensorProto t : graph.getInitializerList()) {
            values.put(t.getName(), Tensor.of(t));
        }
        for (ValueInfoProto v : graph.getInputList()) {
            if (values.containsKey(v.getName())) {
                continue;
            }
            long[] dims = dims(v);
            if (input == null) {
                input = inputFlow(v, dims);
                inputName = v.getName();
                values.put(v.getName(), input);
            } else {
                values.put(v.getName(), Tensor.weight(dims));
            }
        }
        if (input == null) {
            throw new OnnxImportException("the graph has no input that is not an initializer");
        }
        List<Node> nodes = order();
        for (Node node : nodes) {
            visit(node);
        }
        if (graph.getOutputCount() != 1) {
            throw new OnnxImportException("the graph has " + graph.getOutputCount() + " outputs; rfsweep imports "
                + "networks with one");
        }
        String name = graph.getOutput(0).getName();
        Object out = values.get(name);
        if (!(out instanceof Flow)) {
            throw new OnnxImportException("the graph's output '" + name + "' does not depend on its input '"
                + inputName + "'");
        }
        Flow f = (Flow) out;
        return f.pending == Flow.Pending.NONE ? f : Translator.real(f.node, f);
    }

    private static long[] dims(ValueInfoProto v) {
        List<TensorShapeProto.Dimension> list = v.getType().getTensorType().getShape().getDimList();
        long[] dims = new long[list.size()];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = list.get(i);
            dims[i] = d.hasDimValue() ? d.getDimValue() : Shapes.BATCH;
        }
        return dims;
    }

    private static Flow inputFlow(ValueInfoProto v, long[] dims) {
        if (dims.length != 4) {
            throw new OnnxImportException("input '" + v.getName() + "' has rank " + dims.length + "; rfsweep imports "
                + "networks on one NCHW image input");
        }
        String[] names = {"channel count", "height", "width"};
        for (int i = 1; i < 4; i++) {
            if (dims[i] < 1) {
                throw new OnnxImportException("input '" + v.getName() + "': the " + names[i - 1] + " is symbolic; "
                    + "export the model with a fixed " + names[i - 1] + " (only the batch may be symbolic)");
            }
        }
        dims[0] = Shapes.BATCH;
        return Flow.input(dims);
    }

    /** The nodes in dependency order (file order where free); a missing input or a cycle is an error. */
    private List<Node> order() {
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto p = graph.getNode(i);
            nodes.add(new Node(p, i));
            for (String out : p.getOutputList()) {
                producer.put(out, i);
            }
        }
        int n = nodes.size();
        int[] waiting = new int[n];
        List<List<Integer>> users = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            users.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
                throw OnnxImportException.at(node, "an op of domain '" + node.domain() + "'; rfsweep imports the "
                    + "standard ONNX ops");
            }
            for (String in : node.inputs()) {
                if (in.isEmpty() || values.containsKey(in)) {
                    continue;
                }
                Integer from = producer.get(in);
                if (from == null) {
                    throw OnnxImportException.at(node, "input '" + in + "' is not produced by any node, nor a graph "
                        + "input or initializer");
                }
                waiting[i]++;
                users.get(from).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (waiting[i] == 0) {
                ready.add(i);
            }
        }
        List<Node> sorted = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            sorted.add(nodes.get(i));
            for (int u : users.get(i)) {
                if (--waiting[u] == 0) {
                    ready.add(u);
                }
            }
        }
        if (sorted.size() < n) {
            for (int i = 0; i < n; i++) {
                if (waiting[i] > 0) {
                    throw OnnxImportException.at(nodes.get(i), "is on a cycle: its inputs depend on its own output");
                }
            }
        }
        return sorted;
    }

    private void visit(Node node) {
        List<Object> in = new ArrayList<>(node.inputs().size());
        boolean flows = false;
        for (String name : node.inputs()) {
            Object v = name.isEmpty() ? null : values.get(name);
            if (v == UNUSED) {
                throw OnnxImportException.at(node, "reads '" + name + "', an extra output that rfsweep does not model");
            }
            flows |= v instanceof Flow;
            in.add(v);
        }
        List<Object> out;
        if (node.op().equals("Shape")) {
            out = List.of(shapeOf(node, in.get(0)));
        } else if (!flows) {
            if (!Constants.OPS.contains(node.op())) {
                throw OnnxImportException.at(node, "not an op rfsweep evaluates on constants");
            }
            List<Tensor> tensors = new ArrayList<>(in.size());
            for (Object o : in) {
                tensors.add((Tensor) o);
            }
            out = List.of(Constants.eval(node, tensors));
        } else {
            out = Translator.translate(node, in);
        }
        for (int i = 0; i < node.outputs().size(); i++) {
            Object v = i < out.size() ? out.get(i) : UNUSED;
            values.put(node.output(i), v instanceof Flow ? regroup((Flow) v) : v);
        }
    }

    private static Tensor shapeOf(Node node, Object x) {
        long[] dims = x instanceof Flow ? ((Flow) x).dims : ((Tensor) x).dims;
        double[] v = new double[dims.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = dims[i] == Shapes.BATCH ? Double.NaN : dims[i];
        }
        return Tensor.vector(v, true);
    }

    /**
     * DenseNet concatenates all earlier outputs in every layer: {@code cat(x0, n1, n2)} after
     * {@code cat(x0, n1)}. Such a concat is rewritten as {@code cat(cat(x0, n1), n2)}, so each
     * layer becomes one {@code cat( | layer)} block on the previous concat (channel order kept).
     */
    private Flow regroup(Flow f) {
        if (f.step == null || !"cat".equals(f.step.block)) {
            return f;
        }
        List<Flow> in = f.step.inputs;
        Flow out = f;
        for (int len = in.size() - 1; len >= 2; len--) {
            Flow prefix = concats.get(in.subList(0, len));
            if (prefix != null) {
                List<Flow> rest = new ArrayList<>();
                rest.add(prefix);
                rest.addAll(in.subList(len, in.size()));
                out = Flow.join(f.dims, "cat", rest, f.step.node);
                break;
            }
        }
        concats.putIfAbsent(List.copyOf(in), out);
        return out;
    }
}
