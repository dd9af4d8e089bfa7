package org.rfsweep.bench.peers;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rfsweep.bench.workload.ReferenceWorkload;
import org.rfsweep.bench.workload.Workload;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.layout.Layer;

/**
 * Writes the reference workload ({@link ReferenceWorkload} rules) as an {@code rfsweep eval}
 * input: a header {@code arch,input}, then one row per stack, its canonical arch in double quotes
 * and the workload's input shape. The file behind the README's {@code eval} rows per second:
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.rfsweep.bench.peers.GenerateEvalCsv OUT STACKS LAYERS [SEED]
 * </pre>
 */
public final class GenerateEvalCsv {
    private static final String USAGE = "GenerateEvalCsv OUT STACKS LAYERS [SEED]";

    private GenerateEvalCsv() {
    }

    public static void main(String[] args) throws IOException {
        Workload w = PeerArgs.generated(USAGE, args);
        write(Path.of(args[0]), w, w.stacks, w.layers);
    }

    private static void write(Path out, Workload w, int stacks, int layers) throws IOException {
        int[] records = w.toRecords();
        String input = w.inH + "x" + w.inW + "x" + w.inC;
        StringBuilder sb = new StringBuilder(1024);
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("arch,input\n");
            for (int s = 0; s < stacks; s++) {
                sb.setLength(0);
                sb.append('"');
                ArchFormatter.append(sb, records, s * layers * Layer.INTS, layers);
                sb.append("\",").append(input).append('\n');
                writer.append(sb);
            }
        }
    }
}
