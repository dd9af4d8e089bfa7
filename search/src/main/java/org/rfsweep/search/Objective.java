package org.rfsweep.search;

import org.rfsweep.constraint.Metric;

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
 * </pre>
 */
public enum Objective {
    MACS("macs", Metric.MACS),
    PARAMS("params", Metric.PARAMS),
    FLOPS_SEED("flops_seed", Metric.FLOPS_SEED),
    FLOPS_SEED_MADD("flops_seed_madd", Metric.FLOPS_SEED_MADD),
    FLOPS_2MACS("flops_2macs", Metric.FLOPS_2MACS);

    /** The accepted names, for help and messages. */
    public static final String NAMES = "macs, params, flops_seed, flops_seed_madd or flops_2macs";

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

    /** The objective's value from the three additive counts. */
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
