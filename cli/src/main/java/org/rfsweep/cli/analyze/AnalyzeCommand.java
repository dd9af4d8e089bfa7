package org.rfsweep.cli.analyze;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.rfsweep.cli.ArchSource;
import org.rfsweep.cli.FlopsOption;
import org.rfsweep.cli.Ignore1x1Option;
import org.rfsweep.cli.UserError;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.report.FlopsSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rfsweep analyze ARCH --input HxWxC}: one network, layer by layer. */
@Command(name = "analyze",
    description = {
        "Prints one network layer by layer: output shape, receptive field (rf), effective stride and padding after"
            + " each layer, the layer's params and MACs, and whether it is unproductive; then a total row.",
        "",
        "ARCH is an architecture string, like \"conv(k=3,p=1,c=64) relu maxpool(k=2)\", or the path of a file"
            + " holding one. In a file, layers may span lines, '#' starts a comment, and a line '# input: 224x224x3'"
            + " gives the default --input.",
    },
    footer = {
        "",
        "Examples:",
        "  rfsweep analyze data/nets/example.arch",
        "  rfsweep analyze \"conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1)\" --input 200x200x3",
        "  rfsweep analyze data/nets/example.arch --format csv --flops seed,2macs",
    })
public final class AnalyzeCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format {
        table, csv
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCH", description = "Architecture string, or a file holding one.")
    private String arch;

    @Option(names = "--input", paramLabel = "HxWxC",
        description = "Input shape, like 224x224x3 (224 alone means 224x224x3). Default: the file's '# input:' line.")
    private String input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "table (aligned, for people) or csv (SPEC column names: layer, op, out_h, out_w, out_c, rf_h,"
            + " rf_w, rf_min_h, rf_min_w, stride_h, stride_w, pad_h, pad_w, params, macs, flops..., unproductive)."
            + " Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Mixin
    private FlopsOption flops;

    @Mixin
    private Ignore1x1Option ignore;

    @Override
    public Integer call() throws IOException {
        FlopsSelection selection = flops.selection();
        ArchSource source = ArchSource.of(arch);
        Network net = source.parse();
        InputShape shape = source.input(input);
        LayerReport report = LayerReport.evaluate(net, shape, ignore.ignore1x1());
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.table) {
            LayerTable.printTable(report, selection, out);
        } else {
            LayerTable.printCsv(report, selection, out);
        }
        if (out.checkError()) {
            throw new UserError("could not write to standard output (closed pipe or full disk?)");
        }
        return 0;
    }
}
