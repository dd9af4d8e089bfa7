package org.rfsweep.interop.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.rfsweep.interop.onnx.proto.Onnx.TensorProto;

/**
 * A tensor that does not flow from the network's input: a weight (shape only) or a constant
 * (shape and values, such as the shape arithmetic PyTorch exports). Values are doubles, exact for
 * the integers of shape arithmetic; {@code NaN} marks an entry that is not known at import time
 * (a symbolic batch size). A weight has no values at all.
 */
final class Tensor {
    /** Initializers with more elements than this keep their shape only. */
    private static final int MAX_DECODED = 1 << 16;
    private static final int FLOAT = 1;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int DOUBLE = 11;

    final long[] dims;
    /** Row-major values, or null for a weight whose values rfsweep does not read. */
    final double[] values;
    final boolean integer;

    Tensor(long[] dims, double[] values, boolean integer) {
        this.dims = dims;
        this.values = values;
        this.integer = integer;
    }

    static Tensor weight(long[] dims) {
        return new Tensor(dims, null, false);
    }

    static Tensor vector(double[] values, boolean integer) {
        return new Tensor(new long[] {values.length}, values, integer);
    }

    static Tensor scalar(double value, boolean integer) {
        return new Tensor(new long[0], new double[] {value}, integer);
    }

    static long size(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    long size() {
        return size(dims);
    }

    int rank() {
        return dims.length;
    }

    boolean known() {
        if (values == null) {
            return false;
        }
        for (double v : values) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /** Value {@code i} as a long; the caller has checked it is known. */
    long at(int i) {
        return (long) values[i];
    }

    long[] longs() {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) values[i];
        }
        return out;
    }

    /** Decodes a tensor proto; large float tensors keep their shape only. */
    static Tensor of(TensorProto t) {
        long[] dims = new long[t.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
        }
        int type = t.getDataType();
        boolean integer = type != FLOAT && type != DOUBLE && type != 10;
        long n = size(dims);
        if (n > MAX_DECODED || n < 0) {
            return new Tensor(dims, null, integer);
        }
        double[] v = decode(t, (int) n, type);
        return new Tensor(dims, v, integer);
    }

    private static double[] decode(TensorProto t, int n, int type) {
        double[] v = new double[n];
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                switch (type) {
                    case INT64: v[i] = b.remaining() >= 8 ? b.getLong() : Double.NaN; break;
                    case INT32: v[i] = b.remaining() >= 4 ? b.getInt() : Double.NaN; break;
                    case FLOAT: v[i] = b.remaining() >= 4 ? b.getFloat() : Double.NaN; break;
                    case DOUBLE: v[i] = b.remaining() >= 8 ? b.getDouble() : Double.NaN; break;
                    default: return null;
                }
            }
            return v;
        }
        if (t.getInt64DataCount() == n) {
            for (int i = 0; i < n; i++) {
                v[i] = t.getInt64Data(i);
            }
        } else if (t.getInt32DataCount() == n) {
            for (int i = 0; i < n; i++) {
                v[i] = t.getInt32Data(i);
            }
        } else if (t.getFloatDataCount() == n) {
            for (int i = 0; i < n; i++) {
                v[i] = t.getFloatData(i);
            }
        } else if (t.getDoubleDataCount() == n) {
            for (int i = 0; i < n; i++) {
                v[i] = t.getDoubleData(i);
            }
        } else {
            return null;
        }
        return v;
    }

    @Override
    public String toString() {
        return "tensor " + Arrays.toString(dims) + (values == null ? "" : " = " + Arrays.toString(values));
    }
}
