package org.rfsweep.core.math;

import org.rfsweep.core.layout.Rounding;

/**
 * Output extent of a sliding window along one axis, under the rounding rules of SPEC section 2.
 * All arguments are validated against {@link Limits}; every value here fits in an int.
 *
 * <p>Example (the seed's first layer): {@code n = 200, ek = 5, s = 2, pl = pr = 1}, floor:
 * {@code (200 + 2 - 5) / 2 + 1 = 99}.
 */
public final class Extents {
    /** Returned instead of an extent when the output would have fewer than one element. */
    public static final int TOO_SMALL = -1;

    private Extents() {
    }

    /**
     * {@code ceil(2^40 / s)} for every stride {@code s <= Limits.MAX_WINDOW}: with it,
     * {@code floor(x / s) == (x * RECIPROCAL[s]) >>> 40} for every {@code 0 <= x < 2^23}, because
     * the rounding error of the reciprocal times {@code x} stays below {@code 2^23 * 2^12 < 2^40}.
     * A multiply and a shift instead of a division shorten each layer's dependency chain.
     */
    private static final long[] RECIPROCAL = new long[Limits.MAX_WINDOW + 1];

    static {
        for (int s = 1; s <= Limits.MAX_WINDOW; s++) {
            RECIPROCAL[s] = ((1L << 40) + s - 1) / s;
        }
    }

    /**
     * {@code floor(x / s)} for {@code 0 <= x < 2^23} and {@code 1 <= s <= Limits.MAX_WINDOW}, the
     * ranges that validated layers produce ({@code n + pl + pr <= 3 * 2^20}).
     */
    public static int divide(int x, int s) {
        return (int) ((x * RECIPROCAL[s]) >>> 40);
    }

    /** Effective kernel {@code d*(k-1)+1}. */
    public static int effectiveKernel(int k, int d) {
        return d * (k - 1) + 1;
    }

    /**
     * Output extent of a window of effective size {@code ek} and stride {@code s} over {@code n}
     * with padding {@code pl}/{@code pr}, or {@link #TOO_SMALL}. For {@link Rounding#SAME} and
     * {@link Rounding#VALID} the explicit padding is ignored.
     */
    public static int out(int n, int ek, int s, int pl, int pr, int mode) {
        switch (mode) {
            case Rounding.FLOOR: {
                int span = n + pl + pr - ek;
                return span < 0 ? TOO_SMALL : divide(span, s) + 1;
            }
            case Rounding.CEIL: {
                // PyTorch: a last window that overhangs the padded input by less than s still
                // counts, so a padded input shorter than ek (by less than s) gives one output.
                int span = n + pl + pr - ek;
                if (span <= -s) {
                    return TOO_SMALL;
                }
                int out = divide(span + s - 1, s) + 1;
                // The last window must start inside the input or the left padding.
                return (long) (out - 1) * s >= n + pl ? out - 1 : out;
            }
            case Rounding.SAME:
                return divide(n + s - 1, s);
            case Rounding.VALID: {
                int span = n - ek + 1;
                return span < 1 ? TOO_SMALL : divide(span + s - 1, s);
            }
            default:
                throw new IllegalArgumentException("rounding mode " + mode);
        }
    }

    /**
     * Padding before the input under TensorFlow SAME: total {@code t = max((out-1)*s + ek - n, 0)},
     * {@code floor(t/2)} before and the rest after.
     */
    public static int samePadBefore(int n, int ek, int s) {
        return sameTotalPad(n, ek, s) >> 1;
    }

    /**
     * The largest SAME padding before the input over every extent: the total is at most
     * {@code ek - 1} (since {@code (ceil(n/s) - 1) * s <= n - 1}), so before it is at most
     * {@code floor((ek - 1) / 2)}.
     */
    public static int samePadBeforeMax(int ek) {
        return (ek - 1) >> 1;
    }

    /** Total SAME padding {@code max((ceil(n/s)-1)*s + ek - n, 0)}. */
    public static int sameTotalPad(int n, int ek, int s) {
        int out = divide(n + s - 1, s);
        return Math.max((out - 1) * s + ek - n, 0);
    }

    /**
     * Padding before the input for a layer in {@code mode}: the explicit {@code pl}, the derived
     * SAME padding, or 0 for VALID.
     */
    public static int padBefore(int n, int ek, int s, int pl, int mode) {
        switch (mode) {
            case Rounding.SAME:
                return samePadBefore(n, ek, s);
            case Rounding.VALID:
                return 0;
            default:
                return pl;
        }
    }
}
