package org.rfsweep.bench.sweep;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.lanes.Lanes;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.space.Space;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.sweep.SweepResult;
import org.rfsweep.sweep.SweepPlan;
import org.rfsweep.sweep.SweepOutput;
import org.rfsweep.sweep.SweepListener;
import org.rfsweep.sweep.SweepEngine;
import org.rfsweep.constraint.ConstraintSet;

/**
 * Measures the sweep side by side in one process, on the stacks of a space (by default
 * {@code data/spaces/bench16.json}: 16 layers per stack at 224x224x3):
 *
 * <ol>
 *   <li><b>eval</b>: {@link StackEvaluator} alone over stacks sampled once into one array
 *       (layer evaluations/s, stacks/s, ns per layer per core), per thread count;</li>
 *   <li><b>filter</b>: the whole pipeline ({@link SweepEngine}: sample or decode, evaluate,
 *       filter, format the kept rows, write) with {@code macs <=} the 1% quantile, so about 1%
 *       is kept, in sample and in enumerate mode;</li>
 *   <li><b>write</b>: the whole pipeline keeping every row, to a discarding sink, or to
 *       {@code --out FILE}.</li>
 * </ol>
 * Each figure is the median of {@code --repeat} runs after one warm-up run. Besides wall-clock
 * rates it prints CPU time per layer (the evaluating threads' own CPU time) and per candidate
 * (the whole process's CPU time, JIT and GC included), which other load on the machine
 * disturbs much less than wall time.
 *
 * <pre>
 *   ./rfsweep --version &gt;/dev/null    # builds search/target/rfsweep.jar
 *   java -cp search/target/rfsweep.jar org.rfsweep.sweep.SweepThroughput \
 *       [--space data/spaces/bench16.json] [--threads 1,2] [--seconds 3] [--samples 2000000] [--repeat 3] [--out FILE]
 *       [--phases eval,filter,write]
 * </pre>
 */
public final class SweepThroughput {
    private static final long SAMPLE_SEED = 42;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SweepThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path spacePath = Path.of("data/spaces/bench16.json");
        int[] threads = {1, 2};
        double seconds = 3;
        long samples = 2_000_000;
        int repeat = 3;
        Path out = null;
        List<String> phases = List.of("eval", "filter", "write");
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--space":
                    spacePath = Path.of(value);
                    break;
                case "--threads":
                    threads = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                    break;
                case "--seconds":
                    seconds = Double.parseDouble(value);
                    break;
                case "--samples":
                    samples = Long.parseLong(value);
                    break;
                case "--repeat":
                    repeat = Integer.parseInt(value);
                    break;
                case "--out":
                    out = Path.of(value);
                    break;
                case "--phases":
                    phases = List.of(value.split(","));
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Space space = SpaceLoader.load(spacePath);
        CompiledSpace compiled = CompiledSpace.compile(space);
        System.out.printf(Locale.ROOT, "space %s: %s candidates; java %s; %d cores; evaluation path: %s%n", spacePath,
            count(compiled.size()), System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(), Lanes.describe());
        if (phases.contains("eval")) {
            evalPhase(compiled, threads, seconds, repeat);
        }
        if (phases.contains("filter")) {
            for (SweepPlan.Mode mode : SweepPlan.Mode.values()) {
                ConstraintSet none = ConstraintSet.none(compiled.inputCount());
                long q = macsQuantile(plan(compiled, mode, samples, none, 1), 0.01);
                ConstraintSet onePercent = ConstraintSet.parse(List.of("macs <= " + q), space.inputs());
                for (int t : threads) {
                    SweepPlan plan = plan(compiled, mode, samples, onePercent, t);
                    report("filter", mode, t, plan, repeat, null);
                }
            }
        }
        if (phases.contains("write")) {
            for (int t : threads) {
                SweepPlan plan = plan(compiled, SweepPlan.Mode.SAMPLE, samples / 2, ConstraintSet.none(1), t);
                report("write", SweepPlan.Mode.SAMPLE, t, plan, repeat, out);
            }
        }
    }

    /** The scalar evaluator alone over stacks sampled once, per thread count. */
    private static void evalPhase(CompiledSpace compiled, int[] threads, double seconds, int repeat) {
        Stacks stacks = Stacks.sample(compiled, 1 << 16);
        System.out.printf(Locale.ROOT, "eval alone: %d sampled stacks, %.2f records per stack, %.1f%% valid%n",
            stacks.count, stacks.meanRecords(), 100.0 * stacks.valid() / stacks.count);
        for (int t : threads) {
            double[] runs = new double[repeat];
            double[] cpuPerStack = new double[repeat];
            long[] cpu = new long[1];
            evalRate(stacks, t, seconds / 3, cpu);
            for (int r = 0; r < repeat; r++) {
                runs[r] = evalRate(stacks, t, seconds, cpu);
                cpuPerStack[r] = cpu[0] / 1e9;
            }
            double rate = median(runs);
            double layers = rate * stacks.meanRecords();
            System.out.printf(Locale.ROOT, "  eval   threads=%d  %s stacks/s  %s layer evals/s  wall %.2f ns/layer/core"
                    + "  cpu %.2f ns/layer%s%n", t, si(rate), si(layers), t * 1e9 / layers,
                median(cpuPerStack) / stacks.meanRecords(), runsText(runs));
        }
    }

    /** The {@code q} quantile of the MACs of the plan's candidates (invalid ones count as the largest). */
    private static long macsQuantile(SweepPlan plan, double q) {
        Decoder dec = plan.space().decoder();
        StackEvaluator ev = new StackEvaluator();
        Metrics m = new Metrics(1);
        int n = (int) Math.min(plan.to() - plan.from(), 1 << 18);
        long[] macs = new long[n];
        for (int i = 0; i < n; i++) {
            if (plan.mode() == SweepPlan.Mode.SAMPLE) {
                dec.sample(plan.seed(), plan.from() + i);
            } else {
                dec.decode(plan.from() + i);
            }
            boolean ok = ev.evaluate(dec.records(), 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0);
            macs[i] = ok ? m.macs[0] : Long.MAX_VALUE;
        }
        Arrays.sort(macs);
        return macs[(int) (q * n)];
    }

    private static SweepPlan plan(CompiledSpace space, SweepPlan.Mode mode, long n, ConstraintSet c, int threads) {
        SweepPlan.Builder b = SweepPlan.builder(space).constraints(c).threads(threads);
        if (mode == SweepPlan.Mode.SAMPLE) {
            b.samples(n, SAMPLE_SEED);
        } else {
            b.enumerate().range(0, Math.min(n, b.build().to()));
        }
        return b.build();
    }

    private static void report(String what, SweepPlan.Mode mode, int threads, SweepPlan plan, int repeat, Path out)
        throws IOException {
        run(plan, out);
        double[] rates = new double[repeat];
        double[] cpu = new double[repeat];
        SweepResult last = null;
        for (int r = 0; r < repeat; r++) {
            long cpu0 = OS.getProcessCpuTime();
            last = run(plan, out);
            cpu[r] = (OS.getProcessCpuTime() - cpu0) / (double) last.evaluated();
            rates[r] = last.rate();
        }
        double kept = (double) last.kept() / last.evaluated();
        System.out.printf(Locale.ROOT, "  %-6s %-9s threads=%d  %s candidates/s  kept %.2f%%  %s rows/s  %.0f bytes/row"
                + "  cpu %.0f ns/candidate%s%n", what, mode.name().toLowerCase(Locale.ROOT), threads,
            si(median(rates)), 100 * kept, si(median(rates) * kept),
            (double) last.bytes() / Math.max(1, last.kept()), median(cpu), runsText(rates));
    }

    private static SweepResult run(SweepPlan plan, Path out) throws IOException {
        if (out == null) {
            return SweepEngine.run(plan, (bytes, length) -> { }, new AtomicBoolean(), SweepListener.NONE);
        }
        try (SweepOutput output = SweepOutput.file(out, false)) {
            SweepResult r = SweepEngine.run(plan, output, new AtomicBoolean(), SweepListener.NONE);
            output.commit();
            return r;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /**
     * Stacks per second of {@code threads} threads evaluating {@code stacks} for {@code seconds};
     * {@code cpu[0]} gets the CPU nanoseconds the threads used.
     */
    private static double evalRate(Stacks stacks, int threads, double seconds, long[] cpu) {
        AtomicLong done = new AtomicLong();
        AtomicLong sink = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * (stacks.count / threads);
            Thread w = new Thread(() -> {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                StackEvaluator evaluator = new StackEvaluator();
                Metrics m = new Metrics(1);
                long n = 0;
                long sum = 0;
                int i = offset;
                while (System.nanoTime() < deadline) {
                    for (int k = 0; k < 1024; k++) {
                        if (evaluator.evaluate(stacks.records, stacks.offset[i], stacks.records(i), 224, 224, 3,
                            m, 0)) {
                            sum += m.rfH[0] + m.macs[0];
                        }
                        if (++i == stacks.count) {
                            i = 0;
                        }
                    }
                    n += 1024;
                }
                done.addAndGet(n);
                sink.addAndGet(sum);
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long nanos = System.nanoTime() - start;
        if (sink.get() == 42) {
            System.out.print("");
        }
        cpu[0] = cpuNanos.get() * 1_000_000_000L / Math.max(1, done.get());
        return done.get() * 1e9 / nanos;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String runsText(double[] runs) {
        StringBuilder sb = new StringBuilder("  (runs");
        for (double r : runs) {
            sb.append(' ').append(si(r));
        }
        return sb.append(')').toString();
    }

    /** Stacks sampled once from a space into one array. */
    private static final class Stacks {
        final int count;
        final int[] records;
        final int[] offset;
        final int[] ints;
        final long[] macs;
        final boolean[] ok;

        private Stacks(int count, int[] records, int[] offset, int[] ints, long[] macs, boolean[] ok) {
            this.count = count;
            this.records = records;
            this.offset = offset;
            this.ints = ints;
            this.macs = macs;
            this.ok = ok;
        }

        static Stacks sample(CompiledSpace space, int n) {
            Decoder dec = space.decoder();
            int[] offset = new int[n];
            int[] ints = new int[n];
            long[] macs = new long[n];
            boolean[] ok = new boolean[n];
            int[] all = new int[n * space.maxInts()];
            int at = 0;
            StackEvaluator ev = new StackEvaluator();
            Metrics m = new Metrics(1);
            for (int i = 0; i < n; i++) {
                dec.sample(SAMPLE_SEED, i);
                System.arraycopy(dec.records(), 0, all, at, dec.ints());
                offset[i] = at;
                ints[i] = dec.ints();
                at += dec.ints();
                ok[i] = ev.evaluate(dec.records(), 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0);
                macs[i] = ok[i] ? m.macs[0] : Long.MAX_VALUE;
            }
            return new Stacks(n, Arrays.copyOf(all, at), offset, ints, macs, ok);
        }

        int records(int i) {
            return ints[i] / Layer.INTS;
        }

        double meanRecords() {
            long sum = 0;
            for (int v : ints) {
                sum += v / Layer.INTS;
            }
            return (double) sum / count;
        }

        int valid() {
            int v = 0;
            for (boolean b : ok) {
                v += b ? 1 : 0;
            }
            return v;
        }
    }

    private static String count(BigInteger n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 8123456.7} as {@code 8.12M}. */
    private static String si(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.2fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
