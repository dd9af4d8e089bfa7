package org.rfsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The aggregates of a slice, or of the whole sweep once merged: the {@code top} best kept rows by
 * (objective, index), and the Pareto front over (rf_h, rf_w, objective) of the kept rows. Both
 * merge exactly: the best {@code K} of a union are among the best {@code K} of each part, and a
 * row off its part's front is dominated by a row on it (dominance, with the index breaking ties,
 * is a strict partial order), so it is off the union's front too.
 */
final class Aggregates implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int top;
    private final boolean pareto;
    /** Worst of the kept best on top, so that a better row replaces it. */
    private final PriorityQueue<KeptRow> best;
    private final List<KeptRow> front = new ArrayList<>();

    Aggregates(int top, boolean pareto) {
        this.top = top;
        this.pareto = pareto;
        this.best = new PriorityQueue<>(Math.max(1, top), KeptRow.WORST_FIRST);
    }

    /** True when a row would be used at all. */
    boolean wants(long objective) {
        return pareto || top > 0 && (best.size() < top || objective <= best.peek().objective());
    }

    /** Adds a kept row; rows must come in increasing index order. */
    void add(KeptRow row) {
        if (top > 0 && (best.size() < top || KeptRow.RANK.compare(row, best.peek()) < 0)) {
            best.add(row);
            if (best.size() > top) {
                best.poll();
            }
        }
        if (pareto) {
            addToFront(row);
        }
    }

    /**
     * Adds {@code row} to the front unless a front row dominates it; then drops the rows it
     * dominates. Earlier rows have smaller indices, so among equal values the first stays.
     */
    private void addToFront(KeptRow row) {
        for (KeptRow f : front) {
            if (f.dominates(row)) {
                return;
            }
        }
        for (Iterator<KeptRow> it = front.iterator(); it.hasNext(); ) {
            if (row.dominates(it.next())) {
                it.remove();
            }
        }
        front.add(row);
    }

    /** The best rows, best first. */
    List<KeptRow> top() {
        List<KeptRow> rows = new ArrayList<>(best);
        rows.sort(KeptRow.RANK);
        return rows;
    }

    /** The front, in index order. */
    List<KeptRow> front() {
        List<KeptRow> rows = new ArrayList<>(front);
        rows.sort(KeptRow.BY_INDEX);
        return rows;
    }

    /** The aggregates of all {@code parts} (slices' aggregates, in any order). */
    static Aggregates merge(int top, boolean pareto, List<Aggregates> parts) {
        Aggregates all = new Aggregates(top, pareto);
        List<KeptRow> rows = new ArrayList<>();
        for (Aggregates p : parts) {
            rows.addAll(p.best);
            rows.addAll(p.front);
        }
        rows.sort(KeptRow.BY_INDEX);
        long last = -1;
        for (KeptRow r : rows) {
            if (r.index() != last) {
                all.add(r);
                last = r.index();
            }
        }
        return all;
    }
}
