package org.rfsweep.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    /** Per column, its position in SPEC, the three FLOP columns, MEMORY: what {@link #value} reads. */
    private final int[] ids;

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
        List<String> every = new ArrayList<>(SPEC);
        every.addAll(List.of("flops_seed", "flops_seed_madd", "flops_2macs"));
        every.addAll(MEMORY);
        this.ids = new int[all.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = every.indexOf(all.get(i));
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
        switch (ids[column]) {
            case 0: return m.outH[slot];
            case 1: return m.outW[slot];
            case 2: return m.outC[slot];
            case 3: return m.rfH[slot];
            case 4: return m.rfW[slot];
            case 5: return m.rfMinH[slot];
            case 6: return m.rfMinW[slot];
            case 7: return m.strideH[slot];
            case 8: return m.strideW[slot];
            case 9: return m.padH[slot];
            case 10: return m.padW[slot];
            case 11: return m.params[slot];
            case 12: return m.macs[slot];
            case 13: return m.flopsSeed(slot);
            case 14: return m.flopsSeedMadd(slot);
            case 15: return m.flops2Macs(slot);
            case 16: return m.acts[slot];
            case 17: return m.params[slot] * bytes;
            case 18: return m.actElements[slot] * bytes;
            default: return m.peakElements[slot] * bytes;
        }
    }

    /** Appends one empty field per column, for an invalid row. */
    public void appendEmpty(CsvRowWriter row) {
        for (int i = 0; i < names.size(); i++) {
            row.empty();
        }
    }
}
