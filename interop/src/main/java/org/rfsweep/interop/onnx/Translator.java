package org.rfsweep.interop.onnx;

import java.util.ArrayList;
import java.util.List;
import org.rfsweep.interop.onnx.Flow.Pending;

/**
 * Turns one ONNX node on flows into rfsweep layers or joins (a new {@link Flow} per output).
 * Inputs are {@link Flow}s, {@link Tensor}s (weights and constants) or null (an absent optional
 * input). Ops that mean a layer only with the next node leave a pending flow (see {@link Flow}).
 */
final class Translator {
    private static final double HARD_SIGMOID_ALPHA = 1.0 / 6;

    private Translator() {
    }

    static List<Object> translate(Node node, List<Object> in) {
        Flow matched = Patterns.match(node, in);
        if (matched != null) {
            return one(matched);
        }
        if (!(in.get(0) instanceof Flow)) {
            if (node.op().equals("Add") || node.op().equals("Mul") || node.op().equals("Concat")) {
                return one(Joins.join(node, in));
            }
            throw OnnxImportException.at(node, "its first input is a constant or weight, its second a tensor computed "
                + "from the network's input; rfsweep has no such layer");
        }
        Flow x = (Flow) in.get(0);
        switch (node.op()) {
            case "Conv": return one(conv(node, x, in));
            case "MaxPool": return one(pool(node, x, "maxpool", true));
            case "AveragePool": return one(averagePool(node, x));
            case "Pad": return one(pad(node, x, in));
            case "Reshape": return one(Reshapes.reshape(node, x, (Tensor) in.get(1)));
            case "Transpose": return one(Reshapes.transpose(node, x));
            case "LayerNormalization": return one(layerNorm(node, real(node, x), in));
            case "Gelu": return one(same(node, real(node, x), "gelu"));
            case "Flatten": return one(Reshapes.flatten(node, real(node, x)));
            case "MatMul": return one(matMul(node, real(node, x), weight(node, in, 1)));
            case "Split": return Channels.split(node, real(node, x), in);
            case "Slice": return one(Channels.slice(node, real(node, x), in));
            case "Add":
            case "Mul":
            case "Concat": return one(Joins.join(node, in));
            case "Clip": return one(clip(node, real(node, x), in));
            case "ReduceMean": return one(Reshapes.reduceMean(node, x, in));
            default: return one(elementwise(node, real(node, x), in));
        }
    }

    private static List<Object> one(Object out) {
        List<Object> list = new ArrayList<>(1);
        list.add(out);
        return list;
    }

    /** A flow that is a real tensor: a pending MatMul becomes {@code fc(bias=0)}, other pending flows are errors. */
    static Flow real(Node consumer, Flow x) {
        if (x.pending == Pending.NONE) {
            return x;
        }
        if (x.pending == Pending.MATMUL) {
            return Flow.layer(x.dims, x.source, linear(x, false), x.node);
        }
        String what;
        if (x.pending == Pending.PAD) {
            what = "Pad is folded only into a following Conv, MaxPool or AveragePool";
        } else if (x.pending == Pending.SHUFFLE || x.pending == Pending.SHUFFLE_TRANSPOSED) {
            what = "a 5-D Reshape/Transpose is read only as a channel shuffle (Reshape, Transpose perm [0,2,1,3,4], "
                + "Reshape)";
        } else {
            what = Patterns.waitingFor(x.pending);
        }
        throw OnnxImportException.at(x.node, what + ", but its output goes to node '" + consumer.name() + "' ("
            + consumer.op() + ")");
    }

    /** A MatMul's linear layer: {@code fc} on a 2-D tensor, a 1x1 {@code conv} on a channels-last map. */
    static String linear(Flow matMul, boolean bias) {
        String keys = "c=" + matMul.detail[0] + ",bias=" + (bias ? 1 : 0);
        return matMul.channelsLast ? "conv(k=1," + keys + ")" : "fc(" + keys + ")";
    }

    static Tensor weight(Node node, List<Object> in, int i) {
        Object w = i < in.size() ? in.get(i) : null;
        if (!(w instanceof Tensor)) {
            throw OnnxImportException.at(node, "input " + i + " must be a weight or constant, not a tensor computed "
                + "from the network's input");
        }
        return (Tensor) w;
    }

    static void need4d(Node node, Flow x) {
        if (x.rank() != 4) {
            throw OnnxImportException.at(node, "expects an NCHW input, got rank " + x.rank());
        }
        if (x.channelsLast) {
            throw OnnxImportException.at(node, "expects an NCHW input, got one permuted to NHWC");
        }
    }

    private static Flow conv(Node node, Flow x, List<Object> in) {
        long[] pad = x.pending == Pending.PAD ? x.detail : null;
        Flow src = pad == null ? real(node, x) : x.source;
        need4d(node, src);
        Tensor w = weight(node, in, 1);
        if (w.rank() != 4) {
            throw OnnxImportException.at(node, "weight has rank " + w.rank() + "; rfsweep imports 2-D convolutions");
        }
        long g = node.integer("group", 1);
        long cin = src.channels();
        long m = w.dims[0];
        if (w.dims[1] * g != cin) {
            throw OnnxImportException.at(node, "weight " + w.dims[1] + " input channels x group " + g
                + " does not match the input's " + cin + " channels");
        }
        boolean bias = in.size() > 2 && in.get(2) != null;
        Windows win = Windows.of(node, src, new long[] {w.dims[2], w.dims[3]}, pad);
        String keys = win.keys(true) + ",bias=" + (bias ? 1 : 0);
        String text;
        if (g == cin && g > 1) {
            text = "dwconv(" + keys + (m == cin ? "" : ",c=" + m) + ")";
        } else {
            text = "conv(" + keys + ",c=" + m + ",g=" + g + ")";
        }
        return Flow.layer(win.out(src.dims, m), src, text, node);
    }

    private static Flow pool(Node node, Flow x, String op, boolean dilation) {
        long[] pad = x.pending == Pending.PAD ? x.detail : null;
        Flow src = pad == null ? real(node, x) : x.source;
        need4d(node, src);
        Windows win = Windows.of(node, src, null, pad);
        String text = op + "(" + win.keys(dilation) + (win.ceil ? ",ceil=1" : "") + ")";
        return Flow.layer(win.out(src.dims, src.channels()), src, text, node);
    }

    /**
     * An AveragePool. A 1x1 window with stride 1 and no padding is how PyTorch exports
     * {@code adaptive_avg_pool2d} to the size it already has (AlexNet's and VGG's 6x6 and 7x7
     * pools at 224), so it becomes {@code adaptiveavgpool(o=HxW)}.
     */
    private static Flow averagePool(Node node, Flow x) {
        Flow f = pool(node, x, "avgpool", false);
        long[] k = node.ints("kernel_shape");
        long[] s = node.ints("strides");
        long[] p = node.ints("pads");
        boolean unitStride = s == null || (s[0] == 1 && s[1] == 1);
        boolean noPad = (p == null || (p[0] | p[1] | p[2] | p[3]) == 0) && x.pending == Pending.NONE;
        if (k != null && k[0] == 1 && k[1] == 1 && unitStride && noPad) {
            Flow src = f.step.inputs.get(0);
            return Flow.layer(f.dims, src, "adaptiveavgpool(o=" + src.height() + "x" + src.width() + ")", node);
        }
        return f;
    }

    /** A Pad becomes pending padding for the next conv or pool; Pads in a row add up. */
    private static Flow pad(Node node, Flow x, List<Object> in) {
        Flow src = x.pending == Pending.PAD ? x.source : real(node, x);
        need4d(node, src);
        long[] p = in.size() > 1 && in.get(1) != null ? Constants.need(node, (Tensor) in.get(1)) : node.ints("pads");
        if (p == null || p.length != 8) {
            throw OnnxImportException.at(node, "pads must have 8 entries for an NCHW tensor");
        }
        if (p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0) {
            throw OnnxImportException.at(node, "pads the batch or channel axis; rfsweep folds spatial padding only");
        }
        long[] pads = {p[2], p[6], p[3], p[7]};
        if (x.pending == Pending.PAD) {
            for (int i = 0; i < 4; i++) {
                pads[i] += x.detail[i];
            }
        }
        for (long v : pads) {
            if (v < 0) {
                throw OnnxImportException.at(node, "negative padding " + v + " (a crop) has no rfsweep layer");
            }
        }
        if ((pads[0] | pads[1] | pads[2] | pads[3]) == 0) {
            return src;
        }
        long[] dims = {src.dims[0], src.channels(), src.height() + pads[0] + pads[1], src.width() + pads[2] + pads[3]};
        return Flow.pending(dims, Pending.PAD, src, pads, node);
    }

    private static Flow matMul(Node node, Flow x, Tensor w) {
        boolean perPixel = x.channelsLast && x.rank() == 4;
        if ((x.rank() != 2 && !perPixel) || w.rank() != 2 || w.dims[0] != x.channels()) {
            throw OnnxImportException.at(node, "rfsweep reads MatMul as a linear layer: an N x K input (or an NHWC map "
                + "with K channels) times a K x M weight");
        }
        long[] dims = x.dims.clone();
        dims[1] = w.dims[1];
        return Flow.pending(dims, Pending.MATMUL, x, new long[] {w.dims[1]}, node);
    }

    /** LayerNormalization (opset 17) over the channels of an NHWC map, with its weight. */
    private static Flow layerNorm(Node node, Flow x, List<Object> in) {
        long axis = node.integer("axis", -1);
        boolean channels = x.channelsLast ? axis == -1 || axis == 3 : x.rank() == 2 && (axis == -1 || axis == 1);
        if (!channels || in.size() < 2 || in.get(1) == null) {
            throw OnnxImportException.at(node, "rfsweep reads LayerNormalization over the channels only (the last "
                + "axis of an NHWC map), with a weight");
        }
        return same(node, x, "layernorm");
    }

    private static Flow elementwise(Node node, Flow x, List<Object> in) {
        switch (node.op()) {
            case "Relu": return same(node, x, "relu");
            case "Sigmoid": return same(node, x, "sigmoid");
            case "HardSwish": return same(node, x, "hardswish");
            case "HardSigmoid": return hardSigmoid(node, x);
            case "BatchNormalization": return batchNorm(node, x, in);
            case "Dropout": return same(node, x, "dropout");
            case "Identity": return x;
            case "GlobalAveragePool": return global(node, x, "gap");
            case "GlobalMaxPool": return global(node, x, "maxpool(k=" + x.height() + "x" + x.width() + ")");
            case "Gemm": return gemm(node, x, in);
            default: throw OnnxImportException.at(node, "not an op rfsweep imports");
        }
    }

    private static Flow same(Node node, Flow x, String text) {
        return Flow.layer(x.dims, x, text, node);
    }

    private static Flow hardSigmoid(Node node, Flow x) {
        double alpha = node.real("alpha", 0.2f);
        double beta = node.real("beta", 0.5f);
        if (Math.abs(alpha - HARD_SIGMOID_ALPHA) > 1e-6 || Math.abs(beta - 0.5) > 1e-6) {
            throw OnnxImportException.at(node, "alpha " + alpha + ", beta " + beta + " is not PyTorch's hardsigmoid "
                + "(alpha 1/6, beta 0.5)");
        }
        return same(node, x, "hardsigmoid");
    }

    /**
     * Clip to [0, 6] is relu6, and so is Relu then Clip to [0, 6] or to at most 6 (how PyTorch
     * exports {@code F.relu6}; the pair is one relu6, which is the same function).
     */
    private static Flow clip(Node node, Flow x, List<Object> in) {
        double lo = bound(node, in, 1, "min", Double.NEGATIVE_INFINITY);
        double hi = bound(node, in, 2, "max", Double.POSITIVE_INFINITY);
        if (hi == 6 && lo <= 0 && x.step != null && "relu".equals(x.step.text)) {
            return Flow.layer(x.dims, x.step.inputs.get(0), "relu6", node);
        }
        if (lo == 0 && hi == 6) {
            return same(node, x, "relu6");
        }
        if (lo == 0 && hi == Double.POSITIVE_INFINITY) {
            return same(node, x, "relu");
        }
        throw OnnxImportException.at(node, "Clip to [" + lo + ", " + hi + "] is neither relu6 [0, 6] nor relu "
            + "[0, inf]");
    }

    private static double bound(Node node, List<Object> in, int i, String key, double fallback) {
        if (i < in.size() && in.get(i) != null) {
            Tensor t = (Tensor) in.get(i);
            if (t.values == null) {
                throw OnnxImportException.at(node, key + " must be a constant");
            }
            return t.values[0];
        }
        return node.has(key) ? node.real(key, 0) : fallback;
    }

    private static Flow batchNorm(Node node, Flow x, List<Object> in) {
        need4d(node, x);
        Tensor scale = weight(node, in, 1);
        if (scale.rank() != 1 || scale.dims[0] != x.channels()) {
            throw OnnxImportException.at(node, "scale has " + (scale.rank() == 1 ? scale.dims[0] : scale.size())
                + " entries for " + x.channels() + " channels");
        }
        return same(node, x, "bn");
    }

    private static Flow global(Node node, Flow x, String text) {
        need4d(node, x);
        return Flow.layer(new long[] {x.dims[0], x.channels(), 1, 1}, x, text, node);
    }

    private static Flow gemm(Node node, Flow x, List<Object> in) {
        Tensor w = weight(node, in, 1);
        boolean transB = node.integer("transB", 0) != 0;
        if (x.rank() != 2 || node.integer("transA", 0) != 0 || w.rank() != 2) {
            throw OnnxImportException.at(node, "rfsweep reads Gemm as a linear layer on an N x K input (transA 0)");
        }
        long k = transB ? w.dims[1] : w.dims[0];
        long m = transB ? w.dims[0] : w.dims[1];
        if (k != x.dims[1]) {
            throw OnnxImportException.at(node, "weight expects " + k + " input features, the input has " + x.dims[1]);
        }
        boolean bias = in.size() > 2 && in.get(2) != null;
        return Flow.layer(new long[] {x.dims[0], m}, x, "fc(c=" + m + ",bias=" + (bias ? 1 : 0) + ")", node);
    }
}
