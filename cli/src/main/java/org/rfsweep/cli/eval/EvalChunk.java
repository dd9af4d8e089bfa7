package org.rfsweep.cli.eval;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.rfsweep.core.parallel.Ranges;
import org.rfsweep.report.MetricColumns;

/**
 * Up to {@link #capacity} rows of an eval input, as the bytes of their {@code arch} and
 * {@code input} fields (filled by {@link EvalInput} on the reader thread), taken through
 * {@link #process}: each block of {@link #BLOCK} rows is parsed, evaluated and formatted by one
 * task on the pool ({@link EvalBlock}), and {@link #write} passes the blocks' bytes to the output
 * in input order. Every row's text depends only on the row, so the output is the same for any pool
 * size. Reused from chunk to chunk; not thread-safe (the pool works on disjoint blocks).
 */
final class EvalChunk {
    /** Rows per parallel task: several lane blocks of the batch evaluator, few enough to balance. */
    static final int BLOCK = 512;

    final int capacity;
    int size;
    /** The fields' bytes, back to back. */
    private byte[] text = new byte[1 << 16];
    private int used;
    private final int[] archAt;
    private final int[] archLength;
    private final int[] inputAt;
    private final int[] inputLength;
    /** Per row: the arch was quoted in the input, with neither a quote nor a line end inside. */
    private final boolean[] plainQuoted;
    /** True when every field of the chunk is ASCII. */
    private boolean ascii;
    /** The reader's error of a row (a row that does not fit the header), or null. */
    private final String[] error;
    private final EvalBlock[] blocks;

    EvalChunk(int capacity) {
        this.capacity = capacity;
        archAt = new int[capacity];
        archLength = new int[capacity];
        inputAt = new int[capacity];
        inputLength = new int[capacity];
        error = new String[capacity];
        plainQuoted = new boolean[capacity];
        blocks = new EvalBlock[(capacity + BLOCK - 1) / BLOCK];
    }

    void clear() {
        Arrays.fill(error, 0, size, null);
        size = 0;
        used = 0;
    }

    /** Appends a row: its arch {@code archBytes[archFrom, archTo)}, input likewise, and the reader's error or null. */
    void add(byte[] archBytes, int archFrom, int archTo, byte[] inputBytes, int inputFrom, int inputTo,
             String rowError) {
        final int i = size++;
        archAt[i] = copy(archBytes, archFrom, archTo);
        archLength[i] = archTo - archFrom;
        inputAt[i] = copy(inputBytes, inputFrom, inputTo);
        inputLength[i] = inputTo - inputFrom;
        error[i] = rowError;
    }

    private int copy(byte[] src, int from, int to) {
        final int n = to - from;
        if (used + n > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, used + n));
        }
        System.arraycopy(src, from, text, used, n);
        final int at = used;
        used += n;
        return at;
    }

    /** Marks the row added last: its arch was quoted plainly in the input ({@code CsvBytes.plainQuoted}). */
    void plainQuoted(boolean plain) {
        plainQuoted[size - 1] = plain;
    }

    /** Says whether every field of the chunk is ASCII (the reader's view at the end of the fill). */
    void ascii(boolean all) {
        ascii = all;
    }

    /**
     * True when Commons CSV's minimal quoting writes row {@code row}'s arch between two quotes
     * with nothing escaped: ASCII, quoted plainly in the input (no quote, CR or LF), and a comma inside.
     */
    boolean archQuotedAsIs(int row) {
        if (!ascii || !plainQuoted[row]) {
            return false;
        }
        for (int i = archAt[row]; i < archAt[row] + archLength[row]; i++) {
            if (text[i] == ',') {
                return true;
            }
        }
        return false;
    }

    byte[] text() {
        return text;
    }

    int archAt(int row) {
        return archAt[row];
    }

    int archLength(int row) {
        return archLength[row];
    }

    int inputAt(int row) {
        return inputAt[row];
    }

    int inputLength(int row) {
        return inputLength[row];
    }

    String error(int row) {
        return error[row];
    }

    /**
     * Parses, evaluates and formats every row on {@code pool}, one {@link EvalBlock} per
     * {@link #BLOCK} rows: CSV, or with {@code jsonNames} JSON Lines; on the lanes with {@code lanes}.
     */
    void process(ForkJoinPool pool, boolean ignore1x1, MetricColumns columns, List<String> jsonNames, boolean lanes) {
        final int count = (size + BLOCK - 1) / BLOCK;
        for (int b = 0; b < count; b++) {
            if (blocks[b] == null) {
                blocks[b] = new EvalBlock(BLOCK, columns, jsonNames);
            }
        }
        Ranges.forEach(pool, count,
            b -> blocks[b].run(this, b * BLOCK, Math.min(size, (b + 1) * BLOCK), ignore1x1, lanes));
    }

    /** Passes the formatted rows to {@code out}, in order. */
    void write(EvalCommand.Sink out) throws IOException {
        for (int b = 0; b * BLOCK < size; b++) {
            out.write(blocks[b].bytes(), blocks[b].length());
        }
    }
}
