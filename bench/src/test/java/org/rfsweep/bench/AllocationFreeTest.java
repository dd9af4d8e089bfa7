package org.rfsweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The allocation claim of issue 5, checked in CI: short JMH runs of the hot paths with the GC
 * profiler, each in its own forked JVM (as {@code java -jar benchmarks.jar -prof gc} would run
 * them), must stay at or below {@link #MAX_BYTES_PER_OP} of {@code gc.alloc.rate.norm}. The
 * object-per-layer peer runs beside them as the negative control: it allocates a result per
 * stack, so if the profiler stopped seeing allocation this test would fail too. About 45 s.
 * The {@code LaneBench} lines check the path that the running JDK takes (SIMD lanes on Java 25+,
 * the scalar evaluator on 17): CI runs the build on both; {@code batch16} packs and evaluates a
 * batch once, the {@code Heads18} lines finish a global head on the scalar evaluator.
 *
 * <p>It ignores JMH's lock file ({@code /tmp/jmh.lock}): bytes per operation do not depend on
 * other benchmarks running at the same time, and a developer's benchmark run must not fail the build.
 */
class AllocationFreeTest {
    /** Bytes per operation (one stack, candidate or layer) above which a hot path "allocates". */
    static final double MAX_BYTES_PER_OP = 1.0;

    static final String[] ALLOCATION_FREE = {
        "StackBench.engine", "BatchBench.engine16", "DecodeBench.decodeEvaluate", "DecodeBench.nextEvaluate",
        "GenerateBench.sampleEvaluate", "LaneBench.lanes16", "LaneBench.batch16", "LaneBench.lanesHeads18",
        "LaneBench.batchHeads18", "EnumerateBench.reuse"};
    static final String NEGATIVE_CONTROL = "StackBench.naive";
    /**
     * The SIMD kernel: until C2 has compiled its vector intrinsics, the Vector API runs on boxed
     * vectors and allocates. On a loaded 2-core machine that took 5 s and more, so it gets a
     * longer warm-up than the scalar paths (and its state's setup warms it until steady).
     */
    static final List<String> SLOW_TO_COMPILE =
        List.of("LaneBench.lanes16", "LaneBench.batch16", "LaneBench.lanesHeads18", "LaneBench.batchHeads18");
    static final int SLOW_WARMUP_SECONDS = 10;

    private static Map<String, Double> bytesPerOp;

    @BeforeAll
    static void runBenchmarks() throws RunnerException {
        System.setProperty("jmh.ignoreLock", "true");
        bytesPerOp = new TreeMap<>();
        List<String> quick = new ArrayList<>();
        for (String name : ALLOCATION_FREE) {
            if (!SLOW_TO_COMPILE.contains(name)) {
                quick.add(name);
            }
        }
        quick.add(NEGATIVE_CONTROL);
        run(quick, 1);
        run(SLOW_TO_COMPILE, SLOW_WARMUP_SECONDS);
        System.out.println("gc.alloc.rate.norm (B/op): " + bytesPerOp);
    }

    private static void run(List<String> names, int warmupSeconds) throws RunnerException {
        OptionsBuilder opt = new OptionsBuilder();
        for (String name : names) {
            opt.include("org\\.rfsweep\\.bench\\." + name.replace(".", "\\.") + "$");
        }
        Collection<RunResult> results = new Runner(opt
            .param("layers", "16")
            .forks(1)
            .warmupIterations(warmupSeconds)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(2)
            .measurementTime(TimeValue.seconds(1))
            .addProfiler(GCProfiler.class)
            .jvmArgs("-Xmx512m", "--add-modules", "jdk.incubator.vector")
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build()).run();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark().replace("org.rfsweep.bench.", "");
            Result<?> norm = r.getSecondaryResults().get("gc.alloc.rate.norm");
            bytesPerOp.put(label, norm == null ? Double.NaN : norm.getScore());
        }
    }

    @Test
    void shouldRunEveryCheckedBenchmark() {
        assertEquals(ALLOCATION_FREE.length + 1, bytesPerOp.size(), "benchmarks run: " + bytesPerOp.keySet());
    }

    @Test
    void shouldNotAllocateWhenEvaluatingDecodingOrGenerating() {
        StringBuilder over = new StringBuilder();
        for (String name : ALLOCATION_FREE) {
            double b = bytesPerOp.getOrDefault(name, Double.NaN);
            if (!(b <= MAX_BYTES_PER_OP)) {
                over.append(' ').append(name).append('=').append(b).append(" B/op");
            }
        }
        assertTrue(over.length() == 0, "gc.alloc.rate.norm above " + MAX_BYTES_PER_OP + " B/op:" + over);
    }

    @Test
    void shouldSeeTheAllocationOfTheObjectPerLayerPeer() {
        double b = bytesPerOp.getOrDefault(NEGATIVE_CONTROL, Double.NaN);
        assertTrue(b > 16, NEGATIVE_CONTROL + " allocates a result object per stack, but the GC profiler saw " + b
            + " B/op");
    }
}
