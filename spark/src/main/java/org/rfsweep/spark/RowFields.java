package org.rfsweep.spark;

import java.nio.charset.StandardCharsets;

/**
 * Reads back the rows that the sweep's CSV writer produced (one chunk's bytes at a time): finds
 * each line and its fields, reads numbers in place and unquotes text. It only has to understand
 * what {@code ByteRowWriter} writes: ASCII, {@code \n} line ends, RFC 4180 quoting. Reused; not
 * thread-safe.
 */
final class RowFields {
    private final int[] start;
    private final int[] end;
    private final boolean[] quoted;
    private byte[] bytes;
    private int lineStart;
    private int lineEnd;

    RowFields(int fields) {
        start = new int[fields];
        end = new int[fields];
        quoted = new boolean[fields];
    }

    /**
     * Parses the line starting at {@code from} in {@code buffer[0..length)}; returns the offset after
     * its {@code \n}.
     */
    int parse(byte[] buffer, int from, int length) {
        bytes = buffer;
        lineStart = from;
        int at = from;
        for (int f = 0; f < start.length; f++) {
            if (at < length && buffer[at] == '"') {
                quoted[f] = true;
                start[f] = ++at;
                while (at < length && !(buffer[at] == '"' && (at + 1 >= length || buffer[at + 1] != '"'))) {
                    at += buffer[at] == '"' ? 2 : 1;
                }
                end[f] = at++;
            } else {
                quoted[f] = false;
                start[f] = at;
                while (at < length && buffer[at] != ',' && buffer[at] != '\n') {
                    at++;
                }
                end[f] = at;
            }
            if (at >= length || buffer[at] != (f == start.length - 1 ? '\n' : ',')) {
                throw new IllegalStateException("row at byte " + from + " does not have " + start.length + " fields");
            }
            at++;
        }
        lineEnd = at;
        return at;
    }

    long number(int field) {
        long v = 0;
        boolean negative = bytes[start[field]] == '-';
        for (int i = start[field] + (negative ? 1 : 0); i < end[field]; i++) {
            v = v * 10 + (bytes[i] - '0');
        }
        return negative ? -v : v;
    }

    String text(int field) {
        String s = new String(bytes, start[field], end[field] - start[field], StandardCharsets.US_ASCII);
        return quoted[field] ? s.replace("\"\"", "\"") : s;
    }

    /** The whole line, {@code \n} included. */
    byte[] line() {
        byte[] copy = new byte[lineEnd - lineStart];
        System.arraycopy(bytes, lineStart, copy, 0, copy.length);
        return copy;
    }
}
