package org.rfsweep.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;

/**
 * The byte twin of {@link CsvRowWriter}: writes CSV records as UTF-8 bytes into a reused,
 * growing array, for writers that format many rows in parallel and hand bytes to a file (the
 * sweep formats a million rows per second this way). Text fields go through Commons CSV
 * ({@link CSVFormat#print(Object, Appendable, boolean)} with this writer as the
 * {@link Appendable}), so quoting is exactly Commons CSV's; an {@link AsciiText} field is then
 * copied as bytes. Numbers are written as digits, which never need quotes. The bytes equal
 * what {@link CsvRowWriter} (or a {@code CSVPrinter}) writes with the same format, in UTF-8.
 *
 * <pre>
 *   ByteRowWriter row = new ByteRowWriter(Csv.WRITE.builder().get());   // a format of its own
 *   row.number(index).text(arch).text(input);
 *   columns.append(row, metrics, slot);
 *   row.endRow();
 *   channel.write(ByteBuffer.wrap(row.bytes(), 0, row.length()));
 *   row.reset();
 * </pre>
 *
 * <p>{@code CSVFormat.print} is synchronized on the format: give each thread's writer its own
 * format instance. Not thread-safe.
 */
public final class ByteRowWriter implements NumberRow, Appendable {
    private final CSVFormat format;
    private final byte delimiter;
    private final byte[] separator;
    private byte[] bytes = new byte[1 << 16];
    private int length;
    private boolean newRecord = true;
    /** True when {@link PlainField} applies to the format. */
    private final boolean minimalQuotes;

    /**
     * A writer of {@code format} records; delimiter and record separator must be ASCII, the
     * delimiter one character.
     */
    public ByteRowWriter(CSVFormat format) {
        String delimiterText = format.getDelimiterString();
        String recordSeparator = format.getRecordSeparator();
        if (delimiterText.length() != 1 || delimiterText.charAt(0) >= 0x80
            || !recordSeparator.chars().allMatch(ch -> ch < 0x80)) {
            throw new IllegalArgumentException("delimiter=" + delimiterText + " must be one ASCII character");
        }
        this.format = format;
        this.delimiter = (byte) delimiterText.charAt(0);
        this.separator = recordSeparator.getBytes(StandardCharsets.US_ASCII);
        this.minimalQuotes = PlainField.applies(format, (char) delimiter);
    }

    /** Copies the {@code n} characters of {@code value}: ASCII bytes as they are, others as Commons CSV would. */
    private void copy(CharSequence value, int n) {
        if (value instanceof AsciiText) {
            AsciiText ascii = (AsciiText) value;
            System.arraycopy(ascii.bytes(), ascii.offset(), bytes, length, n);
            length += n;
            return;
        }
        append(value, 0, n);
    }

    /** Writes one record of names. */
    public void header(Iterable<String> names) {
        for (String name : names) {
            text(name);
        }
        endRow();
    }

    /** Appends a text field, quoted as Commons CSV would quote it. */
    @Override
    public ByteRowWriter text(CharSequence value) {
        int kind = minimalQuotes ? PlainField.kind(value, (char) delimiter) : PlainField.OTHER;
        if (kind != PlainField.OTHER) {
            int n = value.length();
            ensure(n + 3);
            if (!newRecord) {
                bytes[length++] = delimiter;
            }
            if (kind == PlainField.QUOTED) {
                bytes[length++] = '"';
            }
            copy(value, n);
            if (kind == PlainField.QUOTED) {
                ensure(1);
                bytes[length++] = '"';
            }
            newRecord = false;
            return this;
        }
        try {
            format.print(value, this, newRecord);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte buffer cannot fail", e);
        }
        newRecord = false;
        return this;
    }

    /**
     * Appends a text field that holds no quote character, CR or LF (the caller knows: an
     * architecture string of a space checked once with
     * {@link org.rfsweep.space.CompiledSpace#archFreeOf}); the same bytes as {@link #text}, but a
     * field with the delimiter is quoted as soon as the delimiter is found, without reading the rest.
     */
    public ByteRowWriter cleanText(AsciiText value) {
        final int n = value.length();
        if (!minimalQuotes || !holds(value.bytes(), value.offset(), n, delimiter)) {
            return text(value);
        }
        ensure(n + 3);
        if (!newRecord) {
            bytes[length++] = delimiter;
        }
        bytes[length++] = '"';
        System.arraycopy(value.bytes(), value.offset(), bytes, length, n);
        length += n;
        bytes[length++] = '"';
        newRecord = false;
        return this;
    }

    private static boolean holds(byte[] b, int from, int n, byte wanted) {
        for (int i = from; i < from + n; i++) {
            if (b[i] == wanted) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bytes {@link #text} writes for {@code value} after a record's first field (Commons CSV
     * may quote a first field differently, an empty one for instance), for {@link #formatted}: the
     * sweep formats each input's text once.
     */
    public byte[] format(CharSequence value) {
        ByteRowWriter one = new ByteRowWriter(format);
        one.number(0).text(value);
        return Arrays.copyOfRange(one.bytes, 2, one.length);
    }

    /**
     * Appends {@code value}, whose {@link #format} is {@code field}: the same bytes as
     * {@code text(value)}, copied when the field is not the record's first.
     */
    public ByteRowWriter formatted(byte[] field, CharSequence value) {
        if (newRecord) {
            return text(value);
        }
        ensure(field.length + 1);
        bytes[length++] = delimiter;
        System.arraycopy(field, 0, bytes, length, field.length);
        length += field.length;
        return this;
    }

    /** Appends a number field. */
    @Override
    public ByteRowWriter number(long value) {
        ensure(21);
        final byte[] b = bytes;
        int at = length;
        if (!newRecord) {
            b[at++] = delimiter;
        }
        newRecord = false;
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                length = at;
                return ascii("-9223372036854775808");
            }
            b[at++] = '-';
            value = -value;
        }
        int end = at + digits(value);
        int pos = end;
        while (value > Integer.MAX_VALUE) {
            long q = value / 100;
            pos -= 2;
            PAIR.set(b, pos, PAIRS[(int) (value - q * 100)]);
            value = q;
        }
        int v = (int) value;
        while (v >= 100) {
            int q = v / 100;
            pos -= 2;
            PAIR.set(b, pos, PAIRS[v - q * 100]);
            v = q;
        }
        if (v >= 10) {
            PAIR.set(b, pos - 2, PAIRS[v]);
        } else {
            b[pos - 1] = (byte) ('0' + v);
        }
        length = end;
        return this;
    }

    /** Two bytes of a byte array as one short, to write two digits at once. */
    private static final VarHandle PAIR = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    /** "00" to "99": the two ASCII digits of {@code r} as a little-endian short (the tens first). */
    private static final short[] PAIRS = new short[100];
    /** {@code 10^i}, for counting digits. */
    private static final long[] POWERS = new long[19];

    static {
        for (int r = 0; r < 100; r++) {
            PAIRS[r] = (short) (('0' + r / 10) | ('0' + r % 10) << 8);
        }
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    /** Decimal digits of {@code v >= 0}: from the bit length, corrected by one comparison. */
    private static int digits(long v) {
        int guess = (64 - Long.numberOfLeadingZeros(v | 1)) * 1233 >>> 12;
        return guess < POWERS.length && v >= POWERS[guess] ? guess + 1 : Math.max(guess, 1);
    }

    /** Appends an empty field. */
    @Override
    public ByteRowWriter empty() {
        return text("");
    }

    /** Ends the record. */
    public void endRow() {
        ensure(separator.length);
        System.arraycopy(separator, 0, bytes, length, separator.length);
        length += separator.length;
        newRecord = true;
    }

    /** The bytes written since the last {@link #reset()}; valid up to {@link #length()}. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    /** Forgets the bytes written; the array is kept for reuse. */
    public void reset() {
        length = 0;
        newRecord = true;
    }

    @Override
    public Appendable append(CharSequence csq) {
        return append(csq, 0, csq.length());
    }

    @Override
    public Appendable append(CharSequence csq, int start, int end) {
        if (csq instanceof AsciiText) {
            AsciiText text = (AsciiText) csq;
            int n = end - start;
            ensure(n);
            System.arraycopy(text.bytes(), text.offset() + start, bytes, length, n);
            length += n;
            return this;
        }
        ensure(3 * (end - start));
        for (int i = start; i < end; i++) {
            char ch = csq.charAt(i);
            if (ch < 0x80) {
                bytes[length++] = (byte) ch;
            } else if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(csq.charAt(i + 1))) {
                ensure(4);
                utf8(Character.toCodePoint(ch, csq.charAt(++i)));
            } else {
                utf8(Character.isSurrogate(ch) ? '?' : ch);
            }
        }
        return this;
    }

    @Override
    public Appendable append(char ch) {
        ensure(3);
        if (ch < 0x80) {
            bytes[length++] = (byte) ch;
        } else {
            utf8(Character.isSurrogate(ch) ? '?' : ch);
        }
        return this;
    }

    private void utf8(int cp) {
        if (cp < 0x80) {
            bytes[length++] = (byte) cp;
        } else if (cp < 0x800) {
            bytes[length++] = (byte) (0xC0 | cp >> 6);
            bytes[length++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            bytes[length++] = (byte) (0xE0 | cp >> 12);
            bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
            bytes[length++] = (byte) (0x80 | cp & 0x3F);
        } else {
            bytes[length++] = (byte) (0xF0 | cp >> 18);
            bytes[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
            bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
            bytes[length++] = (byte) (0x80 | cp & 0x3F);
        }
    }

    private ByteRowWriter ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
