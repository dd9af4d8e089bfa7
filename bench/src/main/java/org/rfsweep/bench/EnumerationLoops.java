package org.rfsweep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.Snapshots;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.space.Decoder;
import org.rfsweep.sweep.PrefixEnumeration;

/**
 * The enumeration loops that {@link EnumerateBench} (JMH) and {@link ThreadCpuRun} (thread CPU
 * time) both time, defined once so that both measure the same code. Each runs {@code n}
 * candidates on from where the decoder or enumeration stands and returns a checksum of the MACs.
 */
final class EnumerationLoops {
    private EnumerationLoops() {
    }

    /** {@link Decoder#next} and {@link StackEvaluator#evaluate}: every record of every candidate. */
    static long scratch(Decoder d, StackEvaluator evaluator, Metrics m, int n) {
        long sum = 0;
        for (int k = 0; k < n; k++) {
            d.next();
            evaluator.evaluate(d.records(), 0, d.count(), d.inputH(), d.inputW(), d.inputC(), m, 0);
            sum += m.macs[0];
        }
        return sum;
    }

    /** {@link Decoder#next} and {@link StackEvaluator#evaluateFrom}, from the first record that changed. */
    static long resume(Decoder d, StackEvaluator evaluator, Metrics m, Snapshots snapshots, int n) {
        long sum = 0;
        for (int k = 0; k < n; k++) {
            d.next();
            evaluator.evaluateFrom(d.records(), 0, d.count(), d.inputH(), d.inputW(), d.inputC(), m, 0,
                snapshots, d.firstChanged());
            sum += m.macs[0];
        }
        return sum;
    }

    /** {@link PrefixEnumeration}, what the sweep runs: blocks that differ only in the last position. */
    static long reuse(PrefixEnumeration e, int n) {
        long sum = 0;
        for (int done = 0; done < n; ) {
            final int size = e.next(n - done);
            done += size;
            sum += e.metrics().macs[size - 1];
        }
        return sum;
    }

    /** {@code path}, or the same path from the parent folder (a run from {@code bench/}). */
    static Path space(String path) {
        final Path p = Path.of(path);
        return Files.exists(p) ? p : Path.of("..").resolve(p);
    }
}
