package org.rfsweep.core.lanes;

import org.rfsweep.core.math.Limits;

/**
 * The running state of one block of lanes (SPEC section 3 per axis, and the counts of sections 6
 * and 7), one array per quantity, index = lane. Scratch: one instance per thread.
 */
final class LaneState {
    final int[] nH = new int[LaneBatch.LANES];
    final int[] nW = new int[LaneBatch.LANES];
    final int[] c = new int[LaneBatch.LANES];
    /** The channels before the current layer (the counts need both). */
    final int[] cIn = new int[LaneBatch.LANES];
    final int[] inH = new int[LaneBatch.LANES];
    final int[] inW = new int[LaneBatch.LANES];
    /** Non-zero when the lane must be evaluated again by the scalar evaluator (int checks). */
    final int[] bad = new int[LaneBatch.LANES];
    final long[] rH = new long[LaneBatch.LANES];
    final long[] rW = new long[LaneBatch.LANES];
    final long[] jH = new long[LaneBatch.LANES];
    final long[] jW = new long[LaneBatch.LANES];
    final long[] pH = new long[LaneBatch.LANES];
    final long[] pW = new long[LaneBatch.LANES];
    final long[] params = new long[LaneBatch.LANES];
    final long[] macs = new long[LaneBatch.LANES];
    final long[] biasAdds = new long[LaneBatch.LANES];
    final long[] acts = new long[LaneBatch.LANES];
    final long[] unproductive = new long[LaneBatch.LANES];
    /** Elements of the current tensor (the memory walk of docs/MEMORY.md). */
    final long[] current = new long[LaneBatch.LANES];
    /** Output elements of every layer so far ({@code act_bytes} / bytes per element). */
    final long[] actElements = new long[LaneBatch.LANES];
    /** The most elements alive at once so far ({@code peak_act_bytes} / bytes per element). */
    final long[] peakElements = new long[LaneBatch.LANES];
    /** Non-zero when the lane must be evaluated again by the scalar evaluator (long checks). */
    final long[] badWide = new long[LaneBatch.LANES];

    /** Sets every lane of {@code block} to the input state {@code r = 1, j = 1, P = 0}, no counts. */
    void start(LaneBatch batch, int block) {
        final int base = block * LaneBatch.LANES;
        for (int i = 0; i < LaneBatch.LANES; i++) {
            nH[i] = batch.inH[base + i];
            nW[i] = batch.inW[base + i];
            c[i] = batch.inC[base + i];
            inH[i] = nH[i];
            inW[i] = nW[i];
            bad[i] = 0;
            rH[i] = 1;
            rW[i] = 1;
            jH[i] = 1;
            jW[i] = 1;
            pH[i] = 0;
            pW[i] = 0;
            params[i] = 0;
            macs[i] = 0;
            biasAdds[i] = 0;
            acts[i] = 0;
            unproductive[i] = 0;
            final long spatial = (long) nH[i] * nW[i];
            final long elements = spatial * c[i];
            // An input of 2^60 elements or more is left to the scalar evaluator, which reports it.
            badWide[i] = Math.multiplyHigh(spatial, c[i]) != 0 || elements >= Limits.MAX_COUNT ? 1 : 0;
            current[i] = elements;
            actElements[i] = 0;
            peakElements[i] = elements;
        }
    }
}
