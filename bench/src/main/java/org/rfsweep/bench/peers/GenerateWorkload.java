package org.rfsweep.bench.peers;

import java.io.IOException;
import java.nio.file.Path;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.bench.workload.Workload;

/**
 * Writes a reference workload file ({@link Workload} format, {@link ReferenceWorkload} rules):
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.rfsweep.bench.peers.GenerateWorkload OUT STACKS LAYERS [SEED]
 * </pre>
 */
public final class GenerateWorkload {
    private static final String USAGE = "GenerateWorkload OUT STACKS LAYERS [SEED]";

    private GenerateWorkload() {
    }

    public static void main(String[] args) throws IOException {
        PeerArgs.generated(USAGE, args).write(Path.of(args[0]));
    }
}
