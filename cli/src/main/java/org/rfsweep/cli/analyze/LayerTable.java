package org.rfsweep.cli.analyze;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.rfsweep.cli.format.CsvRows;
import org.rfsweep.cli.format.JsonRows;
import org.rfsweep.cli.format.OutputFormat;
import org.rfsweep.cli.format.RowWriter;
import org.rfsweep.cli.text.TextTable;

/**
 * Prints {@link AnalyzeRow}s in the chosen {@link AnalyzeColumn}s as a table for people, a
 * Markdown table, CSV or JSON (the CSV names as keys):
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
 * In the table, a per-axis column shows one number when H and W agree, else {@code HxW}; a layer
 * inside a branch block is indented two spaces per level; the {@code input} row is the start of
 * SPEC section 3's recurrence; the total row's flags count the flagged layers. The total row
 * follows a rule when it is the last of several rows. A row with an error fills only its
 * {@code input} and {@code error} columns.
 */
final class LayerTable {
    private LayerTable() {
    }

    /**
     * Prints {@code rows}; {@code ruleBeforeLast} draws a rule above the last row in the table
     * formats.
     */
    static void print(List<AnalyzeRow> rows, List<AnalyzeColumn> columns, OutputFormat format,
                      boolean ruleBeforeLast, PrintWriter out) throws IOException {
        if (format.machine()) {
            RowWriter w = format == OutputFormat.json ? JsonRows.array(out) : new CsvRows(out);
            List<String> names = new ArrayList<>();
            for (AnalyzeColumn c : columns) {
                names.addAll(c.fields);
            }
            w.header(names);
            for (AnalyzeRow row : rows) {
                for (AnalyzeColumn c : columns) {
                    if (row.error == null || c.keepsOnError()) {
                        c.write(row, w);
                    } else {
                        for (int i = 0; i < c.fields.size(); i++) {
                            w.empty();
                        }
                    }
                }
                w.endRow();
            }
            w.finish();
            return;
        }
        TextTable table = new TextTable();
        for (AnalyzeColumn c : columns) {
            table.column(c.name, c.align);
        }
        for (int r = 0; r < rows.size(); r++) {
            AnalyzeRow row = rows.get(r);
            if (ruleBeforeLast && r == rows.size() - 1 && r > 0) {
                table.rule();
            }
            String[] cells = new String[columns.size()];
            for (int i = 0; i < cells.length; i++) {
                AnalyzeColumn c = columns.get(i);
                cells[i] = row.error == null || c.keepsOnError() ? c.cell(row) : "";
            }
            table.row(cells);
        }
        table.print(out, format == OutputFormat.markdown);
    }
}
