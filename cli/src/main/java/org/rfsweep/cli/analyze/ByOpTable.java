package org.rfsweep.cli.analyze;

import static org.rfsweep.cli.text.TextTable.Align.LEFT;
import static org.rfsweep.cli.text.TextTable.Align.RIGHT;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rfsweep.cli.format.CsvRows;
import org.rfsweep.cli.format.JsonRows;
import org.rfsweep.cli.format.OutputFormat;
import org.rfsweep.cli.format.RowWriter;
import org.rfsweep.cli.text.TextTable;
import org.rfsweep.core.layout.Op;
import org.rfsweep.report.Cells;

/**
 * {@code rfsweep analyze --by-op}: totals per layer kind, like fvcore's by-operator table. Columns
 * {@code op, count, params, params_pct, macs, macs_pct}; rows by MACs, then params, descending
 * (ties in order of first appearance), then the total. Shares are percentages of the network's
 * total with one decimal, rounded half-even; empty when the total is 0.
 */
final class ByOpTable {
    private static final List<String> NAMES = List.of("op", "count", "params", "params_pct", "macs", "macs_pct");

    private ByOpTable() {
    }

    /** The per-kind sums of one network, in print order, and the total. */
    record Kind(String op, long count, long params, long macs) {
    }

    static List<Kind> kinds(LayerReport report) {
        Map<Integer, long[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < report.layers.size(); i++) {
            long[] s = sums.computeIfAbsent(report.layerOps[i], k -> new long[3]);
            AnalyzeRow row = report.layers.get(i);
            s[0]++;
            s[1] += row.params;
            s[2] += row.macs;
        }
        List<Kind> out = new ArrayList<>();
        sums.forEach((op, s) -> out.add(new Kind(Op.name(op), s[0], s[1], s[2])));
        out.sort(Comparator.comparingLong(Kind::macs).reversed().thenComparing(Comparator.comparingLong(Kind::params)
            .reversed()));
        return out;
    }

    static String share(long part, long total) {
        if (total == 0) {
            return "";
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
            .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_EVEN).toPlainString();
    }

    static void print(LayerReport report, OutputFormat format, PrintWriter out) throws IOException {
        List<Kind> kinds = kinds(report);
        AnalyzeRow total = report.total();
        Kind sum = new Kind("total", report.layers.size(), total.params, total.macs);
        if (format.machine()) {
            RowWriter w = format == OutputFormat.json ? JsonRows.array(out) : new CsvRows(out);
            w.header(NAMES);
            for (Kind k : kinds) {
                row(w, k, sum);
            }
            row(w, sum, sum);
            w.finish();
            return;
        }
        TextTable table = new TextTable().column("op", LEFT).column("count", RIGHT).column("params", RIGHT)
            .column("params %", RIGHT).column("macs", RIGHT).column("macs %", RIGHT);
        for (Kind k : kinds) {
            table.row(cells(k, sum));
        }
        table.rule();
        table.row(cells(sum, sum));
        table.print(out, format == OutputFormat.markdown);
    }

    private static String[] cells(Kind k, Kind sum) {
        return new String[] {k.op(), Cells.count(k.count()), Cells.count(k.params()), share(k.params(), sum.params()),
            Cells.count(k.macs()), share(k.macs(), sum.macs())};
    }

    private static void row(RowWriter w, Kind k, Kind sum) throws IOException {
        w.text(k.op()).number(k.count()).number(k.params());
        share(w, k.params(), sum.params());
        w.number(k.macs());
        share(w, k.macs(), sum.macs());
        w.endRow();
    }

    private static void share(RowWriter w, long part, long total) {
        if (total == 0) {
            w.empty();
        } else {
            w.decimal(new BigDecimal(share(part, total)));
        }
    }
}
