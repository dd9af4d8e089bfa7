package org.rfsweep.sweep;

import java.math.BigInteger;
import java.util.Arrays;
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.Snapshots;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.report.AsciiText;
import org.rfsweep.report.ByteRowWriter;
import org.rfsweep.report.Csv;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.constraint.ConstraintSet;

/**
 * One chunk of a sweep, {@code from..to-1}, and everything needed to run it: a decoder, an
 * evaluator, a one-slot {@link Metrics}, and the chunk's CSV rows as bytes. The engine keeps a
 * ring of chunks and reuses each once its bytes are written, so buffers are allocated once per
 * ring slot, never per candidate. Per candidate: decode (or sample), evaluate, test the
 * constraints, and only for a kept candidate format its row (the architecture string is
 * assembled from the precomputed texts of the chosen table entries, then quoted as Commons CSV
 * would quote it).
 *
 * <p>Confined: one thread runs it, then (after the pool's happens-before) the writer reads it.
 */
final class Chunk implements Runnable {
    /**
     * The system property that turns prefix reuse in enumeration off ({@code -Drfsweep.prefixReuse=false}),
     * to measure what it buys; results are the same either way.
     */
    static final String PREFIX_REUSE = "rfsweep.prefixReuse";

    private final boolean enumerate;
    private final long seed;
    private final BigInteger base;
    private final Decoder decoder;
    private final StackEvaluator evaluator;
    /** The evaluation state per record of the last candidate, when enumerating with prefix reuse; else null. */
    private final Snapshots snapshots;
    private final Metrics metrics = new Metrics(1);
    private final ConstraintSet constraints;
    private final MetricColumns columns;
    private final String[] inputText;
    private final ByteRowWriter row;
    private final byte[] archBytes;
    private final AsciiText arch = new AsciiText();
    /** The written columns (positions in {@link SweepPlan#allColumnNames()}), or null for all. */
    private final int[] selected;
    private final int unproductiveColumn;
    final long[] invalid = new long[ErrorCode.COUNT];
    long from;
    long to;
    long kept;

    Chunk(SweepPlan plan) {
        CompiledSpace space = plan.space();
        this.enumerate = plan.mode() == SweepPlan.Mode.ENUMERATE;
        this.seed = plan.seed();
        this.base = plan.base().signum() == 0 ? null : plan.base();
        this.decoder = space.decoder();
        this.evaluator = new StackEvaluator(plan.ignore1x1());
        boolean reuse = enumerate && !"false".equals(System.getProperty(PREFIX_REUSE));
        this.snapshots = reuse ? new Snapshots(Math.max(1, decoder.records().length / Layer.INTS)) : null;
        this.constraints = plan.constraints();
        this.columns = plan.columns();
        this.selected = plan.selectedColumns();
        this.unproductiveColumn = plan.allColumnNames().size() - 1;
        this.inputText = new String[space.inputCount()];
        for (int x = 0; x < inputText.length; x++) {
            inputText[x] = space.inputText(x);
        }
        this.archBytes = new byte[space.maxArchBytes()];
        // CSVFormat.print is synchronized: each chunk gets its own, equal, format.
        this.row = new ByteRowWriter(Csv.WRITE.builder().get());
    }

    void reset(long fromIndex, long toIndex) {
        from = fromIndex;
        to = toIndex;
        kept = 0;
        Arrays.fill(invalid, 0);
        row.reset();
    }

    @Override
    public void run() {
        final Decoder dec = decoder;
        final Metrics m = metrics;
        final int[] records = dec.records();
        if (enumerate) {
            if (base == null) {
                dec.decode(from);
            } else {
                dec.decode(base.add(BigInteger.valueOf(from)));
            }
        }
        for (long i = from; i < to; i++) {
            if (!enumerate) {
                dec.sample(seed, i);
            } else if (i != from) {
                dec.next();
            }
            if (!evaluate(dec, records, m, i == from ? 0 : dec.firstChanged())) {
                invalid[m.error[0]]++;
                continue;
            }
            int x = dec.input();
            if (!constraints.test(m, 0, x)) {
                continue;
            }
            kept++;
            writeRow(i, x);
        }
    }

    /**
     * Evaluates the decoded candidate; with prefix reuse, from the first record that differs from
     * the previous candidate's ({@code changed}; 0 at the chunk's start, so chunks start from scratch).
     */
    private boolean evaluate(Decoder dec, int[] records, Metrics m, int changed) {
        if (snapshots == null) {
            return evaluator.evaluate(records, 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0);
        }
        return evaluator.evaluateFrom(records, 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0,
            snapshots, changed);
    }

    private void writeRow(long index, int input) {
        if (selected != null) {
            writeSelected(index, input);
            return;
        }
        int n = decoder.arch(archBytes);
        if (base == null) {
            row.number(index);
        } else {
            row.text(base.add(BigInteger.valueOf(index)).toString());
        }
        row.text(arch.wrap(archBytes, 0, n)).text(inputText[input]);
        columns.append(row, metrics, 0);
        row.number(metrics.unproductive[0]);
        row.endRow();
    }

    /** The row with the selected columns only; the arch is assembled only when it is one of them. */
    private void writeSelected(long index, int input) {
        for (int column : selected) {
            if (column == 0) {
                row.number(index);
            } else if (column == 1) {
                int n = decoder.arch(archBytes);
                row.text(arch.wrap(archBytes, 0, n));
            } else if (column == 2) {
                row.text(inputText[input]);
            } else if (column == unproductiveColumn) {
                row.number(metrics.unproductive[0]);
            } else {
                row.number(columns.value(column - 3, metrics, 0));
            }
        }
        row.endRow();
    }

    byte[] bytes() {
        return row.bytes();
    }

    int length() {
        return row.length();
    }

    /** The header line's bytes. */
    static byte[] header(SweepPlan plan) {
        ByteRowWriter w = new ByteRowWriter(Csv.WRITE.builder().get());
        w.header(plan.columnNames());
        return Arrays.copyOf(w.bytes(), w.length());
    }
}
