package org.rfsweep.cli.eval;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;

/**
 * A reader of CSV text that drops a leading UTF-8 byte-order mark and refuses a line longer
 * than {@link #MAX_LINE} characters, so that one huge line (a 1 GB cell) ends with a message
 * naming the line instead of running out of memory. Counts lines for that message.
 */
final class CappedReader extends FilterReader {
    /** Longest line accepted: far above any architecture string (the zoo's largest is about 20 KB). */
    static final int MAX_LINE = 1 << 20;

    private long line = 1;
    private int length;
    private boolean started;

    CappedReader(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n <= 0) {
            return n;
        }
        if (!started) {
            started = true;
            if (buf[off] == '\uFEFF') {
                System.arraycopy(buf, off + 1, buf, off, n - 1);
                n--;
                if (n == 0) {
                    return read(buf, off, len);
                }
            }
        }
        for (int i = off; i < off + n; i++) {
            if (buf[i] == '\n') {
                line++;
                length = 0;
            } else if (++length > MAX_LINE) {
                throw new LineTooLong(line);
            }
        }
        return n;
    }

    /** A line above {@link #MAX_LINE} characters. */
    static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLong(long line) {
            super("line " + line + " is longer than " + String.format(Locale.ROOT, "%,d", MAX_LINE)
                + " characters (the most a row may have)");
        }
    }
}
