package org.rfsweep.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.lanes.LaneBatch;
import org.rfsweep.core.layout.Layer;

/**
 * Writes sampled candidates of a {@link CompiledSpace} into a {@link LaneBatch#block} without
 * building their records: every record the space can place (stem, head, each stage's fixed
 * layers, every entry of every choice table) is numbered once, and its lane columns derived once
 * ({@link LaneBatch#columns}) into one {@link #table()}, where an in-place record (bn, relu) joins
 * the row of the record before it in its entry, so that a {@code conv bn relu} is one row; a
 * candidate's lane is the list of the rows its choices select (the choices of
 * {@link Decoder#sampleChoices}), which {@link LaneBatch#gather} copies. The head's records from
 * its first that the lanes do not take ({@link LaneBatch#plainLayer}) on (a global head:
 * {@code gap fc}) are its tail: a lane holds the candidate up to the tail, and {@link #finish}
 * evaluates the tail with the scalar evaluator from the lane's result. A candidate with such a
 * layer elsewhere is left out, for the scalar evaluator.
 *
 * <pre>
 *   LaneFill fill = LaneFill.of(space);                            // once per sweep
 *   done = fill.fill(choices, off, block, lane, ids);              // per candidate
 *   block.gather(fill.table(), ids, fill.maxLayers());             // per block
 *   laneEvaluator.evaluateFilled(block, out, redo);
 *   fill.finish(evaluator, choices, off, done, out, lane);         // per finished lane
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LaneFill {
    private final CompiledSpace sp;
    private final int stages;
    private final Part[] first;
    private final Part[] rest;
    /**
     * The rows of the stem, of each stage's fixed layers before and after its positions, and of
     * the head's plain part.
     */
    private final int[] stemRows;
    private final int[][] preRows;
    private final int[][] postRows;
    private final int[] headRows;
    /** The records of the stem, of every stage's fixed layers and of the head's plain part. */
    private final int fixedRecords;
    private final int[] table;
    /**
     * Per row of {@link #table}: the first row whose columns equal its own (the same entry in two
     * stages' tables, say), so that a block that holds the same row where the last one did need
     * not copy it again ({@link LaneBatch#gather}).
     */
    private final int[] row;
    /** The head's records. */
    private final int[] headRecords;
    /** The head's records before its first that is not plain: the head's part of a lane. */
    private final int headPlain;
    /** The head's records from {@link #headPlain} on: the tail that {@link #finish} evaluates. */
    private final int tailRecords;
    /** True when the stem and every stage's fixed layers are plain. */
    private final boolean fixedPlain;
    /** True when some candidate can take the lanes. */
    private final boolean anyPlain;
    private final int maxLayers;

    /** {@link Part#single}: the entry has several rows (or none), or it is not plain. */
    private static final int MANY = -1;
    private static final int NOT_PLAIN = -2;

    /**
     * Entries of records (a choice table's, or one entry for a fixed part): where each starts among
     * all records, its records, whether it is plain, and its rows in the table.
     */
    private static final class Part {
        final int[] start;
        final int[] records;
        final boolean[] plain;
        final int[] rowStart;
        final int[] rows;
        /**
         * Per entry, for {@link #fill}: its one row (as {@link #row} numbers it), or {@link #MANY},
         * or {@link #NOT_PLAIN}; set once the table is built ({@link #settle}).
         */
        final int[] single;

        Part(int[] data, int base, int[] entryStart, int[] entryRecords) {
            start = entryStart;
            records = entryRecords;
            plain = new boolean[start.length];
            for (int e = 0; e < start.length; e++) {
                boolean all = true;
                for (int r = start[e]; r < start[e] + records[e]; r++) {
                    all &= LaneBatch.plainLayer(data, r * Layer.INTS);
                }
                plain[e] = all;
                start[e] += base;
            }
            rowStart = new int[start.length];
            rows = new int[start.length];
            single = new int[start.length];
        }

        /** Sets {@link #single} from the rows numbered by {@code row}. */
        void settle(int[] row) {
            for (int e = 0; e < start.length; e++) {
                single[e] = !plain[e] ? NOT_PLAIN : rows[e] == 1 ? row[rowStart[e]] : MANY;
            }
        }

        /** The rows of entry {@code e}, as {@code row} numbers them. */
        int[] rows(int[] row, int e) {
            return Arrays.copyOfRange(row, rowStart[e], rowStart[e] + rows[e]);
        }

        boolean anyPlain() {
            for (boolean p : plain) {
                if (p) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Collects the records of every part, back to back, numbering them as it goes. */
    private static final class Records {
        final List<int[]> data = new ArrayList<>();
        final List<Part> parts = new ArrayList<>();
        int count;

        Part fixed(int[] records) {
            return add(records, new int[] {0}, new int[] {records.length / Layer.INTS});
        }

        Part table(ChoiceTable t) {
            int[] start = new int[t.size()];
            int[] records = new int[t.size()];
            for (int e = 0; e < t.size(); e++) {
                start[e] = t.start(e) / Layer.INTS;
                records[e] = t.records(e);
            }
            return add(t.data(), start, records);
        }

        private Part add(int[] records, int[] start, int[] counts) {
            Part p = new Part(records, count, start, counts);
            data.add(records);
            parts.add(p);
            count += records.length / Layer.INTS;
            return p;
        }

        /** The table of every part's rows ({@link LaneBatch#columns}, an entry per run); sets their rows. */
        int[] table() {
            int[] all = new int[count * Layer.INTS];
            int at = 0;
            for (int[] d : data) {
                System.arraycopy(d, 0, all, at, d.length);
                at += d.length;
            }
            int runs = 0;
            for (Part p : parts) {
                runs += p.start.length;
            }
            int[] start = new int[runs];
            int[] records = new int[runs];
            int u = 0;
            for (Part p : parts) {
                System.arraycopy(p.start, 0, start, u, p.start.length);
                System.arraycopy(p.records, 0, records, u, p.start.length);
                u += p.start.length;
            }
            int[] rowStart = new int[runs];
            int[] rows = new int[runs];
            int[] table = LaneBatch.columns(all, start, records, rowStart, rows);
            u = 0;
            for (Part p : parts) {
                System.arraycopy(rowStart, u, p.rowStart, 0, p.start.length);
                System.arraycopy(rows, u, p.rows, 0, p.start.length);
                u += p.start.length;
            }
            return table;
        }
    }

    private LaneFill(CompiledSpace sp) {
        this.sp = sp;
        this.stages = sp.stages();
        Records all = new Records();
        final Part stem = all.fixed(sp.stemRecords());
        final Part[] pre = new Part[stages];
        final Part[] post = new Part[stages];
        this.first = new Part[stages];
        this.rest = new Part[stages];
        this.headRecords = sp.headRecords();
        final int headCount = headRecords.length / Layer.INTS;
        int k = 0;
        while (k < headCount && LaneBatch.plainLayer(headRecords, k * Layer.INTS)) {
            k++;
        }
        this.headPlain = k;
        this.tailRecords = headCount - k;
        final Part head = all.fixed(Arrays.copyOf(headRecords, k * Layer.INTS));
        boolean plain = stem.plain[0];
        boolean some = true;
        int fixed = stem.records[0] + k;
        for (int s = 0; s < stages; s++) {
            pre[s] = all.fixed(sp.preRecords(s));
            post[s] = all.fixed(sp.postRecords(s));
            first[s] = all.table(sp.firstTable(s));
            rest[s] = all.table(sp.restTable(s));
            plain &= pre[s].plain[0] && post[s].plain[0];
            some &= sp.depthMin(s) == 0 || first[s].anyPlain();
            fixed += pre[s].records[0] + post[s].records[0];
        }
        this.table = all.table();
        this.row = rows(table, table.length / LaneBatch.COLUMNS - 1);
        this.stemRows = stem.rows(row, 0);
        this.headRows = head.rows(row, 0);
        this.preRows = new int[stages][];
        this.postRows = new int[stages][];
        for (int s = 0; s < stages; s++) {
            preRows[s] = pre[s].rows(row, 0);
            postRows[s] = post[s].rows(row, 0);
            first[s].settle(row);
            rest[s].settle(row);
        }
        this.fixedRecords = fixed;
        this.fixedPlain = plain;
        this.anyPlain = plain && some;
        this.maxLayers = Math.max(1, sp.maxInts() / Layer.INTS);
    }

    /** Per row of {@code table} but its last (the identity), the first row with the same columns. */
    private static int[] rows(int[] table, int count) {
        final int width = LaneBatch.COLUMNS;
        final Map<List<Integer>, Integer> first = new HashMap<>();
        final int[] row = new int[count];
        for (int r = 0; r < count; r++) {
            final List<Integer> key = new ArrayList<>(width);
            for (int f = 0; f < width; f++) {
                key.add(table[r * width + f]);
            }
            final Integer seen = first.putIfAbsent(key, r);
            row[r] = seen == null ? r : seen;
        }
        return row;
    }

    /** The records of {@code space}, numbered, and their columns. */
    public static LaneFill of(CompiledSpace space) {
        return new LaneFill(space);
    }

    /** Most layers of any candidate: the size of the block, and the stride of the lists of {@link #fill}. */
    public int maxLayers() {
        return maxLayers;
    }

    /** The columns of every record, by number, for {@link LaneBatch#gather}; do not modify. */
    public int[] table() {
        return table;
    }

    /**
     * False when no candidate of the space can take the lanes: a fixed layer before the head is
     * not plain, or no first entry of a stage that cannot be left out is.
     */
    public boolean anyPlain() {
        return anyPlain;
    }

    /**
     * Sets lane {@code lane} of {@code block} to the candidate whose choices are at
     * {@code choices[off...]} up to the head's tail, its rows in {@link #table()} to
     * {@code ids[lane * maxLayers() ...]}; returns the records the lane holds. When a layer before
     * the head is not plain, or the lane would hold no record, leaves the lane empty and returns 0.
     */
    public int fill(int[] choices, int off, LaneBatch block, int lane, int[] ids) {
        if (!fixedPlain) {
            block.empty(lane);
            return 0;
        }
        final int from = lane * maxLayers;
        int at = copy(ids, from, stemRows);
        int records = fixedRecords;
        final int digits = off + 1 + stages;
        for (int s = 0; s < stages; s++) {
            at = copy(ids, at, preRows[s]);
            final int base = digits + sp.stageBase(s);
            final int d = choices[off + 1 + s];
            for (int p = 0; p < d; p++) {
                final Part t = p == 0 ? first[s] : rest[s];
                final int e = choices[base + p];
                final int one = t.single[e];
                if (one >= 0) {
                    ids[at++] = one;
                } else if (one == MANY) {
                    at = copy(ids, at, row, t.rowStart[e], t.rows[e]);
                } else {
                    block.empty(lane);
                    return 0;
                }
                records += t.records[e];
            }
            at = copy(ids, at, postRows[s]);
        }
        at = copy(ids, at, headRows);
        if (at == from) {
            block.empty(lane);
            return 0;
        }
        final int x = choices[off];
        block.lane(lane, sp.inputH(x), sp.inputW(x), sp.inputC(x), at - from);
        return records;
    }

    /**
     * Finishes the candidate whose choices are at {@code choices[off...]} after a lane evaluated its
     * first {@code done} records (the value of {@link #fill}) into slot {@code slot} of {@code out}:
     * evaluates the head's tail with {@code evaluator} from that result
     * ({@link StackEvaluator#evaluateAfter}) into the same slot; nothing when the head has no tail.
     * The slot then holds what {@code evaluator} writes for the whole candidate.
     */
    public void finish(StackEvaluator evaluator, int[] choices, int off, int done, Metrics out, int slot) {
        if (tailRecords == 0) {
            return;
        }
        final int x = choices[off];
        evaluator.evaluateAfter(headRecords, headPlain * Layer.INTS, done, done + tailRecords, sp.inputH(x),
            sp.inputW(x), sp.inputC(x), out, slot, out, slot);
    }

    /**
     * Writes {@code rows} to {@code ids[at...]}; returns where they end. Loops, not
     * {@link System#arraycopy}: a part has a row or two, fewer than a call of the copy stub pays for.
     */
    private static int copy(int[] ids, int at, int[] rows) {
        return copy(ids, at, rows, 0, rows.length);
    }

    /** Writes {@code rows[from .. from + n - 1]} to {@code ids[at...]}; returns where they end. */
    private static int copy(int[] ids, int at, int[] rows, int from, int n) {
        for (int k = 0; k < n; k++) {
            ids[at + k] = rows[from + k];
        }
        return at + n;
    }
}
