package org.rfsweep.report;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    /** Eight bytes of a byte array as one long, for the word-at-a-time scan of {@link #scan}. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    /** What {@link #scan} found: a quote, CR or LF (Commons CSV decides), or the delimiter. */
    private static final int SPECIAL = 1;
    private static final int DELIMITER = 2;

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
            int found = scan(ascii.bytes(), ascii.offset(), n, (byte) delimiter);
            if ((found & SPECIAL) != 0) {
                return OTHER;
            }
            delimited = found != 0;
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

    /**
     * Whether {@code bytes[from .. from+n)} hold a quote, CR or LF ({@link #SPECIAL}) or the
     * delimiter ({@link #DELIMITER}), eight bytes at a time: a byte of {@code x} is zero exactly
     * when {@code (x - ONES) & ~x & HIGHS} is not zero (the lowest such byte is found exactly,
     * so the test of "any" is exact), with {@code x} the word XOR the sought byte in every lane.
     */
    private static int scan(byte[] bytes, int from, int n, byte delimiter) {
        final long quote = ONES * '"';
        final long cr = ONES * '\r';
        final long lf = ONES * '\n';
        final long delim = ONES * (delimiter & 0xFF);
        long special = 0;
        long delimited = 0;
        int i = from;
        final int end = from + n;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            final long w = (long) WORDS.get(bytes, i);
            special |= zero(w ^ quote) | zero(w ^ cr) | zero(w ^ lf);
            delimited |= zero(w ^ delim);
        }
        int found = (special != 0 ? SPECIAL : 0) | (delimited != 0 ? DELIMITER : 0);
        for (; i < end; i++) {
            final byte b = bytes[i];
            found |= b == '"' || b == '\r' || b == '\n' ? SPECIAL : 0;
            found |= b == delimiter ? DELIMITER : 0;
        }
        return found;
    }

    /** Non-zero when a byte of {@code x} is zero. */
    private static long zero(long x) {
        return (x - ONES) & ~x & HIGHS;
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
