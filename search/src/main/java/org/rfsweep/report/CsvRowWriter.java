package org.rfsweep.report;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes CSV records field by field into a reused buffer and hands the buffer to a
 * {@link Writer} in large blocks: the writer behind every rfsweep CSV.
 *
 * <p>Text fields go through Commons CSV ({@link CSVFormat#print(Object, Appendable, boolean)}),
 * but for the common cases that {@link PlainField} decides the same way without it, so quoting is
 * exactly Commons CSV's; numbers are appended as digits, which never need quotes.
 * The output is byte for byte what a {@code CSVPrinter} with the same format would write, but a
 * numeric field costs no boxing, no {@code String} and no lock beyond the buffer append.
 *
 * <pre>
 *   try (CsvRowWriter row = new CsvRowWriter(writer)) {
 *       row.header(columns.names());
 *       for (int slot = 0; slot &lt; n; slot++) {
 *           row.text(arch[slot]);
 *           columns.append(row, metrics, slot);
 *           row.endRow();
 *       }
 *   }
 * </pre>
 *
 * To format rows on several threads, give each block of rows its own {@link #into(StringBuilder)}
 * writer and pass the builders to the output in order.
 *
 * <p>Not thread-safe: one writer per output, fed in order.
 */
public final class CsvRowWriter implements NumberRow, Flushable, Closeable {
    /** Buffered characters after which {@link #endRow()} passes the block to the writer. */
    static final int BLOCK = 1 << 16;

    private final Writer out;
    private final CSVFormat format;
    private final char delimiter;
    private final String recordSeparator;
    private final StringBuilder buffer;
    private char[] block;
    private boolean newRecord = true;
    /** True when the format quotes as {@link CSVFormat#DEFAULT} does, so {@link #appendPlain} applies. */
    private final boolean minimalQuotes;

    /** A writer of {@link Csv#WRITE} records. */
    public CsvRowWriter(Writer out) {
        this(out, Csv.WRITE);
    }

    /** A writer of {@code format} records; the format must have a single-character delimiter. */
    public CsvRowWriter(Writer out, CSVFormat format) {
        this(out, format, new StringBuilder(BLOCK + 4096));
        this.block = new char[BLOCK + 4096];
    }

    private CsvRowWriter(Writer out, CSVFormat format, StringBuilder buffer) {
        if (format.getDelimiterString().length() != 1) {
            throw new IllegalArgumentException("delimiter=" + format.getDelimiterString() + " must be one character");
        }
        this.out = out;
        this.format = format;
        this.delimiter = format.getDelimiterString().charAt(0);
        this.recordSeparator = format.getRecordSeparator();
        this.buffer = buffer;
        this.minimalQuotes = PlainField.applies(format, delimiter);
    }

    /**
     * A writer of {@link Csv#WRITE} records that only appends to {@code target}; {@link #flush()}
     * and {@link #close()} do nothing.
     */
    public static CsvRowWriter into(StringBuilder target) {
        return new CsvRowWriter(null, Csv.WRITE, target);
    }

    /** Writes one record of names. */
    public void header(Iterable<String> names) throws IOException {
        for (String name : names) {
            text(name);
        }
        endRow();
    }

    /** Appends a text field, quoted as Commons CSV would quote it. */
    @Override
    public CsvRowWriter text(CharSequence value) {
        if (appendPlain(value)) {
            newRecord = false;
            return this;
        }
        try {
            format.print(value, buffer, newRecord);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder cannot fail", e);
        }
        newRecord = false;
        return this;
    }

    /** The common cases without Commons CSV ({@link PlainField}); false, having appended nothing, for others. */
    private boolean appendPlain(CharSequence value) {
        int kind = minimalQuotes ? PlainField.kind(value, delimiter) : PlainField.OTHER;
        if (kind == PlainField.OTHER) {
            return false;
        }
        if (!newRecord) {
            buffer.append(delimiter);
        }
        if (kind == PlainField.QUOTED) {
            buffer.append('"').append(value).append('"');
        } else {
            buffer.append(value);
        }
        return true;
    }

    /** Appends a number field. */
    @Override
    public CsvRowWriter number(long value) {
        if (!newRecord) {
            buffer.append(delimiter);
        }
        buffer.append(value);
        newRecord = false;
        return this;
    }

    /** Appends an empty field. */
    @Override
    public CsvRowWriter empty() {
        return text("");
    }

    /** Ends the record; passes the buffer on once it holds a block. */
    public void endRow() throws IOException {
        buffer.append(recordSeparator);
        newRecord = true;
        if (out != null && buffer.length() >= BLOCK) {
            drain();
        }
    }

    /** Appends whole records formatted by an {@link #into} writer; no record may be open. */
    public void records(CharSequence formatted) throws IOException {
        if (!newRecord) {
            throw new IllegalStateException("a record is open: end it before appending whole records");
        }
        buffer.append(formatted);
        if (out != null && buffer.length() >= BLOCK) {
            drain();
        }
    }

    /** Passes every ended record and any started one to the writer, and flushes it. */
    @Override
    public void flush() throws IOException {
        if (out != null) {
            drain();
            out.flush();
        }
    }

    /** Flushes; does not close the underlying writer, which belongs to the caller. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private void drain() throws IOException {
        int n = buffer.length();
        if (n == 0) {
            return;
        }
        if (block.length < n) {
            block = new char[n];
        }
        buffer.getChars(0, n, block, 0);
        out.write(block, 0, n);
        buffer.setLength(0);
    }
}
