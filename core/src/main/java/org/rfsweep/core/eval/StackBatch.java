package org.rfsweep.core.eval;

import java.util.Arrays;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Layer;

/**
 * Many stacks of any lengths, packed for {@link BatchEvaluator}: the records of all stacks
 * back to back in one {@code int[]}, and per stack its first int offset, its record count and
 * its input shape. Grows while it is filled; evaluation only reads it.
 */
public final class StackBatch {
    private int[] records = new int[Layer.INTS * 64];
    private int used;
    private int[] offset = new int[16];
    private int[] count = new int[16];
    private int[] inH = new int[16];
    private int[] inW = new int[16];
    private int[] inC = new int[16];
    private int size;

    /** Empties the batch, keeping its arrays for the next stacks. */
    public void clear() {
        used = 0;
        size = 0;
    }

    /** Appends a stack; returns its index in the batch. */
    public int add(Network network, InputShape input) {
        final int at = reserve(network.count(), input.h, input.w, input.c);
        network.copyTo(records, at);
        return size++;
    }

    /**
     * Appends the stack of {@code count} records at {@code source[offset]} on an input of
     * {@code h x w x c}; returns its index in the batch.
     */
    public int add(int[] source, int offset, int count, int h, int w, int c) {
        final int at = reserve(count, h, w, c);
        System.arraycopy(source, offset, records, at, count * Layer.INTS);
        return size++;
    }

    /** Makes room for stack {@link #size} of {@code count} records, sets all but the records; returns their offset. */
    private int reserve(int count, int h, int w, int c) {
        final int ints = count * Layer.INTS;
        if (used + ints > records.length) {
            records = Arrays.copyOf(records, Math.max(records.length * 2, used + ints));
        }
        if (size == offset.length) {
            int n = size * 2;
            offset = Arrays.copyOf(offset, n);
            this.count = Arrays.copyOf(this.count, n);
            inH = Arrays.copyOf(inH, n);
            inW = Arrays.copyOf(inW, n);
            inC = Arrays.copyOf(inC, n);
        }
        final int at = used;
        offset[size] = at;
        this.count[size] = count;
        inH[size] = h;
        inW[size] = w;
        inC[size] = c;
        used += ints;
        return at;
    }

    public int size() {
        return size;
    }

    /** The records of every stack, back to back (read only; valid until the next {@link #add}). */
    public int[] records() {
        return records;
    }

    /** The int offset of stack {@code index}'s first record in {@link #records()}. */
    public int offset(int index) {
        return offset[index];
    }

    /** The record count of stack {@code index}. */
    public int count(int index) {
        return count[index];
    }

    public int inputH(int index) {
        return inH[index];
    }

    public int inputW(int index) {
        return inW[index];
    }

    public int inputC(int index) {
        return inC[index];
    }

    /** Evaluates stack {@code index} with {@code evaluator} into slot {@code slot} of {@code out}. */
    public boolean evaluate(int index, StackEvaluator evaluator, Metrics out, int slot) {
        return evaluator.evaluate(records, offset[index], count[index], inH[index], inW[index], inC[index],
            out, slot);
    }
}
