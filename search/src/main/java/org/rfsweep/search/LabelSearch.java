package org.rfsweep.search;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import org.rfsweep.constraint.Metric;
import org.rfsweep.core.parallel.Ranges;

/**
 * The label-setting dynamic program over a {@link Graph}, level by level, with the pruning of
 * {@link Bounds} and the dominance of {@link Rules}. A label is a prefix of a candidate: its
 * state in the level and its additive {@link Quantity} values.
 *
 * <h2>One level</h2>
 * <ol>
 *   <li>Filter the labels that reached the level: per state (and per unproductive class), sorted
 *       by objective then key, drop each label that {@code k} earlier ones dominate.</li>
 *   <li>Expand the survivors in key order, in fixed chunks of {@value #CHUNK} labels on the
 *       ForkJoin pool: every move gives a child, unless the move is invalid, leads nowhere, makes
 *       a forbidden unproductive layer, or a bound shows no completion can pass or beat the
 *       incumbent.</li>
 * </ol>
 *
 * <h2>Keys</h2>
 * A label's key orders the labels of a level like the candidate indices of their completions
 * (the index compares the input, then per stage in order its depth, then its entries; see
 * {@code CompiledSpace}). Labels are kept in key order, so a label's rank is its position. A
 * child by a position move gets {@code parent * radix + entry}: children come out in key order.
 * A child past a stage's end gets {@code (anc << 32) | (offset(depth) + parent)}, where
 * {@code anc} is the rank of the parent's ancestor where the stage began (which orders the earlier
 * stages) and {@code offset(depth)} counts the labels of the stage's shallower positions (which
 * orders the depth, then the stage's entries); such a level is sorted by key before it is filtered.
 * Ties are thus broken by candidate index at any thread count.
 *
 * <p>Allocation-free per label: buffers are reused and grown by doubling. One instance per
 * search; not thread-safe (it drives its own parallel work).
 */
final class LabelSearch {
    static final int CHUNK = 256;

    private final Graph g;
    private final Rules r;
    private final Bounds b;
    private final ForkJoinPool pool;
    private final int threads;
    private final long maxNodes;
    private final long deadline;
    private final int stopWidth;
    private int beam;
    private final long incumbent;
    private volatile boolean late;
    /** Labels a level may generate before the search stops as "memory". */
    private long maxLabels = defaultMaxLabels();
    final SearchStats stats = new SearchStats();
    /** Why the search stopped early: null, "max-nodes", "time-limit" or "memory". */
    String stopped;
    /** Per level, per kept label: the parent's rank, and the entry (or the depth past a stage's end). */
    final int[][] parents;
    final int[][] vias;
    /** The chosen final labels (top k, or the front), best first. */
    long[] resultObj = new long[0];
    int[] resultIndex = new int[0];
    long[][] resultQ = new long[0][];
    int[] resultState = new int[0];

    private final Dominance dominance;
    /** Known complete points of a Pareto search, cheapest first: objective, rf_h, rf_w. */
    private long[] knownCost;
    private long[] knownRfH;
    private long[] knownRfW;
    private final List<LabelBuffer> chunkPos = new ArrayList<>();
    private final List<LabelBuffer> chunkEnd = new ArrayList<>();
    private final List<SearchStats> chunkStats = new ArrayList<>();

    /**
     * How far one search may go.
     *
     * @param beam      0 for the exact search; else the most labels kept per level (a probe)
     * @param incumbent prune labels whose objective bound exceeds this
     * @param maxNodes  expansions after which the search continues as a beam of {@code stopWidth}
     *                  (as it also does when a level outgrows its share of the heap); 0 for no limit
     * @param deadline  {@code System.nanoTime()} after which likewise, or {@code Long.MAX_VALUE}
     * @param stopWidth the beam width the search continues with once stopped
     */
    record Limits(int beam, long incumbent, long maxNodes, long deadline, int stopWidth) {
        /** A probe: a beam of {@code width} labels per level that never stops early. */
        static Limits probe(int width, long incumbent) {
            return new Limits(width, incumbent, 0, Long.MAX_VALUE, width);
        }

        /** The exact search, which continues as a beam of {@code stopWidth} once a limit is reached. */
        static Limits exact(long incumbent, long maxNodes, long deadline, int stopWidth) {
            return new Limits(0, incumbent, maxNodes, deadline, stopWidth);
        }
    }

    LabelSearch(Graph g, Rules r, Bounds b, ForkJoinPool pool, int threads, Limits limits) {
        this.g = g;
        this.r = r;
        this.b = b;
        this.pool = pool;
        this.threads = threads;
        this.beam = limits.beam();
        this.incumbent = limits.incumbent();
        this.maxNodes = limits.maxNodes();
        this.deadline = limits.deadline();
        this.stopWidth = limits.stopWidth();
        this.dominance = new Dominance(r, pool, threads);
        this.parents = new int[g.levels.length][];
        this.vias = new int[g.levels.length][];
    }

    /**
     * Sets complete candidates already found (by a probe) for a Pareto search: a label is pruned
     * when one of them beats every completion of it, by the least objective and the most RF the
     * label can still reach.
     */
    void knownFront(long[] cost, long[][] q) {
        int n = cost.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> cost[i]));
        knownCost = new long[n];
        knownRfH = new long[n];
        knownRfW = new long[n];
        for (int i = 0; i < n; i++) {
            knownCost[i] = cost[order[i]];
            knownRfH[i] = q[order[i]][Quantity.RF_H];
            knownRfW[i] = q[order[i]][Quantity.RF_W];
        }
    }

    /** The default label budget of a level: a fraction of the heap (about 1/800 of its bytes). */
    static long defaultMaxLabels() {
        return Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 800);
    }

    /** Sets the label budget of a level (above it the search stops as "memory" and finishes as a beam). */
    void maxLabels(long n) {
        maxLabels = n;
    }

    /** Runs the search to the final level. */
    void run() {
        final Level[] levels = g.levels;
        LabelBuffer[] pending = new LabelBuffer[levels.length];
        LabelBuffer root = new LabelBuffer(1);
        root.size = 1;
        root.q[Quantity.RF_H] = 1;
        root.q[Quantity.RF_W] = 1;
        root.q[Quantity.RF_MIN_H] = 1;
        root.q[Quantity.RF_MIN_W] = 1;
        pending[0] = root;
        LabelBuffer spare = new LabelBuffer(16);
        stats.levels += levels.length;
        long stageOffset = 0;
        for (int t = 0; t < levels.length; t++) {
            LabelBuffer in = pending[t];
            pending[t] = null;
            final boolean entry = !levels[t].isRoot() && (levels[t].last || levels[t].position == 0);
            if (entry) {
                stageOffset = 0;
            }
            if (in == null || in.size == 0 || levels[t].states == 0) {
                parents[t] = new int[0];
                vias[t] = new int[0];
                continue;
            }
            if (entry) {
                LabelBuffer sorted = sortByKey(in, spare);
                if (sorted != in) {
                    spare = in;
                    in = sorted;
                }
            }
            LabelBuffer kept = dominance.filter(in, levels[t].states, spare);
            stats.pruned[SearchStats.DOMINATED] += dominance.dominated;
            spare = in;
            if (beam == 0 && !levels[t].last) {
                if (maxNodes > 0 && stats.expanded + kept.size > maxNodes) {
                    stop("max-nodes");
                } else if (System.nanoTime() > deadline) {
                    stop("time-limit");
                }
            }
            if (beam > 0) {
                LabelBuffer cutDown = cut(t, kept, beam, spare);
                if (cutDown != kept) {
                    spare = kept;
                    kept = cutDown;
                }
            }
            if (entry) {
                for (int i = 0; i < kept.size; i++) {
                    kept.anc[i] = i;
                }
            }
            parents[t] = Arrays.copyOf(kept.parent, kept.size);
            vias[t] = Arrays.copyOf(kept.via, kept.size);
            if (levels[t].last) {
                select(kept);
                return;
            }
            Level l = levels[t];
            LabelBuffer pos = null;
            LabelBuffer end = null;
            if (l.positionMoves != null) {
                pos = pending[l.positionMoves.target] != null ? pending[l.positionMoves.target]
                    : new LabelBuffer(kept.size);
                pending[l.positionMoves.target] = pos;
            }
            if (l.endMoves != null) {
                end = pending[l.endMoves.target] != null ? pending[l.endMoves.target] : new LabelBuffer(kept.size);
                pending[l.endMoves.target] = end;
            }
            if (stageOffset + kept.size > 0xFFFF_FFFFL) {
                throw new UnsupportedSpaceException("a stage needs more than 2^32 labels");
            }
            expand(t, kept, pos, end, stageOffset);
            stageOffset += kept.size;
            spare = kept;
        }
    }

    private void stop(String why) {
        stopped = why;
        beam = stopWidth;
    }

    /** {@code in}'s labels sorted by key, into {@code out} (or {@code in} itself when already sorted). */
    private static LabelBuffer sortByKey(LabelBuffer in, LabelBuffer out) {
        final int n = in.size;
        final long[] key = in.key;
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = key[i - 1] < key[i];
        }
        if (sorted) {
            return in;
        }
        long[] keys = Arrays.copyOf(key, n);
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        LongArrays.radixSort(keys, idx, 0, n);
        out.clear();
        out.reserve(n);
        for (int i = 0; i < n; i++) {
            out.copyFrom(in, (int) idx[i]);
        }
        return out;
    }

    // ---------------------------------------------------------------- expansion

    private void expand(int t, LabelBuffer in, LabelBuffer pos, LabelBuffer end, long offset) {
        final int n = in.size;
        final int chunks = (n + CHUNK - 1) / CHUNK;
        // Each chunk may add at most its share of the label budget: a deterministic cap, whatever the threads.
        final long share = Math.max(1, maxLabels / chunks);
        boolean full = false;
        if (pool == null || threads == 1 || chunks < 4) {
            for (int c = 0; c < chunks; c++) {
                full |= !expandRange(t, in, c * CHUNK, Math.min(n, (c + 1) * CHUNK), pos, end, offset, share, stats);
            }
        } else {
            while (chunkPos.size() < chunks) {
                chunkPos.add(new LabelBuffer(CHUNK));
                chunkEnd.add(new LabelBuffer(CHUNK));
                chunkStats.add(new SearchStats());
            }
            final boolean[] ok = new boolean[chunks];
            parallel(chunks, c -> {
                LabelBuffer p = chunkPos.get(c);
                LabelBuffer e = chunkEnd.get(c);
                p.clear();
                e.clear();
                ok[c] = true;
                if (beam == 0 && (late || System.nanoTime() > deadline)) {
                    // The exact search is out of time: it continues as a beam from the next level.
                    late = true;
                    return;
                }
                ok[c] = expandRange(t, in, c * CHUNK, Math.min(n, (c + 1) * CHUNK), pos == null ? null : p,
                    end == null ? null : e, offset, share, chunkStats.get(c));
            });
            if (late && stopped == null && beam == 0) {
                stop("time-limit");
            }
            gather(pos, chunkPos, chunks);
            gather(end, chunkEnd, chunks);
            for (int c = 0; c < chunks; c++) {
                SearchStats s = chunkStats.get(c);
                stats.add(s);
                s.reset();
                full |= !ok[c];
            }
        }
        if (full && stopped == null) {
            stop("memory");
        }
    }

    private void gather(LabelBuffer out, List<LabelBuffer> parts, int chunks) {
        if (out == null) {
            return;
        }
        int total = 0;
        for (int c = 0; c < chunks; c++) {
            total += parts.get(c).size;
        }
        out.reserve(total);
        int[] at = new int[chunks];
        int pos = out.size;
        for (int c = 0; c < chunks; c++) {
            at[c] = pos;
            pos += parts.get(c).size;
        }
        parallel(chunks, c -> out.place(parts.get(c), at[c]));
        out.size = pos;
    }

    /**
     * Expands labels {@code from..to-1}; returns false when it stopped early because its outputs
     * grew by more than {@code share} labels.
     */
    private boolean expandRange(int t, LabelBuffer in, int from, int to, LabelBuffer pos, LabelBuffer end, long offset,
                                long share, SearchStats st) {
        final Level l = g.levels[t];
        final Moves pm = l.positionMoves;
        final Moves em = l.endMoves;
        final int depth = Math.max(l.position, 0);
        final long start = (pos == null ? 0 : pos.size) + (end == null ? 0 : end.size);
        for (int i = from; i < to; i++) {
            if ((pos == null ? 0 : pos.size) + (end == null ? 0 : end.size) - start > share) {
                return false;
            }
            st.expanded++;
            if (pm != null) {
                emit(in, i, pm, (long) i * pm.radix, 1, in.anc[i], -1, pos, st);
            }
            if (em != null) {
                emit(in, i, em, ((long) in.anc[i] << 32) | (offset + i), 0, 0, depth, end, st);
            }
        }
        return true;
    }

    /**
     * Generates the children of label {@code i} by {@code mv}; child {@code e} gets key
     * {@code key0 + e * keyStep}, ancestor {@code anc}, and {@code via = depth}, or {@code e}
     * when {@code depth} is -1.
     */
    private void emit(LabelBuffer in, int i, Moves mv, long key0, int keyStep, int anc, int depth, LabelBuffer out,
                      SearchStats st) {
        final int Q = Quantity.COUNT;
        final int target = mv.target;
        final boolean[] ok = b.feasible[target];
        final long[] gr = b.grow[target];
        final int width = b.width;
        final Rules rules = r;
        final int dims = rules.dimForm.length;
        final long[] q = in.q;
        final int src = i * Q;
        final int s = in.state[i];
        final int radix = mv.radix;
        final int base = s * radix;
        final long[] delta = mv.delta;
        final boolean unproductive = rules.countUnproductive;
        // Without an incumbent or RF tables, the objective bound can prune nothing.
        final boolean bounded = incumbent != Long.MAX_VALUE || b.widthH > 0 || b.widthW > 0;
        final long[] known = knownCost;
        out.reserve(radix);
        final long[] oq = out.q;
        st.generated += radix;
        for (int e = 0; e < radix; e++) {
            final int m = base + e;
            final int nx = mv.next[m];
            if (nx < 0) {
                st.pruned[SearchStats.INVALID]++;
                continue;
            }
            if (!ok[nx]) {
                st.pruned[SearchStats.INFEASIBLE]++;
                continue;
            }
            final int at = out.size * Q;
            final int d = m * Q;
            for (int f = 0; f < Q; f++) {
                oq[at + f] = q[src + f] + delta[d + f];
            }
            if (unproductive) {
                final long mH = q[src + Quantity.RF_MIN_H];
                final long mW = q[src + Quantity.RF_MIN_W];
                final long[] th = mv.thresholds;
                int flags = 0;
                for (int c = mv.checkStart[m], cEnd = mv.checkStart[m + 1]; c < cEnd; c++) {
                    if (mH >= th[2 * c] && mW >= th[2 * c + 1]) {
                        flags++;
                    }
                }
                oq[at + Quantity.UNPRODUCTIVE] += flags;
            }
            int reason = -1;
            final int g0 = nx * width;
            for (int dd = 0; dd < dims; dd++) {
                final long v = Rules.value(rules.dimForm[dd], oq, at);
                if ((rules.dimHi[dd] != Long.MAX_VALUE && v + gr[g0 + 1 + 2 * dd] > rules.dimHi[dd])
                    || (rules.dimLo[dd] > 0 && v + gr[g0 + 2 + 2 * dd] < rules.dimLo[dd])) {
                    reason = reason(dd);
                    break;
                }
            }
            if (reason >= 0) {
                st.pruned[reason]++;
                continue;
            }
            final long ob = Rules.value(rules.objectiveForm, oq, at);
            if (known != null && beatenByKnown(ob + gr[g0], oq[at + Quantity.RF_H] + b.rfMaxH[target][nx],
                oq[at + Quantity.RF_W] + b.rfMaxW[target][nx])) {
                st.pruned[SearchStats.COST]++;
                continue;
            }
            if (bounded) {
                final long bound = b.objective(target, nx, oq[at + Quantity.RF_H], oq[at + Quantity.RF_W],
                    rules.targetH, rules.targetW);
                if (bound == Bounds.INF) {
                    st.pruned[SearchStats.RF]++;
                    continue;
                }
                if (ob + bound > incumbent) {
                    st.pruned[SearchStats.COST]++;
                    continue;
                }
            }
            final int o = out.size;
            out.state[o] = nx;
            out.key[o] = key0 + (long) e * keyStep;
            out.obj[o] = ob;
            out.anc[o] = anc;
            out.parent[o] = i;
            out.via[o] = depth < 0 ? e : depth;
            out.size = o + 1;
        }
    }

    /**
     * True when a known point beats every completion that costs at least {@code cost} and reaches
     * at most {@code rfH x rfW}: it costs no more, reaches at least as far, and is better in one
     * (an exact tie could still lose to a completion with a smaller index, so it does not count).
     */
    private boolean beatenByKnown(long cost, long rfH, long rfW) {
        final long[] c = knownCost;
        for (int i = 0; i < c.length && c[i] <= cost; i++) {
            if (knownRfH[i] >= rfH && knownRfW[i] >= rfW && (c[i] < cost || knownRfH[i] > rfH || knownRfW[i] > rfW)) {
                return true;
            }
        }
        return false;
    }

    private int reason(int dim) {
        Metric m = r.dimMetric[dim];
        if (m == Metric.UNPRODUCTIVE) {
            return SearchStats.UNPRODUCTIVE;
        }
        return Rules.isRf(m) ? SearchStats.RF : SearchStats.BUDGET;
    }

    // ---------------------------------------------------------------- beam and final selection

    /** Keeps the {@code width} labels with the best objective bound (then key), in key order. */
    private LabelBuffer cut(int t, LabelBuffer in, int width, LabelBuffer out) {
        final int n = in.size;
        if (n <= width) {
            return in;
        }
        final long[] f = new long[n];
        for (int i = 0; i < n; i++) {
            long bound = g.levels[t].last ? 0 : b.objective(t, in.state[i], in.q[i * Quantity.COUNT + Quantity.RF_H],
                in.q[i * Quantity.COUNT + Quantity.RF_W], r.targetH, r.targetW);
            f[i] = bound == Bounds.INF ? Bounds.INF : in.obj[i] + bound;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        IntArrays.quickSort(idx, (a, c) -> {
            int x = Long.compare(f[a], f[c]);
            return x != 0 ? x : Integer.compare(a, c);
        });
        int[] chosen = Arrays.copyOf(idx, width);
        Arrays.sort(chosen);
        stats.pruned[SearchStats.BEAM] += n - width;
        out.clear();
        out.reserve(width);
        for (int i : chosen) {
            out.copyFrom(in, i);
        }
        return out;
    }

    private void select(LabelBuffer fin) {
        final int n = fin.size;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        final long[] obj = fin.obj;
        final long[] q = fin.q;
        final int Q = Quantity.COUNT;
        final boolean pareto = r.pareto;
        // Top k: objective, then index. Front: objective, then larger RF first, then index, so that
        // every point that dominates another comes before it.
        IntArrays.quickSort(idx, (a, c) -> {
            int x = Long.compare(obj[a], obj[c]);
            if (x == 0 && pareto) {
                x = Long.compare(q[c * Q + Quantity.RF_H], q[a * Q + Quantity.RF_H]);
                if (x == 0) {
                    x = Long.compare(q[c * Q + Quantity.RF_W], q[a * Q + Quantity.RF_W]);
                }
            }
            return x != 0 ? x : Integer.compare(a, c);
        });
        IntArrayList chosen = new IntArrayList();
        if (!pareto) {
            for (int i = 0; i < Math.min(r.top, n); i++) {
                chosen.add(idx[i]);
            }
        } else {
            for (int i : idx) {
                boolean beaten = false;
                for (int x = 0; x < chosen.size() && !beaten; x++) {
                    int j = chosen.getInt(x);
                    beaten = q[j * Q + Quantity.RF_H] >= q[i * Q + Quantity.RF_H]
                        && q[j * Q + Quantity.RF_W] >= q[i * Q + Quantity.RF_W];
                }
                if (!beaten) {
                    chosen.add(i);
                }
            }
        }
        resultIndex = chosen.toIntArray();
        resultObj = new long[resultIndex.length];
        resultQ = new long[resultIndex.length][];
        resultState = new int[resultIndex.length];
        for (int x = 0; x < resultIndex.length; x++) {
            int i = resultIndex[x];
            resultObj[x] = obj[i];
            resultQ[x] = Arrays.copyOfRange(fin.q, i * Quantity.COUNT, (i + 1) * Quantity.COUNT);
            resultState[x] = fin.state[i];
        }
    }

    /**
     * Fills the depths and digits (at {@code stageBase[s] + p}) of final label {@code index} by
     * following keys back to the root.
     */
    void path(int index, int[] depths, int[] digits, int[] stageBase) {
        final Level[] levels = g.levels;
        final int stages = g.space.stages();
        int t = levels.length - 1;
        int idx = index;
        while (t != 0) {
            Level l = levels[t];
            int via = vias[t][idx];
            int parent = parents[t][idx];
            if (l.last || l.position == 0) {
                int prevStage = l.last ? stages - 1 : l.stage - 1;
                if (prevStage < 0) {
                    t = 0;
                } else {
                    depths[prevStage] = via;
                    t = Graph.levelIndex(g.space, prevStage, via);
                }
            } else {
                digits[stageBase[l.stage] + l.position - 1] = via;
                t = t - 1;
            }
            idx = parent;
        }
    }

    private void parallel(int tasks, IntConsumer body) {
        Ranges.forEach(threads == 1 ? null : pool, tasks, body);
    }
}
