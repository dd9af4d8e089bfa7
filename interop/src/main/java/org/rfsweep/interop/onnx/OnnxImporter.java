package org.rfsweep.interop.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.interop.onnx.proto.Onnx.ModelProto;
import org.rfsweep.interop.onnx.proto.Onnx.OperatorSetIdProto;

/**
 * Imports an ONNX model as an rfsweep network: reads the protobuf with the project's schema
 * ({@code onnx_subset.proto}), runs the graph at import time ({@link GraphWalk}) and writes it as
 * nested blocks ({@link SeriesParallel}). No ONNX runtime and no Python.
 */
public final class OnnxImporter {
    private OnnxImporter() {
    }

    /** True when {@code path} names an ONNX file (by its {@code .onnx} extension). */
    public static boolean isOnnx(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /**
     * Imports the model in {@code file}.
     *
     * @throws OnnxImportException {@code "FILE: message"}, one line
     * @throws IOException when the file cannot be read
     */
    public static ImportedNetwork read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes, file.getFileName().toString());
        } catch (OnnxImportException e) {
            throw new OnnxImportException(file + ": " + e.getMessage());
        }
    }

    /** Imports a model from its bytes; {@code name} goes into the file header. */
    public static ImportedNetwork parse(byte[] bytes, String name) {
        ModelProto model = model(bytes);
        GraphWalk walk = new GraphWalk(model.getGraph());
        Flow output = walk.run();
        Flow input = walk.input();
        List<SeriesParallel.Item> items = SeriesParallel.items(input, output);
        InputShape shape = new InputShape((int) input.height(), (int) input.width(), (int) input.channels());
        String arch = SeriesParallel.join(items);
        Network network = parseArch(arch);
        return new ImportedNetwork(network, shape, file(name, model, shape, items), arch);
    }

    /** The architecture string of a model before it is parsed (for tests of layers the parser may not know). */
    static String architecture(byte[] bytes) {
        GraphWalk walk = new GraphWalk(model(bytes).getGraph());
        Flow output = walk.run();
        return SeriesParallel.join(SeriesParallel.items(walk.input(), output));
    }

    private static ModelProto model(byte[] bytes) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException("not an ONNX model (truncated, or not protobuf: " + firstSentence(e) + ")");
        }
        if (!model.hasGraph() || model.getIrVersion() <= 0 || model.getGraph().getNodeCount() == 0) {
            throw new OnnxImportException("not an ONNX model (no IR version or no graph nodes)");
        }
        return model;
    }

    private static Network parseArch(String arch) {
        try {
            return ArchParser.parse(arch);
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException("the imported network is not a valid architecture: " + e.getMessage());
        }
    }

    private static String file(String name, ModelProto model, InputShape shape, List<SeriesParallel.Item> items) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Imported from ").append(name).append(" by rfsweep import (");
        if (!model.getProducerName().isEmpty()) {
            sb.append(model.getProducerName()).append(' ').append(model.getProducerVersion()).append(", ");
        }
        sb.append("opset ").append(opset(model)).append(").\n");
        sb.append("# Each line is one layer or block; the comment names the ONNX node behind it.\n");
        sb.append("# input: ").append(shape).append("\n\n");
        for (SeriesParallel.Item item : items) {
            String text = ArchFormatter.format(parseArch(item.text));
            sb.append(text).append("  # ").append(item.node).append('\n');
        }
        return sb.toString();
    }

    private static long opset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return o.getVersion();
            }
        }
        return 0;
    }

    private static String firstSentence(Exception e) {
        String m = String.valueOf(e.getMessage());
        int dot = m.indexOf(". ");
        return (dot > 0 ? m.substring(0, dot) : m).replace('\n', ' ');
    }
}
