package org.rfsweep.search;

/**
 * One step of the search graph: the root (the input, before the stem), position {@code p} of
 * stage {@code s} (the labels with {@code p} positions of stage {@code s} chosen), or the final
 * level (after the head). Holds the distinct abstract states that reach it, as columns, and the
 * moves out of it. A state is everything the rest of the arithmetic depends on besides the
 * label's additive quantities: extents, channels, jumps, and whether a global op was passed.
 */
final class Level {
    static final int ROOT = -1;

    final int index;
    final int stage;
    final int position;
    final boolean last;
    int states;
    int[] nH;
    int[] nW;
    int[] c;
    long[] jH;
    long[] jW;
    boolean[] global;
    /** Moves to the next position of the stage, or null. */
    Moves positionMoves;
    /** Moves past the end of the stage (or from the root past the stem), or null. */
    Moves endMoves;

    Level(int index, int stage, int position, boolean last) {
        this.index = index;
        this.stage = stage;
        this.position = position;
        this.last = last;
    }

    boolean isRoot() {
        return position == ROOT;
    }

    @Override
    public String toString() {
        return isRoot() ? "root" : last ? "final" : "stage " + stage + " position " + position;
    }
}
