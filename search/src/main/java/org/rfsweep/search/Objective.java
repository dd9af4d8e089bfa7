package org.rfsweep.search;

import org.rfsweep.constraint.Metric;
import org.rfsweep.core.eval.Metrics;

/**
 * What the search minimises: one exact count of SPEC section 7, named as its CSV column. Every
 * objective is a linear function of three additive counts, so it is additive over layers:
 *
 * <pre>
 *   macs             macs
 *   params           params
 *   flops_seed       macs + biasAdds
 *   flops_seed_madd  2*macs + biasAdds
 *   flops_2macs      2*macs
 *   activations      conv-like and fc output elements (pycls)
 *   act_bytes        output elements of every layer (ranked by elements: the same order as bytes)
 *   peak_act_bytes   most elements alive at once (a maximum, not a sum)
 * </pre>
 *
 * The exact search handles the additive objectives it carries in its labels: all but
 * {@code act_bytes} and {@code peak_act_bytes}, which the sampling search takes.
 */
public enum Objective {
    MACS("macs", Metric.MACS),
    PARAMS("params", Metric.PARAMS),
    FLOPS_SEED("flops_seed", Metric.FLOPS_SEED),
    FLOPS_SEED_MADD("flops_seed_madd", Metric.FLOPS_SEED_MADD),
    FLOPS_2MACS("flops_2macs", Metric.FLOPS_2MACS),
    ACTIVATIONS("activations", Metric.ACTIVATIONS),
    ACT_BYTES("act_bytes", Metric.ACT_ELEMENTS),
    PEAK_ACT_BYTES("peak_act_bytes", Metric.PEAK_ELEMENTS);

    /** The accepted names, for help and messages. */
    public static final String NAMES = "macs, params, flops_seed, flops_seed_madd, flops_2macs, activations,"
        + " act_bytes or peak_act_bytes";

    /** The column name. */
    public final String column;
    /** The constraint metric with the same value. */
    public final Metric metric;

    Objective(String column, Metric metric) {
        this.column = column;
        this.metric = metric;
    }

    /**
     * The objective named {@code name}.
     *
     * @throws IllegalArgumentException like {@code 'gflops' is not an objective (expected macs, ...)}
     */
    public static Objective parse(String name) {
        for (Objective o : values()) {
            if (o.column.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an objective (expected " + NAMES + ")");
    }

    /** The objective's value in slot {@code slot} of a valid result (elements for the byte objectives). */
    public long of(Metrics m, int slot) {
        return metric.value(m, slot);
    }

    /** The objective's value from the three additive counts; the FLOP and params objectives only. */
    public long of(long macs, long params, long biasAdds) {
        switch (this) {
            case MACS:
                return macs;
            case PARAMS:
                return params;
            case FLOPS_SEED:
                return macs + biasAdds;
            case FLOPS_SEED_MADD:
                return 2 * macs + biasAdds;
            default:
                return 2 * macs;
        }
    }
}
