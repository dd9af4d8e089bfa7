package org.rfsweep.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rfsweep.bench.naive.NaiveNetwork;
import org.rfsweep.bench.naive.NaiveResult;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;

/**
 * A batch of {@value #STACKS} reference stacks (16 or 8 layers, {@link ReferenceWorkload}) on one
 * thread; the score is ns per layer evaluation ({@code @OperationsPerInvocation}), so
 * {@code 1e9 / score} is layer evaluations per second. The records of a 16-layer batch take 1 MiB,
 * inside one core's L2.
 *
 * <ul>
 *   <li>{@code engine16}, {@code engine8}: {@link StackEvaluator#evaluate} over the batch into
 *       a reused {@link Metrics};</li>
 *   <li>{@code scan16}, {@code scan8} (baseline): the same loop reading the same fields, no arithmetic;</li>
 *   <li>{@code naive16}, {@code naive8} (baseline): the object-per-layer Java peer
 *       ({@link NaiveNetwork}), one result object per stack.</li>
 * </ul>
 * <pre>
 *   java -jar bench/target/benchmarks.jar BatchBench -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class BatchBench {
    static final int STACKS = 1024;

    /** A batch of reference stacks; subclasses fix the length. */
    @State(Scope.Thread)
    public abstract static class Batch extends ReferenceStacks {
        int layers;
        Metrics metrics;
        StackEvaluator evaluator;
        List<NaiveNetwork> naive;

        @Override
        protected int stacks() {
            return STACKS;
        }

        @Override
        protected void prepare() {
            layers = layers();
            metrics = new Metrics(STACKS);
            evaluator = new StackEvaluator();
            naive = NaiveNetwork.all(workload);
        }

        long engine() {
            int[] rec = records;
            int stride = this.stride;
            for (int s = 0; s < STACKS; s++) {
                evaluator.evaluate(rec, s * stride, layers, ReferenceWorkload.IN_H, ReferenceWorkload.IN_W,
                    ReferenceWorkload.IN_C, metrics, s);
            }
            return ReferenceWorkload.checksum(metrics, STACKS);
        }

        int scan() {
            int[] rec = records;
            int stride = this.stride;
            int acc = 0;
            for (int s = 0; s < STACKS; s++) {
                int v = Scan.stack(rec, s * stride, layers);
                metrics.outH[s] = v;
                acc += v;
            }
            return acc;
        }

        long naive() {
            long sum = 0;
            for (NaiveNetwork net : naive) {
                NaiveResult r = net.evaluate(ReferenceWorkload.IN_H, ReferenceWorkload.IN_W, ReferenceWorkload.IN_C);
                sum += r.rfH + r.params + r.macs;
            }
            return sum;
        }
    }

    public static class Batch16 extends Batch {
        @Override
        protected int layers() {
            return 16;
        }
    }

    public static class Batch8 extends Batch {
        @Override
        protected int layers() {
            return 8;
        }
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * 16)
    public long engine16(Batch16 b) {
        return b.engine();
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * 16)
    public int scan16(Batch16 b) {
        return b.scan();
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * 16)
    public long naive16(Batch16 b) {
        return b.naive();
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * 8)
    public long engine8(Batch8 b) {
        return b.engine();
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * 8)
    public int scan8(Batch8 b) {
        return b.scan();
    }

    @Benchmark
    @OperationsPerInvocation(STACKS * 8)
    public long naive8(Batch8 b) {
        return b.naive();
    }
}
