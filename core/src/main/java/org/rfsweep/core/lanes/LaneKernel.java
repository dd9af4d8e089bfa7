package org.rfsweep.core.lanes;

/**
 * Evaluates one layer for every lane of a block: reads the layer's columns of a
 * {@link LaneBatch} and updates a {@link LaneState}. Any lane whose result the kernel cannot
 * guarantee exact (an error, a bound within reach) gets a non-zero {@link LaneState#bad} or
 * {@link LaneState#badWide}; the caller evaluates that stack again with the scalar evaluator.
 */
interface LaneKernel {
    /**
     * @param unproductiveShift 0 to count every windowed layer as possibly unproductive, 1 to
     *     skip 1x1 kernels (the {@code ignore1x1} option): the bit of {@link LaneBatch#UNPRODUCTIVE}
     */
    void layer(LaneBatch batch, int block, int layer, LaneState state, int unproductiveShift);
}
