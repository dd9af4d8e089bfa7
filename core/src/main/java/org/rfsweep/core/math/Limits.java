package org.rfsweep.core.math;

/**
 * The documented bounds (SPEC section 8). The parser and the design-space loader reject any
 * field outside them, and the evaluator reports {@code EXCEEDS_BOUND} for any derived quantity
 * that leaves them, so no 64-bit count can overflow silently.
 *
 * <p>With these bounds every intermediate product in the evaluator fits in a {@code long}:
 * {@code (ek - 1) * jump <= 2^25 * 2^32}, {@code pad * jump <= 2^20 * 2^32}, {@code jump * s <= 2^44},
 * and per-layer MACs are range-checked in double precision before the exact product is formed.
 */
public final class Limits {
    /** Largest spatial extent of the input and of every feature map, per axis. */
    public static final int MAX_EXTENT = 1 << 20;
    /** Largest channel count of the input and of every feature map. */
    public static final int MAX_CHANNELS = 1 << 24;
    /** Largest kernel, stride and dilation, per axis. */
    public static final int MAX_WINDOW = 1 << 12;
    /** Largest explicit padding on one side. */
    public static final int MAX_PADDING = 1 << 20;
    /** Largest number of records (layers and branch markers) in one stack. */
    public static final int MAX_LAYERS = 1 << 16;
    /** Largest branch nesting depth. */
    public static final int MAX_DEPTH = 32;
    /** Largest effective stride (jump), per axis. */
    public static final long MAX_JUMP = 1L << 32;
    /** Largest receptive field and effective padding, per axis. */
    public static final long MAX_RF = 1L << 56;
    /** Largest total of params, MACs, bias adds or activations of one stack (exclusive). */
    public static final long MAX_COUNT = 1L << 60;

    /** {@link #MAX_COUNT} with a margin above double rounding, for the range pre-check. */
    static final double MAX_COUNT_ESTIMATE = 0x1p60 * (1 + 0x1p-20);

    private Limits() {
    }

    /**
     * True when the exact product {@code a*b*c} of three non-negative factors, each below
     * {@code 2^53}, can be formed in a long without overflow and may be below {@link #MAX_COUNT}.
     * The caller still compares the exact total against {@link #MAX_COUNT}; this only rules out
     * products that certainly exceed it. Factors all below {@code 2^20} (the common case) take a
     * shortcut; otherwise the product is estimated in double precision, whose relative error
     * (at most {@code 2^-52}) the margin of the estimate bound covers.
     */
    public static boolean productFits(long a, long b, long c) {
        return (a | b | c) < 1L << 20 || (double) a * b * c < MAX_COUNT_ESTIMATE;
    }
}
