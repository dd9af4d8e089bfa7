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
import org.rfsweep.core.layout.Op;

/**
 * The batched path ({@link LaneEvaluator} over a {@link LaneBatch}) on {@value #STACKS} reference
 * stacks of 16 layers, one thread; the score is ns per layer evaluation. The path is the one
 * {@link org.rfsweep.core.lanes.Lanes} chooses in the forked JVM (SIMD on Java 25 and newer);
 * {@code scalar16} runs the scalar {@link StackEvaluator} on the same batch beside it,
 * {@code pack16} the packing into a reused {@link LaneBatch} ({@code packNew16} into a new one),
 * {@code packLanes16} packing and evaluating a batch once, and {@code batch16} the batch API
 * {@link BatchEvaluator#evaluateSequential}, which does that where the lanes run (in slices of 512
 * stacks). The {@code Heads} benchmarks run the same stacks with a global head, {@code gap fc}, so
 * 18 layers: {@code lanesHeads18} the 16 plain layers in lanes and the head on the scalar
 * evaluator from the lanes' state, {@code scalarHeads18} the scalar evaluator, {@code batchHeads18}
 * the batch API.
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
            warmUntilSteady(() -> evaluator.evaluate(lanes, metrics));
        }
    }

    /** The reference stacks with a global head, {@code gap fc(c=1000)}: 18 layers. */
    @State(Scope.Thread)
    public static class Heads {
        StackBatch stacks;
        LaneBatch lanes;
        LaneEvaluator evaluator;
        StackEvaluator scalar;
        Metrics metrics;

        @Setup(Level.Trial)
        public void setUp() {
            Workload w = ReferenceWorkload.generate(ReferenceWorkload.SEED, STACKS, LAYERS);
            int[] records = w.toRecords();
            int[] one = new int[(LAYERS + 2) * Layer.INTS];
            stacks = new StackBatch();
            for (int s = 0; s < STACKS; s++) {
                System.arraycopy(records, s * LAYERS * Layer.INTS, one, 0, LAYERS * Layer.INTS);
                Layer.clear(one, LAYERS * Layer.INTS, Op.GAP);
                Layer.clear(one, (LAYERS + 1) * Layer.INTS, Op.FC);
                one[(LAYERS + 1) * Layer.INTS + Layer.C] = 1000;
                one[(LAYERS + 1) * Layer.INTS + Layer.BIAS] = 1;
                stacks.add(one, 0, LAYERS + 2, w.inH, w.inW, w.inC);
            }
            lanes = new LaneBatch(stacks);
            evaluator = new LaneEvaluator(false);
            scalar = new StackEvaluator(false);
            metrics = new Metrics(STACKS);
            warmUntilSteady(() -> evaluator.evaluate(lanes, metrics));
        }
    }

    /**
     * Runs {@code pass} until {@value #STEADY_PASSES} in a row allocate nothing, or for at most
     * {@value #MAX_WARM_SECONDS} s: the SIMD kernel boxes its vectors until C2 has compiled it,
     * which can take longer than JMH's warm-up on a loaded machine.
     */
    static void warmUntilSteady(Runnable pass) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + MAX_WARM_SECONDS * 1_000_000_000L;
        int steady = 0;
        while (steady < STEADY_PASSES && System.nanoTime() < end) {
            long before = mx.getCurrentThreadAllocatedBytes();
            pass.run();
            steady = mx.getCurrentThreadAllocatedBytes() == before ? steady + 1 : 0;
        }
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * (LAYERS + 2))
    public long lanesHeads18(Heads h) {
        h.evaluator.evaluate(h.lanes, h.metrics);
        return ReferenceWorkload.checksum(h.metrics, STACKS);
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * (LAYERS + 2))
    public long scalarHeads18(Heads h) {
        for (int s = 0; s < STACKS; s++) {
            h.stacks.evaluate(s, h.scalar, h.metrics, s);
        }
        return ReferenceWorkload.checksum(h.metrics, STACKS);
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * (LAYERS + 2))
    public long batchHeads18(Heads h) {
        BatchEvaluator.evaluateSequential(h.stacks, h.metrics, false);
        return ReferenceWorkload.checksum(h.metrics, STACKS);
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

    /** The batch API ({@link BatchEvaluator#evaluateSequential}): lanes where the JVM has them, else scalar. */
    @Benchmark
    @OperationsPerInvocation(STACKS * LAYERS)
    public long batch16(Batch b) {
        BatchEvaluator.evaluateSequential(b.stacks, b.metrics, false);
        return ReferenceWorkload.checksum(b.metrics, STACKS);
    }
}
