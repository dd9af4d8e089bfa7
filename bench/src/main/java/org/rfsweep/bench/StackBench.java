package org.rfsweep.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rfsweep.bench.naive.NaiveNetwork;
import org.rfsweep.bench.naive.NaiveResult;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;

/**
 * Latency of evaluating one reference stack of 8, 16 or 32 layers ({@link ReferenceWorkload}).
 * Each call takes the next of {@value #POOL} pre-generated stacks, so the branch predictor cannot
 * learn a single stack; the score is ns per stack.
 *
 * <ul>
 *   <li>{@code engine}: {@link StackEvaluator#evaluate} into a reused one-slot {@link Metrics};</li>
 *   <li>{@code scan} (baseline): the same stack selection and a loop reading the same fields;</li>
 *   <li>{@code naive} (baseline): the object-per-layer Java peer, one result object per call.</li>
 * </ul>
 * <pre>
 *   java -jar bench/target/benchmarks.jar StackBench -prof gc
 *   java -jar bench/target/benchmarks.jar StackBench -p layers=16 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Thread)
public class StackBench extends ReferenceStacks {
    static final int POOL = 1024;

    @Param({"8", "16", "32"})
    public int layers;

    int next;
    Metrics metrics;
    StackEvaluator evaluator;
    List<NaiveNetwork> naive;

    @Override
    protected int stacks() {
        return POOL;
    }

    @Override
    protected int layers() {
        return layers;
    }

    @Override
    protected void prepare() {
        metrics = new Metrics(1);
        evaluator = new StackEvaluator();
        naive = NaiveNetwork.all(workload);
    }

    private int nextStack() {
        int s = next;
        next = (s + 1) & (POOL - 1);
        return s;
    }

    @Benchmark
    public long engine() {
        evaluator.evaluate(records, nextStack() * stride, layers, ReferenceWorkload.IN_H, ReferenceWorkload.IN_W,
            ReferenceWorkload.IN_C, metrics, 0);
        return metrics.macs[0];
    }

    @Benchmark
    public int scan() {
        return Scan.stack(records, nextStack() * stride, layers);
    }

    @Benchmark
    public NaiveResult naive() {
        return naive.get(nextStack()).evaluate(ReferenceWorkload.IN_H, ReferenceWorkload.IN_W, ReferenceWorkload.IN_C);
    }
}
