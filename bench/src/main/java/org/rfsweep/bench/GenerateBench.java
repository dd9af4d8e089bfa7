package org.rfsweep.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rfsweep.bench.space.BenchSpaces;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.space.Decoder;

/**
 * Generating seeded random candidates of {@link BenchSpaces#reference()} (16 positions, the
 * reference workload's choice sets) and evaluating them; the score is ns per candidate.
 *
 * <ul>
 *   <li>{@code sampleEvaluate}: {@link Decoder#sample}{@code (seed, k)} for k = 0, 1, 2, ...,
 *       then {@link StackEvaluator#evaluate};</li>
 *   <li>{@code sample} (baseline): the sampling alone;</li>
 *   <li>{@code evaluate} (baseline): evaluating the last sampled candidate again.</li>
 * </ul>
 * <pre>
 *   java -jar bench/target/benchmarks.jar GenerateBench -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Thread)
public class GenerateBench {
    static final long SEED = 20260505L;

    Decoder decoder;
    long k;
    Metrics metrics;
    StackEvaluator evaluator;

    @Setup(Level.Trial)
    public void setUp() {
        decoder = BenchSpaces.reference().decoder();
        metrics = new Metrics(1);
        evaluator = new StackEvaluator();
        decoder.sample(SEED, 0);
    }

    private long evaluateCurrent() {
        Decoder d = decoder;
        evaluator.evaluate(d.records(), 0, d.count(), d.inputH(), d.inputW(), d.inputC(), metrics, 0);
        return metrics.macs[0];
    }

    @Benchmark
    public long sampleEvaluate() {
        decoder.sample(SEED, k++);
        return evaluateCurrent();
    }

    @Benchmark
    public int sample() {
        decoder.sample(SEED, k++);
        return decoder.records()[0];
    }

    @Benchmark
    public long evaluate() {
        return evaluateCurrent();
    }
}
