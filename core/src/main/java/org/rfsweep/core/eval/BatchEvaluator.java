package org.rfsweep.core.eval;

import java.util.concurrent.ForkJoinPool;
import org.rfsweep.core.lanes.LaneBatch;
import org.rfsweep.core.lanes.LaneEvaluator;
import org.rfsweep.core.lanes.Lanes;
import org.rfsweep.core.parallel.Ranges;

/**
 * Evaluates every stack of a {@link StackBatch} into the slot of the same index of a
 * {@link Metrics}: the batch API behind {@code eval}. Where the JVM runs the SIMD kernel
 * ({@link Lanes#vectorised()}), {@link #evaluateSequential} and {@link #evaluate} pack the batch,
 * {@value #SLICE} stacks at a time, into a {@link LaneBatch} (reused per thread, so packing
 * allocates nothing in steady state; a slice's columns stay in the cache until the kernel reads
 * them) and evaluate it with {@link LaneEvaluator}, which hands every stack, or every record after
 * a stack's plain prefix, that it cannot finish exactly to the scalar {@link StackEvaluator};
 * elsewhere, and in {@link #evaluateScalar}, every stack takes the scalar evaluator. Both paths
 * write the same metrics ({@code LanePathProperties}, {@code BatchEvaluatorProperties}).
 * In parallel, work is split into disjoint index ranges; each writes only its own slots, so the
 * result is identical to the sequential run whatever the pool's size.
 */
public final class BatchEvaluator {
    /** Stacks per leaf task: large enough to amortise the task, small enough to balance. */
    static final int LEAF = 512;
    /**
     * Stacks packed into lanes and evaluated at a time: the columns of 512 stacks of 16 layers take
     * 360 KB, which stay in L2 between packing and the kernel.
     */
    static final int SLICE = 512;

    /** One reused evaluator per worker thread and option, so leaf tasks allocate no scratch. */
    private static final ThreadLocal<StackEvaluator> PLAIN =
        ThreadLocal.withInitial(() -> new StackEvaluator(false));
    private static final ThreadLocal<StackEvaluator> IGNORING_1X1 =
        ThreadLocal.withInitial(() -> new StackEvaluator(true));
    private static final ThreadLocal<LaneEvaluator> LANES_PLAIN =
        ThreadLocal.withInitial(() -> LaneEvaluator.forBatches(false));
    private static final ThreadLocal<LaneEvaluator> LANES_IGNORING_1X1 =
        ThreadLocal.withInitial(() -> LaneEvaluator.forBatches(true));
    /** One reused lane batch per thread; a thread that needs a second while the first is in use packs a new one. */
    private static final ThreadLocal<Packing> PACKING = ThreadLocal.withInitial(Packing::new);

    private BatchEvaluator() {
    }

    /** Evaluates the whole batch on the calling thread: in lanes where the JVM runs the kernel, else scalar. */
    public static void evaluateSequential(StackBatch batch, Metrics out, boolean ignore1x1) {
        check(batch, out);
        range(batch, 0, batch.size(), out, ignore1x1, Lanes.vectorised());
    }

    /**
     * Evaluates the whole batch on {@code pool}, {@value #LEAF} stacks per task: in lanes where the
     * JVM runs the kernel, else scalar; the result is identical to {@link #evaluateSequential}.
     */
    public static void evaluate(StackBatch batch, Metrics out, boolean ignore1x1, ForkJoinPool pool) {
        check(batch, out);
        final boolean lanes = Lanes.vectorised();
        Ranges.run(pool, batch.size(), LEAF, (from, to) -> range(batch, from, to, out, ignore1x1, lanes));
    }

    /**
     * Evaluates the whole batch with the scalar evaluator only, on the calling thread ({@code pool}
     * null) or on {@code pool}: for callers whose batches are too few to repay the kernel's
     * compilation (docs/SPEED.md: {@code eval}).
     */
    public static void evaluateScalar(StackBatch batch, Metrics out, boolean ignore1x1, ForkJoinPool pool) {
        check(batch, out);
        if (pool == null) {
            range(batch, 0, batch.size(), out, ignore1x1, false);
        } else {
            Ranges.run(pool, batch.size(), LEAF, (from, to) -> range(batch, from, to, out, ignore1x1, false));
        }
    }

    /**
     * As {@link #evaluateSequential} ({@code pool} null) or {@link #evaluate}: the lanes where the JVM
     * runs the kernel, else the scalar evaluator.
     */
    public static void evaluateInLanes(StackBatch batch, Metrics out, boolean ignore1x1, ForkJoinPool pool) {
        if (pool == null) {
            evaluateSequential(batch, out, ignore1x1);
        } else {
            evaluate(batch, out, ignore1x1, pool);
        }
    }

    /** Stacks {@code from..to-1} into their slots, in lanes ({@value #SLICE} at a time) or scalar. */
    private static void range(StackBatch batch, int from, int to, Metrics out, boolean ignore1x1, boolean lanes) {
        if (!lanes) {
            final StackEvaluator evaluator = (ignore1x1 ? IGNORING_1X1 : PLAIN).get();
            for (int i = from; i < to; i++) {
                batch.evaluate(i, evaluator, out, i);
            }
            return;
        }
        final LaneEvaluator evaluator = (ignore1x1 ? LANES_IGNORING_1X1 : LANES_PLAIN).get();
        final StackEvaluator scalar = (ignore1x1 ? IGNORING_1X1 : PLAIN).get();
        final Packing packing = PACKING.get();
        final LaneBatch packed = packing.take();
        try {
            for (int s = from; s < to; s += SLICE) {
                final int end = Math.min(to, s + SLICE);
                // Until C2 has compiled the kernel, a slice gives it one block at most (LaneEvaluator.throttled).
                int lanesEnd = s;
                if (evaluator.warm()) {
                    lanesEnd = end;
                    evaluator.evaluate(evaluator.pack(packed, batch, s, end), out);
                } else if (!evaluator.throttled()) {
                    lanesEnd = Math.min(end, s + LaneBatch.LANES);
                    evaluator.evaluate(evaluator.pack(packed, batch, s, lanesEnd), out);
                }
                for (int i = lanesEnd; i < end; i++) {
                    batch.evaluate(i, scalar, out, i);
                }
            }
        } finally {
            packing.give(packed);
        }
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
