package org.rfsweep.search;

import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.Limits;

/**
 * A fixed run of {@link Layer} records that the search applies as one step: a choice-table
 * entry (a layer and its {@code after} layers), or the fixed layers between two searchable
 * positions (stem and the first stage's {@code pre}; a stage's {@code post} and the next
 * stage's {@code pre}; the last {@code post} and the head). Compared by identity, so it can key
 * a memo. Immutable.
 */
final class Block {
    static final Block EMPTY = new Block(new int[0]);

    final int[] records;
    final int count;
    final boolean hasMarkers;

    Block(int[] records) {
        this.records = records;
        this.count = records.length / Layer.INTS;
        boolean markers = false;
        for (int i = 0; i < count; i++) {
            markers |= Op.isMarker(records[i * Layer.INTS + Layer.OP]);
        }
        this.hasMarkers = markers;
    }

    /** The records of {@code parts}, back to back. */
    static Block concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] all = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return new Block(all);
    }

    /**
     * Whether the output is global (SPEC section 4) given whether the input is: a global op
     * makes a path global, and a branch block's output is global when all its branches are,
     * as {@code StackEvaluator} merges them.
     */
    boolean globalAfter(boolean in) {
        boolean cur = in;
        boolean[] inputs = new boolean[Limits.MAX_DEPTH + 1];
        boolean[] all = new boolean[inputs.length];
        int depth = 0;
        for (int i = 0, at = 0; i < count; i++, at += Layer.INTS) {
            int op = records[at + Layer.OP];
            if (Kinds.makesGlobal(records, at)) {
                cur = true;
            } else if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                inputs[depth] = cur;
                all[depth] = true;
                depth++;
            } else if (op == Op.NEXT && depth > 0) {
                all[depth - 1] &= cur;
                cur = inputs[depth - 1];
            } else if (op == Op.END && depth > 0) {
                all[depth - 1] &= cur;
                cur = all[depth - 1];
                depth--;
            }
        }
        return cur;
    }
}
