package org.rfsweep.core.eval;

import java.util.Arrays;

/**
 * Per-record results of one stack, for the layer-by-layer view of {@code rfsweep analyze} and
 * for error messages. Row {@code i} describes record {@code i} of the stack: its input shape, its
 * output shape, the receptive field, effective stride and padding after it, and its own counts.
 * Rows up to and including a failing record are filled ({@link #rows}).
 *
 * <p>Grows on demand; not for the hot loop. Not thread-safe.
 */
public final class LayerTrace {
    /** Flag: the layer is unproductive (SPEC section 5). */
    public static final int UNPRODUCTIVE = 1;
    /** Flag: the layer's minimum RF first exceeds the input (the border of SPEC section 5). */
    public static final int CRITICAL = 2;
    /** Flag on a branch block's closing record: a branch passed a global op (SPEC section 4). */
    public static final int GLOBAL_CONTEXT = 4;

    /** Rows filled by the last evaluation. */
    public int rows;
    public int[] inH = new int[0];
    public int[] inW = new int[0];
    public int[] inC = new int[0];
    public int[] outH = new int[0];
    public int[] outW = new int[0];
    public int[] outC = new int[0];
    public long[] rfH = new long[0];
    public long[] rfW = new long[0];
    public long[] rfMinH = new long[0];
    public long[] rfMinW = new long[0];
    public long[] strideH = new long[0];
    public long[] strideW = new long[0];
    public long[] padH = new long[0];
    public long[] padW = new long[0];
    public long[] params = new long[0];
    public long[] macs = new long[0];
    public long[] biasAdds = new long[0];
    public long[] acts = new long[0];
    public int[] flags = new int[0];

    void reset(int capacity) {
        rows = 0;
        if (inH.length < capacity) {
            inH = Arrays.copyOf(inH, capacity);
            inW = Arrays.copyOf(inW, capacity);
            inC = Arrays.copyOf(inC, capacity);
            outH = Arrays.copyOf(outH, capacity);
            outW = Arrays.copyOf(outW, capacity);
            outC = Arrays.copyOf(outC, capacity);
            rfH = Arrays.copyOf(rfH, capacity);
            rfW = Arrays.copyOf(rfW, capacity);
            rfMinH = Arrays.copyOf(rfMinH, capacity);
            rfMinW = Arrays.copyOf(rfMinW, capacity);
            strideH = Arrays.copyOf(strideH, capacity);
            strideW = Arrays.copyOf(strideW, capacity);
            padH = Arrays.copyOf(padH, capacity);
            padW = Arrays.copyOf(padW, capacity);
            params = Arrays.copyOf(params, capacity);
            macs = Arrays.copyOf(macs, capacity);
            biasAdds = Arrays.copyOf(biasAdds, capacity);
            acts = Arrays.copyOf(acts, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
    }

    void input(int row, int h, int w, int c) {
        inH[row] = h;
        inW[row] = w;
        inC[row] = c;
        rows = row + 1;
    }

    void output(int row, int h, int w, int c) {
        outH[row] = h;
        outW[row] = w;
        outC[row] = c;
    }

    void field(int row, long rH, long rW, long rMinH, long rMinW, long jH, long jW, long pH, long pW) {
        rfH[row] = rH;
        rfW[row] = rW;
        rfMinH[row] = rMinH;
        rfMinW[row] = rMinW;
        strideH[row] = jH;
        strideW[row] = jW;
        padH[row] = pH;
        padW[row] = pW;
    }

    void counts(int row, long p, long m, long b, long a, int f) {
        params[row] = p;
        macs[row] = m;
        biasAdds[row] = b;
        acts[row] = a;
        flags[row] = f;
    }
}
