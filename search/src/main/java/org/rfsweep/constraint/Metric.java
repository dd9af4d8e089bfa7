package org.rfsweep.constraint;

import org.rfsweep.core.eval.Metrics;

/**
 * The per-candidate quantities a constraint can bound, named as their CSV columns (SPEC
 * section 10), plus {@code activations} and {@code unproductive}. Every value is a non-negative
 * long read from one {@link Metrics} slot by {@link #value(Metrics, int)}.
 */
public enum Metric {
    OUT_H("out_h"),
    OUT_W("out_w"),
    OUT_C("out_c"),
    RF_H("rf_h"),
    RF_W("rf_w"),
    RF_MIN_H("rf_min_h"),
    RF_MIN_W("rf_min_w"),
    STRIDE_H("stride_h"),
    STRIDE_W("stride_w"),
    PAD_H("pad_h"),
    PAD_W("pad_w"),
    PARAMS("params"),
    MACS("macs"),
    FLOPS_SEED("flops_seed"),
    FLOPS_SEED_MADD("flops_seed_madd"),
    FLOPS_2MACS("flops_2macs"),
    ACTIVATIONS("activations"),
    UNPRODUCTIVE("unproductive");

    private static final Metric[] ALL = values();

    /** The column name, as written in {@code --where} and in CSV headers. */
    public final String column;

    Metric(String column) {
        this.column = column;
    }

    /** The metric named {@code name}, or null. */
    public static Metric named(String name) {
        for (Metric m : ALL) {
            if (m.column.equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** This metric's value in slot {@code slot} of a valid result. */
    public long value(Metrics m, int slot) {
        return switch (this) {
            case OUT_H -> m.outH[slot];
            case OUT_W -> m.outW[slot];
            case OUT_C -> m.outC[slot];
            case RF_H -> m.rfH[slot];
            case RF_W -> m.rfW[slot];
            case RF_MIN_H -> m.rfMinH[slot];
            case RF_MIN_W -> m.rfMinW[slot];
            case STRIDE_H -> m.strideH[slot];
            case STRIDE_W -> m.strideW[slot];
            case PAD_H -> m.padH[slot];
            case PAD_W -> m.padW[slot];
            case PARAMS -> m.params[slot];
            case MACS -> m.macs[slot];
            case FLOPS_SEED -> m.flopsSeed(slot);
            case FLOPS_SEED_MADD -> m.flopsSeedMadd(slot);
            case FLOPS_2MACS -> m.flops2Macs(slot);
            case ACTIVATIONS -> m.acts[slot];
            case UNPRODUCTIVE -> m.unproductive[slot];
        };
    }

    /** Names accepted in {@code --where}, for messages. */
    static String names() {
        StringBuilder sb = new StringBuilder();
        for (Metric m : ALL) {
            sb.append(m.column).append(", ");
        }
        return sb.append("or rf, rf_min, out, stride, pad for both axes").toString();
    }
}
