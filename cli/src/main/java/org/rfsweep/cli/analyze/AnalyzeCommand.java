package org.rfsweep.cli.analyze;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rfsweep.cli.ArchSource;
import org.rfsweep.cli.DTypeOption;
import org.rfsweep.cli.FlopsOption;
import org.rfsweep.cli.Ignore1x1Option;
import org.rfsweep.cli.InputList;
import org.rfsweep.cli.UserError;
import org.rfsweep.cli.format.OutputFormat;
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
            + " each layer, the layer's params and MACs, and whether it is unproductive; then a total row, and"
            + " under the table the memory totals in MB (weights, activations, inference peak, and torchinfo's"
            + " forward/backward pass size for comparison).",
        "",
        "ARCH is an architecture string, like \"conv(k=3,p=1,c=64) relu maxpool(k=2)\", or the path of a file"
            + " holding one. In a file, layers may span lines, '#' starts a comment, and a line '# input: 224x224x3'"
            + " gives the default --input.",
        "",
        "With several inputs (--input 32:512:32 or 224,256x320) it prints one total row per input instead;"
            + " an input the network cannot take gets its message in the error column.",
    },
    footer = {
        "",
        "Columns (--columns): input, layer, op, out (out_h, out_w, out_c), rf, rf_min, rf_topdown, stride, pad,"
            + " centre (each also _h and _w), params, macs, flops_seed, flops_seed_madd, flops_2macs, activations,"
            + " weight_bytes, act_bytes, peak_act_bytes (per layer: the elements alive while it runs; docs/MEMORY.md),"
            + " critical, unproductive, error. rf_topdown is the seed's top-down recursion from the output back"
            + " (1 after the last layer, the network's rf on the input row); centre is the centre of output feature 0."
            + " With --columns, csv and json also get the input row.",
        "",
        "Examples:",
        "  rfsweep analyze data/nets/example.arch",
        "  rfsweep analyze \"conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1)\" --input 200x200x3",
        "  rfsweep analyze data/nets/example.arch --format csv --flops seed,2macs",
        "  rfsweep analyze data/nets/resnet18.arch --by-op",
        "  rfsweep analyze data/nets/resnet18.arch --depth 0",
        "  rfsweep analyze \"conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)\" --input 200"
            + " --columns layer,op,rf,rf_topdown,centre,critical",
        "  rfsweep analyze data/nets/resnet18.arch --input 32:512:32",
    })
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCH", description = "Architecture string, or a file holding one.")
    private String arch;

    @Option(names = "--input", paramLabel = "HxWxC",
        description = "Input shape, like 224x224x3 (224 alone means 224x224x3); or several: a list (224,256x320) or a"
            + " square range (32:512:32). Default: the file's '# input:' line.")
    private String input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "table (aligned, for people), csv (SPEC column names: layer, op, out_h, out_w, out_c, rf_h,"
            + " rf_w, rf_min_h, rf_min_w, stride_h, stride_w, pad_h, pad_w, params, macs, flops..., unproductive),"
            + " json (an array of objects with the csv names) or markdown (a pipe table). Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Option(names = "--columns", paramLabel = "LIST", split = ",",
        description = "The columns to print, comma-separated (see below).")
    private List<String> columns = new ArrayList<>();

    @Option(names = "--by-op", description = "Totals per layer kind instead: count, params, MACs and their shares.")
    private boolean byOp;

    @Option(names = "--depth", paramLabel = "N",
        description = "Collapse branch blocks nested deeper than N into one row each (0: every top-level block).")
    private Integer depth;

    @Mixin
    private FlopsOption flops;

    @Mixin
    private Ignore1x1Option ignore;

    @Mixin
    private DTypeOption dtype;

    @Override
    public Integer call() throws IOException {
        FlopsSelection selection = flops.selection();
        if (depth != null && depth < 0) {
            throw new UserError("--depth=" + depth + " must be 0 or more");
        }
        List<AnalyzeColumn> chosen = columns.isEmpty() ? null : AnalyzeColumn.parse(columns);
        ArchSource source = ArchSource.of(arch);
        Network net = source.parse();
        PrintWriter out = spec.commandLine().getOut();
        if (input != null && InputList.isList(input)) {
            if (byOp || depth != null) {
                throw new UserError((byOp ? "--by-op" : "--depth") + " needs one input, not a list");
            }
            List<InputShape> shapes = InputList.parse(input, source.defaultChannels());
            InputTotals.print(net, shapes, ignore.ignore1x1(), dtype.dtype(), totalsColumns(chosen, selection), format,
                out);
        } else {
            InputShape shape = source.input(input);
            LayerReport report = LayerReport.evaluate(net, shape, ignore.ignore1x1(),
                depth == null ? LayerReport.ALL_DEPTHS : depth, dtype.dtype());
            if (byOp) {
                ByOpTable.print(report, format, out);
            } else {
                List<AnalyzeRow> rows = report.rows;
                if (format.machine() && chosen == null) {
                    rows = rows.subList(1, rows.size());
                }
                LayerTable.print(rows, chosen != null ? chosen : AnalyzeColumn.defaults(format.machine(), selection),
                    format, true, out);
                if (!format.machine()) {
                    MemoryTotals.print(report, dtype.dtype(), out);
                }
            }
        }
        if (out.checkError()) {
            throw new UserError("could not write to standard output (closed pipe or full disk?)");
        }
        return 0;
    }

    /** The columns of the one-row-per-input view: {@code input}, the defaults without layer and op, {@code error}. */
    private List<AnalyzeColumn> totalsColumns(List<AnalyzeColumn> chosen, FlopsSelection selection) {
        List<AnalyzeColumn> out = new ArrayList<>();
        out.add(AnalyzeColumn.named("input"));
        for (AnalyzeColumn c : chosen != null ? chosen : AnalyzeColumn.defaults(format.machine(), selection)) {
            if (!c.name.equals("layer") && !c.name.equals("op") && !c.name.equals("input") && !c.name.equals("error")) {
                out.add(c);
            }
        }
        out.add(AnalyzeColumn.named("error"));
        return out;
    }
}
