package org.rfsweep.core.eval;

/**
 * Results of evaluating many stacks, one primitive column per quantity, indexed by slot.
 * Reused between batches; the evaluator overwrites every column of a slot it writes.
 *
 * <p>Columns follow SPEC section 10. The named FLOP conventions of SPEC section 7 are derived
 * from two exact counts: {@code macs} and {@code biasAdds} (one add per output element of each
 * layer with a bias): {@code flops_seed = macs + biasAdds}, {@code flops_seed_madd = 2*macs +
 * biasAdds}, {@code flops_2macs = 2*macs}. All fit a long because each total is below
 * {@code Limits.MAX_COUNT = 2^60}.
 *
 * <p>For an invalid slot only {@link #error}, {@link #errorRecord} and {@link #errorDetail} are
 * meaningful. Not thread-safe; concurrent writers must use disjoint slots.
 */
public final class Metrics {
    public final int capacity;
    public final int[] outH;
    public final int[] outW;
    public final int[] outC;
    public final long[] rfH;
    public final long[] rfW;
    public final long[] rfMinH;
    public final long[] rfMinW;
    public final long[] strideH;
    public final long[] strideW;
    public final long[] padH;
    public final long[] padW;
    public final long[] params;
    public final long[] macs;
    public final long[] biasAdds;
    public final long[] acts;
    /** Output elements of every layer but {@code flatten} and {@code chunk} (views); bytes: {@code act_bytes}. */
    public final long[] actElements;
    /** Most activation elements alive at once in an in-order inference walk ({@code docs/MEMORY.md}). */
    public final long[] peakElements;
    /** Number of unproductive layers (SPEC section 5). */
    public final int[] unproductive;
    /** An {@link ErrorCode}; {@link ErrorCode#OK} for a valid stack. */
    public final int[] error;
    /** Index of the failing record within its stack, or -1. */
    public final int[] errorRecord;
    public final int[] errorDetail;

    public Metrics(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity=" + capacity + " must be >= 0");
        }
        this.capacity = capacity;
        outH = new int[capacity];
        outW = new int[capacity];
        outC = new int[capacity];
        rfH = new long[capacity];
        rfW = new long[capacity];
        rfMinH = new long[capacity];
        rfMinW = new long[capacity];
        strideH = new long[capacity];
        strideW = new long[capacity];
        padH = new long[capacity];
        padW = new long[capacity];
        params = new long[capacity];
        macs = new long[capacity];
        biasAdds = new long[capacity];
        acts = new long[capacity];
        actElements = new long[capacity];
        peakElements = new long[capacity];
        unproductive = new int[capacity];
        error = new int[capacity];
        errorRecord = new int[capacity];
        errorDetail = new int[capacity];
    }

    public boolean valid(int slot) {
        return error[slot] == ErrorCode.OK;
    }

    public long flopsSeed(int slot) {
        return macs[slot] + biasAdds[slot];
    }

    public long flopsSeedMadd(int slot) {
        return 2 * macs[slot] + biasAdds[slot];
    }

    public long flops2Macs(int slot) {
        return 2 * macs[slot];
    }

    /** Twice the H coordinate of the centre of output feature 0: {@code 2*(-P) + r - 1}. */
    public long centre2H(int slot) {
        return rfH[slot] - 1 - 2 * padH[slot];
    }

    /** Twice the W coordinate of the centre of output feature 0. */
    public long centre2W(int slot) {
        return rfW[slot] - 1 - 2 * padW[slot];
    }

    /** Copies slot {@code from} of {@code src} into slot {@code to} of this. */
    public void copySlot(Metrics src, int from, int to) {
        outH[to] = src.outH[from];
        outW[to] = src.outW[from];
        outC[to] = src.outC[from];
        rfH[to] = src.rfH[from];
        rfW[to] = src.rfW[from];
        rfMinH[to] = src.rfMinH[from];
        rfMinW[to] = src.rfMinW[from];
        strideH[to] = src.strideH[from];
        strideW[to] = src.strideW[from];
        padH[to] = src.padH[from];
        padW[to] = src.padW[from];
        params[to] = src.params[from];
        macs[to] = src.macs[from];
        biasAdds[to] = src.biasAdds[from];
        acts[to] = src.acts[from];
        actElements[to] = src.actElements[from];
        peakElements[to] = src.peakElements[from];
        unproductive[to] = src.unproductive[from];
        error[to] = src.error[from];
        errorRecord[to] = src.errorRecord[from];
        errorDetail[to] = src.errorDetail[from];
    }
}
