package org.rfsweep.core.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one way rfsweep runs a range of work on a ForkJoin pool: {@code [0, n)} is cut into parts of
 * at most {@code leaf} indices, and each part runs {@link RangeTask#run} on some thread. The parts
 * are disjoint; when each writes only outputs indexed by its own indices, the result is the same
 * as the sequential run, whatever the pool's size and whoever runs which part. Stateless.
 * <p>
 * A caller from outside the pool works too: it wakes {@code parallelism - 1} workers and claims
 * parts beside them, so {@code parallelism} threads work in all, and waking a parked worker (tens
 * of microseconds on a virtual machine) overlaps with the caller's own parts instead of delaying
 * the start. A worker that wakes after the caller has claimed every part finds nothing to do.
 * Inside the pool, the range is halved recursively ({@link ForkJoinTask#invokeAll}).
 * <p>
 * Calls often come back to back (a benchmark's passes, a sweep's chunks), with a little serial
 * work of the caller between them. So a worker that has finished its parts lingers for up to
 * {@link #LINGER_NS} before it returns to the pool, and the next call from outside hands its
 * team straight to it ({@link Lingerer}) instead of waking a parked worker: a parked worker took
 * a median 30 microseconds to start here, a tenth of a 2-thread pass of the peers workload.
 */
public final class Ranges {
    /**
     * How long a worker waits, spinning, for the next call's team after it has finished its parts;
     * it then returns to the pool (which parks it). At most this much CPU is spent per call.
     */
    static final long LINGER_NS = 50_000;
    /** The worker lingering now, if any: one at a time, which is what a pool of 2 needs. */
    private static final AtomicReference<Lingerer> LINGERING = new AtomicReference<>();

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
        if (ForkJoinTask.getPool() == pool) {
            new Part(task, leaf, 0, n).invoke();
        } else {
            new Team(pool, task, n, leaf).lead();
        }
    }

    /** Whether a worker of {@code pool} lingers now, ready for the next call's team (for tests). */
    static boolean lingering(ForkJoinPool pool) {
        final Lingerer waiting = LINGERING.get();
        return waiting != null && waiting.pool == pool;
    }

    /** Runs {@code body} once per index of {@code [0, tasks)}, each index its own part. */
    public static void forEach(ForkJoinPool pool, int tasks, IntConsumer body) {
        run(pool, tasks, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        });
    }

    /**
     * One call from outside the pool: parts {@code [0, parts)}, claimed in order by the caller and
     * the woken workers; part {@code i} is {@code [n * i / parts, n * (i + 1) / parts)}.
     */
    private static final class Team implements Runnable {
        /** Spins of the caller before it parks while the workers finish their last parts. */
        private static final int SPINS = 1 << 12;
        private final RangeTask task;
        private final int n;
        private final int parts;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger unfinished;
        private final Thread caller = Thread.currentThread();
        private final ForkJoinPool pool;
        private volatile Throwable failure;

        Team(ForkJoinPool pool, RangeTask task, int n, int leaf) {
            this.pool = pool;
            this.task = task;
            this.n = n;
            this.parts = (int) ((n + (long) leaf - 1) / leaf);
            this.unfinished = new AtomicInteger(parts);
        }

        /** The caller's side: finds helpers, works beside them, waits for their last parts. */
        void lead() {
            final int helpers = Math.min(pool.getParallelism(), parts) - 1;
            for (int h = 0; h < helpers; h++) {
                if (!Lingerer.handOver(pool, this)) {
                    pool.execute(this);
                }
            }
            work(false);
            for (int spins = 0; unfinished.get() > 0; spins++) {
                if (spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            final Throwable t = failure;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            } else if (t instanceof Error) {
                throw (Error) t;
            } else if (t != null) {
                throw new IllegalStateException(t);
            }
        }

        /** A worker's part in this call, then in each call handed to it while it lingers. */
        @Override
        public void run() {
            for (Team team = this; team != null; ) {
                final Lingerer me = team.work(true);
                team = me == null ? null : me.await();
            }
        }

        /**
         * Claims and runs parts until none is left; after a failure (any throwable, so that every
         * part is counted), claims the rest without running them. A worker ({@code linger})
         * publishes itself as lingering ({@link Lingerer#publish}) before it counts its last part
         * finished: a caller released by that count, which starts its next call at once, then finds
         * it. Published later, the caller would often miss it by a few hundred nanoseconds, wake a
         * parked worker instead (about 60 microseconds here), and run a third spinning thread on
         * two cores meanwhile. Returns the published lingerer, or null.
         */
        Lingerer work(boolean linger) {
            Lingerer me = null;
            int i = next.getAndIncrement();
            while (i < parts) {
                try {
                    if (failure == null) {
                        task.run((int) ((long) n * i / parts), (int) ((long) n * (i + 1) / parts));
                    }
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
                final int claimed = next.getAndIncrement();
                if (claimed >= parts && linger) {
                    me = Lingerer.publish(pool);
                }
                if (unfinished.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
                i = claimed;
            }
            return linger && me == null ? Lingerer.publish(pool) : me;
        }
    }

    /**
     * A worker of {@code pool} waiting for a team. The worker publishes itself in
     * {@link #LINGERING}; a caller that takes it from there (a compare-and-set, so exactly one
     * caller does) gives it its team; a worker that takes itself back on time-out leaves.
     */
    private static final class Lingerer {
        private final ForkJoinPool pool;
        private volatile Team team;

        private Lingerer(ForkJoinPool pool) {
            this.pool = pool;
        }

        /** Gives {@code team} to a worker of {@code pool} that lingers now; false if there is none. */
        static boolean handOver(ForkJoinPool pool, Team team) {
            final Lingerer waiting = LINGERING.get();
            if (waiting == null || waiting.pool != pool || !LINGERING.compareAndSet(waiting, null)) {
                return false;
            }
            waiting.team = team;
            return true;
        }

        /** Publishes a lingerer for the calling worker of {@code pool}; null if another lingers already. */
        static Lingerer publish(ForkJoinPool pool) {
            final Lingerer me = new Lingerer(pool);
            return LINGERING.compareAndSet(null, me) ? me : null;
        }

        /** The next team handed to this lingerer within {@link #LINGER_NS}, or null. */
        Team await() {
            final long start = System.nanoTime();
            Team handed;
            while ((handed = team) == null) {
                if (System.nanoTime() - start > LINGER_NS && LINGERING.compareAndSet(this, null)) {
                    return null;
                }
                Thread.onSpinWait();
            }
            return handed;
        }
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
