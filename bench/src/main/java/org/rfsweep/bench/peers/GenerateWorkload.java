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
        if (args.length < 3 || args.length > 4) {
            PeerArgs.fail(USAGE, "expected 3 or 4 arguments, got " + args.length);
        }
        try {
            int stacks = Integer.parseInt(args[1]);
            int layers = Integer.parseInt(args[2]);
            long seed = args.length == 4 ? Long.parseLong(args[3]) : ReferenceWorkload.SEED;
            ReferenceWorkload.generate(seed, stacks, layers).write(Path.of(args[0]));
        } catch (IllegalArgumentException e) {
            PeerArgs.fail(USAGE, e.getMessage());
        }
    }
}
