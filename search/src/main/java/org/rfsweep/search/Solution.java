package org.rfsweep.search;

import java.math.BigInteger;
import java.util.Comparator;
import org.rfsweep.core.eval.Metrics;

/**
 * One candidate the search returns: its input, its index in the space's enumeration, its
 * canonical architecture string, and its metrics as {@code StackEvaluator} computes them on the
 * whole stack (slot 0 of {@link #metrics}). Immutable by convention: do not modify the metrics.
 */
public final class Solution {
    /** Best first: objective, then candidate index. */
    public static final Comparator<Solution> ORDER =
        Comparator.comparingLong((Solution s) -> s.cost).thenComparing(s -> s.index);

    /**
     * The order of a Pareto front: objective, then the larger RF (H, then W), then candidate
     * index; a point that dominates another always comes before it.
     */
    public static final Comparator<Solution> FRONT_ORDER = Comparator.comparingLong((Solution s) -> s.cost)
        .thenComparing(Comparator.comparingLong((Solution s) -> s.metrics.rfH[0]).reversed())
        .thenComparing(Comparator.comparingLong((Solution s) -> s.metrics.rfW[0]).reversed())
        .thenComparing(s -> s.index);

    private final int input;
    private final String inputText;
    private final BigInteger index;
    private final String arch;
    private final long cost;
    private final Metrics metrics;
    private final boolean meetsRf;

    Solution(int input, String inputText, BigInteger index, String arch, long cost, Metrics metrics,
             boolean meetsRf) {
        this.input = input;
        this.inputText = inputText;
        this.index = index;
        this.arch = arch;
        this.cost = cost;
        this.metrics = metrics;
        this.meetsRf = meetsRf;
    }

    /** The input's position in the space's list. */
    public int input() {
        return input;
    }

    /** The input as {@code HxWxC}. */
    public String inputText() {
        return inputText;
    }

    /** The candidate's index in the space's enumeration (as {@code rfsweep sweep} numbers it). */
    public BigInteger index() {
        return index;
    }

    public String arch() {
        return arch;
    }

    /** The objective's value. */
    public long cost() {
        return cost;
    }

    /** The metrics in slot 0. */
    public Metrics metrics() {
        return metrics;
    }

    /** True when the RF meets the RF target (always, for a top-k result). */
    public boolean meetsRf() {
        return meetsRf;
    }

    @Override
    public String toString() {
        return "#" + index + " " + arch + " @" + inputText + " cost=" + cost;
    }
}
