package org.rfsweep.cli.analyze;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.rfsweep.cli.UserError;
import org.rfsweep.cli.format.OutputFormat;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.report.DType;

/**
 * {@code rfsweep analyze ARCH --input LIST}: the total row of one network on each input, in the
 * order given. An input the network cannot take keeps the engine's one-line message in
 * {@code error}; the other inputs are still evaluated.
 */
final class InputTotals {
    private InputTotals() {
    }

    static void print(Network net, List<InputShape> inputs, boolean ignore1x1, DType dtype,
                      List<AnalyzeColumn> columns, OutputFormat format, PrintWriter out) throws IOException {
        List<AnalyzeRow> rows = new ArrayList<>();
        for (InputShape shape : inputs) {
            AnalyzeRow row;
            try {
                row = LayerReport.evaluate(net, shape, ignore1x1, LayerReport.ALL_DEPTHS, dtype).total();
            } catch (UserError e) {
                row = new AnalyzeRow(AnalyzeRow.Kind.TOTAL, "total", "", 0);
                row.error = e.getMessage();
            }
            row.inputText = shape.toString();
            rows.add(row);
        }
        LayerTable.print(rows, columns, format, false, out);
    }
}
