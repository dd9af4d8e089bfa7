package org.rfsweep.bench;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import org.rfsweep.core.parallel.Ranges;

/**
 * How soon a second thread joins a {@link Ranges#run} call from outside the pool, when calls come
 * back to back with some serial work of the caller between them (as a benchmark's passes, with
 * their checksum, or a sweep's chunks do). Each call has 64 parts of busy work; the run prints the
 * median and 90th percentile of the delay from the call to the first part that a worker starts,
 * and the median time of a call (the parts' work split over 2 threads, plus that delay and the
 * tail). A worker that joins no part counts the whole call as its delay.
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.rfsweep.bench.RangesStartRun [CALLS] [GAP_US] [PART_US]
 * </pre>
 * Defaults: 5,000 calls, 15 µs of serial work between calls, 5 µs of work per part.
 */
public final class RangesStartRun {
    private static final int PARTS = 64;

    private RangesStartRun() {
    }

    public static void main(String[] args) {
        final int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        final long gapNs = (args.length > 1 ? Long.parseLong(args[1]) : 15) * 1_000;
        final long partNs = (args.length > 2 ? Long.parseLong(args[2]) : 5) * 1_000;
        final ForkJoinPool pool = new ForkJoinPool(2);
        final Thread caller = Thread.currentThread();
        final AtomicLong joined = new AtomicLong();
        final long[] delay = new long[calls];
        final long[] call = new long[calls];
        for (int i = 0; i < calls; i++) {
            joined.set(0);
            final long t0 = System.nanoTime();
            Ranges.run(pool, PARTS, 1, (from, to) -> {
                if (Thread.currentThread() != caller) {
                    joined.compareAndSet(0, System.nanoTime());
                }
                busy(partNs);
            });
            final long t1 = System.nanoTime();
            delay[i] = (joined.get() == 0 ? t1 : joined.get()) - t0;
            call[i] = t1 - t0;
            busy(gapNs);
        }
        pool.shutdown();
        Arrays.sort(delay);
        Arrays.sort(call);
        System.out.printf("worker joins after %.1f us (median; p90 %.1f us); a call takes %.1f us (median; the parts'"
                + " work on 2 threads: %.1f us)%n", delay[calls / 2] / 1e3, delay[calls * 9 / 10] / 1e3,
            call[calls / 2] / 1e3, PARTS * partNs / 2e3);
    }

    /** Spins for about {@code ns} nanoseconds. */
    private static long busy(long ns) {
        final long end = System.nanoTime() + ns;
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }
        return spins;
    }
}
