package org.rfsweep.core.eval;

import java.util.concurrent.ForkJoinPool;
import org.rfsweep.core.lanes.LaneBatch;
import org.rfsweep.core.lanes.LaneEvaluator;
import org.rfsweep.core.lanes.Lanes;
import org.rfsweep.core.parallel.Ranges;

/**
 * Evaluates every stack of a {@link StackBatch} into the slot of the same index of a
 * {@link Metrics}: the batch API behind {@code eval}. Where the JVM runs the SIMD kernel
 * ({@link Lanes#vectorised()}) the batch is packed into a {@link LaneBatch} (reused per thread,
 * so packing allocates nothing in steady state) and evaluated by {@link LaneEvaluator}, which
 * hands every stack it cannot finish exactly to the scalar evaluator; otherwise every stack
 * takes the scalar {@link StackEvaluator}. Both paths write the same metrics (the lanes path is
 * compared with the scalar one in {@code LanePathProperties} and {@code BatchEvaluatorProperties}).
 * In parallel, work is split into disjoint index ranges (or lane blocks); each writes only its own
 * slots, so the result is identical to the sequential run whatever the pool's size.
 */
public final class BatchEvaluator {
    /** Stacks per leaf task: large enough to amortise the task, small enough to balance. */
    static final int LEAF = 512;

    /** One reused evaluator per worker thread and option, so leaf tasks allocate no scratch. */
    private static final ThreadLocal<StackEvaluator> PLAIN =
        ThreadLocal.withInitial(() -> new StackEvaluator(false));
    private static final ThreadLocal<StackEvaluator> IGNORING_1X1 =
        ThreadLocal.withInitial(() -> new StackEvaluator(true));
    private static final ThreadLocal<LaneEvaluator> LANES_PLAIN =
        ThreadLocal.withInitial(() -> new LaneEvaluator(false));
    private static final ThreadLocal<LaneEvaluator> LANES_IGNORING_1X1 =
        ThreadLocal.withInitial(() -> new LaneEvaluator(true));
    /** One reused lane batch per thread; a thread that needs a second while the first is in use packs a new one. */
    private static final ThreadLocal<Packing> PACKING = ThreadLocal.withInitial(Packing::new);

    private BatchEvaluator() {
    }

    /** Evaluates the whole batch on the calling thread. */
    public static void evaluateSequential(StackBatch batch, Metrics out, boolean ignore1x1) {
        check(batch, out);
        if (Lanes.vectorised()) {
            final Packing packing = PACKING.get();
            final LaneBatch lanes = packing.take();
            try {
                (ignore1x1 ? LANES_IGNORING_1X1 : LANES_PLAIN).get().evaluate(lanes.pack(batch), out);
            } finally {
                packing.give(lanes);
            }
            return;
        }
        evaluateScalar(batch, out, ignore1x1);
    }

    /**
     * Evaluates the whole batch on the calling thread with the scalar evaluator, whatever the JVM:
     * for callers that evaluate too few batches to repay the SIMD kernel's warm-up (until C2 has
     * compiled it, the Vector API boxes every vector; {@code eval} measured that as seconds of CPU).
     */
    public static void evaluateScalar(StackBatch batch, Metrics out, boolean ignore1x1) {
        check(batch, out);
        StackEvaluator evaluator = (ignore1x1 ? IGNORING_1X1 : PLAIN).get();
        for (int i = 0; i < batch.size(); i++) {
            batch.evaluate(i, evaluator, out, i);
        }
    }

    /** Evaluates the whole batch on {@code pool}. */
    public static void evaluate(StackBatch batch, Metrics out, boolean ignore1x1, ForkJoinPool pool) {
        check(batch, out);
        if (Lanes.vectorised()) {
            final Packing packing = PACKING.get();
            final LaneBatch lanes = packing.take();
            try {
                LaneEvaluator.evaluate(lanes.pack(batch), out, ignore1x1, pool);
            } finally {
                packing.give(lanes);
            }
            return;
        }
        final ThreadLocal<StackEvaluator> evaluators = ignore1x1 ? IGNORING_1X1 : PLAIN;
        Ranges.run(pool, batch.size(), LEAF, (from, to) -> {
            StackEvaluator evaluator = evaluators.get();
            for (int i = from; i < to; i++) {
                batch.evaluate(i, evaluator, out, i);
            }
        });
    }

    private static void check(StackBatch batch, Metrics out) {
        if (out.capacity < batch.size()) {
            throw new IllegalArgumentException("metrics capacity=" + out.capacity + " is below batch size="
                + batch.size());
        }
    }

    /**
     * A thread's reused {@link LaneBatch}: taken for one evaluation and given back. A pool worker
     * that waits for a parallel evaluation may run another task meanwhile; that task gets a new batch.
     */
    private static final class Packing {
        private LaneBatch idle = new LaneBatch();

        LaneBatch take() {
            final LaneBatch b = idle;
            idle = null;
            return b != null ? b : new LaneBatch();
        }

        void give(LaneBatch b) {
            idle = b;
        }
    }
}
