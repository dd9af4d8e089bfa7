package org.rfsweep.search;

/**
 * The transitions out of one {@link Level} of one kind (into the next position, or past the end
 * of a stage), as primitive columns indexed by move {@code m = state * radix + entry}:
 * the target state (or -1 when the block is invalid on that state), the {@link Quantity} deltas
 * at {@code delta[m * Quantity.COUNT ...]}, and the unproductive-layer thresholds
 * {@code thresholds[2*i], thresholds[2*i+1]} (H, W) for {@code i} in
 * {@code checkStart[m] .. checkStart[m+1]}: the layer is flagged iff the incoming minimum RF
 * reaches both. Immutable once built.
 */
final class Moves {
    final int radix;
    final int target;
    final int[] next;
    final long[] delta;
    final int[] checkStart;
    final long[] thresholds;

    Moves(int radix, int target, int[] next, long[] delta, int[] checkStart, long[] thresholds) {
        this.radix = radix;
        this.target = target;
        this.next = next;
        this.delta = delta;
        this.checkStart = checkStart;
        this.thresholds = thresholds;
    }

    int size() {
        return next.length;
    }
}
