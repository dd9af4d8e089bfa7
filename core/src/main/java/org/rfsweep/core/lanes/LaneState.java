package org.rfsweep.core.lanes;

/**
 * The state of one block of lanes after its last layer (SPEC section 3 per axis, and the counts of
 * sections 6 and 7), one array per quantity, index = lane, as the kernel leaves it (it keeps the
 * running state in vectors). Scratch: one instance per thread.
 */
final class LaneState {
    final int[] nH = new int[LaneBatch.LANES];
    final int[] nW = new int[LaneBatch.LANES];
    final int[] c = new int[LaneBatch.LANES];
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
    final int[] unproductive = new int[LaneBatch.LANES];
    /** Elements of the last tensor (the memory walk of docs/MEMORY.md). */
    final long[] current = new long[LaneBatch.LANES];
    /** Output elements of every layer so far ({@code act_bytes} / bytes per element). */
    final long[] actElements = new long[LaneBatch.LANES];
    /** The most elements alive at once so far ({@code peak_act_bytes} / bytes per element). */
    final long[] peakElements = new long[LaneBatch.LANES];
    /** Non-zero when the lane must be evaluated again by the scalar evaluator (long checks). */
    final long[] badWide = new long[LaneBatch.LANES];
    /** True when the kernel has already written the lane's result into the {@code Metrics}. */
    final boolean[] written = new boolean[LaneBatch.LANES];
    /**
     * Scratch of the kernel's proof of a step's bounds: per lane, the bounds of the extents, the
     * largest channels, {@code M_CO} and {@code M_ONE}.
     */
    final long[] proofH = new long[LaneBatch.LANES];
    final long[] proofW = new long[LaneBatch.LANES];
    final int[] proofC = new int[LaneBatch.LANES];
    final int[] proofMCo = new int[LaneBatch.LANES];
    final int[] proofMOne = new int[LaneBatch.LANES];
    /** Steps of lanes the kernel ran without bound checks (proven), and with them, so far. */
    long provenSteps;
    long checkedSteps;
}
