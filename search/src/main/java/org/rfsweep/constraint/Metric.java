package org.rfsweep.constraint;

import org.rfsweep.core.eval.Metrics;

/**
 * The per-candidate quantities a constraint can bound, named as their CSV columns (SPEC
 * section 10), plus {@code activations} and {@code unproductive}. Every value is a non-negative
 * long read from one {@link Metrics} slot by {@link #value(int, Metrics, int)}, a switch on the
 * ordinal that the JIT compiles to a jump table.
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
    /** Elements behind {@code act_bytes}; {@code --where} also takes {@code act_bytes}, scaled by the dtype. */
    ACT_ELEMENTS("act_elements"),
    /** Elements behind {@code peak_act_bytes}. */
    PEAK_ELEMENTS("peak_act_elements"),
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
        return value(ordinal(), m, slot);
    }

    /** The value of the metric with ordinal {@code id} in slot {@code slot}. */
    public static long value(int id, Metrics m, int slot) {
        switch (id) {
            case 0:
                return m.outH[slot];
            case 1:
                return m.outW[slot];
            case 2:
                return m.outC[slot];
            case 3:
                return m.rfH[slot];
            case 4:
                return m.rfW[slot];
            case 5:
                return m.rfMinH[slot];
            case 6:
                return m.rfMinW[slot];
            case 7:
                return m.strideH[slot];
            case 8:
                return m.strideW[slot];
            case 9:
                return m.padH[slot];
            case 10:
                return m.padW[slot];
            case 11:
                return m.params[slot];
            case 12:
                return m.macs[slot];
            case 13:
                return m.flopsSeed(slot);
            case 14:
                return m.flopsSeedMadd(slot);
            case 15:
                return m.flops2Macs(slot);
            case 16:
                return m.acts[slot];
            case 17:
                return m.actElements[slot];
            case 18:
                return m.peakElements[slot];
            default:
                return m.unproductive[slot];
        }
    }

    /** Names accepted in {@code --where}, for messages. */
    static String names() {
        StringBuilder sb = new StringBuilder();
        for (Metric m : ALL) {
            sb.append(m.column).append(", ");
        }
        return sb.append("weight_bytes, act_bytes, peak_act_bytes, or rf, rf_min, out, stride, pad for both axes")
            .toString();
    }
}
