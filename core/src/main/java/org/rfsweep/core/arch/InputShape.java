package org.rfsweep.core.arch;

import org.rfsweep.core.math.Limits;

/**
 * An input {@code HxWxC}; {@code N} alone means {@code NxNx3} (SPEC section 9).
 */
public final class InputShape {
    public final int h;
    public final int w;
    public final int c;

    public InputShape(int h, int w, int c) {
        this.h = h;
        this.w = w;
        this.c = c;
    }

    /**
     * Parses {@code 224x224x3} or {@code 224}.
     *
     * @throws IllegalArgumentException with a one-line message naming the value and the rule
     */
    public static InputShape parse(String text) {
        String t = text.trim();
        String[] parts = t.split("x", -1);
        if (parts.length != 1 && parts.length != 3) {
            throw new IllegalArgumentException(bad(text, "expected HxWxC like 224x224x3, or N for NxNx3"));
        }
        long[] v = new long[3];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("[0-9]+")) {
                throw new IllegalArgumentException(bad(text, "expected HxWxC like 224x224x3, or N for NxNx3"));
            }
            v[i] = parts[i].length() > 12 ? Long.MAX_VALUE : Long.parseLong(parts[i]);
        }
        if (parts.length == 1) {
            v[1] = v[0];
            v[2] = 3;
        }
        String[] names = {"height", "width", "channels"};
        for (int i = 0; i < 3; i++) {
            int max = i < 2 ? Limits.MAX_EXTENT : Limits.MAX_CHANNELS;
            if (v[i] < 1 || v[i] > max) {
                throw new IllegalArgumentException(bad(text, names[i] + " " + (parts.length == 1 ? t : parts[i])
                    + " is outside 1.." + max));
            }
        }
        return new InputShape((int) v[0], (int) v[1], (int) v[2]);
    }

    private static String bad(String text, String rule) {
        return "input '" + text + "': " + rule;
    }

    @Override
    public String toString() {
        return h + "x" + w + "x" + c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InputShape)) {
            return false;
        }
        InputShape s = (InputShape) o;
        return h == s.h && w == s.w && c == s.c;
    }

    @Override
    public int hashCode() {
        return (h * 31 + w) * 31 + c;
    }
}
