package org.rfsweep.bench.peers;

import java.io.IOException;
import java.util.List;
import org.rfsweep.bench.naive.NaiveNetwork;
import org.rfsweep.bench.workload.Workload;

/**
 * The straightforward-Java line of the peers table: every layer an object, a loop per stack, a
 * result object per stack ({@link NaiveNetwork}), timed with the {@link PassTimer} protocol.
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.rfsweep.bench.peers.NaiveJavaRun FILE
 * </pre>
 */
public final class NaiveJavaRun {
    private static final String USAGE = "NaiveJavaRun FILE [--warmup S] [--passes P] [--seconds S]";

    private NaiveJavaRun() {
    }

    public static void main(String[] args) throws IOException {
        PeerArgs a = PeerArgs.parse(USAGE, args);
        Workload w = Workload.read(a.file);
        List<NaiveNetwork> nets = NaiveNetwork.all(w);
        PassTimer.run("java-naive", w.stacks, w.layers, () -> NaiveNetwork.checksum(nets, w.inH, w.inW, w.inC),
            a.warmup, a.passes, a.seconds);
    }
}
