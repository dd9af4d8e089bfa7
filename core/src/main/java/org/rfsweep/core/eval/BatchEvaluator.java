package org.rfsweep.core.eval;

import java.util.concurrent.ForkJoinPool;
import org.rfsweep.core.lanes.LaneBatch;
import org.rfsweep.core.lanes.LaneEvaluator;
import org.rfsweep.core.lanes.Lanes;
import org.rfsweep.core.parallel.Ranges;

/**
 * Evaluates every stack of a {@link StackBatch} into the slot of the same index of a
 * {@link Metrics}: the batch API behind {@code eval}. {@link #evaluateSequential} and
 * {@link #evaluate} take the scalar {@link StackEvaluator}: for a batch evaluated once, packing it
 * into lane columns costs more than the SIMD kernel saves (README, Speed: {@code LaneBench}
 * {@code batch16} against {@code scalar16}). {@link #evaluateInLanes} packs the batch into a
 * {@link LaneBatch} (reused per thread, so packing allocates nothing in steady state) and
 * evaluates it with {@link LaneEvaluator} where the JVM runs the kernel ({@link Lanes#vectorised()}),
 * which hands every stack it cannot finish exactly to the scalar evaluator. Both paths write the
 * same metrics ({@code LanePathProperties}, {@code BatchEvaluatorProperties}).
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

    /** Evaluates the whole batch on the calling thread with the scalar evaluator. */
    public static void evaluateSequential(StackBatch batch, Metrics out, boolean ignore1x1) {
        check(batch, out);
        StackEvaluator evaluator = (ignore1x1 ? IGNORING_1X1 : PLAIN).get();
        for (int i = 0; i < batch.size(); i++) {
            batch.evaluate(i, evaluator, out, i);
        }
    }

    /**
     * Evaluates the whole batch in SIMD lanes where the JVM runs the kernel, on the calling thread
     * ({@code pool} null) or on {@code pool}; else as {@link #evaluateSequential} or {@link #evaluate}.
     * Pays off when the kernel is warm and the stacks are long; the results are the same either way.
     */
    public static void evaluateInLanes(StackBatch batch, Metrics out, boolean ignore1x1, ForkJoinPool pool) {
        check(batch, out);
        if (!Lanes.vectorised()) {
            if (pool == null) {
                evaluateSequential(batch, out, ignore1x1);
            } else {
                evaluate(batch, out, ignore1x1, pool);
            }
            return;
        }
        final Packing packing = PACKING.get();
        final LaneBatch lanes = packing.take();
        try {
            lanes.pack(batch);
            if (pool == null) {
                (ignore1x1 ? LANES_IGNORING_1X1 : LANES_PLAIN).get().evaluate(lanes, out);
            } else {
                LaneEvaluator.evaluate(lanes, out, ignore1x1, pool);
            }
        } finally {
            packing.give(lanes);
        }
    }

    /** Evaluates the whole batch on {@code pool} with the scalar evaluator. */
    public static void evaluate(StackBatch batch, Metrics out, boolean ignore1x1, ForkJoinPool pool) {
        check(batch, out);
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
