package org.rfsweep.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rfsweep.constraint.Metric;
import org.rfsweep.core.eval.Metrics;

/**
 * The metric columns that every rfsweep CSV shares (SPEC section 10), in this order:
 *
 * <pre>
 *   out_h, out_w, out_c, rf_h, rf_w, rf_min_h, rf_min_w, stride_h, stride_w, pad_h, pad_w,
 *   params, macs, then the selected flops_seed, flops_seed_madd, flops_2macs,
 *   then activations, weight_bytes, act_bytes, peak_act_bytes (docs/MEMORY.md; bytes per the dtype)
 * </pre>
 *
 * {@link #append} writes one {@link Metrics} slot's values in that order without allocating:
 * the sweep calls it for millions of slots. The caller writes the columns around them
 * ({@code arch}, {@code input}, {@code unproductive}, {@code error}). Immutable and thread-safe;
 * the row writers are not.
 */
public final class MetricColumns {
    /** The quantity columns of SPEC section 10, {@code arch} excluded. */
    public static final List<String> SPEC = List.of("out_h", "out_w", "out_c", "rf_h", "rf_w", "rf_min_h",
        "rf_min_w", "stride_h", "stride_w", "pad_h", "pad_w", "params", "macs");

    private final boolean seed;
    private final boolean seedMadd;
    private final boolean twoMacs;
    private final long bytes;
    private final List<String> names;
    /** Per column, the metric {@link #value} reads, and its scale (the dtype's bytes for the byte columns). */
    private final Metric[] metrics;
    private final long[] scale;

    /** The memory columns, after the FLOP conventions. */
    public static final List<String> MEMORY = List.of("activations", "weight_bytes", "act_bytes", "peak_act_bytes");

    public MetricColumns(FlopsSelection flops) {
        this(flops, DType.FP32);
    }

    /** Columns for {@code flops}, with the byte columns at {@code dtype}. */
    public MetricColumns(FlopsSelection flops, DType dtype) {
        this.seed = flops.seed();
        this.seedMadd = flops.seedMadd();
        this.twoMacs = flops.twoMacs();
        List<String> all = new ArrayList<>(SPEC);
        all.addAll(flops.columns());
        all.addAll(MEMORY);
        this.bytes = dtype.bytes;
        this.names = Collections.unmodifiableList(all);
        this.metrics = new Metric[all.size()];
        this.scale = new long[all.size()];
        for (int i = 0; i < metrics.length; i++) {
            String name = all.get(i);
            boolean inBytes = name.endsWith("_bytes");
            metrics[i] = switch (name) {
                case "weight_bytes" -> Metric.PARAMS;
                case "act_bytes" -> Metric.ACT_ELEMENTS;
                case "peak_act_bytes" -> Metric.PEAK_ELEMENTS;
                default -> Metric.named(name);
            };
            scale[i] = inBytes ? bytes : 1;
        }
    }

    /** Column names, in the order {@link #append} writes values. */
    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /**
     * Appends the values of slot {@code slot}, which must hold a valid result, to a
     * {@link CsvRowWriter} or to the sweep's {@link ByteRowWriter}.
     */
    public void append(NumberRow row, Metrics m, int slot) {
        row.number(m.outH[slot]).number(m.outW[slot]).number(m.outC[slot])
            .number(m.rfH[slot]).number(m.rfW[slot]).number(m.rfMinH[slot]).number(m.rfMinW[slot])
            .number(m.strideH[slot]).number(m.strideW[slot]).number(m.padH[slot]).number(m.padW[slot])
            .number(m.params[slot]).number(m.macs[slot]);
        if (seed) {
            row.number(m.flopsSeed(slot));
        }
        if (seedMadd) {
            row.number(m.flopsSeedMadd(slot));
        }
        if (twoMacs) {
            row.number(m.flops2Macs(slot));
        }
        row.number(m.acts[slot]).number(m.params[slot] * bytes).number(m.actElements[slot] * bytes)
            .number(m.peakElements[slot] * bytes);
    }

    /** The value of column {@code column} (a position in {@link #names()}) of slot {@code slot}. */
    public long value(int column, Metrics m, int slot) {
        return metrics[column].value(m, slot) * scale[column];
    }

    /** Appends one empty field per column, for an invalid row. */
    public void appendEmpty(CsvRowWriter row) {
        for (int i = 0; i < names.size(); i++) {
            row.empty();
        }
    }
}
