package org.rfsweep.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.bench.workload.Workload;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.BatchEvaluator;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.lanes.LaneBatch;
import org.rfsweep.core.lanes.LaneEvaluator;
import org.rfsweep.core.layout.Layer;

/**
 * The batched path ({@link LaneEvaluator} over a {@link LaneBatch}) on {@value #STACKS} reference
 * stacks of 16 layers, one thread; the score is ns per layer evaluation. The path is the one
 * {@link org.rfsweep.core.lanes.Lanes} chooses in the forked JVM (SIMD on Java 25 and newer);
 * {@code scalar16} runs the scalar {@link StackEvaluator} on the same batch beside it,
 * {@code pack16} the packing into a reused {@link LaneBatch} ({@code packNew16} into a new one),
 * {@code packLanes16} packing and evaluating a batch once, and {@code batch16} the batch API
 * {@link BatchEvaluator#evaluateInLanes}, which does that where the lanes run.
 * <pre>
 *   /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar bench/target/benchmarks.jar LaneBench -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LaneBench {
    static final int STACKS = 4096;
    static final int LAYERS = 16;
    static final int STEADY_PASSES = 200;
    static final int MAX_WARM_SECONDS = 60;

    @State(Scope.Thread)
    public static class Batch {
        StackBatch stacks;
        LaneBatch lanes;
        LaneEvaluator evaluator;
        StackEvaluator scalar;
        LaneBatch reused;
        Metrics metrics;

        @Setup(Level.Trial)
        public void setUp() {
            Workload w = ReferenceWorkload.generate(ReferenceWorkload.SEED, STACKS, LAYERS);
            int[] records = w.toRecords();
            stacks = new StackBatch();
            InputShape input = new InputShape(w.inH, w.inW, w.inC);
            for (int s = 0; s < STACKS; s++) {
                stacks.add(Network.ofRecords(records, s * LAYERS * Layer.INTS, LAYERS), input);
            }
            lanes = new LaneBatch(stacks);
            evaluator = new LaneEvaluator(false);
            scalar = new StackEvaluator(false);
            reused = new LaneBatch(stacks);
            metrics = new Metrics(STACKS);
            warmUntilSteady();
        }

        /**
         * Runs passes until {@value #STEADY_PASSES} in a row allocate nothing, or for at most
         * {@value #MAX_WARM_SECONDS} s: the SIMD kernel boxes its vectors until C2 has compiled it,
         * which can take longer than JMH's warm-up on a loaded machine. The scalar path is steady
         * after the first passes.
         */
        private void warmUntilSteady() {
            ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long end = System.nanoTime() + MAX_WARM_SECONDS * 1_000_000_000L;
            int steady = 0;
            while (steady < STEADY_PASSES && System.nanoTime() < end) {
                long before = mx.getCurrentThreadAllocatedBytes();
                evaluator.evaluate(lanes, metrics);
                steady = mx.getCurrentThreadAllocatedBytes() == before ? steady + 1 : 0;
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * LAYERS)
    public long lanes16(Batch b) {
        b.evaluator.evaluate(b.lanes, b.metrics);
        return ReferenceWorkload.checksum(b.metrics, STACKS);
    }

    /** The scalar evaluator on every stack, one after the other. */
    @Benchmark
    @OperationsPerInvocation(STACKS * LAYERS)
    public long scalar16(Batch b) {
        for (int s = 0; s < STACKS; s++) {
            b.stacks.evaluate(s, b.scalar, b.metrics, s);
        }
        return ReferenceWorkload.checksum(b.metrics, STACKS);
    }

    /** Packing into a reused lane batch (0 B/op in steady state). */
    @Benchmark
    @OperationsPerInvocation(STACKS * LAYERS)
    public Object pack16(Batch b) {
        return b.reused.pack(b.stacks);
    }

    /** Packing into a new lane batch, as before batches were reused. */
    @Benchmark
    @OperationsPerInvocation(STACKS * LAYERS)
    public Object packNew16(Batch b) {
        return new LaneBatch(b.stacks);
    }

    /** A batch evaluated once on the lanes: packing into the reused batch, then evaluating. */
    @Benchmark
    @OperationsPerInvocation(STACKS * LAYERS)
    public long packLanes16(Batch b) {
        b.evaluator.evaluate(b.reused.pack(b.stacks), b.metrics);
        return ReferenceWorkload.checksum(b.metrics, STACKS);
    }

    /** The batch API in lanes ({@link BatchEvaluator#evaluateInLanes}): lanes where the JVM has them, else scalar. */
    @Benchmark
    @OperationsPerInvocation(STACKS * LAYERS)
    public long batch16(Batch b) {
        BatchEvaluator.evaluateInLanes(b.stacks, b.metrics, false, null);
        return ReferenceWorkload.checksum(b.metrics, STACKS);
    }
}
