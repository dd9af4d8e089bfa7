package org.rfsweep.cli.region;

import static org.rfsweep.cli.text.TextTable.Align.LEFT;
import static org.rfsweep.cli.text.TextTable.Align.RIGHT;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rfsweep.cli.ArchSource;
import org.rfsweep.cli.UserError;
import org.rfsweep.cli.format.CsvRows;
import org.rfsweep.cli.format.JsonRows;
import org.rfsweep.cli.format.OutputFormat;
import org.rfsweep.cli.format.RowWriter;
import org.rfsweep.cli.text.TextTable;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.ErrorText;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rfsweep rf ARCH --input HxWxC --unit Y,X}: the input region one output unit sees. */
@Command(name = "rf",
    description = {
        "Prints the input region that output unit (Y, X) of a network sees: its rows and columns (0-based,"
            + " inclusive), unclipped (negative or past the edge where the unit sees padding) and clipped to the"
            + " input, with the centre. For anchor design in detectors. Rows are start = -pad + Y*stride,"
            + " end = start + rf - 1 (SPEC section 3), on the path of the largest receptive field.",
    },
    footer = {
        "",
        "Columns of csv and json: unit_y, unit_x, row_start, row_end, col_start, col_end, row_start_clipped,"
            + " row_end_clipped, col_start_clipped, col_end_clipped, centre_y, centre_x.",
        "",
        "Examples:",
        "  rfsweep rf \"conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)\" --input 200 --unit 0,0",
        "  rfsweep rf data/nets/resnet18.arch --unit 3,3 --unit 6,6 --format csv",
    })
public final class RfCommand implements Callable<Integer> {
    private static final List<String> NAMES = List.of("unit_y", "unit_x", "row_start", "row_end", "col_start",
        "col_end", "row_start_clipped", "row_end_clipped", "col_start_clipped", "col_end_clipped", "centre_y",
        "centre_x");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCH", description = "Architecture string, or a file holding one.")
    private String arch;

    @Option(names = "--input", paramLabel = "HxWxC",
        description = "Input shape (224 means 224x224x3). Default: the file's '# input:' line.")
    private String input;

    @Option(names = "--unit", paramLabel = "Y,X", required = true,
        description = "Output unit, 0-based row and column (repeatable).")
    private List<String> units = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "table, csv, json or markdown. Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Override
    public Integer call() throws IOException {
        ArchSource source = ArchSource.of(arch);
        Network net = source.parse();
        InputShape in = source.input(input);
        Metrics m = new Metrics(1);
        if (!new StackEvaluator().evaluate(net.records(), 0, net.count(), in.h, in.w, in.c, m, 0)) {
            throw new UserError(ErrorText.describe(net.records(), 0, net.count(), in.h, in.w, in.c, m.error[0],
                m.errorRecord[0], m.errorDetail[0]));
        }
        List<UnitRegion[]> regions = new ArrayList<>();
        for (String unit : units) {
            long[] yx = parseUnit(unit, m.outH[0], m.outW[0]);
            regions.add(new UnitRegion[] {UnitRegion.of(yx[0], m.rfH[0], m.strideH[0], m.padH[0], in.h),
                UnitRegion.of(yx[1], m.rfW[0], m.strideW[0], m.padW[0], in.w)});
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.machine()) {
            RowWriter w = format == OutputFormat.json ? JsonRows.array(out) : new CsvRows(out);
            w.header(NAMES);
            for (UnitRegion[] r : regions) {
                w.number(r[0].unit()).number(r[1].unit()).number(r[0].start()).number(r[0].end())
                    .number(r[1].start()).number(r[1].end()).number(r[0].clippedStart()).number(r[0].clippedEnd())
                    .number(r[1].clippedStart()).number(r[1].clippedEnd()).half(r[0].centre2()).half(r[1].centre2());
                w.endRow();
            }
            w.finish();
        } else {
            TextTable t = new TextTable().column("unit", LEFT).column("axis", LEFT).column("start", RIGHT)
                .column("end", RIGHT).column("size", RIGHT).column("clipped start", RIGHT).column("clipped end", RIGHT)
                .column("clipped size", RIGHT).column("centre", RIGHT);
            for (UnitRegion[] r : regions) {
                String unit = r[0].unit() + "," + r[1].unit();
                t.row(cells(unit, "rows", r[0]));
                t.row(cells(unit, "cols", r[1]));
            }
            t.print(out, format == OutputFormat.markdown);
        }
        return 0;
    }

    private static String[] cells(String unit, String axis, UnitRegion r) {
        return new String[] {unit, axis, Long.toString(r.start()), Long.toString(r.end()), Long.toString(r.size()),
            Long.toString(r.clippedStart()), Long.toString(r.clippedEnd()), Long.toString(r.clippedSize()),
            RowWriter.halfText(r.centre2())};
    }

    /** Parses {@code Y,X} and checks it against the output extent. */
    static long[] parseUnit(String text, int outH, int outW) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2 || !parts[0].trim().matches("[0-9]{1,9}") || !parts[1].trim().matches("[0-9]{1,9}")) {
            throw new UserError("--unit " + text + ": expected Y,X, two 0-based whole numbers like 0,0");
        }
        long y = Long.parseLong(parts[0].trim());
        long x = Long.parseLong(parts[1].trim());
        if (y >= outH) {
            throw new UserError("--unit " + text + ": row " + y + " is outside the output's rows 0.." + (outH - 1));
        }
        if (x >= outW) {
            throw new UserError("--unit " + text + ": column " + x + " is outside the output's columns 0.."
                + (outW - 1));
        }
        return new long[] {y, x};
    }
}
