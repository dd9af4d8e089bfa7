package org.rfsweep.spark;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A kept candidate as the aggregates need it: its index, the objective, the receptive field per
 * axis, and its CSV line exactly as the sweep wrote it ({@code \n} included).
 */
record KeptRow(long index, long objective, long rfH, long rfW, byte[] line) implements Serializable {
    /** Best first: the smaller objective, ties by the smaller index. */
    static final Comparator<KeptRow> RANK = Comparator.comparingLong(KeptRow::objective)
        .thenComparingLong(KeptRow::index);
    /** Index order. */
    static final Comparator<KeptRow> BY_INDEX = Comparator.comparingLong(KeptRow::index);

    /**
     * True when this row dominates {@code other} in the Pareto sense over (rf_h, rf_w, objective):
     * a receptive field at least as large on both axes and an objective no larger, and either
     * better somewhere or, on equal values, a smaller index (so exactly one of equal rows is kept).
     */
    boolean dominates(KeptRow other) {
        if (rfH < other.rfH || rfW < other.rfW || objective > other.objective) {
            return false;
        }
        boolean equal = rfH == other.rfH && rfW == other.rfW && objective == other.objective;
        return !equal || index < other.index;
    }
}
