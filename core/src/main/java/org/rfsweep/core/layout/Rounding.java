package org.rfsweep.core.layout;

/**
 * Output-extent rules of SPEC section 2, stored in {@link Layer#MODE}.
 *
 * <ul>
 *   <li>{@link #FLOOR}: {@code out = floor((n + pl + pr - ek) / s) + 1} (PyTorch default).</li>
 *   <li>{@link #CEIL}: ceil instead of floor, then drop the last window if it would start past
 *       the input and the left padding (PyTorch pools with {@code ceil_mode=True}).</li>
 *   <li>{@link #SAME}: TensorFlow {@code 'same'}: {@code out = ceil(n / s)}, padding derived.</li>
 *   <li>{@link #VALID}: TensorFlow {@code 'valid'}: {@code out = ceil((n - ek + 1) / s)}.</li>
 * </ul>
 */
public final class Rounding {
    public static final int FLOOR = 0;
    public static final int CEIL = 1;
    public static final int SAME = 2;
    public static final int VALID = 3;

    private Rounding() {
    }
}
