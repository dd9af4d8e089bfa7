package org.rfsweep.search;

import java.math.BigInteger;
import java.util.Comparator;
import org.rfsweep.core.eval.Metrics;

/**
 * One candidate the search returns: its input, its index in the space's enumeration, its
 * canonical architecture string, and its metrics as {@code StackEvaluator} computes them on the
 * whole stack (slot 0 of {@link #metrics}). Immutable by convention: do not modify the metrics.
 *
 * @param input     the input's position in the space's list
 * @param inputText the input as {@code HxWxC}
 * @param index     the candidate's index in the space's enumeration (as {@code rfsweep sweep} numbers it)
 * @param arch      the canonical architecture string
 * @param cost      the objective's value
 * @param metrics   the metrics in slot 0
 * @param meetsRf   true when the RF meets the RF target (always, for a top-k result)
 */
public record Solution(int input, String inputText, BigInteger index, String arch, long cost, Metrics metrics,
                       boolean meetsRf) {
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

    @Override
    public String toString() {
        return "#" + index + " " + arch + " @" + inputText + " cost=" + cost;
    }
}
