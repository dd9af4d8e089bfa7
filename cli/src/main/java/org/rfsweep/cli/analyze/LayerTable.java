package org.rfsweep.cli.analyze;

import static org.rfsweep.cli.text.TextTable.Align.LEFT;
import static org.rfsweep.cli.text.TextTable.Align.RIGHT;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.report.Cells;
import org.rfsweep.report.CsvRowWriter;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.cli.text.TextTable;

/**
 * Prints a {@link LayerReport} as a table for people or as CSV with the SPEC section 10 columns.
 *
 * <pre>
 * layer  op                      out        rf  stride  pad  params         macs  unproductive
 * -----  ----------------------  ---------  --  ------  ---  ------  -----------  ------------
 * input                          200x200x3   1       1    0
 * 1      conv(k=5,s=2,p=1,c=64)  99x99x64    5       2    1   4,864   47,044,800  no
 * 2      maxpool(k=3,s=1)        97x97x64    9       2    1       0            0  no
 * 3      conv(k=3,p=1,c=128)     97x97x128  13       2    3  73,856  693,706,752  no
 * -----  ----------------------  ---------  --  ------  ---  ------  -----------  ------------
 * total                          97x97x128  13       2    3  78,720  740,751,552  0
 * </pre>
 *
 * In the table, {@code rf}, {@code stride} and {@code pad} show one number when H and W agree,
 * else {@code HxW}; a layer inside a branch block is indented two spaces per level; the
 * {@code input} row is the start of SPEC section 3's recurrence; the total row's
 * {@code unproductive} is the number of unproductive layers.
 */
final class LayerTable {
    private LayerTable() {
    }

    static void printTable(LayerReport report, FlopsSelection flops, PrintWriter out) {
        TextTable table = new TextTable()
            .column("layer", LEFT).column("op", LEFT).column("out", LEFT)
            .column("rf", RIGHT).column("stride", RIGHT).column("pad", RIGHT)
            .column("params", RIGHT).column("macs", RIGHT);
        for (String name : flops.columns()) {
            table.column(name, RIGHT);
        }
        table.column("unproductive", LEFT);
        table.row("input", "", Cells.shape(report.input.h, report.input.w, report.input.c), "1", "1", "0");
        for (int i = 0; i < report.layers; i++) {
            String op = "  ".repeat(report.depths[i]) + report.ops[i];
            String unproductive = report.rows.unproductive[i] != 0 ? "yes" : "no";
            table.row(cells(report.rows, i, Integer.toString(i + 1), op, flops, unproductive));
        }
        table.rule();
        int total = report.layers;
        table.row(cells(report.rows, total, "total", "", flops, Integer.toString(report.rows.unproductive[total])));
        table.print(out);
    }

    private static String[] cells(Metrics m, int slot, String layer, String op, FlopsSelection flops,
                                  String unproductive) {
        List<String> cells = new ArrayList<>();
        cells.add(layer);
        cells.add(op);
        cells.add(Cells.shape(m.outH[slot], m.outW[slot], m.outC[slot]));
        cells.add(Cells.axes(m.rfH[slot], m.rfW[slot]));
        cells.add(Cells.axes(m.strideH[slot], m.strideW[slot]));
        cells.add(Cells.axes(m.padH[slot], m.padW[slot]));
        cells.add(Cells.count(m.params[slot]));
        cells.add(Cells.count(m.macs[slot]));
        if (flops.seed()) {
            cells.add(Cells.count(m.flopsSeed(slot)));
        }
        if (flops.seedMadd()) {
            cells.add(Cells.count(m.flopsSeedMadd(slot)));
        }
        if (flops.twoMacs()) {
            cells.add(Cells.count(m.flops2Macs(slot)));
        }
        cells.add(unproductive);
        return cells.toArray(new String[0]);
    }

    /** Columns {@code layer, op}, the {@link MetricColumns}, {@code unproductive}; layer rows then {@code total}. */
    static void printCsv(LayerReport report, FlopsSelection flops, PrintWriter out) throws IOException {
        MetricColumns columns = new MetricColumns(flops);
        CsvRowWriter row = new CsvRowWriter(out);
        row.text("layer").text("op");
        for (String name : columns.names()) {
            row.text(name);
        }
        row.text("unproductive").endRow();
        for (int i = 0; i <= report.layers; i++) {
            if (i < report.layers) {
                row.number(i + 1).text(report.ops[i]);
            } else {
                row.text("total").empty();
            }
            columns.append(row, report.rows, i);
            row.number(report.rows.unproductive[i]).endRow();
        }
        row.flush();
    }
}
