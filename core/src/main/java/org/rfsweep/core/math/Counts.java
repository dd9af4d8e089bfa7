package org.rfsweep.core.math;

/**
 * Parameters, multiply-accumulates, bias adds and activations of one layer (SPEC sections 6 and 7),
 * exact, on primitives. A MAC count that may reach {@link Limits#MAX_COUNT} is returned as
 * {@link #OVER} instead of overflowing (decided by {@link Limits#productFits}); every other count
 * of the same layer is then known to fit. Activations follow pycls: the output elements of every
 * conv-like and fc layer.
 *
 * <pre>
 *   conv     macs = out_h*out_w * c_out * (c_in/g) * kh*kw     params = c_out*(c_in/g)*kh*kw + bias*c_out
 *   dwconv   the same with c_in/g = 1 (one input channel per output channel)
 *   sepconv  macs = out_h*out_w * c_in * (kh*kw + c_out)      params = c_in*(kh*kw + c_out) + bias*c_out
 *            (a depthwise then a pointwise conv; activations of both: out_h*out_w*(c_in + c_out))
 *   fc       macs = n_h*n_w * c_in * c_out                   params = macs + bias*c_out
 *   bn       params = 2*c (per-channel weight and bias)
 *   bias adds = bias * out_h*out_w * c_out
 * </pre>
 */
public final class Counts {
    /** A MAC count that may reach {@link Limits#MAX_COUNT}. */
    public static final long OVER = -1;

    private Counts() {
    }

    /** Input channels per group, {@code c_in / g}; the common {@code g = 1} skips the division. */
    public static int groupWidth(int cIn, int g) {
        return g == 1 ? cIn : cIn / g;
    }

    /** MACs of a convolution with {@code cpg} input channels per group, or {@link #OVER}. */
    public static long convMacs(long spatial, int cOut, int cpg, int kh, int kw) {
        final long pairs = (long) cOut * cpg;
        final long window = (long) kh * kw;
        return Limits.productFits(spatial, pairs, window) ? spatial * (pairs * window) : OVER;
    }

    /** Weights and biases of a convolution with {@code cpg} input channels per group. */
    public static long convParams(int cOut, int cpg, int kh, int kw, int bias) {
        return (long) cOut * cpg * ((long) kh * kw) + (long) bias * cOut;
    }

    /** MACs of a separable convolution, depthwise then pointwise, or {@link #OVER}. */
    public static long sepconvMacs(long spatial, int cIn, int cOut, int kh, int kw) {
        final long perChannel = (long) kh * kw + cOut;
        return Limits.productFits(spatial, cIn, perChannel) ? spatial * cIn * perChannel : OVER;
    }

    public static long sepconvParams(int cIn, int cOut, int kh, int kw, int bias) {
        return cIn * ((long) kh * kw + cOut) + (long) bias * cOut;
    }

    /** Activations of a separable convolution: the depthwise and the pointwise outputs. */
    public static long sepconvActs(long spatial, int cIn, int cOut) {
        return spatial * (cIn + cOut);
    }

    /** MACs of a fully connected layer on an {@code nH x nW x cIn} map, or {@link #OVER}. */
    public static long fcMacs(int nH, int nW, int cIn, int cOut) {
        final long area = (long) nH * nW;
        return Limits.productFits(area, cIn, cOut) ? area * cIn * cOut : OVER;
    }

    /** Output elements: {@code spatial * c}. */
    public static long elements(long spatial, int c) {
        return spatial * c;
    }

    /** Bias adds: one per output element of a layer with a bias. */
    public static long biasAdds(int bias, long spatial, int cOut) {
        return bias * spatial * cOut;
    }

    /** Parameters of an elementwise layer with {@code perChannel} parameters per channel. */
    public static long channelParams(int perChannel, int c) {
        return (long) perChannel * c;
    }

    /**
     * Channels after flattening an {@code nH x nW x c} map; may exceed {@link Limits#MAX_CHANNELS},
     * and is {@link Long#MAX_VALUE} when the product would not fit a long.
     */
    public static long flatChannels(long nH, long nW, long c) {
        final long area = nH * nW;
        return (double) area * c < 0x1p62 ? area * c : Long.MAX_VALUE;
    }
}
