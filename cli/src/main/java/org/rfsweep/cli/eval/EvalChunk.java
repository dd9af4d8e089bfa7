package org.rfsweep.cli.eval;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.rfsweep.cli.Echo;
import org.rfsweep.cli.format.CsvRows;
import org.rfsweep.cli.format.JsonRows;
import org.rfsweep.cli.format.RowWriter;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.ArchSyntaxException;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.BatchEvaluator;
import org.rfsweep.core.eval.ErrorText;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.parallel.Ranges;
import org.rfsweep.report.CsvRowWriter;
import org.rfsweep.report.MetricColumns;

/**
 * Up to {@link #capacity} rows of an eval input, taken through these steps:
 * <ol>
 *   <li>{@link #parse}: each row's arch and input are parsed (a bad one gets its error);</li>
 *   <li>{@link #evaluate}: the good rows are packed in a {@link StackBatch} and evaluated by
 *       {@link BatchEvaluator};</li>
 *   <li>{@link #format}: each invalid network gets its one-line message, and every row is
 *       formatted as CSV (or JSON Lines) text into the buffer of its block of {@link #BLOCK} rows;</li>
 *   <li>{@link #write}: the blocks are passed to the output in input order, by one thread.</li>
 * </ol>
 * Steps 1, 3 and (inside {@link BatchEvaluator}) 2 run on the pool over disjoint blocks of
 * rows. Every row's text depends only on the row, so the output is the same for any pool size.
 * Reused from chunk to chunk; not thread-safe (the steps use the pool internally).
 */
final class EvalChunk {
    /** Rows per parallel task. */
    static final int BLOCK = 256;

    final int capacity;
    int size;
    final String[] arch;
    final String[] input;
    /** The row's error, or null while it is good. */
    final String[] error;
    /** Parsed networks, from {@link #parse} until they are packed in {@link #evaluate}. */
    private final Network[] nets;
    private final InputShape[] shapes;
    /** Index of the row in the batch and metrics, or -1 when it was not evaluated. */
    private final int[] slot;
    private final Metrics metrics;
    /** The good rows' stacks, reused from chunk to chunk. */
    private final StackBatch batch = new StackBatch();
    /** CSV text of each block of rows. */
    private final StringBuilder[] text;

    EvalChunk(int capacity) {
        this.capacity = capacity;
        arch = new String[capacity];
        input = new String[capacity];
        error = new String[capacity];
        nets = new Network[capacity];
        shapes = new InputShape[capacity];
        slot = new int[capacity];
        metrics = new Metrics(capacity);
        text = new StringBuilder[(capacity + BLOCK - 1) / BLOCK];
    }

    void clear() {
        Arrays.fill(arch, 0, size, null);
        Arrays.fill(input, 0, size, null);
        Arrays.fill(error, 0, size, null);
        Arrays.fill(shapes, 0, size, null);
        size = 0;
    }

    void parse(ForkJoinPool pool) {
        forEachBlock(pool, this::parseBlock);
    }

    private void parseBlock(int block, int from, int to) {
        ArchParser parser = new ArchParser();
        Map<String, InputShape> known = new HashMap<>();
        for (int i = from; i < to; i++) {
            if (error[i] != null) {
                continue;
            }
            try {
                nets[i] = parser.parseNetwork(arch[i]);
            } catch (ArchSyntaxException e) {
                error[i] = e.getMessage();
                continue;
            }
            InputShape shape = known.get(input[i]);
            if (shape == null) {
                try {
                    shape = InputShape.parse(input[i]);
                } catch (IllegalArgumentException e) {
                    error[i] = e.getMessage();
                    continue;
                }
                known.put(input[i], shape);
            }
            shapes[i] = shape;
        }
    }

    void evaluate(ForkJoinPool pool, boolean ignore1x1) {
        batch.clear();
        for (int i = 0; i < size; i++) {
            slot[i] = error[i] == null ? batch.add(nets[i], shapes[i]) : -1;
            nets[i] = null;
        }
        BatchEvaluator.evaluate(batch, metrics, ignore1x1, pool);
    }

    /** Formats every row as CSV, or with {@code jsonNames} as JSON Lines. */
    void format(ForkJoinPool pool, MetricColumns columns, List<String> jsonNames) {
        forEachBlock(pool, (block, from, to) -> formatBlock(block, from, to, columns, jsonNames));
    }

    private void formatBlock(int block, int from, int to, MetricColumns columns, List<String> jsonNames) {
        if (text[block] == null) {
            text[block] = new StringBuilder(BLOCK * 256);
        }
        StringBuilder sb = text[block];
        sb.setLength(0);
        RowWriter row = jsonNames != null ? JsonRows.linesInto(sb, jsonNames) : CsvRows.into(sb);
        for (int i = from; i < to; i++) {
            int s = slot[i];
            if (s >= 0 && !metrics.valid(s)) {
                error[i] = describe(i, s);
            }
            row.text(arch[i]).text(input[i]);
            if (error[i] == null) {
                columns.append(row, metrics, s);
                row.number(metrics.unproductive[s]).empty();
            } else {
                for (int c = 0; c < columns.size(); c++) {
                    row.empty();
                }
                row.empty().text(Echo.cap(error[i]));
            }
            try {
                row.endRow();
            } catch (IOException e) {
                throw new AssertionError("a StringBuilder cannot fail", e);
            }
        }
    }

    /** The engine's message for row {@code i}, evaluated into slot {@code s}; re-parses the row (errors are rare). */
    private String describe(int i, int s) {
        Network net = ArchParser.parse(arch[i]);
        InputShape in = shapes[i];
        return ErrorText.describe(net.records(), 0, net.count(), in.h, in.w, in.c, metrics.error[s],
            metrics.errorRecord[s], metrics.errorDetail[s]);
    }

    /** Passes the formatted rows to {@code out}, in order. */
    void write(CsvRowWriter out) throws IOException {
        for (int block = 0; block * BLOCK < size; block++) {
            out.records(text[block]);
        }
    }

    private void forEachBlock(ForkJoinPool pool, BlockTask task) {
        Ranges.forEach(pool, (size + BLOCK - 1) / BLOCK,
            block -> task.run(block, block * BLOCK, Math.min(size, (block + 1) * BLOCK)));
    }

    /** Work on block {@code block}: rows {@code [from, to)}; blocks write disjoint rows. */
    private interface BlockTask {
        void run(int block, int from, int to);
    }
}
