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
import org.rfsweep.bench.workload.SplitMix64;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;

/**
 * Decoding enumerated candidates of {@link BenchSpaces#enumerable()} (16 positions, 12^16
 * candidates) and evaluating them; the score is ns per candidate.
 *
 * <ul>
 *   <li>{@code decodeEvaluate}: {@link Decoder#decode} of a random index (a fixed SplitMix64
 *       stream over {@code [0, size)}), then {@link StackEvaluator#evaluate};</li>
 *   <li>{@code nextEvaluate}: {@link Decoder#next}, the in-order step of an exhaustive sweep, then evaluate;</li>
 *   <li>{@code decode} (baseline): the decode alone;</li>
 *   <li>{@code evaluate} (baseline): evaluating the last decoded candidate again, no decode.</li>
 * </ul>
 * <pre>
 *   java -jar bench/target/benchmarks.jar DecodeBench -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Thread)
public class DecodeBench {
    CompiledSpace space;
    Decoder decoder;
    long size;
    SplitMix64 rng;
    Metrics metrics;
    StackEvaluator evaluator;

    @Setup(Level.Trial)
    public void setUp() {
        space = BenchSpaces.enumerable();
        size = space.size().longValueExact();
        decoder = space.decoder();
        rng = new SplitMix64(20260505L);
        metrics = new Metrics(1);
        evaluator = new StackEvaluator();
        decoder.decode(0);
    }

    private long nextIndex() {
        return Long.remainderUnsigned(rng.nextLong(), size);
    }

    private long evaluateCurrent() {
        Decoder d = decoder;
        evaluator.evaluate(d.records(), 0, d.count(), d.inputH(), d.inputW(), d.inputC(), metrics, 0);
        return metrics.macs[0];
    }

    @Benchmark
    public long decodeEvaluate() {
        decoder.decode(nextIndex());
        return evaluateCurrent();
    }

    @Benchmark
    public long nextEvaluate() {
        decoder.next();
        return evaluateCurrent();
    }

    @Benchmark
    public int decode() {
        decoder.decode(nextIndex());
        return decoder.records()[0];
    }

    @Benchmark
    public long evaluate() {
        return evaluateCurrent();
    }
}
