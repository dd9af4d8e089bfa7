package org.rfsweep.sweep;

import java.math.BigInteger;

/**
 * An {@link IndexSpan} whose ends fit a {@code long}: a range of candidate indices
 * {@code from..to-1}, parsed from {@code --range A:B} or {@code --shard I/N}. Immutable.
 */
public record IndexRange(long from, long to) {
    /**
     * Parses {@code A:B} within {@code 0..total}.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static IndexRange parseRange(String text, long total, String what) {
        return of(IndexSpan.parseRange(text, BigInteger.valueOf(total), what));
    }

    /**
     * Parses {@code I/N}: part {@code I} (1-based) of {@code N} of {@code 0..total}.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static IndexRange parseShard(String text, long total) {
        return of(IndexSpan.parseShard(text, BigInteger.valueOf(total)));
    }

    private static IndexRange of(IndexSpan span) {
        return new IndexRange(span.from().longValueExact(), span.to().longValueExact());
    }

    public long size() {
        return to - from;
    }
}
