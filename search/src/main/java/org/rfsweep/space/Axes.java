package org.rfsweep.space;

/**
 * A per-axis value of a choice set, written {@code N} (both axes) or {@code HxW}, as in the
 * architecture string: {@code 3} is 3x3, {@code 3x5} is 3 high and 5 wide. Not range-checked
 * here; {@link Space} checks values when it is built.
 */
public record Axes(int h, int w) {
    /** Both axes {@code n}. */
    public static Axes of(int n) {
        return new Axes(n, n);
    }

    /**
     * Parses {@code N} or {@code HxW} (decimal digits only).
     *
     * @throws IllegalArgumentException when {@code text} has another form
     */
    public static Axes parse(String text) {
        int x = text.indexOf('x');
        if (x < 0) {
            return of(digits(text, text));
        }
        return new Axes(digits(text.substring(0, x), text), digits(text.substring(x + 1), text));
    }

    private static int digits(String part, String whole) {
        if (part.isEmpty() || part.length() > 9 || !part.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new IllegalArgumentException(whole);
        }
        return Integer.parseInt(part);
    }

    /** True when both axes lie in {@code min..max}. */
    boolean within(int min, int max) {
        return h >= min && h <= max && w >= min && w <= max;
    }

    @Override
    public String toString() {
        return h == w ? Integer.toString(h) : h + "x" + w;
    }
}
