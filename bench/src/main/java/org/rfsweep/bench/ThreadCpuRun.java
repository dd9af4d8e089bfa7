package org.rfsweep.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.bench.workload.Workload;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.Snapshots;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.sweep.PrefixEnumeration;
import org.rfsweep.sweep.SweepEngine;
import org.rfsweep.sweep.SweepListener;
import org.rfsweep.sweep.SweepPlan;

/**
 * The loops of {@link BatchBench#engine16} and {@link EnumerateBench} timed by the CPU time of the
 * running thread, not the wall clock: on a machine shared with other work, wall time counts the
 * time the thread waits for a core, CPU time does not. For A/B runs of two builds under load; one
 * mode per JVM, like a JMH fork. Prints the median and range of the rounds, in ns per layer
 * evaluation ({@code engine16}) or per candidate (the modes of {@link EnumerateBench}: {@code scratch},
 * {@code resume}, {@code reuse}; and {@code next}).
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.rfsweep.bench.ThreadCpuRun MODE [SECONDS] [ROUNDS]
 *   MODE: engine16 | scratch | resume | reuse | next | sweep | records | bytes
 * </pre>
 * {@code next} is {@link Decoder#next} alone; {@code sweep} is the enumerating sweep of
 * {@link SweepEngine} on one worker, timed by the process's CPU time per candidate (see
 * {@link #sweep}; {@code -Drfsweep.prefixReuse=false} turns reuse off). The space is
 * {@code data/spaces/bench16.json} (or {@code -Dspace=FILE}) from the working directory or its parent.
 * {@code records} and {@code bytes} are those of {@link ParseBench}, in ns per layer, on its
 * {@code -Dtokens=reference} (default) or {@code unseen} strings; with an older build's jar first on
 * the class path, they time the older parser through its {@code ParseBench}.
 */
public final class ThreadCpuRun {
    private static final int STACKS = 1024;
    private static final int LAYERS = 16;
    private static final int CANDIDATES = 10_000;
    /** Candidates per pass of mode {@code sweep}. */
    private static final long SWEEP_RANGE = 50_000_000;

    private ThreadCpuRun() {
    }

    public static void main(String[] args) throws Exception {
        final String mode = args.length > 0 ? args[0] : "engine16";
        final double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        final boolean sweep = mode.equals("sweep");
        final boolean parse = mode.equals("records") || mode.equals("bytes");
        final LongSupplier pass = mode.equals("engine16") ? engine() : sweep ? sweep() : parse ? parse(mode)
            : enumerate(mode);
        final long perPass = mode.equals("engine16") ? STACKS * LAYERS : sweep ? SWEEP_RANGE
            : parse ? ParseBench.STACKS * ParseBench.LAYERS : CANDIDATES;
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        // The sweep's work runs on its worker thread: the process's CPU time (JIT and GC included).
        final LongSupplier cpuTime = sweep ? os::getProcessCpuTime : threads::getCurrentThreadCpuTime;
        long sink = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            sink += pass.getAsLong();
        }
        final double[] ns = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            final long cpu = cpuTime.getAsLong();
            long passes = 0;
            end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                sink += pass.getAsLong();
                passes++;
            }
            ns[r] = (cpuTime.getAsLong() - cpu) / (double) (passes * perPass);
        }
        Arrays.sort(ns);
        System.out.printf("%s: %.2f ns CPU per op, median of %d rounds (%.2f-%.2f); checksum %d%n", mode,
            ns[rounds / 2], rounds, ns[0], ns[rounds - 1], sink & 0xFF);
    }

    /** {@link ParseBench#records} or {@link ParseBench#bytes} over its strings ({@code -Dtokens}). */
    private static LongSupplier parse(String mode) throws IOException {
        final ParseBench state = new ParseBench();
        state.tokens = System.getProperty("tokens", "reference");
        state.load();
        return mode.equals("bytes") ? state::bytes : state::records;
    }

    private static LongSupplier engine() {
        final Workload w = ReferenceWorkload.generate(ReferenceWorkload.SEED, STACKS, LAYERS);
        final int[] records = w.toRecords();
        final Metrics metrics = new Metrics(STACKS);
        final StackEvaluator evaluator = new StackEvaluator();
        return () -> {
            for (int s = 0; s < STACKS; s++) {
                evaluator.evaluate(records, s * LAYERS * Layer.INTS, LAYERS, w.inH, w.inW, w.inC, metrics, s);
            }
            return metrics.macs[STACKS - 1];
        };
    }

    /**
     * The enumerating sweep of candidates {@code 0..SWEEP_RANGE-1} on one worker thread, rows to a
     * discarding sink, with the constraint {@code -Dwhere=EXPR} ({@code rf >= 71} by default: about
     * 1.2% of them on {@code bench16.json}: 593,052 rows); returns the rows kept.
     */
    private static LongSupplier sweep() {
        final CompiledSpace space = CompiledSpace.compile(SpaceLoader.load(spacePath()));
        final ConstraintSet where = ConstraintSet.parse(List.of(System.getProperty("where", "rf >= 71")),
            space.space().inputs());
        final SweepPlan plan = SweepPlan.builder(space).enumerate().range(0, SWEEP_RANGE).constraints(where)
            .threads(1).build();
        return () -> SweepEngine.run(plan, (bytes, length) -> { }, new AtomicBoolean(), SweepListener.NONE).kept();
    }

    private static Path spacePath() {
        return EnumerationLoops.space(System.getProperty("space", "data/spaces/bench16.json"));
    }

    private static LongSupplier enumerate(String mode) {
        final Decoder d = CompiledSpace.compile(SpaceLoader.load(spacePath())).decoder();
        final Metrics m = new Metrics(1);
        final StackEvaluator evaluator = new StackEvaluator();
        final Snapshots snapshots = new Snapshots(d.records().length / Layer.INTS);
        d.decode(0);
        switch (mode) {
            case "scratch":
                return () -> EnumerationLoops.scratch(d, evaluator, m, CANDIDATES);
            case "resume":
                return () -> EnumerationLoops.resume(d, evaluator, m, snapshots, CANDIDATES);
            case "reuse":
                final PrefixEnumeration e = new PrefixEnumeration(d, evaluator, true);
                e.start(0);
                return () -> EnumerationLoops.reuse(e, CANDIDATES);
            case "next":
                return () -> {
                    long sum = 0;
                    for (int k = 0; k < CANDIDATES; k++) {
                        d.next();
                        sum += d.firstChanged();
                    }
                    return sum;
                };
            default:
                throw new IllegalArgumentException("mode=" + mode
                    + ": use engine16, scratch, resume, reuse, next, sweep, records or bytes");
        }
    }
}
