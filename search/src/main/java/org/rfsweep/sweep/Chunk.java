package org.rfsweep.sweep;

import java.math.BigInteger;
import java.util.Arrays;
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.lanes.LaneBatch;
import org.rfsweep.core.lanes.LaneEvaluator;
import org.rfsweep.report.AsciiText;
import org.rfsweep.report.ByteRowWriter;
import org.rfsweep.report.Csv;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.space.LaneFill;
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
    /** The enumerated candidates in blocks (with or without prefix reuse), or null when sampling. */
    private final PrefixEnumeration enumeration;
    private final Metrics metrics;
    /** The lanes path of a sampled chunk, or null for one candidate at a time. */
    private final LaneFill fill;
    private final LaneBatch block;
    private final LaneEvaluator laneEvaluator;
    /** Per lane: the candidate's choices ({@link Decoder#choiceInts()} each), in the lanes or not, to redo or not. */
    private final int[] choices;
    /** Per lane: the records of its candidate that the lane holds ({@link LaneFill#fill}), 0 for none. */
    private final int[] inLanes;
    private final boolean[] redo;
    /** Per lane, the numbers of its records in {@link LaneFill#table()}. */
    private final int[] ids;
    private final ConstraintSet constraints;
    private final MetricColumns columns;
    private final String[] inputText;
    /** Per input, its text as a formatted field ({@link ByteRowWriter#format}). */
    private final byte[][] inputField;
    private final ByteRowWriter row;
    private final byte[] archBytes;
    private final AsciiText arch = new AsciiText();
    /** True when no arch of the space holds a quote, CR or LF: {@link ByteRowWriter#cleanText} writes it. */
    private final boolean cleanArch;
    /** The written columns (positions in {@link SweepPlan#allColumnNames()}), or null for all. */
    private final int[] selected;
    private final int unproductiveColumn;
    final long[] invalid = new long[ErrorCode.COUNT];
    long from;
    long to;
    long kept;

    /** A chunk of {@code plan}; {@code lanes} (null for none) takes a sampled chunk's candidates to the SIMD lanes. */
    Chunk(SweepPlan plan, LaneFill lanes) {
        CompiledSpace space = plan.space();
        this.enumerate = plan.mode() == SweepPlan.Mode.ENUMERATE;
        this.seed = plan.seed();
        this.base = plan.base().signum() == 0 ? null : plan.base();
        this.decoder = space.decoder();
        this.evaluator = new StackEvaluator(plan.ignore1x1());
        this.enumeration = enumerate
            ? new PrefixEnumeration(decoder, evaluator, !"false".equals(System.getProperty(PREFIX_REUSE))) : null;
        this.fill = enumerate ? null : lanes;
        this.metrics = enumerate ? enumeration.metrics() : new Metrics(fill == null ? 1 : LaneBatch.LANES);
        this.block = fill == null ? null : LaneBatch.block(fill.maxLayers());
        this.laneEvaluator = fill == null ? null : new LaneEvaluator(plan.ignore1x1());
        this.choices = fill == null ? null : new int[LaneBatch.LANES * decoder.choiceInts()];
        this.inLanes = fill == null ? null : new int[LaneBatch.LANES];
        this.redo = fill == null ? null : new boolean[LaneBatch.LANES];
        this.ids = fill == null ? null : new int[LaneBatch.LANES * fill.maxLayers()];
        this.constraints = plan.constraints();
        this.columns = plan.columns();
        this.selected = plan.selectedColumns();
        this.unproductiveColumn = plan.allColumnNames().size() - 1;
        this.archBytes = new byte[space.maxArchBytes()];
        this.cleanArch = space.archFreeOf("\"\r\n");
        // CSVFormat.print is synchronized: each chunk gets its own, equal, format.
        this.row = new ByteRowWriter(Csv.WRITE.builder().get());
        this.inputText = new String[space.inputCount()];
        this.inputField = new byte[space.inputCount()][];
        for (int x = 0; x < inputField.length; x++) {
            inputText[x] = space.inputText(x);
            inputField[x] = row.format(inputText[x]);
        }
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
        if (fill != null) {
            runLanes();
            return;
        }
        if (enumerate) {
            runEnumerated();
            return;
        }
        final Decoder dec = decoder;
        final Metrics m = metrics;
        for (long i = from; i < to; i++) {
            dec.sample(seed, i);
            if (!evaluator.evaluate(dec.records(), 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0)) {
                invalid[m.error[0]]++;
                continue;
            }
            int x = dec.input();
            if (!constraints.test(m, 0, x)) {
                continue;
            }
            kept++;
            writeRow(i, x, 0, -1);
        }
    }

    /**
     * The enumerated chunk in blocks of {@link PrefixEnumeration}: the chunk's first candidate
     * from scratch, the rest reusing what they share with the candidate before (see there).
     */
    private void runEnumerated() {
        final PrefixEnumeration e = enumeration;
        final Metrics m = metrics;
        if (base == null) {
            e.start(from);
        } else {
            e.start(base.add(BigInteger.valueOf(from)));
        }
        for (long i = from; i < to; ) {
            final int n = e.next(to - i);
            final int x = decoder.input();
            for (int k = 0; k < n; k++) {
                if (m.error[k] != ErrorCode.OK) {
                    invalid[m.error[k]]++;
                } else if (constraints.test(m, k, x)) {
                    kept++;
                    e.select(k);
                    writeRow(i + k, x, k, -1);
                }
            }
            i += n;
        }
    }

    /** The sampled chunk in blocks of lanes (see the class comment). */
    private void runLanes() {
        final Decoder dec = decoder;
        final Metrics m = metrics;
        final int width = dec.choiceInts();
        for (long start = from; start < to; start += LaneBatch.LANES) {
            final int n = (int) Math.min(LaneBatch.LANES, to - start);
            // While the kernel is not compiled yet, most blocks take the scalar evaluator (LaneEvaluator.throttled).
            final boolean scalar = laneEvaluator.throttled();
            for (int lane = 0; lane < LaneBatch.LANES; lane++) {
                if (lane < n) {
                    dec.sampleChoices(seed, start + lane, choices, lane * width);
                    inLanes[lane] = scalar ? 0 : fill.fill(choices, lane * width, block, lane, ids);
                } else {
                    block.empty(lane);
                }
            }
            if (!scalar) {
                block.gather(fill.table(), ids, fill.maxLayers());
                laneEvaluator.evaluateFilled(block, m, redo);
            }
            for (int lane = 0; lane < n; lane++) {
                if (inLanes[lane] == 0 || redo[lane]) {
                    dec.loadChoices(choices, lane * width);
                    evaluator.evaluate(dec.records(), 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m,
                        lane);
                } else {
                    fill.finish(evaluator, choices, lane * width, inLanes[lane], m, lane);
                }
                if (m.error[lane] != ErrorCode.OK) {
                    invalid[m.error[lane]]++;
                    continue;
                }
                final int x = choices[lane * width];
                if (!constraints.test(m, lane, x)) {
                    continue;
                }
                kept++;
                writeRow(start + lane, x, lane, lane * width);
            }
        }
    }

    /** The arch into {@link #archBytes}: the decoder's current candidate's ({@code choice < 0}) or a lane's. */
    private int buildArch(int choice) {
        return choice < 0 ? decoder.arch(archBytes) : decoder.arch(choices, choice, archBytes);
    }

    /** Appends the arch field, the first {@code n} bytes of {@link #archBytes}. */
    private ByteRowWriter archText(int n) {
        return cleanArch ? row.cleanText(arch.wrap(archBytes, 0, n)) : row.text(arch.wrap(archBytes, 0, n));
    }

    /** The row of the candidate in {@code slot} of {@link #metrics}; {@code choice}: see {@link #buildArch}. */
    private void writeRow(long index, int input, int slot, int choice) {
        final Metrics m = metrics;
        if (selected != null) {
            writeSelected(index, input, slot, choice);
            return;
        }
        int n = buildArch(choice);
        if (base == null) {
            row.number(index);
        } else {
            row.text(base.add(BigInteger.valueOf(index)).toString());
        }
        archText(n).formatted(inputField[input], inputText[input]);
        columns.append(row, m, slot);
        row.number(m.unproductive[slot]);
        row.endRow();
    }

    /** The row with the selected columns only; the arch is assembled only when it is one of them. */
    private void writeSelected(long index, int input, int slot, int choice) {
        for (int column : selected) {
            if (column == 0) {
                row.number(index);
            } else if (column == 1) {
                archText(buildArch(choice));
            } else if (column == 2) {
                row.formatted(inputField[input], inputText[input]);
            } else if (column == unproductiveColumn) {
                row.number(metrics.unproductive[slot]);
            } else {
                row.number(columns.value(column - 3, metrics, slot));
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
