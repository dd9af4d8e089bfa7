package org.rfsweep.sweep;

import java.math.BigInteger;

/**
 * A range of candidate indices {@code from..to-1} of any size the space has (a search prints
 * indices above 2^63 for large spaces, and {@code --range} must accept what was printed),
 * parsed from {@code --range A:B} (either side may be left out) or {@code --shard I/N} (the
 * {@code I}-th of {@code N} near-equal consecutive parts, 1-based). A sweep runs such a range
 * with 64-bit offsets from its start ({@link SweepPlan.Builder#range(BigInteger, BigInteger)}).
 * Immutable.
 */
public record IndexSpan(BigInteger from, BigInteger to) {
    /** Longest index accepted, in digits: far above any space (2^1000 has 302). */
    static final int MAX_DIGITS = 400;

    /**
     * Parses {@code A:B} within {@code 0..total}.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static IndexSpan parseRange(String text, BigInteger total, String what) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--range " + text
                + ": expected A:B (from A, inclusive, to B, exclusive)");
        }
        String a = text.substring(0, colon).trim();
        String b = text.substring(colon + 1).trim();
        BigInteger from = a.isEmpty() ? BigInteger.ZERO : number(a, text, "--range");
        BigInteger to = b.isEmpty() ? total : number(b, text, "--range");
        if (to.compareTo(total) > 0) {
            throw new IllegalArgumentException("--range " + text + ": the end " + to + " is beyond the " + total + " "
                + what);
        }
        if (from.compareTo(to) > 0) {
            throw new IllegalArgumentException("--range " + text + ": the start " + from + " is above the end " + to);
        }
        return new IndexSpan(from, to);
    }

    /**
     * Parses {@code I/N}: part {@code I} (1-based) of {@code N} of {@code 0..total}, from
     * {@code floor(total*(I-1)/N)} to {@code floor(total*I/N)}.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static IndexSpan parseShard(String text, BigInteger total) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("--shard " + text + ": expected I/N, like 1/4 (the first of 4 shards)");
        }
        BigInteger i = number(text.substring(0, slash).trim(), text, "--shard");
        BigInteger n = number(text.substring(slash + 1).trim(), text, "--shard");
        if (n.signum() < 1 || i.signum() < 1 || i.compareTo(n) > 0) {
            throw new IllegalArgumentException("--shard " + text + ": expected 1 <= I <= N");
        }
        return new IndexSpan(total.multiply(i.subtract(BigInteger.ONE)).divide(n), total.multiply(i).divide(n));
    }

    private static BigInteger number(String digits, String text, String option) {
        boolean digitsOnly = digits.chars().allMatch(ch -> ch >= '0' && ch <= '9');
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digitsOnly) {
            String shown = digits.length() <= 40 ? digits : digits.substring(0, 40) + "... (" + digits.length()
                + " characters)";
            throw new IllegalArgumentException(option + " " + (text.length() <= 100 ? text : "value") + ": '" + shown
                + "' is not a whole number");
        }
        return new BigInteger(digits);
    }

    /** The number of indices. */
    public BigInteger size() {
        return to.subtract(from);
    }
}
