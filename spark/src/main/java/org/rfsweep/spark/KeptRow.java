package org.rfsweep.spark;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A kept candidate as the aggregates need it: its index, the objective, the receptive field per
 * axis, and its CSV line exactly as the sweep wrote it ({@code \n} included).
 */
record KeptRow(long index, long objective, long rfH, long rfW, byte[] line) implements Serializable {
    /** Best first: the smaller objective, ties by the smaller index. */
    static final Comparator<KeptRow> RANK = new Rank(false);
    /** Worst first. */
    static final Comparator<KeptRow> WORST_FIRST = new Rank(true);
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

    /** {@link #RANK}, serializable since a task's priority queue travels to the driver with it. */
    private static final class Rank implements Comparator<KeptRow>, Serializable {
        private static final long serialVersionUID = 1L;
        private final boolean reversed;

        Rank(boolean reversed) {
            this.reversed = reversed;
        }

        @Override
        public int compare(KeptRow a, KeptRow b) {
            int c = Long.compare(a.objective, b.objective);
            c = c != 0 ? c : Long.compare(a.index, b.index);
            return reversed ? -c : c;
        }
    }
}
