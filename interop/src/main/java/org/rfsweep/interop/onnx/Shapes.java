package org.rfsweep.interop.onnx;

import java.util.Arrays;

/**
 * Shape rules the importer needs. A dimension of {@code -1} in a data shape is the symbolic batch
 * size; in a constant it is a {@code NaN} value, so {@code Reshape} targets built from
 * {@code Shape(x)[0]} keep it symbolic.
 */
final class Shapes {
    static final long BATCH = -1;
    private static final double BIG = 9.0e18;

    private Shapes() {
    }

    /**
     * The dims of {@code Reshape(x, target)}: {@code 0} copies the input's dim, {@code -1} is
     * inferred, an unknown entry ({@code NaN}) is the batch. A target without the batch (PyTorch's
     * {@code x.reshape(1, -1)} traced at batch 1) takes the batch as 1.
     */
    static long[] reshape(Node node, long[] in, double[] target) {
        long total = 1;
        for (long d : in) {
            total *= d == BATCH ? 1 : d;
        }
        long[] out = new long[target.length];
        long known = 1;
        int infer = -1;
        for (int i = 0; i < target.length; i++) {
            double t = target[i];
            if (Double.isNaN(t)) {
                out[i] = BATCH;
            } else if (t == 0) {
                out[i] = in[i];
            } else if (t == -1 && infer < 0) {
                infer = i;
            } else if (t < 1) {
                throw OnnxImportException.at(node, "a Reshape target entry of " + (long) t);
            } else {
                out[i] = (long) t;
            }
            if (i != infer && out[i] != BATCH) {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            out[infer] = known == 0 ? 0 : total / known;
            known *= out[infer];
        }
        if (known != total) {
            throw OnnxImportException.at(node, "cannot reshape " + Arrays.toString(in) + " to "
                + Arrays.toString(target) + " (element counts differ)");
        }
        return out;
    }

    /** The first index and the count of {@code Slice} along an axis of {@code n}, ONNX's clamping rules. */
    static long[] sliceRange(long n, long start, long end, long step) {
        if (step == 0) {
            throw new OnnxImportException("Slice: a step of 0");
        }
        double s = start < 0 ? start + n : start;
        double e = end < 0 && end > -BIG ? end + n : end;
        if (step > 0) {
            s = Math.max(0, Math.min(s, n));
            e = Math.max(0, Math.min(e, n));
            long count = e > s ? (long) ((e - s + step - 1) / step) : 0;
            return new long[] {(long) s, count};
        }
        s = Math.max(-1, Math.min(s, n - 1));
        e = Math.max(-1, Math.min(end <= -BIG ? -1 : e, n - 1));
        long count = s > e ? (long) ((s - e - step - 1) / -step) : 0;
        return new long[] {(long) s, count};
    }

    /** The output extent of a window {@code ek} with stride {@code s} over {@code n} padded by {@code pb + pa}. */
    static long extent(long n, long ek, long s, long pb, long pa, boolean ceil) {
        long span = n + pb + pa - ek;
        if (span < 0) {
            return 0;
        }
        if (!ceil) {
            return span / s + 1;
        }
        long out = (span + s - 1) / s + 1;
        if ((out - 1) * s >= n + pb) {
            out--;
        }
        return out;
    }
}
