package org.rfsweep.core.zoo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rfsweep.core.arch.ArchFile;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.testkit.Evaluation;

/**
 * One network of the zoo ({@code data/nets/NAME.arch}, read relative to the core module), parsed
 * and evaluated layer by layer at the input of its {@code # input:} line.
 */
record ZooNet(String name, Network net, InputShape input, Metrics totals, LayerTrace trace) {
    /** The zoo directory, relative to the core module (the working directory of its tests). */
    static final Path DIR = Path.of("..", "data", "nets");

    /** The zoo's networks: every {@code .arch} file but the CLI's {@code example.arch}, sorted. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                .filter(f -> f.endsWith(".arch") && !f.equals("example.arch"))
                .map(f -> f.substring(0, f.length() - ".arch".length()))
                .sorted()
                .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code name} and evaluates it at the input of its {@code # input:} line. */
    static ZooNet load(String name) {
        return load(name, null);
    }

    /** Loads {@code name} and evaluates it at {@code input}, or at its {@code # input:} line when null. */
    static ZooNet load(String name, InputShape input) {
        ArchFile file;
        try {
            file = ArchFile.read(DIR.resolve(name + ".arch"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Network net = file.network();
        InputShape in = input != null ? input : file.inputShape();
        if (in == null) {
            throw new AssertionError(name + ".arch has no '# input:' line");
        }
        Metrics m = new Metrics(1);
        LayerTrace trace = new LayerTrace();
        int[] records = net.records();
        if (!new StackEvaluator().trace(records, 0, net.count(), in.h, in.w, in.c, m, 0, trace)) {
            throw new AssertionError(name + " at " + in + ": " + Evaluation.describe(net, in, m));
        }
        return new ZooNet(name, net, in, m, trace);
    }

    /**
     * The golden kind of record {@code i} (see {@code tools/golden/gen_zoo_goldens.py}), or null for
     * records torchvision's goldens do not list (elementwise layers, chunks, flatten, markers).
     */
    String kind(int i) {
        switch (net.op(i)) {
            case Op.CONV:
            case Op.DWCONV:
            case Op.SEPCONV:
                return "conv";
            case Op.FC:
                return "fc";
            case Op.MAXPOOL:
                return "maxpool";
            case Op.AVGPOOL:
                return "avgpool";
            case Op.GAP:
            case Op.ADAPTIVEAVGPOOL:
                return "adaptiveavgpool";
            default:
                return null;
        }
    }

    /**
     * The index of the backbone's last record: the record before the first top-level {@code gap},
     * {@code adaptiveavgpool} or {@code flatten}, which start every zoo network's classifier head.
     */
    int backboneEnd() {
        int depth = 0;
        for (int i = 0; i < net.count(); i++) {
            int op = net.op(i);
            if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                depth++;
            } else if (op == Op.END) {
                depth--;
            } else if (depth == 0 && (op == Op.GAP || op == Op.ADAPTIVEAVGPOOL || op == Op.FLATTEN)) {
                return i - 1;
            }
        }
        throw new AssertionError(name + " has no top-level gap, adaptiveavgpool or flatten");
    }

    /** The canonical text of record {@code i}, for messages. */
    String text(int i) {
        StringBuilder sb = new StringBuilder();
        ArchFormatter.append(sb, net.records(), i * Layer.INTS, 1);
        return sb.toString();
    }
}
