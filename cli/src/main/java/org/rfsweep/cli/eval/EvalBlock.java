package org.rfsweep.cli.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.rfsweep.cli.Echo;
import org.rfsweep.cli.format.JsonRows;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.ArchSyntaxException;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.eval.BatchEvaluator;
import org.rfsweep.core.eval.ErrorText;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.report.AsciiText;
import org.rfsweep.report.ByteRowWriter;
import org.rfsweep.report.Csv;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.report.NumberRow;

/**
 * One task's share of an {@link EvalChunk}: a block of rows parsed from their bytes
 * ({@link ArchParser#parseRecords(byte[], int, int)}: no strings, no {@code Network}), packed in a
 * {@link StackBatch}, evaluated by {@link BatchEvaluator} (the lanes or the scalar evaluator: {@link EvalPath}), and
 * formatted as CSV bytes ({@link ByteRowWriter}: the bytes Commons CSV would write) or JSON Lines.
 * Every buffer is reused from chunk to chunk. Not thread-safe: one task at a time.
 */
final class EvalBlock {
    private final MetricColumns columns;
    /** The JSON names of the columns, or null for CSV. */
    private final List<String> jsonNames;
    private final ArchParser parser = new ArchParser();
    private final StackBatch batch = new StackBatch();
    private final Metrics metrics;
    /** Per row of the block: its stack in {@link #batch}, or -1 when it has an error. */
    private final int[] slot;
    private final String[] error;
    private final ByteRowWriter csv;
    private final AsciiText view = new AsciiText();
    private final StringBuilder json = new StringBuilder();
    private byte[] jsonBytes = new byte[0];
    private int jsonLength;
    /** The last input field parsed, and its shape or error: a file's rows mostly share one input. */
    private byte[] lastInput;
    private InputShape lastShape;
    private String lastError;

    EvalBlock(int rows, MetricColumns columns, List<String> jsonNames) {
        this.columns = columns;
        this.jsonNames = jsonNames;
        this.metrics = new Metrics(rows);
        this.slot = new int[rows];
        this.error = new String[rows];
        this.csv = jsonNames == null ? new ByteRowWriter(Csv.WRITE.builder().get()) : null;
    }

    /**
     * Parses, evaluates and formats rows {@code [from, to)} of {@code chunk}; evaluates them on the
     * batch API's lanes where the JVM has them with {@code lanes}, else on the scalar evaluator.
     */
    void run(EvalChunk chunk, int from, int to, boolean ignore1x1, boolean lanes) {
        batch.clear();
        for (int i = from; i < to; i++) {
            add(chunk, i, i - from);
        }
        if (lanes) {
            BatchEvaluator.evaluateSequential(batch, metrics, ignore1x1);
        } else {
            BatchEvaluator.evaluateScalar(batch, metrics, ignore1x1, null);
        }
        if (jsonNames == null) {
            formatCsv(chunk, from, to);
        } else {
            formatJson(chunk, from, to);
        }
    }

    /** Parses row {@code i} (the block's row {@code r}) into the batch, or records its error. */
    private void add(EvalChunk chunk, int i, int r) {
        slot[r] = -1;
        error[r] = chunk.error(i);
        if (error[r] != null) {
            return;
        }
        final byte[] text = chunk.text();
        final int n;
        try {
            n = parser.parseRecords(text, chunk.archAt(i), chunk.archAt(i) + chunk.archLength(i));
        } catch (ArchSyntaxException e) {
            error[r] = e.getMessage();
            return;
        }
        final InputShape shape = shape(text, chunk.inputAt(i), chunk.inputLength(i));
        if (shape == null) {
            error[r] = lastError;
            return;
        }
        slot[r] = batch.add(parser.records(), 0, n, shape.h, shape.w, shape.c);
    }

    /** The shape of the input field {@code text[at, at+length)}, or null with {@link #lastError} set. */
    private InputShape shape(byte[] text, int at, int length) {
        if (lastInput == null || !Arrays.equals(text, at, at + length, lastInput, 0, lastInput.length)) {
            lastInput = Arrays.copyOfRange(text, at, at + length);
            try {
                lastShape = InputShape.parse(new String(lastInput, StandardCharsets.UTF_8));
                lastError = null;
            } catch (IllegalArgumentException e) {
                lastShape = null;
                lastError = e.getMessage();
            }
        }
        return lastShape;
    }

    /** The error of row {@code r}: the reader's or parser's, the engine's for an invalid network, or null. */
    private String errorOf(int r) {
        final int s = slot[r];
        if (s < 0 || metrics.valid(s)) {
            return error[r];
        }
        return ErrorText.describe(batch.records(), batch.offset(s), batch.count(s), batch.inputH(s), batch.inputW(s),
            batch.inputC(s), metrics.error[s], metrics.errorRecord[s], metrics.errorDetail[s]);
    }

    private void formatCsv(EvalChunk chunk, int from, int to) {
        final ByteRowWriter row = csv;
        row.reset();
        final byte[] text = chunk.text();
        for (int i = from; i < to; i++) {
            final int r = i - from;
            final int archAt = chunk.archAt(i);
            final int archLength = chunk.archLength(i);
            if (chunk.inputLength(i) > 0 && chunk.archQuotedAsIs(i)) {
                // What text(arch) writes for such a field, without its second scan: the arch starts the record,
                // so the raw bytes (Appendable.append) and the comma leave the writer at a record's start, where
                // a non-empty input is written as anywhere else.
                row.append('"');
                row.append(view.wrap(text, archAt, archLength));
                row.append('"');
                row.append(',');
            } else {
                row.text(field(text, archAt, archLength));
            }
            row.text(field(text, chunk.inputAt(i), chunk.inputLength(i)));
            result(row, r);
            row.endRow();
        }
    }

    /**
     * The fields after the input of row {@code r}, in either format: its metric columns, the
     * unproductive count and an empty error; or, for a row in error, empty fields and the message.
     */
    private void result(NumberRow row, int r) {
        final String message = errorOf(r);
        if (message == null) {
            columns.append(row, metrics, slot[r]);
            row.number(metrics.unproductive[slot[r]]).empty();
        } else {
            for (int c = 0; c <= columns.size(); c++) {
                row.empty();
            }
            row.text(Echo.cap(message));
        }
    }

    /** The field's bytes as text: a view when they are ASCII, else decoded. */
    private CharSequence field(byte[] text, int at, int length) {
        int high = 0;
        for (int i = at; i < at + length; i++) {
            high |= text[i];
        }
        return high >= 0 ? view.wrap(text, at, length) : new String(text, at, length, StandardCharsets.UTF_8);
    }

    private void formatJson(EvalChunk chunk, int from, int to) {
        json.setLength(0);
        final JsonRows row = JsonRows.linesInto(json, jsonNames);
        final byte[] text = chunk.text();
        try {
            for (int i = from; i < to; i++) {
                final int r = i - from;
                row.text(new String(text, chunk.archAt(i), chunk.archLength(i), StandardCharsets.UTF_8));
                row.text(new String(text, chunk.inputAt(i), chunk.inputLength(i), StandardCharsets.UTF_8));
                result(row, r);
                row.endRow();
            }
        } catch (IOException e) {
            throw new AssertionError("a StringBuilder cannot fail", e);
        }
        jsonBytes = json.toString().getBytes(StandardCharsets.UTF_8);
        jsonLength = jsonBytes.length;
    }

    /** The formatted rows, up to {@link #length()}. */
    byte[] bytes() {
        return jsonNames == null ? csv.bytes() : jsonBytes;
    }

    int length() {
        return jsonNames == null ? csv.length() : jsonLength;
    }
}
