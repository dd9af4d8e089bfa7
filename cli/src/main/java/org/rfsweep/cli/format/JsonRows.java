package org.rfsweep.cli.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RowWriter} that writes each row as a JSON object keyed by the column names, through
 * Jackson's streaming generator. Two layouts, one object per line in both:
 *
 * <pre>
 *   array (analyze, search):        lines (eval, JSON Lines):
 *   [                               {"arch":"conv(k=3,c=8)","input":"32x32x3",...}
 *   {"layer":1,"op":"conv(...)"},   {"arch":"gap","input":"8x8x3",...}
 *   {"layer":2,"op":"maxpool(...)"}
 *   ]
 * </pre>
 *
 * Numbers are JSON numbers, empty fields {@code null}. Not thread-safe.
 */
public final class JsonRows implements RowWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator json;
    private final boolean lines;
    private List<String> names = List.of();
    private int field;

    private JsonRows(Writer out, boolean lines) {
        try {
            this.json = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.json.setPrettyPrinter(new OneRowPerLine());
        this.lines = lines;
    }

    /** One JSON array of row objects. */
    public static JsonRows array(Writer out) {
        return new JsonRows(out, false);
    }

    /** JSON Lines: one object per line, no enclosing array. */
    public static JsonRows lines(Writer out) {
        return new JsonRows(out, true);
    }

    /** JSON Lines with {@code columns} appended to {@code target}, for blocks of rows formatted on several threads. */
    public static JsonRows linesInto(StringBuilder target, List<String> columns) {
        JsonRows rows = new JsonRows(new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                target.append(buf, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }, true);
        rows.names = List.copyOf(columns);
        return rows;
    }

    @Override
    public void header(List<String> columns) throws IOException {
        this.names = new ArrayList<>(columns);
        if (!lines) {
            json.writeStartArray();
        }
    }

    private String next() throws IOException {
        if (field == 0) {
            json.writeStartObject();
        }
        return names.get(field++);
    }

    @Override
    public JsonRows text(CharSequence value) {
        return field(name -> json.writeStringField(name, value.toString()));
    }

    @Override
    public JsonRows number(long value) {
        return field(name -> json.writeNumberField(name, value));
    }

    @Override
    public JsonRows half(long twice) {
        if ((twice & 1) == 0) {
            return number(twice / 2);
        }
        return decimal(new BigDecimal(RowWriter.halfText(twice)));
    }

    @Override
    public JsonRows decimal(BigDecimal value) {
        return field(name -> json.writeNumberField(name, value));
    }

    @Override
    public JsonRows empty() {
        return field(json::writeNullField);
    }

    /** Writes the next column's field; Jackson's {@link IOException} becomes unchecked, as the row API has it. */
    private JsonRows field(Field write) {
        try {
            write.to(next());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** One field's value, written under its column's name. */
    @FunctionalInterface
    private interface Field {
        void to(String name) throws IOException;
    }

    @Override
    public void endRow() throws IOException {
        if (field != names.size()) {
            throw new IllegalStateException("row of " + field + " fields for " + names.size() + " columns");
        }
        json.writeEndObject();
        field = 0;
        if (lines) {
            json.writeRaw('\n');
            json.flush();
        }
    }

    @Override
    public void finish() throws IOException {
        if (!lines) {
            json.writeEndArray();
            json.writeRaw('\n');
        }
        json.flush();
    }

    /**
     * Compact objects, one per line: {@code [}, newline, objects separated by comma and newline, newline,
     * {@code ]}.
     */
    private static final class OneRowPerLine extends MinimalPrettyPrinter {
        private static final long serialVersionUID = 1L;

        OneRowPerLine() {
            super("");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw("[\n");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(values == 0 ? "]" : "\n]");
        }
    }
}
