package org.rfsweep.space;

import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.Limits;

/**
 * How a choice pads its layer. One of:
 * <ul>
 *   <li>explicit, as in the architecture string: {@code 1}, {@code 0:1} (before:after),
 *       {@code 1x2} (H, W) or {@code 0:1x1:0}; floor rounding;</li>
 *   <li>{@code keep}: {@code (ek-1)/2} on both sides of each axis, {@code ek = d*(k-1)+1}, so a
 *       stride-1 layer with an odd effective kernel keeps the extent; floor rounding;</li>
 *   <li>{@code same} and {@code valid}: TensorFlow's rules (SPEC section 2).</li>
 * </ul>
 * Immutable.
 */
public final class PadRule {
    public static final PadRule KEEP = new PadRule(Kind.KEEP, 0, 0, 0, 0);
    public static final PadRule SAME = new PadRule(Kind.SAME, 0, 0, 0, 0);
    public static final PadRule VALID = new PadRule(Kind.VALID, 0, 0, 0, 0);
    /** No padding. */
    public static final PadRule ZERO = explicit(0, 0, 0, 0);

    /** The rule's kind. */
    public enum Kind { EXPLICIT, KEEP, SAME, VALID }

    private final Kind kind;
    private final int top;
    private final int bottom;
    private final int left;
    private final int right;

    private PadRule(Kind kind, int top, int bottom, int left, int right) {
        this.kind = kind;
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    /** Explicit padding, per side. */
    public static PadRule explicit(int top, int bottom, int left, int right) {
        return new PadRule(Kind.EXPLICIT, top, bottom, left, right);
    }

    /** The same explicit padding {@code p} on every side. */
    public static PadRule of(int p) {
        return explicit(p, p, p, p);
    }

    /**
     * Parses {@code keep}, {@code same}, {@code valid} or an explicit padding.
     *
     * @throws IllegalArgumentException when {@code text} has none of these forms
     */
    public static PadRule parse(String text) {
        switch (text) {
            case "keep":
                return KEEP;
            case "same":
                return SAME;
            case "valid":
                return VALID;
            default:
                break;
        }
        int x = text.indexOf('x');
        String h = x < 0 ? text : text.substring(0, x);
        String w = x < 0 ? text : text.substring(x + 1);
        long[] hs = side(h, text);
        long[] ws = side(w, text);
        return explicit((int) hs[0], (int) hs[1], (int) ws[0], (int) ws[1]);
    }

    private static long[] side(String side, String whole) {
        int colon = side.indexOf(':');
        String before = colon < 0 ? side : side.substring(0, colon);
        String after = colon < 0 ? side : side.substring(colon + 1);
        return new long[] {number(before, whole), number(after, whole)};
    }

    private static long number(String digits, String whole) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException(whole);
        }
        return Long.parseLong(digits);
    }

    public Kind kind() {
        return kind;
    }

    /** The largest explicit side, 0 for the other kinds. */
    int largestSide() {
        return Math.max(Math.max(top, bottom), Math.max(left, right));
    }

    /** True when every explicit side lies in {@code 0..Limits.MAX_PADDING}. */
    boolean withinLimits() {
        return largestSide() <= Limits.MAX_PADDING;
    }

    /**
     * Writes padding and rounding mode into the record at {@code at}, whose kernel and
     * dilation are already set.
     */
    void apply(int[] records, int at) {
        switch (kind) {
            case KEEP: {
                int ph = (records[at + Layer.DH] * (records[at + Layer.KH] - 1)) >> 1;
                int pw = (records[at + Layer.DW] * (records[at + Layer.KW] - 1)) >> 1;
                set(records, at, ph, ph, pw, pw, Rounding.FLOOR);
                break;
            }
            case SAME:
                set(records, at, 0, 0, 0, 0, Rounding.SAME);
                break;
            case VALID:
                set(records, at, 0, 0, 0, 0, Rounding.VALID);
                break;
            default:
                set(records, at, top, bottom, left, right, Rounding.FLOOR);
        }
    }

    private static void set(int[] r, int at, int t, int b, int l, int rr, int mode) {
        r[at + Layer.PT] = t;
        r[at + Layer.PB] = b;
        r[at + Layer.PL] = l;
        r[at + Layer.PR] = rr;
        r[at + Layer.MODE] = mode;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PadRule)) {
            return false;
        }
        PadRule p = (PadRule) o;
        return kind == p.kind && top == p.top && bottom == p.bottom && left == p.left && right == p.right;
    }

    @Override
    public int hashCode() {
        return ((kind.ordinal() * 31 + top) * 31 + bottom) * 31 * 31 + left * 31 + right;
    }

    @Override
    public String toString() {
        switch (kind) {
            case KEEP:
                return "keep";
            case SAME:
                return "same";
            case VALID:
                return "valid";
            default:
                String h = top == bottom ? Integer.toString(top) : top + ":" + bottom;
                String w = left == right ? Integer.toString(left) : left + ":" + right;
                return top == left && bottom == right ? h : h + "x" + w;
        }
    }
}
