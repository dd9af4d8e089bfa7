package org.rfsweep.bench.peers;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The timing protocol shared by the peers (the C, NumPy and Python peers follow the same rules):
 * run whole passes over the workload for {@code warmupSeconds} (at least one pass), then time
 * passes until at least {@code minPasses} passes and {@code minSeconds} seconds are done, and
 * report the median pass time (wall clock) and the mean CPU time of the process per timed pass
 * (every thread, over the whole timed window, whose length makes the clock's tick negligible; on
 * a shared machine the CPU time is the steadier of the two). Each pass returns the checksum, which
 * must not change.
 */
public final class PassTimer {
    private PassTimer() {
    }

    /** Runs the protocol and prints the RESULT line that {@code bench/peers/run.sh} parses. */
    public static void run(String name, int stacks, int layers, LongSupplier pass, double warmupSeconds,
                           int minPasses, double minSeconds) {
        long checksum = pass.getAsLong();
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            check(checksum, pass.getAsLong());
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] times = new long[16];
        int n = 0;
        long start = System.nanoTime();
        long cpuStart = os.getProcessCpuTime();
        while (n < minPasses || System.nanoTime() - start < minSeconds * 1e9) {
            long t0 = System.nanoTime();
            long sum = pass.getAsLong();
            long t1 = System.nanoTime();
            check(checksum, sum);
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
            }
            times[n++] = t1 - t0;
        }
        long cpu = os.getProcessCpuTime() - cpuStart;
        System.out.println("RESULT name=" + name + " checksum=" + Long.toUnsignedString(checksum) + " stacks="
            + stacks + " layers=" + layers + " passes=" + n + " median_pass_ns=" + median(times, n)
            + " mean_cpu_ns=" + cpu / n);
    }

    private static long median(long[] values, int n) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void check(long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException("checksum changed between passes: " + Long.toUnsignedString(expected)
                + " then " + Long.toUnsignedString(actual));
        }
    }
}
