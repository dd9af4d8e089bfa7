package org.rfsweep.core.math;

/**
 * The window of an adaptive average pool along one axis ({@code nn.AdaptiveAvgPool2d}), as a
 * kernel and a stride for the receptive-field pass of SPEC section 3.
 *
 * <p>PyTorch averages output {@code i} of {@code o} over the input rows
 * {@code [floor(i*n/o), ceil((i+1)*n/o))}. When {@code o} divides {@code n} these are uniform
 * windows of {@code k = s = n/o} with no padding, an ordinary average pool. Otherwise the windows
 * differ by one or two rows and start {@code floor(n/o)} or {@code ceil(n/o)} apart; rfsweep then
 * uses the <b>largest</b> window as the kernel (so the RF is the largest over output positions)
 * and {@code floor(n/o)} as the stride:
 *
 * <pre>
 *   q = n / o, m = n % o
 *   k = q                         if m == 0
 *       q + 1                     if m divides o      (m == gcd(m, o))
 *       q + 2                     otherwise
 *   s = 1                         if o == 1           (a global pool: SPEC section 3, s = 1)
 *       max(1, q)                 otherwise           (q == 0 when o > n: upsampling)
 *   effective padding 0           (window 0 starts at row 0)
 * </pre>
 *
 * Examples: {@code n = 7, o = 7}: {@code k = s = 1} (VGG's pool at 224 is the identity);
 * {@code n = 14, o = 7}: {@code k = s = 2}; {@code n = 10, o = 4}: {@code k = 3, s = 2};
 * {@code n = 11, o = 3}: {@code k = 5, s = 3}; {@code n = 5, o = 1}: {@code k = 5, s = 1}.
 *
 * <p>Why {@code q + 2}: window {@code i} is {@code ceil(a + n/o) - floor(a)} with
 * {@code a = i*n/o}; it is {@code q + 2} exactly when the fraction of {@code a}, which takes the
 * values {@code t/o} for multiples {@code t} of {@code gcd(m, o)} up to {@code o - gcd(m, o)},
 * exceeds {@code 1 - m/o}, so some window has {@code q + 2} rows iff {@code m > gcd(m, o)}.
 */
public final class AdaptiveWindows {
    private AdaptiveWindows() {
    }

    /** The largest window over the {@code o} outputs of an input extent {@code n}. */
    public static int kernel(int n, int o) {
        final int q = n / o;
        final int m = n % o;
        if (m == 0) {
            return q;
        }
        return m == gcd(m, o) ? q + 1 : q + 2;
    }

    /** The stride rfsweep uses: 1 for a single output, else {@code max(1, floor(n/o))}. */
    public static int stride(int n, int o) {
        return o == 1 ? 1 : Math.max(1, n / o);
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
