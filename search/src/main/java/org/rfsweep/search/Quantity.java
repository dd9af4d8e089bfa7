package org.rfsweep.search;

import org.rfsweep.constraint.Metric;

/**
 * The additive quantities a search label carries, one long each, in this order; and how each
 * constraint {@link Metric} reads them. Every quantity only grows along a stack (RF, minimum RF
 * and effective padding grow by {@code j} times a non-negative local amount; counts add), which
 * is what makes bounds and dominance exact.
 *
 * <pre>
 *   0 rf_h   1 rf_w   2 rf_min_h   3 rf_min_w   4 pad_h   5 pad_w
 *   6 macs   7 params   8 bias adds   9 activations   10 unproductive layers
 * </pre>
 *
 * A metric is a linear form {@code ca*q[a] + cb*q[b]} of at most two quantities
 * ({@code flops_seed_madd = 2*macs + biasAdds}); the metrics fixed by the state (out_h, out_w,
 * out_c, stride_h, stride_w) have no form.
 */
final class Quantity {
    static final int RF_H = 0;
    static final int RF_W = 1;
    static final int RF_MIN_H = 2;
    static final int RF_MIN_W = 3;
    static final int PAD_H = 4;
    static final int PAD_W = 5;
    static final int MACS = 6;
    static final int PARAMS = 7;
    static final int BIAS = 8;
    static final int ACTS = 9;
    static final int UNPRODUCTIVE = 10;
    /** Longs per label. */
    static final int COUNT = 11;

    private Quantity() {
    }

    /**
     * The form of {@code m} as {@code {a, ca, b, cb}} ({@code cb = 0} for one quantity), or null
     * for a metric of the state.
     */
    static int[] form(Metric m) {
        switch (m) {
            case RF_H:
                return one(RF_H);
            case RF_W:
                return one(RF_W);
            case RF_MIN_H:
                return one(RF_MIN_H);
            case RF_MIN_W:
                return one(RF_MIN_W);
            case PAD_H:
                return one(PAD_H);
            case PAD_W:
                return one(PAD_W);
            case PARAMS:
                return one(PARAMS);
            case MACS:
                return one(MACS);
            case FLOPS_SEED:
                return new int[] {MACS, 1, BIAS, 1};
            case FLOPS_SEED_MADD:
                return new int[] {MACS, 2, BIAS, 1};
            case FLOPS_2MACS:
                return new int[] {MACS, 2, BIAS, 0};
            case ACTIVATIONS:
                return one(ACTS);
            case UNPRODUCTIVE:
                return one(UNPRODUCTIVE);
            default:
                return null;
        }
    }

    private static int[] one(int q) {
        return new int[] {q, 1, q, 0};
    }

    /** The metric of the other axis, or {@code m} itself when it has no axis. */
    static Metric mirror(Metric m) {
        switch (m) {
            case RF_H:
                return Metric.RF_W;
            case RF_W:
                return Metric.RF_H;
            case RF_MIN_H:
                return Metric.RF_MIN_W;
            case RF_MIN_W:
                return Metric.RF_MIN_H;
            case PAD_H:
                return Metric.PAD_W;
            case PAD_W:
                return Metric.PAD_H;
            case OUT_H:
                return Metric.OUT_W;
            case OUT_W:
                return Metric.OUT_H;
            case STRIDE_H:
                return Metric.STRIDE_W;
            case STRIDE_W:
                return Metric.STRIDE_H;
            default:
                return m;
        }
    }

    /** True for the W axis metrics. */
    static boolean isW(Metric m) {
        return m == Metric.RF_W || m == Metric.RF_MIN_W || m == Metric.PAD_W || m == Metric.OUT_W
            || m == Metric.STRIDE_W;
    }
}
