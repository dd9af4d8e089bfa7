package org.rfsweep.search;

import java.util.Arrays;

/**
 * Labels as primitive columns: the {@link Quantity} values at {@code q[i * Quantity.COUNT ...]},
 * the state within the level, the key (which orders labels like the candidate index, see
 * {@link LabelSearch}), the objective, the rank of the label's ancestor where its stage began,
 * and the way back: the parent's rank and the entry (or, past a stage's end, the depth) taken.
 * Grows by doubling, so appending is amortised allocation-free; reused between levels. Not
 * thread-safe.
 */
final class LabelBuffer {
    int size;
    long[] q;
    int[] state;
    long[] key;
    long[] obj;
    int[] anc;
    int[] parent;
    int[] via;

    LabelBuffer(int capacity) {
        int c = Math.max(16, capacity);
        q = new long[c * Quantity.COUNT];
        state = new int[c];
        key = new long[c];
        obj = new long[c];
        anc = new int[c];
        parent = new int[c];
        via = new int[c];
    }

    void clear() {
        size = 0;
    }

    /** Makes room for {@code extra} more labels. */
    void reserve(int extra) {
        long need = (long) size + extra;
        if (need <= state.length) {
            return;
        }
        if (need > Integer.MAX_VALUE - 16) {
            throw new UnsupportedSpaceException("a level needs more than " + (Integer.MAX_VALUE - 16) + " labels");
        }
        int c = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, (long) state.length * 2));
        q = Arrays.copyOf(q, c * Quantity.COUNT);
        state = Arrays.copyOf(state, c);
        key = Arrays.copyOf(key, c);
        obj = Arrays.copyOf(obj, c);
        anc = Arrays.copyOf(anc, c);
        parent = Arrays.copyOf(parent, c);
        via = Arrays.copyOf(via, c);
    }

    /** Appends label {@code i} of {@code from}. */
    void copyFrom(LabelBuffer from, int i) {
        reserve(1);
        System.arraycopy(from.q, i * Quantity.COUNT, q, size * Quantity.COUNT, Quantity.COUNT);
        state[size] = from.state[i];
        key[size] = from.key[i];
        obj[size] = from.obj[i];
        anc[size] = from.anc[i];
        parent[size] = from.parent[i];
        via[size] = from.via[i];
        size++;
    }

    /** Copies all of {@code from} to position {@code at}; room must be reserved. */
    void place(LabelBuffer from, int at) {
        int n = from.size;
        System.arraycopy(from.q, 0, q, at * Quantity.COUNT, n * Quantity.COUNT);
        System.arraycopy(from.state, 0, state, at, n);
        System.arraycopy(from.key, 0, key, at, n);
        System.arraycopy(from.obj, 0, obj, at, n);
        System.arraycopy(from.anc, 0, anc, at, n);
        System.arraycopy(from.parent, 0, parent, at, n);
        System.arraycopy(from.via, 0, via, at, n);
    }
}
