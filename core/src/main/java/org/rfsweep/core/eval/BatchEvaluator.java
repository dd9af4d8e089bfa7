package org.rfsweep.core.eval;

import java.util.concurrent.ForkJoinPool;
import org.rfsweep.core.parallel.Ranges;

/**
 * Evaluates every stack of a {@link StackBatch} into the slot of the same index of a
 * {@link Metrics}, in parallel on a ForkJoin pool ({@link Ranges}). Work is split into disjoint
 * index ranges; each range writes only its own slots, so the result is identical to the sequential run
 * whatever the pool's size.
 */
public final class BatchEvaluator {
    /** Stacks per leaf task: large enough to amortise the task, small enough to balance. */
    static final int LEAF = 512;

    /** One reused evaluator per worker thread and option, so leaf tasks allocate no scratch. */
    private static final ThreadLocal<StackEvaluator> PLAIN =
        ThreadLocal.withInitial(() -> new StackEvaluator(false));
    private static final ThreadLocal<StackEvaluator> IGNORING_1X1 =
        ThreadLocal.withInitial(() -> new StackEvaluator(true));

    private BatchEvaluator() {
    }

    /** Evaluates the whole batch on the calling thread. */
    public static void evaluateSequential(StackBatch batch, Metrics out, boolean ignore1x1) {
        check(batch, out);
        StackEvaluator evaluator = (ignore1x1 ? IGNORING_1X1 : PLAIN).get();
        for (int i = 0; i < batch.size(); i++) {
            batch.evaluate(i, evaluator, out, i);
        }
    }

    /** Evaluates the whole batch on {@code pool}. */
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
}
