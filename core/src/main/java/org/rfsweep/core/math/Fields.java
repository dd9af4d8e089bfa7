package org.rfsweep.core.math;

/**
 * One layer's step of the receptive-field recurrence along one axis (SPEC section 3), from the
 * field before the layer ({@code r} receptive field, {@code j} jump, {@code P} effective padding):
 *
 * <pre>
 *   r' = r + (ek - 1) * j        P' = P + pad_before * j        j' = j * s
 * </pre>
 *
 * A global layer is a window over the whole map ({@code ek = n, s = 1}). With fields within
 * {@link Limits} every result fits a long: {@code (ek - 1) * j <= 2^25 * 2^32}, {@code j * s <= 2^44}.
 */
public final class Fields {
    private Fields() {
    }

    /** The receptive field after a window of effective size {@code ek}. */
    public static long grow(long r, long ek, long j) {
        return r + growth(ek, j);
    }

    /**
     * What a window of effective size {@code ek} adds to the receptive field after a jump
     * {@code j}: {@code (ek - 1) * j}. A block whose own field is {@code r} adds {@code (r - 1) * j}.
     */
    public static long growth(long ek, long j) {
        return (ek - 1) * j;
    }

    /** The effective padding after a window that pads {@code padBefore} before the input. */
    public static long pad(long p, long padBefore, long j) {
        return p + padBefore * j;
    }

    /** The jump after a stride {@code s}. */
    public static long jump(long j, long s) {
        return j * s;
    }

    /** True when a receptive field and an effective padding are within {@link Limits#MAX_RF}. */
    public static boolean within(long r, long p) {
        return r <= Limits.MAX_RF && p <= Limits.MAX_RF;
    }
}
