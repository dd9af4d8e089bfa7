package org.rfsweep.space;

import org.rfsweep.core.lanes.LaneBatch;
import org.rfsweep.core.layout.Layer;

/**
 * Writes sampled candidates of a {@link CompiledSpace} straight into the lane columns of a
 * {@link LaneBatch#block}, without building their records: the columns of every record the space
 * can place (stem, head, each stage's fixed layers, every entry of every choice table) are derived
 * once, by {@link LaneBatch#columns}, and a candidate's lane is a copy of the columns its choices
 * select (the choices of {@link Decoder#sampleChoices}). A candidate with a layer the lanes do not
 * take ({@link LaneBatch#plainLayer}) is left out, for the scalar evaluator.
 *
 * <p>Immutable and thread-safe.
 */
public final class LaneFill {
    private final CompiledSpace sp;
    private final int stages;
    private final Part stem;
    private final Part head;
    private final Part[] pre;
    private final Part[] post;
    private final Part[] first;
    private final Part[] rest;
    /** True when the stem, head and every stage's fixed layers are plain. */
    private final boolean fixedPlain;
    /** True when some candidate can take the lanes. */
    private final boolean anyPlain;
    private final int maxLayers;

    /** Records back to back, their columns, and per entry (a choice table's, or one entry for a fixed part) its span. */
    private static final class Part {
        final int[] columns;
        final int[] start;
        final int[] records;
        final boolean[] plain;

        Part(int[] data, int entries, int[] entryStart, int[] entryRecords) {
            columns = LaneBatch.columns(data, data.length / Layer.INTS);
            start = entryStart;
            records = entryRecords;
            plain = new boolean[entries];
            for (int e = 0; e < entries; e++) {
                boolean all = true;
                for (int r = start[e]; r < start[e] + records[e]; r++) {
                    all &= LaneBatch.plainLayer(data, r * Layer.INTS);
                }
                plain[e] = all;
            }
        }

        static Part fixed(int[] records) {
            return new Part(records, 1, new int[] {0}, new int[] {records.length / Layer.INTS});
        }

        static Part table(ChoiceTable t) {
            int[] start = new int[t.size()];
            int[] records = new int[t.size()];
            for (int e = 0; e < t.size(); e++) {
                start[e] = t.start(e) / Layer.INTS;
                records[e] = t.records(e);
            }
            return new Part(t.data(), t.size(), start, records);
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

    private LaneFill(CompiledSpace sp) {
        this.sp = sp;
        this.stages = sp.stages();
        this.stem = Part.fixed(sp.stemRecords());
        this.head = Part.fixed(sp.headRecords());
        this.pre = new Part[stages];
        this.post = new Part[stages];
        this.first = new Part[stages];
        this.rest = new Part[stages];
        boolean plain = stem.plain[0] && head.plain[0];
        boolean some = true;
        for (int s = 0; s < stages; s++) {
            pre[s] = Part.fixed(sp.preRecords(s));
            post[s] = Part.fixed(sp.postRecords(s));
            first[s] = Part.table(sp.firstTable(s));
            rest[s] = Part.table(sp.restTable(s));
            plain &= pre[s].plain[0] && post[s].plain[0];
            some &= sp.depthMin(s) == 0 || first[s].anyPlain();
        }
        this.fixedPlain = plain;
        this.anyPlain = plain && some;
        this.maxLayers = Math.max(1, sp.maxInts() / Layer.INTS);
    }

    /** The columns of every record of {@code space}. */
    public static LaneFill of(CompiledSpace space) {
        return new LaneFill(space);
    }

    /** Most layers of any candidate: the size of the block to fill. */
    public int maxLayers() {
        return maxLayers;
    }

    /**
     * False when no candidate of the space can take the lanes: a fixed layer is not plain, or no
     * first entry of a stage that cannot be left out is.
     */
    public boolean anyPlain() {
        return anyPlain;
    }

    /**
     * Writes the candidate whose choices are at {@code choices[off...]} into lane {@code lane} of
     * {@code block}; when one of its layers is not plain, leaves the lane empty and returns false.
     */
    public boolean fill(int[] choices, int off, LaneBatch block, int lane) {
        final int x = choices[off];
        block.lane(lane, sp.inputH(x), sp.inputW(x), sp.inputC(x));
        if (!fixedPlain) {
            block.empty(lane);
            return false;
        }
        put(block, lane, stem, 0);
        final int digits = off + 1 + stages;
        for (int s = 0; s < stages; s++) {
            put(block, lane, pre[s], 0);
            final int base = digits + sp.stageBase(s);
            final int d = choices[off + 1 + s];
            for (int p = 0; p < d; p++) {
                final Part t = p == 0 ? first[s] : rest[s];
                final int e = choices[base + p];
                if (!t.plain[e]) {
                    block.empty(lane);
                    return false;
                }
                block.put(lane, t.columns, t.start[e], t.records[e]);
            }
            put(block, lane, post[s], 0);
        }
        put(block, lane, head, 0);
        return true;
    }

    private static void put(LaneBatch block, int lane, Part part, int entry) {
        if (part.records[entry] > 0) {
            block.put(lane, part.columns, part.start[entry], part.records[entry]);
        }
    }
}
