package org.rfsweep.interop.onnx;

import java.util.List;
import org.rfsweep.interop.onnx.Flow.Pending;

/**
 * Layers that exports before opset 17 and 20 write out in primitive ops, read back as one layer:
 * a layer norm over the channels ({@code ReduceMean, Sub, Pow, ReduceMean, Add eps, Sqrt, Div,
 * Mul weight, Add bias}: {@code layernorm}), GELU in its erf form ({@code x * 0.5 * (1 + erf(x /
 * sqrt 2))}: {@code gelu}), a per-channel weight times a tensor ({@code scale}, ConvNeXt's layer
 * scale) and a linear layer on a channels-last map ({@code MatMul} + {@code Add}: a 1x1
 * {@code conv}). Each partial result is a pending flow on the tensor the pattern started from.
 */
final class Patterns {
    private static final double SQRT2 = Math.sqrt(2);

    private Patterns() {
    }

    /** The flow of {@code node} when it continues or starts a pattern, else null. */
    static Flow match(Node node, List<Object> in) {
        Object a = in.get(0);
        Object b = in.size() > 1 ? in.get(1) : null;
        switch (node.op()) {
            case "Sub": return sub(node, a, b);
            case "Pow": return next(a, Pending.CENTRED, Pending.SQUARED, node, constant(b, 2));
            case "Sqrt": return next(a, Pending.VARIANCE, Pending.DEVIATION, node, true);
            case "Erf": return next(a, Pending.GELU_DIV, Pending.GELU_ERF, node, true);
            case "Div": return div(node, a, b);
            case "Add": return add(node, a, b);
            case "Mul": return mul(node, a, b);
            default: return null;
        }
    }

    private static boolean is(Object o, Pending p) {
        return o instanceof Flow && ((Flow) o).pending == p;
    }

    private static boolean constant(Object o, double value) {
        return o instanceof Tensor && ((Tensor) o).values != null && ((Tensor) o).size() == 1
            && Math.abs(((Tensor) o).values[0] - value) < 1e-6;
    }

    private static Flow next(Object a, Pending from, Pending to, Node node, boolean ok) {
        if (!is(a, from) || !ok) {
            return null;
        }
        Flow f = (Flow) a;
        return Flow.pending(f.dims, to, f.source, null, node);
    }

    /** {@code ReduceMean} over the channels starts a layer norm; over a squared centred tensor it is the variance. */
    static Flow reduceMean(Node node, Flow x, long[] axes) {
        boolean keep = node.integer("keepdims", 1) != 0;
        if (x.pending == Pending.SQUARED && keep) {
            return Flow.pending(x.dims, Pending.VARIANCE, x.source, null, node);
        }
        boolean channels = axes != null && axes.length == 1 && (x.channelsLast ? axes[0] == -1 || axes[0] == 3
            : axes[0] == 1 || axes[0] == -3);
        if (channels && keep && x.pending == Pending.NONE && x.rank() == 4) {
            return Flow.pending(x.dims, Pending.MEAN, x, null, node);
        }
        return null;
    }

    private static Flow sub(Node node, Object a, Object b) {
        if (a instanceof Flow && is(b, Pending.MEAN) && ((Flow) b).source == a) {
            return Flow.pending(((Flow) a).dims, Pending.CENTRED, (Flow) a, null, node);
        }
        return null;
    }

    private static Flow div(Node node, Object a, Object b) {
        if (is(a, Pending.CENTRED) && is(b, Pending.DEVIATION) && ((Flow) a).source == ((Flow) b).source) {
            return Flow.pending(((Flow) a).dims, Pending.NORMALISED, ((Flow) a).source, null, node);
        }
        if (a instanceof Flow && ((Flow) a).pending == Pending.NONE && constant(b, SQRT2)) {
            return Flow.pending(((Flow) a).dims, Pending.GELU_DIV, (Flow) a, null, node);
        }
        return null;
    }

    private static Flow add(Node node, Object a, Object b) {
        if (is(a, Pending.VARIANCE) && b instanceof Tensor) {
            return (Flow) a;
        }
        if (is(a, Pending.GELU_ERF) && constant(b, 1)) {
            return next(a, Pending.GELU_ERF, Pending.GELU_ADD, node, true);
        }
        if (is(a, Pending.NORMALISED_SCALED) && perChannel((Flow) a, b)) {
            Flow x = ((Flow) a).source;
            return Flow.layer(x.dims, x, "layernorm", node);
        }
        return null;
    }

    private static Flow mul(Node node, Object a, Object b) {
        if (b instanceof Flow && !(a instanceof Flow)) {
            return mul(node, b, a);
        }
        if (!(a instanceof Flow)) {
            return null;
        }
        Flow x = (Flow) a;
        if (x.pending == Pending.NORMALISED && perChannel(x, b)) {
            return Flow.pending(x.dims, Pending.NORMALISED_SCALED, x.source, null, node);
        }
        if (x.pending == Pending.GELU_MUL && constant(b, 0.5)) {
            return Flow.layer(x.dims, x.source, "gelu", node);
        }
        if (b instanceof Flow) {
            Flow y = (Flow) b;
            if (y.pending == Pending.GELU_ADD && y.source == x) {
                return Flow.pending(x.dims, Pending.GELU_MUL, x, null, node);
            }
            if (x.pending == Pending.GELU_ADD && x.source == y) {
                return Flow.pending(y.dims, Pending.GELU_MUL, y, null, node);
            }
            return null;
        }
        if (x.pending == Pending.NONE && perChannel(x, b)) {
            return Flow.layer(x.dims, x, "scale", node);
        }
        return null;
    }

    /** A weight or constant of one value per channel that broadcasts along the channels of {@code x}. */
    private static boolean perChannel(Flow x, Object w) {
        if (!(w instanceof Tensor)) {
            return false;
        }
        long[] d = ((Tensor) w).dims;
        if (Tensor.size(d) != x.channels()) {
            return false;
        }
        if (x.channelsLast || x.rank() == 2) {
            return d.length >= 1 && d[d.length - 1] == x.channels();
        }
        return d.length >= 3 && d[d.length - 3] == x.channels();
    }

    /** What a pending flow of a pattern is waiting for, for the message when something else reads it. */
    static String waitingFor(Pending p) {
        switch (p) {
            case GELU_DIV:
            case GELU_ERF:
            case GELU_ADD:
            case GELU_MUL:
                return "is read only as part of GELU written out (Div by sqrt 2, Erf, Add 1, Mul by x, Mul by 0.5)";
            default:
                return "is read only as part of a layer norm over the channels written out (ReduceMean, Sub, Pow, "
                    + "ReduceMean, Add, Sqrt, Div, Mul by the weight, Add the bias)";
        }
    }
}
