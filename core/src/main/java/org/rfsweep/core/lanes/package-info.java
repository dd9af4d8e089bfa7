/**
 * The batched evaluation path: blocks of {@link org.rfsweep.core.lanes.LaneBatch#LANES} stacks
 * evaluated layer by layer in lanes, one primitive column per layer field and per state quantity
 * (structure of arrays), by a SIMD kernel ({@code VectorLaneKernel}, {@code jdk.incubator.vector}).
 * It handles the plain layer kinds and hands every stack it cannot finish exactly to the scalar
 * {@link org.rfsweep.core.eval.StackEvaluator}, so results and error messages are identical.
 */
package org.rfsweep.core.lanes;
