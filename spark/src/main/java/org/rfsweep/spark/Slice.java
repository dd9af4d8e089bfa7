package org.rfsweep.spark;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One task's share of a sweep: part {@code part} of the job, the contiguous indices
 * {@code from..to-1}, and whether it starts with the header line (only part 0 of a sweep that
 * starts at index 0, so that the parts concatenate to the local sweep's file).
 */
public record Slice(int part, long from, long to, boolean header) implements Serializable {
    /**
     * Splits {@code from..to-1} into {@code parts} contiguous slices of near-equal size:
     * slice {@code i} starts at {@code from + floor(size * i / parts)}.
     */
    public static List<Slice> split(long from, long to, int parts, boolean header) {
        List<Slice> slices = new ArrayList<>(parts);
        BigInteger size = BigInteger.valueOf(to - from);
        long start = from;
        for (int i = 0; i < parts; i++) {
            long end = from + size.multiply(BigInteger.valueOf(i + 1L)).divide(BigInteger.valueOf(parts)).longValue();
            slices.add(new Slice(i, start, end, header && i == 0));
            start = end;
        }
        return slices;
    }

    /** Indices in this slice. */
    public long size() {
        return to - from;
    }
}
