package org.rfsweep.report;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * How Commons CSV's minimal quoting ({@link CSVFormat#DEFAULT}) writes the two common text fields,
 * decided without it: a value of ASCII letters and digits is written as is; a value that holds
 * the delimiter and no quote, CR or LF is written in quotes with nothing inside to escape (an
 * arch). Any other value is left to Commons CSV. The row writers use this for speed; their
 * tests compare every case with {@code CSVPrinter}.
 */
final class PlainField {
    /** Leave the value to Commons CSV. */
    static final int OTHER = 0;
    /** Write the value as is. */
    static final int AS_IS = 1;
    /** Write the value between two quote characters. */
    static final int QUOTED = 2;

    private PlainField() {
    }

    /** True when {@code format} quotes as {@link CSVFormat#DEFAULT} does, so {@link #kind} applies. */
    static boolean applies(CSVFormat format, char delimiter) {
        return Character.valueOf('"').equals(format.getQuoteCharacter())
            && format.getEscapeCharacter() == null && format.getCommentMarker() == null
            && (format.getQuoteMode() == null || format.getQuoteMode() == QuoteMode.MINIMAL)
            && !format.getTrim() && delimiter != '"' && delimiter < 0x80;
    }

    /** How to write {@code value}: {@link #OTHER}, {@link #AS_IS} or {@link #QUOTED}. */
    static int kind(CharSequence value, char delimiter) {
        int n = value.length();
        if (n == 0) {
            return OTHER;
        }
        boolean delimited;
        if (value instanceof String) {
            String text = (String) value;
            if (text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                return OTHER;
            }
            delimited = text.indexOf(delimiter) >= 0;
        } else if (value instanceof AsciiText) {
            AsciiText ascii = (AsciiText) value;
            byte[] bytes = ascii.bytes();
            int end = ascii.offset() + n;
            delimited = false;
            for (int i = ascii.offset(); i < end; i++) {
                byte b = bytes[i];
                if (b == '"' || b == '\r' || b == '\n') {
                    return OTHER;
                }
                delimited |= b == delimiter;
            }
        } else {
            delimited = false;
            for (int i = 0; i < n; i++) {
                char ch = value.charAt(i);
                if (ch == '"' || ch == '\r' || ch == '\n') {
                    return OTHER;
                }
                delimited |= ch == delimiter;
            }
        }
        if (delimited) {
            return QUOTED;
        }
        return alphanumeric(value, n) ? AS_IS : OTHER;
    }

    private static boolean alphanumeric(CharSequence value, int n) {
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
