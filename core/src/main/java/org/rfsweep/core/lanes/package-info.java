/**
 * The batched evaluation path: blocks of {@link org.rfsweep.core.lanes.LaneBatch#LANES} stacks
 * evaluated layer by layer in lanes, one primitive column per layer field and per state quantity
 * (structure of arrays), by a SIMD kernel ({@code VectorLaneKernel}, {@code jdk.incubator.vector}).
 * It handles the plain layer kinds: a stack's plain prefix runs in lanes and the records after it
 * (a global head, a branch block) on the scalar {@link org.rfsweep.core.eval.StackEvaluator}, from
 * the lane's result; every stack or lane it cannot finish exactly goes to the scalar evaluator, so
 * results and error messages are identical.
 */
package org.rfsweep.core.lanes;
