package org.rfsweep.bench.peers;

import java.io.IOException;
import java.util.concurrent.ForkJoinPool;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.bench.workload.Workload;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.lanes.LaneBatch;
import org.rfsweep.core.lanes.LaneEvaluator;
import org.rfsweep.core.lanes.Lanes;
import org.rfsweep.core.layout.Layer;

/**
 * The engine's line of the peers table: loads a workload file into a {@link StackBatch}, packs it
 * into a {@link LaneBatch} (untimed, like the C peer's change to columns), and times
 * {@link LaneEvaluator} passes over it with the {@link PassTimer} protocol. One thread runs on the
 * calling thread; more run on a {@link ForkJoinPool}. The path ({@link Lanes#describe()}: the SIMD
 * lanes on Java 25 with {@code --add-modules jdk.incubator.vector}, else the scalar evaluator) is
 * printed on stderr ({@code engine path: ...}), where {@code run.sh} finds it for its table's header.
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *       org.rfsweep.bench.peers.EngineRun FILE [--threads T]
 * </pre>
 */
public final class EngineRun {
    private static final String USAGE = "EngineRun FILE [--threads T] [--warmup S] [--passes P] [--seconds S]";

    private EngineRun() {
    }

    public static void main(String[] args) throws IOException {
        PeerArgs a = PeerArgs.parse(USAGE, args);
        Workload w = Workload.read(a.file);
        int[] records = w.toRecords();
        StackBatch batch = new StackBatch();
        InputShape input = new InputShape(w.inH, w.inW, w.inC);
        for (int s = 0; s < w.stacks; s++) {
            batch.add(Network.ofRecords(records, s * w.layers * Layer.INTS, w.layers), input);
        }
        Metrics m = new Metrics(w.stacks);
        LaneBatch lanes = new LaneBatch(batch);
        LaneEvaluator evaluator = new LaneEvaluator(false);
        System.err.println("engine path: " + Lanes.describe());
        ForkJoinPool pool = a.threads > 1 ? new ForkJoinPool(a.threads) : null;
        PassTimer.run(a.threads == 1 ? "engine" : "engine-" + a.threads + "t", w.stacks, w.layers, () -> {
            if (pool == null) {
                evaluator.evaluate(lanes, m);
            } else {
                LaneEvaluator.evaluate(lanes, m, false, pool);
            }
            return ReferenceWorkload.checksum(m, w.stacks);
        }, a.warmup, a.passes, a.seconds);
        if (pool != null) {
            pool.shutdown();
        }
    }
}
