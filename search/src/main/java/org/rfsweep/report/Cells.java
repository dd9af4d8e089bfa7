package org.rfsweep.report;

/**
 * Text of table cells: counts with thousands separators, per-axis values, shapes.
 *
 * <pre>
 *   Cells.count(47044800)      // "47,044,800"
 *   Cells.axes(13, 13)         // "13"
 *   Cells.axes(13, 11)         // "13x11"  (H x W)
 *   Cells.shape(97, 97, 128)   // "97x97x128"
 * </pre>
 */
public final class Cells {
    private Cells() {
    }

    /** {@code value} with a comma every three digits. */
    public static String count(long value) {
        String digits = Long.toString(value);
        int start = value < 0 ? 1 : 0;
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3);
        sb.append(digits, 0, start);
        for (int i = start; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    /** One value when both axes agree, else {@code HxW}. */
    public static String axes(long h, long w) {
        return h == w ? Long.toString(h) : h + "x" + w;
    }

    /** {@code HxWxC}. */
    public static String shape(int h, int w, int c) {
        return h + "x" + w + "x" + c;
    }
}
