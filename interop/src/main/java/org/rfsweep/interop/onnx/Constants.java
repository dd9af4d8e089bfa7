package org.rfsweep.interop.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Evaluates, at import time, the nodes whose inputs are all constants: the shape arithmetic that
 * PyTorch exports around {@code view}, {@code chunk}, {@code pad} and {@code flatten}
 * ({@code Shape}, {@code Gather}, {@code Unsqueeze}, {@code Concat}, {@code Div}, {@code Slice},
 * ...). Unknown entries ({@code NaN}, a symbolic batch size) stay unknown through every op.
 */
final class Constants {
    /** Ops this class evaluates when every input is a constant. */
    static final Set<String> OPS = Set.of("Constant", "ConstantOfShape", "Gather", "Unsqueeze", "Squeeze", "Concat",
        "Reshape", "Slice", "Transpose", "Cast", "Add", "Sub", "Mul", "Div", "Identity", "Floor", "Ceil", "Neg",
        "Range", "Expand");

    private Constants() {
    }

    static Tensor eval(Node node, List<Tensor> in) {
        switch (node.op()) {
            case "Constant": return constant(node);
            case "ConstantOfShape": return constantOfShape(node, in.get(0));
            case "Gather": return gather(node, in.get(0), in.get(1));
            case "Unsqueeze":
            case "Squeeze": return squeeze(node, in);
            case "Concat": return concat(node, in);
            case "Reshape": return new Tensor(Shapes.reshape(node, in.get(0).dims, values(node, in.get(1))),
                values(node, in.get(0)), in.get(0).integer);
            case "Slice": return slice(node, in);
            case "Transpose": return transpose(node, in.get(0));
            case "Cast": return cast(node, in.get(0));
            case "Identity":
            case "Expand": return in.get(0);
            case "Range": return range(node, in);
            default: return arithmetic(node, in);
        }
    }

    private static double[] values(Node node, Tensor t) {
        if (t.values == null) {
            throw OnnxImportException.at(node, "needs the values of a weight tensor, which rfsweep does not read");
        }
        return t.values;
    }

    /** The values of a constant input that must be known (a shape, axes, pads). */
    static long[] need(Node node, Tensor t) {
        if (!t.known()) {
            throw OnnxImportException.at(node, "an input that must be constant depends on the batch size or a weight");
        }
        return t.longs();
    }

    private static Tensor constant(Node node) {
        if (node.tensor("value") != null) {
            return Tensor.of(node.tensor("value"));
        }
        if (node.has("value_int")) {
            return Tensor.scalar(node.integer("value_int", 0), true);
        }
        if (node.has("value_float")) {
            return Tensor.scalar(node.real("value_float", 0), false);
        }
        long[] ints = node.ints("value_ints");
        if (ints != null) {
            return Tensor.vector(Arrays.stream(ints).asDoubleStream().toArray(), true);
        }
        List<Float> floats = node.floats("value_floats");
        if (floats != null) {
            return Tensor.vector(floats.stream().mapToDouble(Float::doubleValue).toArray(), false);
        }
        throw OnnxImportException.at(node, "a Constant without a value rfsweep reads (value, value_int(s), "
            + "value_float(s))");
    }

    private static Tensor constantOfShape(Node node, Tensor shape) {
        long[] dims = need(node, shape);
        Tensor fill = node.tensor("value") == null ? Tensor.scalar(0, false) : Tensor.of(node.tensor("value"));
        double[] v = new double[(int) Tensor.size(dims)];
        Arrays.fill(v, fill.values == null ? 0 : fill.values[0]);
        return new Tensor(dims, v, fill.integer);
    }

    private static Tensor gather(Node node, Tensor data, Tensor indices) {
        long axis = node.integer("axis", 0);
        if (axis != 0 || data.rank() != 1) {
            throw OnnxImportException.at(node, "rfsweep evaluates Gather on 1-D constants along axis 0 only");
        }
        double[] src = values(node, data);
        long[] idx = need(node, indices);
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            long j = idx[i] < 0 ? idx[i] + src.length : idx[i];
            if (j < 0 || j >= src.length) {
                throw OnnxImportException.at(node, "index " + idx[i] + " is outside 0.." + (src.length - 1));
            }
            out[i] = src[(int) j];
        }
        return new Tensor(indices.dims, out, data.integer);
    }

    private static Tensor squeeze(Node node, List<Tensor> in) {
        Tensor t = in.get(0);
        long[] axes = in.size() > 1 ? need(node, in.get(1)) : node.ints("axes");
        boolean unsqueeze = node.op().equals("Unsqueeze");
        long[] dims;
        if (unsqueeze) {
            dims = new long[t.rank() + axes.length];
            int rank = dims.length;
            boolean[] added = new boolean[rank];
            for (long a : axes) {
                added[(int) (a < 0 ? a + rank : a)] = true;
            }
            for (int i = 0, j = 0; i < rank; i++) {
                dims[i] = added[i] ? 1 : t.dims[j++];
            }
        } else {
            dims = Arrays.stream(t.dims).filter(d -> d != 1).toArray();
        }
        return new Tensor(dims, t.values, t.integer);
    }

    private static Tensor concat(Node node, List<Tensor> in) {
        int n = 0;
        for (Tensor t : in) {
            if (t.rank() > 1) {
                throw OnnxImportException.at(node, "rfsweep evaluates Concat of constants on 1-D tensors only");
            }
            n += (int) t.size();
        }
        double[] v = new double[n];
        int at = 0;
        boolean integer = true;
        for (Tensor t : in) {
            double[] src = values(node, t);
            System.arraycopy(src, 0, v, at, src.length);
            at += src.length;
            integer &= t.integer;
        }
        return Tensor.vector(v, integer);
    }

    private static Tensor slice(Node node, List<Tensor> in) {
        Tensor t = in.get(0);
        long[] starts = in.size() > 1 ? need(node, in.get(1)) : node.ints("starts");
        long[] ends = in.size() > 2 ? need(node, in.get(2)) : node.ints("ends");
        long[] axes = in.size() > 3 && in.get(3) != null ? need(node, in.get(3)) : node.ints("axes");
        long[] steps = in.size() > 4 && in.get(4) != null ? need(node, in.get(4)) : null;
        int rank = t.rank();
        long[] lo = new long[rank];
        long[] step = new long[rank];
        long[] dims = t.dims.clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < starts.length; i++) {
            int a = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + rank : axes[i]);
            long s = steps == null ? 1 : steps[i];
            long[] range = Shapes.sliceRange(t.dims[a], starts[i], ends[i], s);
            lo[a] = range[0];
            step[a] = s;
            dims[a] = range[1];
        }
        double[] src = values(node, t);
        double[] out = new double[(int) Tensor.size(dims)];
        long[] srcStride = strides(t.dims);
        long[] outStride = strides(dims);
        for (int i = 0; i < out.length; i++) {
            long rest = i;
            long from = 0;
            for (int a = 0; a < rank; a++) {
                long k = rest / outStride[a];
                rest %= outStride[a];
                from += (lo[a] + k * step[a]) * srcStride[a];
            }
            out[i] = src[(int) from];
        }
        return new Tensor(dims, out, t.integer);
    }

    private static Tensor transpose(Node node, Tensor t) {
        int rank = t.rank();
        long[] perm = node.ints("perm");
        if (perm == null) {
            perm = new long[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        }
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = t.dims[(int) perm[i]];
        }
        double[] src = values(node, t);
        double[] out = new double[src.length];
        long[] srcStride = strides(t.dims);
        long[] outStride = strides(dims);
        for (int i = 0; i < out.length; i++) {
            long rest = i;
            long from = 0;
            for (int a = 0; a < rank; a++) {
                long k = rest / outStride[a];
                rest %= outStride[a];
                from += k * srcStride[(int) perm[a]];
            }
            out[i] = src[(int) from];
        }
        return new Tensor(dims, out, t.integer);
    }

    private static Tensor cast(Node node, Tensor t) {
        long to = node.integer("to", 1);
        boolean integer = to != 1 && to != 10 && to != 11;
        if (!integer || t.values == null) {
            return new Tensor(t.dims, t.values, integer);
        }
        double[] v = t.values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] < 0 ? Math.ceil(v[i]) : Math.floor(v[i]);
        }
        return new Tensor(t.dims, v, true);
    }

    private static Tensor range(Node node, List<Tensor> in) {
        long start = need(node, in.get(0))[0];
        long limit = need(node, in.get(1))[0];
        long delta = need(node, in.get(2))[0];
        int n = (int) Math.max(0, (limit - start + delta - (delta > 0 ? 1 : -1)) / delta);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + (double) i * delta;
        }
        return Tensor.vector(v, true);
    }

    private static Tensor arithmetic(Node node, List<Tensor> in) {
        Tensor a = in.get(0);
        if (in.size() == 1) {
            double[] v = values(node, a).clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = unary(node, v[i]);
            }
            return new Tensor(a.dims, v, a.integer);
        }
        Tensor b = in.get(1);
        double[] x = values(node, a);
        double[] y = values(node, b);
        if (x.length != y.length && x.length != 1 && y.length != 1) {
            throw OnnxImportException.at(node, "rfsweep broadcasts constants of equal size or a scalar only");
        }
        Tensor big = x.length >= y.length ? a : b;
        double[] v = new double[Math.max(x.length, y.length)];
        boolean integer = a.integer && b.integer;
        for (int i = 0; i < v.length; i++) {
            v[i] = binary(node, x[x.length == 1 ? 0 : i], y[y.length == 1 ? 0 : i], integer);
        }
        return new Tensor(big.dims, v, integer);
    }

    private static double unary(Node node, double x) {
        switch (node.op()) {
            case "Floor": return Math.floor(x);
            case "Ceil": return Math.ceil(x);
            case "Neg": return -x;
            default: throw OnnxImportException.at(node, "not an op rfsweep evaluates on constants");
        }
    }

    private static double binary(Node node, double x, double y, boolean integer) {
        switch (node.op()) {
            case "Add": return x + y;
            case "Sub": return x - y;
            case "Mul": return x * y;
            case "Div":
                double q = x / y;
                return integer ? (q < 0 ? Math.ceil(q) : Math.floor(q)) : q;
            default: throw OnnxImportException.at(node, "not an op rfsweep evaluates on constants");
        }
    }

    private static long[] strides(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }
}
