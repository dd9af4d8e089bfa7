package org.rfsweep.core.eval;

/**
 * Why a stack is invalid. The evaluator stores one of these codes, the index of the failing
 * record and a detail value in {@link Metrics}; it never throws per stack. {@link ErrorText}
 * turns the triple into the one-line message a user sees.
 */
public final class ErrorCode {
    public static final int OK = 0;
    /** An output extent would be below 1. Detail: the {@link Axis}. */
    public static final int OUTPUT_TOO_SMALL = 1;
    /** A pool's explicit padding exceeds {@code floor(k/2)}. Detail: the {@link Axis}. */
    public static final int POOL_PADDING = 2;
    /** Channels not divisible by groups. Detail: {@link #DETAIL_IN} or {@link #DETAIL_OUT}. */
    public static final int GROUPS = 3;
    /** A derived quantity leaves the bounds of {@code Limits}. Detail: a {@link Bound}. */
    public static final int EXCEEDS_BOUND = 4;
    /** Branches meet with different effective strides or centre shifts. Detail: the {@link Axis}. */
    public static final int NOT_ALIGNED = 5;
    /** Branches meet with incompatible extents or channels. Detail: 0 extents, 1 channels. */
    public static final int SHAPE_MISMATCH = 6;
    /** Unbalanced branch markers or an unknown op code in the records. */
    public static final int MALFORMED = 7;

    public static final int DETAIL_IN = 0;
    public static final int DETAIL_OUT = 1;

    private static final String[] NAMES = {"ok", "output_too_small", "pool_padding", "groups", "exceeds_bound",
        "not_aligned", "shape_mismatch", "malformed"};

    /** Number of codes, for per-code counters. */
    public static final int COUNT = NAMES.length;

    private ErrorCode() {
    }

    /** Short snake_case name of the code, as used in CSV summaries. */
    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "error#" + code;
    }

    /** Axis values of the detail field. */
    public static final class Axis {
        public static final int H = 0;
        public static final int W = 1;

        private Axis() {
        }
    }

    /** Which bound an {@link #EXCEEDS_BOUND} error crossed. */
    public static final class Bound {
        public static final int OUT_H = 0;
        public static final int OUT_W = 1;
        public static final int RF_H = 2;
        public static final int RF_W = 3;
        public static final int STRIDE_H = 4;
        public static final int STRIDE_W = 5;
        public static final int COUNTS = 6;
        public static final int CHANNELS = 7;

        private Bound() {
        }
    }
}
