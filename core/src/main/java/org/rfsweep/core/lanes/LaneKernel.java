package org.rfsweep.core.lanes;

import org.rfsweep.core.eval.Metrics;

/**
 * Evaluates every layer of one block for every lane: reads the block's columns of a
 * {@link LaneBatch} and the input state that {@link LaneState#start} set, and leaves the final
 * state in the {@link LaneState}. Any lane whose result the kernel cannot guarantee exact (an
 * error, a bound within reach) gets a non-zero {@link LaneState#bad} or {@link LaneState#badWide};
 * the caller evaluates that stack again with the scalar evaluator. The kernel may write the results
 * of good lanes into {@code out} itself, exactly as the caller would: it marks them in
 * {@link LaneState#written}.
 */
interface LaneKernel {
    /**
     * @param unproductiveShift 0 to count every windowed layer as possibly unproductive, 1 to
     *     skip 1x1 kernels (the {@code ignore1x1} option): the bit of {@link LaneBatch#BIT_UNPRODUCTIVE}
     */
    void block(LaneBatch batch, int block, LaneState state, int unproductiveShift, Metrics out);

    /**
     * Derives the columns of block {@code b} of a batch being packed from the records
     * {@code rec}, in lanes: lane {@code i}'s stack starts at {@code batch.laneStart[i]} with
     * {@code batch.laneCount[i]} records (0: an empty lane). Writes exactly what
     * {@code LaneBatch}'s scalar derivation writes: the columns of the lane's plain prefix (the
     * records before the first one that {@link LaneBatch#plainLayer} does not take), the identity
     * after it up to the block's stride, and the prefix's length to {@code batch.prefix}; for lanes
     * {@code 0 .. lanes - 1} ({@link LaneBatch#LANES}, or a multiple of {@link LaneBatch#GROUP}).
     */
    void derive(LaneBatch batch, int[] rec, int b, int lanes);

    /**
     * Calls the kernel's methods {@code calls} times without running them: each returns before its
     * first vector operation. Their invocation counters reach the JIT's thresholds, so C2 compiles
     * them after a few real calls instead of hundreds, and the Vector API's own Java code, which runs
     * in every operation of a kernel that C2 has not compiled yet, runs (and is compiled) much less.
     */
    void idle(int calls);
}
