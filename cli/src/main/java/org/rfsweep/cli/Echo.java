package org.rfsweep.cli;

import java.util.Locale;

/**
 * Caps text that a message or an error cell repeats from the input, so that a 50 MB cell is
 * not printed again: up to {@link #LIMIT} characters stay, a longer text keeps its first
 * {@link #KEPT} and says how long it was ({@code conv(k=3,c=xxx... (52,428,800 characters)}).
 */
public final class Echo {
    /** Longest text kept whole. */
    public static final int LIMIT = 300;
    /** Characters kept of a longer text. */
    public static final int KEPT = 200;

    /** Longest message line printed whole (a safety net behind the caps where input is echoed). */
    public static final int LINE_LIMIT = 1000;
    /** Characters kept of a longer message line. */
    public static final int LINE_KEPT = 800;

    private Echo() {
    }

    /** {@code line}, or its first {@link #LINE_KEPT} characters and its length. */
    public static String capLine(String line) {
        if (line == null || line.length() <= LINE_LIMIT) {
            return line;
        }
        return line.substring(0, LINE_KEPT) + "... (" + String.format(Locale.ROOT, "%,d", line.length())
            + " characters)";
    }

    /** {@code text}, or its first {@link #KEPT} characters and its length. */
    public static String cap(String text) {
        if (text == null || text.length() <= LIMIT) {
            return text;
        }
        return text.substring(0, KEPT) + "... (" + String.format(Locale.ROOT, "%,d", text.length()) + " characters)";
    }
}
