package org.rfsweep.interop.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rfsweep.core.arch.ArchFile;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;

/** Paths of the ONNX fixtures (tools/onnx/export_fixtures.py) and the zoo, and small helpers. */
final class Fixtures {
    static final Path ONNX = Path.of("src", "test", "resources", "onnx");
    static final Path NETS = Path.of("..", "data", "nets");
    static final Path ZOO_TOTALS = Path.of("..", "core", "src", "test", "resources", "golden", "zoo", "totals.csv");

    static final List<String> ZOO = List.of("alexnet", "convnext_tiny", "densenet121", "efficientnet_b0", "googlenet",
        "mobilenet_v2",
        "mobilenet_v3_small", "resnet18", "resnet50", "shufflenet_v2_x1_0", "squeezenet1_0", "vgg16", "vgg16_bn");

    private Fixtures() {
    }

    static ImportedNetwork load(String relative) throws IOException {
        return OnnxImporter.read(ONNX.resolve(relative));
    }

    static ArchFile arch(Path path) throws IOException {
        return ArchFile.read(path);
    }

    /**
     * The network without {@code dropout} and {@code droppath} records: both are the identity at
     * inference, and PyTorch leaves them out of an inference-mode ONNX graph.
     */
    static Network withoutInferenceIdentities(Network net) {
        int[] records = net.records();
        int[] kept = new int[records.length];
        int n = 0;
        for (int i = 0; i < net.count(); i++) {
            int op = net.op(i);
            if (op != Op.DROPOUT && op != Op.DROPPATH) {
                System.arraycopy(records, i * Layer.INTS, kept, n * Layer.INTS, Layer.INTS);
                n++;
            }
        }
        return Network.ofRecords(Arrays.copyOf(kept, n * Layer.INTS), 0, n);
    }

    /** Evaluates {@code net} at {@code in}; fails with the error code when it is invalid. */
    static Metrics evaluate(Network net, InputShape in) {
        Metrics m = new Metrics(1);
        if (!new StackEvaluator().evaluate(net.records(), 0, net.count(), in.h, in.w, in.c, m, 0)) {
            throw new AssertionError("invalid network at " + in + ": error " + m.error[0] + " at record "
                + m.errorRecord[0]);
        }
        return m;
    }

    /** Rows of a simple CSV (no quoted commas) keyed by the first column. */
    static Map<String, Map<String, String>> csv(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path);
        String[] header = lines.get(0).split(",");
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.put(cells[0], row);
        }
        return rows;
    }
}
