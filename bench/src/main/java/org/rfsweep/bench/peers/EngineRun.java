package org.rfsweep.bench.peers;

import java.io.IOException;
import java.util.concurrent.ForkJoinPool;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.bench.workload.Workload;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.BatchEvaluator;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.layout.Layer;

/**
 * The engine's line of the peers table: loads a workload file into a {@link StackBatch} and
 * times {@link BatchEvaluator} passes over it, with the {@link PassTimer} protocol. One thread
 * runs {@code evaluateSequential} on the calling thread; more run on a {@link ForkJoinPool}.
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.rfsweep.bench.peers.EngineRun FILE [--threads T]
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
        ForkJoinPool pool = a.threads > 1 ? new ForkJoinPool(a.threads) : null;
        PassTimer.run(a.threads == 1 ? "engine" : "engine-" + a.threads + "t", w.stacks, w.layers, () -> {
            if (pool == null) {
                BatchEvaluator.evaluateSequential(batch, m, false);
            } else {
                BatchEvaluator.evaluate(batch, m, false, pool);
            }
            return ReferenceWorkload.checksum(m, w.stacks);
        }, a.warmup, a.passes, a.seconds);
        if (pool != null) {
            pool.shutdown();
        }
    }
}
