package org.rfsweep.report;

import java.nio.charset.StandardCharsets;

/**
 * A {@link CharSequence} view over ASCII bytes, {@code bytes[offset .. offset+length)}:
 * re-pointed with {@link #wrap} (no allocation), so a text field already held as bytes can go
 * through {@link ByteRowWriter#text} and be copied as bytes. The bytes must be ASCII. Not
 * thread-safe; the bytes are not copied.
 */
public final class AsciiText implements CharSequence {
    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    /** Points this view at {@code bytes[offset .. offset+length)}. */
    public AsciiText wrap(byte[] source, int start, int count) {
        bytes = source;
        offset = start;
        length = count;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) bytes[offset + index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(bytes, offset + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    byte[] bytes() {
        return bytes;
    }

    int offset() {
        return offset;
    }
}
