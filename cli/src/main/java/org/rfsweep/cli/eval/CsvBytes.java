package org.rfsweep.cli.eval;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads CSV records from UTF-8 bytes exactly as Commons CSV reads {@code CSVFormat.DEFAULT} (the
 * format {@code rfsweep eval} reads, {@link org.rfsweep.report.Csv#READ}), without decoding the
 * bytes to characters: comma-separated fields; a field that starts with a double quote runs to
 * the closing quote ({@code ""} inside is one quote; line ends inside belong to the field), may
 * be followed by white space, and must then end at a comma or a line end; any other field runs
 * to the next comma or line end, quotes included; {@code \n}, {@code \r\n} and {@code \r} end a
 * record; empty lines are skipped. Malformed input ends with an {@link IOException} worded as
 * Commons CSV words it. Also checks that the bytes are UTF-8, drops a leading byte-order mark, and
 * refuses a line of more than {@link #MAX_LINE} characters. {@code CsvBytesProperties} compares
 * records and errors with Commons CSV on random text.
 *
 * <p>{@link #next()} leaves the fields of one record in {@link #bytes()} (valid until the next
 * call), quotes removed. Not thread-safe.
 */
final class CsvBytes implements Closeable {
    /** Longest line accepted: far above any architecture string (the zoo's largest is about 20 KB). */
    static final int MAX_LINE = 1 << 20;
    private static final int READ = 1 << 16;
    /** {@link #afterQuote}: the field ended at a comma, the next starts at {@link #next}. */
    private static final int AT_DELIMITER = -2;

    private final InputStream in;
    private byte[] buf;
    /** Unread bytes: {@code buf[pos, end)}. */
    private int pos;
    private int end;
    private boolean eof;
    private boolean started;
    /** The bytes before {@code validated} are checked UTF-8. */
    private int validated;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch = CharBuffer.allocate(4096);
    /** 1-based line of {@code buf[pos]}, and the characters of the input before {@code buf[0]}. */
    private long line = 1;
    private long charsBefore;
    /** True while every byte read so far is ASCII (then characters are bytes). */
    private boolean ascii = true;

    private int fields;
    private int[] from = new int[16];
    private int[] to = new int[16];
    /** Per field: quoted with a doubled quote inside (one quote of the text). */
    private boolean[] quotedFields = new boolean[16];
    /** Per field: quoted with neither a quote nor a line end inside. */
    private boolean[] plainQuoted = new boolean[16];
    /** Where the field after a comma starts (see {@link #afterQuote}). */
    private int next;
    /** Lines ended inside the record being scanned. */
    private int linesIn;
    /** The line a quoted field being scanned started on (for the message at end of input). */
    private long quoteLine;

    CsvBytes(InputStream in) {
        this(in, 1 << 20);
    }

    /** A reader with a first buffer of {@code size} bytes (it grows for a longer record). */
    CsvBytes(InputStream in, int size) {
        this.in = in;
        this.buf = new byte[size];
    }

    /** The bytes that {@link #from}/{@link #to} index. */
    byte[] bytes() {
        return buf;
    }

    /** Fields of the current record. */
    int fields() {
        return fields;
    }

    int from(int field) {
        return from[field];
    }

    int to(int field) {
        return to[field];
    }

    /** True when field {@code field} was quoted with neither a quote nor a line end inside. */
    boolean plainQuoted(int field) {
        return plainQuoted[field];
    }

    /** True while every byte read so far is ASCII, so every field read so far is. */
    boolean ascii() {
        return ascii;
    }

    /** The text of field {@code field}. */
    String text(int field) {
        return new String(buf, from[field], to[field] - from[field], StandardCharsets.UTF_8);
    }

    /** Reads the next record; false at the end of the input. */
    boolean next() throws IOException {
        while (!started) {
            refill();
        }
        while (true) {
            if (!skipEmptyLines()) {
                refill();
                continue;
            }
            final int p = pos;
            if (p >= end && eof) {
                return false;
            }
            int e = scan(p);
            if (e < 0) {
                refill();
                continue;
            }
            if (e - p > MAX_LINE) {
                checkLines(p, e);
            }
            line += linesIn;
            pos = e;
            unescape();
            return true;
        }
    }

    /** Skips the empty lines at {@link #pos}; false when more bytes are needed to decide. */
    private boolean skipEmptyLines() {
        final byte[] b = buf;
        int p = pos;
        while (p < end) {
            final byte x = b[p];
            if (x == '\n') {
                p++;
            } else if (x == '\r') {
                if (p + 1 >= end && !eof) {
                    pos = p;
                    return false;
                }
                p += p + 1 < end && b[p + 1] == '\n' ? 2 : 1;
            } else {
                pos = p;
                return true;
            }
            line++;
        }
        pos = p;
        return eof;
    }

    /**
     * Scans the record at {@code p} (not at an empty line): records its fields and returns the
     * position after its line end, or -1 when the buffered bytes end before the record does.
     */
    private int scan(int p) throws IOException {
        final byte[] b = buf;
        final int e = end;
        fields = 0;
        linesIn = 0;
        while (true) {
            if (p >= e) {
                if (!eof) {
                    return -1;
                }
                add(p, p);
                return p;
            }
            if (b[p] == '"') {
                p = quoted(p);
                if (p < 0) {
                    return -1;
                }
                int after = afterQuote(p);
                if (after != AT_DELIMITER) {
                    return after;
                }
                p = next;
                continue;
            }
            int q = p;
            while (q < e) {
                final byte x = b[q];
                if (x == ',' || x == '\n' || x == '\r') {
                    break;
                }
                q++;
            }
            if (q >= e && !eof || q + 1 >= e && !eof && b[q] == '\r') {
                return -1;
            }
            add(p, q);
            if (q >= e) {
                return q;
            }
            if (b[q] == ',') {
                p = q + 1;
                continue;
            }
            return lineEnd(q);
        }
    }

    /**
     * The quoted field whose opening quote is at {@code p}: adds it (quotes still doubled) and
     * returns the position after its closing quote, or -1 when more bytes are needed.
     */
    private int quoted(int p) throws IOException {
        final byte[] b = buf;
        final int e = end;
        quoteLine = line + linesIn;
        int q = p + 1;
        int lines = 0;
        boolean doubled = false;
        while (true) {
            if (q >= e) {
                if (!eof) {
                    return -1;
                }
                throw new IOException("(startline " + quoteLine + ") EOF reached before encapsulated token finished");
            }
            final byte x = b[q];
            if (x == '"') {
                if (q + 1 >= e && !eof) {
                    return -1;
                }
                if (q + 1 < e && b[q + 1] == '"') {
                    doubled = true;
                    q += 2;
                    continue;
                }
                break;
            }
            if (x == '\n' || x == '\r' && (q + 1 >= e || b[q + 1] != '\n')) {
                lines++;
            }
            q++;
        }
        linesIn += lines;
        add(p + 1, q);
        if (doubled) {
            quotedField(fields - 1);
        }
        plainQuoted[fields - 1] = !doubled && lines == 0;
        return q + 1;
    }

    /**
     * After a closing quote at {@code p - 1}: white space, then a comma ({@link #AT_DELIMITER}),
     * a line end or the end of input (the position after it); -1 when more bytes are needed.
     */
    private int afterQuote(int p) throws IOException {
        final byte[] b = buf;
        final int e = end;
        while (true) {
            if (p >= e) {
                return eof ? p : -1;
            }
            final byte x = b[p];
            if (x == ',') {
                next = p + 1;
                return AT_DELIMITER;
            }
            if (x == '\n' || x == '\r') {
                return x == '\r' && p + 1 >= e && !eof ? -1 : lineEnd(p);
            }
            int width = whiteSpace(p);
            if (width < 0) {
                return -1;
            }
            if (width == 0) {
                throw new IOException("Invalid character between encapsulated token and delimiter at line: "
                    + String.format(Locale.ROOT, "%,d, position: %,d", line + linesIn, position(p)));
            }
            p += width;
        }
    }

    /** The position after the line end at {@code p} (which is known to be complete). */
    private int lineEnd(int p) {
        linesIn++;
        return buf[p] == '\r' && p + 1 < end && buf[p + 1] == '\n' ? p + 2 : p + 1;
    }

    /**
     * The bytes of the white-space character at {@code p} ({@link Character#isWhitespace}, not a
     * comma), 0 when it is not one, -1 when its bytes are not all read yet.
     */
    private int whiteSpace(int p) {
        final int x = buf[p] & 0xff;
        if (x < 0x80) {
            return Character.isWhitespace((char) x) ? 1 : 0;
        }
        int width = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2;
        if (p + width > end) {
            return eof ? 0 : -1;
        }
        String ch = new String(buf, p, width, StandardCharsets.UTF_8);
        return ch.length() == 1 && Character.isWhitespace(ch.charAt(0)) ? width : 0;
    }

    /** Commons CSV's position of the character at {@code p}: the characters read up to and including it. */
    private long position(int p) {
        if (ascii) {
            return charsBefore + p + 1;
        }
        return charsBefore + new String(buf, 0, p + 1, StandardCharsets.UTF_8).length();
    }

    private void add(int start, int stop) {
        if (fields == from.length) {
            from = Arrays.copyOf(from, fields * 2);
            to = Arrays.copyOf(to, fields * 2);
            quotedFields = Arrays.copyOf(quotedFields, fields * 2);
            plainQuoted = Arrays.copyOf(plainQuoted, fields * 2);
        }
        quotedFields[fields] = false;
        plainQuoted[fields] = false;
        from[fields] = start;
        to[fields++] = stop;
    }

    private void quotedField(int field) {
        quotedFields[field] = true;
    }

    /** Turns each doubled quote of the quoted fields that hold one into one quote, in place. */
    private void unescape() {
        final byte[] b = buf;
        for (int f = 0; f < fields; f++) {
            if (!quotedFields[f]) {
                continue;
            }
            int w = from[f];
            for (int r = from[f]; r < to[f]; r++) {
                b[w++] = b[r];
                if (b[r] == '"') {
                    r++;
                }
            }
            // one ASCII byte per quote removed, so that the bytes before pos still hold as many characters
            Arrays.fill(b, w, to[f], (byte) ' ');
            to[f] = w;
        }
    }

    /** Keeps the unread bytes, reads more (growing the buffer for a long record), and checks them. */
    private void refill() throws IOException {
        if (eof) {
            throw new IllegalStateException("refill at the end of input");
        }
        checkLineLength();
        if (pos > 0) {
            charsBefore += ascii ? pos : new String(buf, 0, pos, StandardCharsets.UTF_8).length();
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            validated -= pos;
            pos = 0;
        }
        if (buf.length - end < READ) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
        if (!started && (end >= 3 || eof)) {
            started = true;
            if (end >= 3 && (buf[0] & 0xff) == 0xef && (buf[1] & 0xff) == 0xbb && (buf[2] & 0xff) == 0xbf) {
                System.arraycopy(buf, 3, buf, 0, end - 3);
                end -= 3;
            }
        }
        check();
    }

    /** Checks that the new bytes are UTF-8 (an incomplete character at the end waits for the next read). */
    private void check() throws IOException {
        int high = 0;
        for (int i = validated; i < end; i++) {
            high |= buf[i];
        }
        if (high >= 0) {
            validated = end;
            return;
        }
        ascii = false;
        ByteBuffer bytes = ByteBuffer.wrap(buf, validated, end - validated);
        decoder.reset();
        while (true) {
            scratch.clear();
            CoderResult r = decoder.decode(bytes, scratch, eof);
            if (r.isError()) {
                throw new MalformedInputException(r.length());
            }
            if (r.isUnderflow()) {
                break;
            }
        }
        if (eof && decoder.flush(scratch).isError()) {
            throw new MalformedInputException(1);
        }
        validated = bytes.position();
        if (eof && validated < end) {
            throw new CharacterCodingException();
        }
    }

    /** Refuses a complete record in {@code buf[start, stop)} with a line of more than {@link #MAX_LINE} characters. */
    private void checkLines(int start, int stop) throws IOException {
        long lineNumber = line;
        int lineStart = start;
        for (int p = start; p <= stop; p++) {
            if (p == stop || buf[p] == '\n') {
                int bytes = p - lineStart;
                if (bytes > MAX_LINE && (ascii || new String(buf, lineStart, bytes, StandardCharsets.UTF_8).length()
                    > MAX_LINE)) {
                    throw new LineTooLong(lineNumber);
                }
                lineStart = p + 1;
                lineNumber++;
            }
        }
    }

    /** Refuses a line that has grown past {@link #MAX_LINE} characters without ending. */
    private void checkLineLength() throws IOException {
        int lineStart = pos;
        long lineNumber = line;
        for (int p = pos; p < end; p++) {
            if (buf[p] == '\n') {
                lineStart = p + 1;
                lineNumber++;
            }
        }
        int bytes = end - lineStart;
        if (bytes > MAX_LINE && (ascii || new String(buf, lineStart, bytes, StandardCharsets.UTF_8).length()
            > MAX_LINE)) {
            throw new LineTooLong(lineNumber);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
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
