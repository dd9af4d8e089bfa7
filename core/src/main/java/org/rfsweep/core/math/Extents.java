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
                return span < 0 ? TOO_SMALL : span / s + 1;
            }
            case Rounding.CEIL: {
                // PyTorch: a last window that overhangs the padded input by less than s still
                // counts, so a padded input shorter than ek (by less than s) gives one output.
                int span = n + pl + pr - ek;
                if (span <= -s) {
                    return TOO_SMALL;
                }
                int out = (span + s - 1) / s + 1;
                // The last window must start inside the input or the left padding.
                return (long) (out - 1) * s >= n + pl ? out - 1 : out;
            }
            case Rounding.SAME:
                return (n + s - 1) / s;
            case Rounding.VALID: {
                int span = n - ek + 1;
                return span < 1 ? TOO_SMALL : (span + s - 1) / s;
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

    /** Total SAME padding {@code max((ceil(n/s)-1)*s + ek - n, 0)}. */
    public static int sameTotalPad(int n, int ek, int s) {
        int out = (n + s - 1) / s;
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
