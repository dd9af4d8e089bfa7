package org.rfsweep.core.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The one way rfsweep runs a range of work on a ForkJoin pool: {@code [0, n)} is halved until a
 * part holds at most {@code leaf} indices, and each part runs {@link RangeTask#run} on some
 * worker. The parts are disjoint; when each writes only outputs indexed by its own indices, the
 * result is the same as the sequential run, whatever the pool's size. Stateless.
 */
public final class Ranges {
    private Ranges() {
    }

    /** Work over the indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over {@code [0, n)} in parts of at most {@code leaf} indices on
     * {@code pool}, or as one part on the calling thread when {@code pool} is null or there is
     * only one part. Returns when every part has finished; a part's exception is rethrown.
     */
    public static void run(ForkJoinPool pool, int n, int leaf, RangeTask task) {
        if (leaf < 1) {
            throw new IllegalArgumentException("leaf=" + leaf + " must be >= 1");
        }
        if (n <= 0) {
            return;
        }
        if (pool == null || n <= leaf) {
            task.run(0, n);
            return;
        }
        Part root = new Part(task, leaf, 0, n);
        if (ForkJoinTask.getPool() == pool) {
            root.invoke();
        } else {
            pool.invoke(root);
        }
    }

    /** Runs {@code body} once per index of {@code [0, tasks)}, each index its own part. */
    public static void forEach(ForkJoinPool pool, int tasks, IntConsumer body) {
        run(pool, tasks, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        });
    }

    private static final class Part extends RecursiveAction {
        private final RangeTask task;
        private final int leaf;
        private final int from;
        private final int to;

        Part(RangeTask task, int leaf, int from, int to) {
            this.task = task;
            this.leaf = leaf;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= leaf) {
                task.run(from, to);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Part(task, leaf, from, mid), new Part(task, leaf, mid, to));
        }
    }
}
