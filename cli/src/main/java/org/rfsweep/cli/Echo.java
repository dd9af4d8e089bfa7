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

    private Echo() {
    }

    /** {@code text}, or its first {@link #KEPT} characters and its length. */
    public static String cap(String text) {
        if (text == null || text.length() <= LIMIT) {
            return text;
        }
        return text.substring(0, KEPT) + "... (" + String.format(Locale.ROOT, "%,d", text.length()) + " characters)";
    }
}
