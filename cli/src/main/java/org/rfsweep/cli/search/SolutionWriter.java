package org.rfsweep.cli.search;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.rfsweep.cli.format.CsvRows;
import org.rfsweep.cli.format.RowWriter;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.report.Cells;
import org.rfsweep.report.DType;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.cli.text.TextTable;
import org.rfsweep.search.Solution;
import org.rfsweep.search.Objective;

/**
 * Writes search results as CSV (for programs) or as an aligned table (for people). The CSV
 * columns are {@code rank, index, arch, input}, the SPEC section 10 columns (with the asked
 * FLOP conventions, and the objective's own column when it is one), {@code unproductive}, and
 * for a Pareto front {@code meets_rf} (1 when the row meets the RF target). {@code index} is the
 * candidate's index in {@code rfsweep sweep}'s enumeration, so rows join with sweep output.
 *
 * <pre>
 *   rank,index,arch,input,out_h,out_w,out_c,rf_h,rf_w,...,params,macs,unproductive
 *   1,151906,conv(k=3,s=2,p=1,c=16,bias=0) bn relu ...,224x224x3,7,7,192,239,239,...,12348000,0
 * </pre>
 *
 * Stateless apart from its column choice; not thread-safe.
 */
public final class SolutionWriter {
    private final MetricColumns columns;
    private final FlopsSelection flops;
    /** A memory objective's table column and bytes per element, or null and 0. */
    private final String memoryColumn;
    private final long bytes;

    /** Columns for {@code flops} plus the objective's column. */
    public SolutionWriter(FlopsSelection flops, Objective objective) {
        this(flops, objective, DType.FP32);
    }

    /** Columns for {@code flops} plus the objective's column, byte columns at {@code dtype}. */
    public SolutionWriter(FlopsSelection flops, Objective objective, DType dtype) {
        List<String> names = new ArrayList<>();
        if (flops.seed() || objective == Objective.FLOPS_SEED) {
            names.add("seed");
        }
        if (flops.seedMadd() || objective == Objective.FLOPS_SEED_MADD) {
            names.add("seed-madd");
        }
        if (flops.twoMacs() || objective == Objective.FLOPS_2MACS) {
            names.add("2macs");
        }
        this.flops = FlopsSelection.parse(names);
        boolean memory = objective == Objective.ACTIVATIONS || objective == Objective.ACT_BYTES
            || objective == Objective.PEAK_ACT_BYTES;
        this.memoryColumn = memory ? objective.column : null;
        this.bytes = objective == Objective.ACTIVATIONS ? 1 : dtype.bytes;
        this.columns = new MetricColumns(this.flops, dtype);
    }

    /** The CSV header. */
    public List<String> header(boolean front) {
        List<String> names = new ArrayList<>(List.of("rank", "index", "arch", "input"));
        names.addAll(columns.names());
        names.add("unproductive");
        if (front) {
            names.add("meets_rf");
        }
        return names;
    }

    /** Writes {@code rows} as CSV, ranked from 1. */
    public void csv(List<Solution> rows, boolean front, Writer out) throws IOException {
        write(rows, front, new CsvRows(out));
    }

    /** Writes {@code rows} to {@code row} (CSV or JSON, same column names), ranked from 1. */
    public void write(List<Solution> rows, boolean front, RowWriter row) throws IOException {
        row.header(header(front));
        int rank = 1;
        for (Solution s : rows) {
            row.number(rank++).text(s.index().toString()).text(s.arch()).text(s.inputText());
            columns.append(row, s.metrics(), 0);
            row.number(s.metrics().unproductive[0]);
            if (front) {
                row.number(s.meetsRf() ? 1 : 0);
            }
            row.endRow();
        }
        row.finish();
    }

    /** Writes {@code rows} as an aligned table; the input column only when {@code inputs > 1}. */
    public void table(List<Solution> rows, int inputs, PrintWriter out) {
        table(rows, inputs, out, false);
    }

    /** As {@link #table(List, int, PrintWriter)}, or as a Markdown pipe table. */
    public void table(List<Solution> rows, int inputs, PrintWriter out, boolean markdown) {
        TextTable t = new TextTable();
        t.column("rank", TextTable.Align.RIGHT).column("macs", TextTable.Align.RIGHT)
            .column("params", TextTable.Align.RIGHT);
        if (flops.seed()) {
            t.column("flops_seed", TextTable.Align.RIGHT);
        }
        if (flops.seedMadd()) {
            t.column("flops_seed_madd", TextTable.Align.RIGHT);
        }
        if (flops.twoMacs()) {
            t.column("flops_2macs", TextTable.Align.RIGHT);
        }
        if (memoryColumn != null) {
            t.column(memoryColumn, TextTable.Align.RIGHT);
        }
        t.column("rf", TextTable.Align.RIGHT).column("out", TextTable.Align.RIGHT)
            .column("stride", TextTable.Align.RIGHT);
        if (inputs > 1) {
            t.column("input", TextTable.Align.LEFT);
        }
        t.column("arch", TextTable.Align.LEFT);
        int rank = 1;
        for (Solution s : rows) {
            Metrics m = s.metrics();
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(rank++));
            cells.add(Cells.count(m.macs[0]));
            cells.add(Cells.count(m.params[0]));
            if (flops.seed()) {
                cells.add(Cells.count(m.flopsSeed(0)));
            }
            if (flops.seedMadd()) {
                cells.add(Cells.count(m.flopsSeedMadd(0)));
            }
            if (flops.twoMacs()) {
                cells.add(Cells.count(m.flops2Macs(0)));
            }
            if (memoryColumn != null) {
                cells.add(Cells.count(bytes * Objective.parse(memoryColumn).of(m, 0)));
            }
            cells.add(Cells.axes(m.rfH[0], m.rfW[0]));
            cells.add(Cells.shape(m.outH[0], m.outW[0], m.outC[0]));
            cells.add(Cells.axes(m.strideH[0], m.strideW[0]));
            if (inputs > 1) {
                cells.add(s.inputText());
            }
            cells.add(s.arch());
            t.row(cells.toArray(new String[0]));
        }
        t.print(out, markdown);
    }
}
