package org.rfsweep.core.arch;

import java.util.Arrays;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;

/**
 * An immutable parsed architecture: {@link #count()} {@link Layer} records, branch markers
 * included. Two networks are equal when their records are equal; the canonical string of
 * {@link ArchFormatter} is a function of the records, so equal networks format equally.
 */
public final class Network {
    private final int[] records;
    private final int count;

    Network(int[] records, int count) {
        this.records = Arrays.copyOf(records, count * Layer.INTS);
        this.count = count;
    }

    /** Wraps a copy of {@code count} records starting at {@code records[offset]}. */
    public static Network ofRecords(int[] records, int offset, int count) {
        return new Network(Arrays.copyOfRange(records, offset, offset + count * Layer.INTS), count);
    }

    /** Number of records, branch markers included. */
    public int count() {
        return count;
    }

    /** Number of layers, branch markers excluded. */
    public int layerCount() {
        int layers = 0;
        for (int i = 0; i < count; i++) {
            if (!Op.isMarker(op(i))) {
                layers++;
            }
        }
        return layers;
    }

    /** Field {@code field} of record {@code index}. */
    public int get(int index, int field) {
        return records[index * Layer.INTS + field];
    }

    public int op(int index) {
        return get(index, Layer.OP);
    }

    /** The opening marker ({@code add}, {@code cat}, {@code mul}) of the block that record {@code end} closes. */
    public int opening(int end) {
        int depth = 0;
        for (int i = end; i >= 0; i--) {
            int op = op(i);
            if (op == Op.END) {
                depth++;
            } else if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("record " + end + ": END without an opening marker");
    }

    /** Copies the records into {@code dst} at {@code offset}; returns the offset after them. */
    public int copyTo(int[] dst, int offset) {
        System.arraycopy(records, 0, dst, offset, records.length);
        return offset + records.length;
    }

    /** A copy of the records. */
    public int[] records() {
        return records.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network && Arrays.equals(records, ((Network) o).records);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(records);
    }

    @Override
    public String toString() {
        return ArchFormatter.format(this);
    }
}
