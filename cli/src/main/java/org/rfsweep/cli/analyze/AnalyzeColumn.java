package org.rfsweep.cli.analyze;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.rfsweep.cli.UserError;
import org.rfsweep.cli.format.RowWriter;
import org.rfsweep.cli.text.TextTable.Align;
import org.rfsweep.report.Cells;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;

/**
 * A column of {@code rfsweep analyze}: its {@code --columns} name, its table header and cell, and
 * the CSV/JSON fields it writes (a per-axis quantity is one table column, {@code rf}, and two
 * fields, {@code rf_h, rf_w}). Immutable; the registry is {@link #named}.
 */
final class AnalyzeColumn {
    /** Writes a row's fields. */
    private interface Fields {
        void write(AnalyzeRow row, RowWriter out);
    }

    /** A row's table cell. */
    private interface Cell {
        String text(AnalyzeRow row);
    }

    private static final Map<String, AnalyzeColumn> ALL = new LinkedHashMap<>();

    static {
        add(new AnalyzeColumn("input", Align.LEFT, List.of("input"), (r, w) -> w.text(r.inputText), r -> r.inputText));
        add(new AnalyzeColumn("layer", Align.LEFT, List.of("layer"), (r, w) -> {
            if (r.kind == AnalyzeRow.Kind.LAYER) {
                w.number(Long.parseLong(r.label));
            } else {
                w.text(r.label);
            }
        }, r -> r.label));
        add(new AnalyzeColumn("op", Align.LEFT, List.of("op"), (r, w) -> {
            if (r.op.isEmpty()) {
                w.empty();
            } else {
                w.text(r.op);
            }
        }, r -> "  ".repeat(r.depth) + r.op));
        add(new AnalyzeColumn("out", Align.LEFT, List.of("out_h", "out_w", "out_c"),
            (r, w) -> w.number(r.outH).number(r.outW).number(r.outC), r -> Cells.shape(r.outH, r.outW, r.outC)));
        single("out_h", r -> r.outH);
        single("out_w", r -> r.outW);
        single("out_c", r -> r.outC);
        pair("rf", r -> r.rfH, r -> r.rfW);
        pair("rf_min", r -> r.rfMinH, r -> r.rfMinW);
        pair("rf_topdown", r -> r.topDownH, r -> r.topDownW);
        pair("stride", r -> r.strideH, r -> r.strideW);
        pair("pad", r -> r.padH, r -> r.padW);
        add(new AnalyzeColumn("centre", Align.RIGHT, List.of("centre_h", "centre_w"),
            (r, w) -> w.half(r.centre2H()).half(r.centre2W()),
            r -> r.centre2H() == r.centre2W() ? RowWriter.halfText(r.centre2H())
                : RowWriter.halfText(r.centre2H()) + "x" + RowWriter.halfText(r.centre2W())));
        add(new AnalyzeColumn("centre_h", Align.RIGHT, List.of("centre_h"), (r, w) -> w.half(r.centre2H()),
            r -> RowWriter.halfText(r.centre2H())));
        add(new AnalyzeColumn("centre_w", Align.RIGHT, List.of("centre_w"), (r, w) -> w.half(r.centre2W()),
            r -> RowWriter.halfText(r.centre2W())));
        count("params", r -> r.params);
        count("macs", r -> r.macs);
        count("flops_seed", AnalyzeRow::flopsSeed);
        count("flops_seed_madd", AnalyzeRow::flopsSeedMadd);
        count("flops_2macs", AnalyzeRow::flops2Macs);
        count("activations", r -> r.acts);
        count("weight_bytes", r -> r.params * r.bytes);
        count("act_bytes", r -> r.actElements * r.bytes);
        count("peak_act_bytes", r -> r.aliveElements * r.bytes);
        flag("critical", r -> r.critical);
        flag("unproductive", r -> r.unproductive);
        add(new AnalyzeColumn("error", Align.LEFT, List.of("error"), (r, w) -> {
            if (r.error == null) {
                w.empty();
            } else {
                w.text(r.error);
            }
        }, r -> r.error == null ? "" : r.error));
    }

    /** True for the columns that a row with an error still fills. */
    boolean keepsOnError() {
        return name.equals("input") || name.equals("error");
    }

    final String name;
    final Align align;
    /** CSV and JSON field names, in order. */
    final List<String> fields;
    private final Fields writer;
    private final Cell cell;

    private AnalyzeColumn(String name, Align align, List<String> fields, Fields writer, Cell cell) {
        this.name = name;
        this.align = align;
        this.fields = fields;
        this.writer = writer;
        this.cell = cell;
    }

    void write(AnalyzeRow row, RowWriter out) {
        writer.write(row, out);
    }

    String cell(AnalyzeRow row) {
        return cell.text(row);
    }

    private static void add(AnalyzeColumn c) {
        ALL.put(c.name, c);
    }

    private static void single(String name, ToLongFunction<AnalyzeRow> value) {
        add(new AnalyzeColumn(name, Align.RIGHT, List.of(name), (r, w) -> w.number(value.applyAsLong(r)),
            r -> Long.toString(value.applyAsLong(r))));
    }

    /** A per-axis quantity: {@code NAME} (both axes, {@code HxW} when they differ), {@code NAME_h}, {@code NAME_w}. */
    private static void pair(String name, ToLongFunction<AnalyzeRow> h, ToLongFunction<AnalyzeRow> w) {
        add(new AnalyzeColumn(name, Align.RIGHT, List.of(name + "_h", name + "_w"),
            (r, out) -> out.number(h.applyAsLong(r)).number(w.applyAsLong(r)),
            r -> Cells.axes(h.applyAsLong(r), w.applyAsLong(r))));
        single(name + "_h", h);
        single(name + "_w", w);
    }

    /** A count of the row's own layers; blank on the input row. */
    private static void count(String name, ToLongFunction<AnalyzeRow> value) {
        add(new AnalyzeColumn(name, Align.RIGHT, List.of(name), (r, w) -> {
            if (r.hasCounts()) {
                w.number(value.applyAsLong(r));
            } else {
                w.empty();
            }
        }, r -> r.hasCounts() ? Cells.count(value.applyAsLong(r)) : ""));
    }

    /** A layer flag: {@code yes}/{@code no} on a layer row (1/0 in CSV), the number of flagged layers elsewhere. */
    private static void flag(String name, ToIntFunction<AnalyzeRow> value) {
        add(new AnalyzeColumn(name, Align.LEFT, List.of(name), (r, w) -> {
            if (r.hasCounts()) {
                w.number(value.applyAsInt(r));
            } else {
                w.empty();
            }
        }, r -> !r.hasCounts() ? "" : r.kind == AnalyzeRow.Kind.LAYER ? (value.applyAsInt(r) != 0 ? "yes" : "no")
            : Integer.toString(value.applyAsInt(r))));
    }

    /** The column called {@code name}. */
    static AnalyzeColumn named(String name) {
        AnalyzeColumn c = ALL.get(name);
        if (c == null) {
            throw new UserError("--columns: '" + name + "' is not a column (expected one of "
                + String.join(", ", ALL.keySet()) + ")");
        }
        return c;
    }

    /** Parses a {@code --columns} list: names separated by commas. */
    static List<AnalyzeColumn> parse(List<String> lists) {
        List<AnalyzeColumn> out = new ArrayList<>();
        for (String list : lists) {
            for (String raw : list.split(",", -1)) {
                String name = raw.trim();
                if (name.isEmpty()) {
                    throw new UserError("--columns: empty column name in '" + list + "'");
                }
                out.add(named(name));
            }
        }
        return out;
    }

    /**
     * The default columns: for the table {@code layer, op, out, rf, stride, pad, params, macs},
     * the {@code --flops} columns, {@code unproductive}; for CSV and JSON also {@code rf_min} and
     * the memory columns (the order of every rfsweep CSV).
     */
    static List<AnalyzeColumn> defaults(boolean machine, FlopsSelection flops) {
        List<AnalyzeColumn> out = new ArrayList<>();
        for (String name : machine ? List.of("layer", "op", "out", "rf", "rf_min", "stride", "pad", "params", "macs")
            : List.of("layer", "op", "out", "rf", "stride", "pad", "params", "macs")) {
            out.add(ALL.get(name));
        }
        for (String name : flops.columns()) {
            out.add(ALL.get(name));
        }
        if (machine) {
            for (String name : MetricColumns.MEMORY) {
                out.add(ALL.get(name));
            }
        }
        out.add(ALL.get("unproductive"));
        return out;
    }
}
