package org.rfsweep.search;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.rfsweep.core.math.Fields;
import org.rfsweep.space.ChoiceTable;
import org.rfsweep.space.CompiledSpace;

/**
 * The search graph of a compiled space for one input: its {@link Level}s in order (root, then
 * per stage the positions {@code 0..depthMax}, then the final level), the abstract states that
 * can reach each level, and every move between them with its exact deltas. Built by one
 * forward pass over states (not over candidates), so its size is the number of distinct
 * (extent, channels, jump) combinations, not the number of stacks.
 *
 * <pre>
 *   root --stem + pre(0)--> (0,0) --entry--> (0,1) --entry--> (0,2)
 *                             |                 |                |
 *                             +--post(0) + pre(1), when the depth is allowed--> (1,0) ... --head--> final
 * </pre>
 *
 * Immutable once built.
 */
final class Graph {
    final CompiledSpace space;
    final int input;
    final int inH;
    final int inW;
    final Level[] levels;
    /** Every move adds the same to the H and W quantities, so labels stay symmetric. */
    final boolean symmetric;
    final long moveCount;
    final long stateCount;

    private Graph(CompiledSpace space, int input, Level[] levels, boolean symmetric, long moveCount,
                  long stateCount) {
        this.space = space;
        this.input = input;
        this.inH = space.inputH(input);
        this.inW = space.inputW(input);
        this.levels = levels;
        this.symmetric = symmetric;
        this.moveCount = moveCount;
        this.stateCount = stateCount;
    }

    Level root() {
        return levels[0];
    }

    Level last() {
        return levels[levels.length - 1];
    }

    /** Index of the level of position {@code p} of stage {@code s}. */
    static int levelIndex(CompiledSpace space, int s, int p) {
        int at = 1;
        for (int i = 0; i < s; i++) {
            at += space.depthMax(i) + 1;
        }
        return at + p;
    }

    /**
     * Builds the graph of {@code space} at input {@code input}.
     *
     * @param checks     whether to record unproductive-layer thresholds
     * @param maxMoves   the largest number of moves allowed
     * @throws UnsupportedSpaceException when the graph would exceed {@code maxMoves} or a block
     *     cannot be measured alone
     */
    static Graph build(CompiledSpace space, int input, boolean ignore1x1, boolean checks, long maxMoves) {
        return build(space, input, ignore1x1, checks, maxMoves, Deadline.NONE);
    }

    /** As above; stops with {@link Deadline.Reached} once {@code System.nanoTime()} passes {@code deadline}. */
    static Graph build(CompiledSpace space, int input, boolean ignore1x1, boolean checks, long maxMoves,
                       long deadline) {
        Builder b = new Builder(space, input, ignore1x1, checks, maxMoves);
        b.deadline = deadline;
        return b.build();
    }

    private static final class Builder {
        private final CompiledSpace space;
        private final int input;
        private final boolean checks;
        private final long maxMoves;
        private final BlockEvaluator blocks;
        private final Map<ChoiceTable, Block[]> tableBlocks = new IdentityHashMap<>();
        private final List<Level> levels = new ArrayList<>();
        private final List<States> states = new ArrayList<>();
        private final int inH;
        private final int inW;
        private boolean symmetric = true;
        private long moves;
        private long stateCount;
        private long deadline = Deadline.NONE;

        Builder(CompiledSpace space, int input, boolean ignore1x1, boolean checks, long maxMoves) {
            this.space = space;
            this.input = input;
            this.checks = checks;
            this.maxMoves = maxMoves;
            this.blocks = new BlockEvaluator(ignore1x1);
            this.inH = space.inputH(input);
            this.inW = space.inputW(input);
        }

        Graph build() {
            int stages = space.stages();
            levels.add(new Level(0, 0, Level.ROOT, false));
            for (int s = 0; s < stages; s++) {
                for (int p = 0; p <= space.depthMax(s); p++) {
                    levels.add(new Level(levels.size(), s, p, false));
                }
            }
            levels.add(new Level(levels.size(), stages, 0, true));
            for (int i = 0; i < levels.size(); i++) {
                states.add(new States());
            }
            states.get(0).intern(space.inputH(input), space.inputW(input), space.inputC(input), 1, 1, false);
            int finalIndex = levels.size() - 1;
            for (Level level : levels) {
                Deadline.check(deadline);
                states.get(level.index).fill(level);
                stateCount += level.states;
                if (level.last) {
                    continue;
                }
                if (level.isRoot()) {
                    int[] after = stages > 0 ? space.preRecords(0) : space.headRecords();
                    Block b = Block.concat(space.stemRecords(), after);
                    level.endMoves = moves(level, new Block[] {b}, stages > 0 ? levelIndex(space, 0, 0) : finalIndex);
                    continue;
                }
                int s = level.stage;
                int p = level.position;
                if (p < space.depthMax(s)) {
                    level.positionMoves = moves(level, table(space.table(s, p)), level.index + 1);
                }
                if (p >= space.depthMin(s)) {
                    boolean more = s + 1 < stages;
                    Block b = Block.concat(space.postRecords(s), more ? space.preRecords(s + 1) : space.headRecords());
                    level.endMoves = moves(level, new Block[] {b}, more ? levelIndex(space, s + 1, 0) : finalIndex);
                }
            }
            return new Graph(space, input, levels.toArray(new Level[0]), symmetric, moves, stateCount);
        }

        private Block[] table(ChoiceTable t) {
            return tableBlocks.computeIfAbsent(t, k -> {
                Block[] b = new Block[k.size()];
                for (int e = 0; e < b.length; e++) {
                    b[e] = new Block(k.entry(e));
                }
                return b;
            });
        }

        private Moves moves(Level level, Block[] entries, int target) {
            final int radix = entries.length;
            final int n = level.states * radix;
            moves += n;
            if (moves > maxMoves) {
                throw new UnsupportedSpaceException("the search graph needs more than " + maxMoves
                    + " moves at input " + space.inputText(input));
            }
            States out = states.get(target);
            int[] next = new int[n];
            long[] delta = new long[n * Quantity.COUNT];
            int[] checkStart = new int[n + 1];
            LongArrayList thresholds = new LongArrayList();
            for (int st = 0; st < level.states; st++) {
                if ((st & 255) == 0) {
                    Deadline.check(deadline);
                }
                long jH = level.jH[st];
                long jW = level.jW[st];
                for (int e = 0; e < radix; e++) {
                    int m = st * radix + e;
                    Effect f = blocks.effect(entries[e], level.nH[st], level.nW[st], level.c[st], level.global[st]);
                    if (!f.valid) {
                        next[m] = -1;
                        checkStart[m + 1] = thresholds.size() / 2;
                        continue;
                    }
                    next[m] = out.intern(f.outH, f.outW, f.outC, Fields.jump(jH, f.jH), Fields.jump(jW, f.jW),
                        f.global);
                    int d = m * Quantity.COUNT;
                    // The block's field seen through the jump so far (SPEC section 3).
                    delta[d + Quantity.RF_H] = Fields.growth(f.rH, jH);
                    delta[d + Quantity.RF_W] = Fields.growth(f.rW, jW);
                    delta[d + Quantity.RF_MIN_H] = Fields.growth(f.rmH, jH);
                    delta[d + Quantity.RF_MIN_W] = Fields.growth(f.rmW, jW);
                    delta[d + Quantity.PAD_H] = Fields.pad(0, f.pH, jH);
                    delta[d + Quantity.PAD_W] = Fields.pad(0, f.pW, jW);
                    delta[d + Quantity.MACS] = f.macs;
                    delta[d + Quantity.PARAMS] = f.params;
                    delta[d + Quantity.BIAS] = f.bias;
                    delta[d + Quantity.ACTS] = f.acts;
                    symmetric &= delta[d + Quantity.RF_H] == delta[d + Quantity.RF_W]
                        && delta[d + Quantity.RF_MIN_H] == delta[d + Quantity.RF_MIN_W]
                        && delta[d + Quantity.PAD_H] == delta[d + Quantity.PAD_W];
                    if (checks) {
                        long[] c = f.checks;
                        for (int i = 0; i < c.length; i += 4) {
                            thresholds.add(Math.max(inH - c[i] * jH, inH + 1 - c[i + 2] * jH));
                            thresholds.add(Math.max(inW - c[i + 1] * jW, inW + 1 - c[i + 3] * jW));
                        }
                    }
                    checkStart[m + 1] = thresholds.size() / 2;
                }
            }
            return new Moves(radix, target, next, delta, checkStart, thresholds.toLongArray());
        }
    }

    /** The states of one level while the graph is built: interned, numbered in order of arrival. */
    private static final class States {
        private record Key(int nH, int nW, int c, long jH, long jW, boolean global) {
        }

        private final Map<Key, Integer> ids = new HashMap<>();
        private final IntArrayList nH = new IntArrayList();
        private final IntArrayList nW = new IntArrayList();
        private final IntArrayList c = new IntArrayList();
        private final LongArrayList jH = new LongArrayList();
        private final LongArrayList jW = new LongArrayList();
        private final List<Boolean> global = new ArrayList<>();

        int intern(int h, int w, int ch, long jh, long jw, boolean g) {
            Integer id = ids.get(new Key(h, w, ch, jh, jw, g));
            if (id != null) {
                return id;
            }
            int n = nH.size();
            ids.put(new Key(h, w, ch, jh, jw, g), n);
            nH.add(h);
            nW.add(w);
            c.add(ch);
            jH.add(jh);
            jW.add(jw);
            global.add(g);
            return n;
        }

        void fill(Level level) {
            level.states = nH.size();
            level.nH = nH.toIntArray();
            level.nW = nW.toIntArray();
            level.c = c.toIntArray();
            level.jH = jH.toLongArray();
            level.jW = jW.toLongArray();
            level.global = new boolean[global.size()];
            for (int i = 0; i < global.size(); i++) {
                level.global[i] = global.get(i);
            }
        }
    }
}
