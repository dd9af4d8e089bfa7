package org.rfsweep.sweep;

import java.math.BigInteger;

/**
 * A range of candidate indices {@code from..to-1}, parsed from {@code --range A:B} (either
 * side may be left out: {@code 1000:} to the end, {@code :1000} from 0) or {@code --shard I/N}
 * (the {@code I}-th of {@code N} near-equal consecutive parts, 1-based, so that shard files
 * concatenated in order equal the whole sweep). Immutable.
 */
public record IndexRange(long from, long to) {
    /**
     * Parses {@code A:B} within {@code 0..total}.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static IndexRange parseRange(String text, long total, String what) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--range " + text
                + ": expected A:B (from A, inclusive, to B, exclusive)");
        }
        String a = text.substring(0, colon).trim();
        String b = text.substring(colon + 1).trim();
        long from = a.isEmpty() ? 0 : number(a, text, "--range");
        long to = b.isEmpty() ? total : number(b, text, "--range");
        if (to > total) {
            throw new IllegalArgumentException("--range " + text + ": the end " + to + " is beyond the " + total + " "
                + what);
        }
        if (from > to) {
            throw new IllegalArgumentException("--range " + text + ": the start " + from + " is above the end " + to);
        }
        return new IndexRange(from, to);
    }

    /**
     * Parses {@code I/N}: part {@code I} (1-based) of {@code N} of {@code 0..total}, from
     * {@code floor(total*(I-1)/N)} to {@code floor(total*I/N)}.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static IndexRange parseShard(String text, long total) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("--shard " + text + ": expected I/N, like 1/4 (the first of 4 shards)");
        }
        long i = number(text.substring(0, slash).trim(), text, "--shard");
        long n = number(text.substring(slash + 1).trim(), text, "--shard");
        if (n < 1 || i < 1 || i > n) {
            throw new IllegalArgumentException("--shard " + text + ": expected 1 <= I <= N");
        }
        return new IndexRange(cut(total, i - 1, n), cut(total, i, n));
    }

    private static long cut(long total, long part, long parts) {
        return BigInteger.valueOf(total).multiply(BigInteger.valueOf(part)).divide(BigInteger.valueOf(parts))
            .longValue();
    }

    private static long number(String digits, String text, String option) {
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException(option + " " + text + ": '" + digits + "' is not a whole number");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + text + ": '" + digits + "' is above 2^63-1");
        }
    }

    public long size() {
        return to - from;
    }
}
