package org.rfsweep.search;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs tasks {@code 0..n-1} on a ForkJoin pool, or in order on the caller without one. Stateless. */
final class Parallel {
    private Parallel() {
    }

    /** Runs {@code body} for each task; tasks must write disjoint outputs. */
    static void run(ForkJoinPool pool, int threads, int tasks, IntConsumer body) {
        if (pool == null || threads == 1 || tasks <= 1) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(body)).join();
    }
}
