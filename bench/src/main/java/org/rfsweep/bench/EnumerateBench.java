package org.rfsweep.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.Snapshots;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.sweep.PrefixEnumeration;

/**
 * Enumerating a space in index order from candidate 0 and evaluating each candidate; the score
 * is candidates per second ({@value #CANDIDATES} per invocation, in index order across invocations).
 *
 * <ul>
 *   <li>{@code scratch}: {@link Decoder#next} and {@link StackEvaluator#evaluate}, every record of
 *       every candidate;</li>
 *   <li>{@code resume}: {@link Decoder#next} and {@link StackEvaluator#evaluateFrom} with
 *       {@link Snapshots}, from the first record that differs from the previous candidate's
 *       ({@link Decoder#firstChanged});</li>
 *   <li>{@code reuse}: {@link PrefixEnumeration}, what the sweep runs: the candidates that differ
 *       only in the last position evaluated in a block against one kept state.</li>
 * </ul>
 * The space is {@code data/spaces/bench16.json} (168 layers per position, 16 positions), read
 * from the working directory or its parent.
 * <pre>
 *   java -jar bench/target/benchmarks.jar EnumerateBench -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Thread)
public class EnumerateBench {
    /** Candidates per invocation. */
    public static final int CANDIDATES = 1024;

    @Param("data/spaces/bench16.json")
    public String space;

    Decoder decoder;
    Metrics metrics;
    StackEvaluator evaluator;
    Snapshots snapshots;
    PrefixEnumeration enumeration;

    @Setup(Level.Trial)
    public void setUp() {
        CompiledSpace compiled = CompiledSpace.compile(SpaceLoader.load(EnumerationLoops.space(space)));
        decoder = compiled.decoder();
        metrics = new Metrics(1);
        evaluator = new StackEvaluator();
        snapshots = new Snapshots(decoder.records().length / Layer.INTS);
        decoder.decode(0);
        enumeration = new PrefixEnumeration(compiled.decoder(), new StackEvaluator(), true);
        enumeration.start(0);
    }

    @Benchmark
    @OperationsPerInvocation(CANDIDATES)
    public long scratch() {
        return EnumerationLoops.scratch(decoder, evaluator, metrics, CANDIDATES);
    }

    @Benchmark
    @OperationsPerInvocation(CANDIDATES)
    public long resume() {
        return EnumerationLoops.resume(decoder, evaluator, metrics, snapshots, CANDIDATES);
    }

    @Benchmark
    @OperationsPerInvocation(CANDIDATES)
    public long reuse() {
        return EnumerationLoops.reuse(enumeration, CANDIDATES);
    }
}
