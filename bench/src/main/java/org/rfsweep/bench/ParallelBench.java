package org.rfsweep.bench;

import java.util.concurrent.ForkJoinPool;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.BatchEvaluator;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;

/**
 * Throughput of {@link BatchEvaluator} on a {@link ForkJoinPool} of 1, 2 and N threads
 * ({@code threads=0} means N = all available processors) over a batch of {@value #STACKS}
 * 16-layer reference stacks; the score is wall-clock ns per layer evaluation, so
 * {@code 1e9 / score} is layer evaluations per second for the whole pool.
 *
 * <ul>
 *   <li>{@code pool}: {@link BatchEvaluator#evaluate} on the pool;</li>
 *   <li>{@code sequential} (baseline): {@link BatchEvaluator#evaluateSequential} on the calling thread.</li>
 * </ul>
 * Speed-up at T threads = {@code sequential / pool}. On a shared or 2-core machine the N line
 * equals the 2 line and other processes steal time from it.
 * <pre>
 *   java -jar bench/target/benchmarks.jar ParallelBench -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ParallelBench {
    static final int STACKS = 4096;
    static final int LAYERS = 16;

    /** The batch and its results, shared by both benchmarks. */
    @State(Scope.Benchmark)
    public static class Data extends ReferenceStacks {
        StackBatch batch;
        Metrics metrics;

        @Override
        protected int stacks() {
            return STACKS;
        }

        @Override
        protected int layers() {
            return LAYERS;
        }

        @Override
        protected void prepare() {
            InputShape input = new InputShape(workload.inH, workload.inW, workload.inC);
            batch = new StackBatch();
            for (int s = 0; s < STACKS; s++) {
                batch.add(Network.ofRecords(records, s * stride, LAYERS), input);
            }
            metrics = new Metrics(STACKS);
        }
    }

    /** The pool, one per thread count. */
    @State(Scope.Benchmark)
    public static class Pool {
        @Param({"1", "2", "0"})
        public int threads;

        ForkJoinPool pool;

        @Setup(Level.Trial)
        public void setUp() {
            pool = new ForkJoinPool(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pool.shutdown();
        }
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * LAYERS)
    public long pool(Data d, Pool p) {
        BatchEvaluator.evaluate(d.batch, d.metrics, false, p.pool);
        return d.metrics.macs[STACKS - 1];
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * LAYERS)
    public long sequential(Data d) {
        BatchEvaluator.evaluateSequential(d.batch, d.metrics, false);
        return d.metrics.macs[STACKS - 1];
    }
}
