package org.rfsweep.search;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.rfsweep.constraint.Metric;
import org.rfsweep.core.parallel.Ranges;

/**
 * Admissible bounds on what the rest of a stack can add, per state of every {@link Level},
 * from one backward pass over the {@link Graph} (the final level first):
 * <ul>
 *   <li>{@link #feasible}: some valid completion reaches a final state that passes the state
 *       intervals (output extent, channels, effective stride);</li>
 *   <li>{@link #grow}: per state, the least objective a completion adds, then per constrained
 *       additive metric the least and the most a completion adds (a metric bounded above is
 *       pruned when even the least is too much; one bounded below, like the RF target, when
 *       even the most is too little); for the unproductive-layer count, which depends on the
 *       prefix, between none and one per layer that can be flagged;</li>
 *   <li>{@link #rfMaxH}/{@link #rfMaxW}: the most RF a completion adds, per axis (for the
 *       Pareto search, where the RF is maximised, not bounded);</li>
 *   <li>{@link #tableH}/{@link #tableW}: the RF-aware cost-to-go, when affordable: entry
 *       {@code [state * T + rho]} is the least objective of a completion that adds at least
 *       {@code rho} to the RF on that axis ({@code T} the target), exact for the relaxation that
 *       keeps one axis and drops the other constraints:
 *       <pre>  H(s, rho) = min over moves s -> s' of  cost(move) + H(s', max(0, rho - rfGain(move)))</pre></li>
 * </ul>
 * Every bound ignores the constraints that couple to the prefix, so it never prunes a
 * completion that could pass. Immutable once computed.
 */
final class Bounds {
    static final long INF = Long.MAX_VALUE;

    final boolean[][] feasible;
    /** Per level: {@code states * width} longs: objective minimum, then per dimension minimum and maximum. */
    final long[][] grow;
    final int width;
    final long[][] tableH;
    final long[][] tableW;
    final int widthH;
    final int widthW;
    final long tableCells;
    /** Per level and state: the most RF a completion adds, per axis (-1 when none is feasible). */
    final long[][] rfMaxH;
    final long[][] rfMaxW;

    private Bounds(boolean[][] feasible, long[][] grow, int width, long[][] tableH, long[][] tableW, int widthH,
                   int widthW, long tableCells, long[][] rfMaxH, long[][] rfMaxW) {
        this.feasible = feasible;
        this.grow = grow;
        this.width = width;
        this.tableH = tableH;
        this.tableW = tableW;
        this.widthH = widthH;
        this.widthW = widthW;
        this.tableCells = tableCells;
        this.rfMaxH = rfMaxH;
        this.rfMaxW = rfMaxW;
    }

    /**
     * Computes the bounds of {@code g} under {@code rules}; the RF-aware tables only when they
     * hold at most {@code maxCells} entries and take at most {@code maxWork} updates. The tables
     * of a level's states are independent and filled in parallel on {@code pool} (may be null).
     */
    static Bounds compute(Graph g, Rules rules, long maxCells, long maxWork, ForkJoinPool pool) {
        return compute(g, rules, maxCells, maxWork, pool, Deadline.NONE);
    }

    /** As above; stops with {@link Deadline.Reached} once {@code System.nanoTime()} passes {@code deadline}. */
    static Bounds compute(Graph g, Rules rules, long maxCells, long maxWork, ForkJoinPool pool, long deadline) {
        final Level[] levels = g.levels;
        final int dims = rules.dimForm.length;
        final int width = 1 + 2 * dims;
        boolean[][] feasible = new boolean[levels.length][];
        long[][] grow = new long[levels.length][];
        long[][] rfMaxH = new long[levels.length][];
        long[][] rfMaxW = new long[levels.length][];
        int widthH = 0;
        int widthW = 0;
        if (!rules.pareto) {
            long cells = 0;
            long work = 0;
            for (Level l : levels) {
                cells += l.states;
                work += (l.positionMoves == null ? 0 : l.positionMoves.size())
                    + (l.endMoves == null ? 0 : l.endMoves.size());
            }
            boolean sameAxes = g.symmetric && rules.targetH == rules.targetW;
            long h = rules.targetH > 1 ? rules.targetH : 0;
            long w = rules.targetW > 1 && !sameAxes ? rules.targetW : 0;
            if (h + w > 0 && cells * (h + w) <= maxCells && work * (h + w) <= maxWork) {
                widthH = (int) h;
                widthW = sameAxes ? widthH : (int) w;
            }
        }
        boolean shared = widthW > 0 && widthW == widthH && g.symmetric && rules.targetH == rules.targetW;
        long[][] tableH = widthH > 0 ? new long[levels.length][] : null;
        long[][] tableW = widthW > 0 ? (shared ? tableH : new long[levels.length][]) : null;
        long tableCells = 0;
        for (int t = levels.length - 1; t >= 0; t--) {
            Deadline.check(deadline);
            Level l = levels[t];
            boolean[] ok = new boolean[l.states];
            long[] gr = new long[l.states * width];
            feasible[t] = ok;
            rfMaxH[t] = new long[l.states];
            rfMaxW[t] = new long[l.states];
            Arrays.fill(rfMaxH[t], l.last ? 0 : -1);
            Arrays.fill(rfMaxW[t], l.last ? 0 : -1);
            grow[t] = gr;
            long[] th = widthH > 0 ? new long[l.states * widthH] : null;
            long[] tw = widthW > 0 && !shared ? new long[l.states * widthW] : null;
            if (th != null) {
                tableH[t] = th;
                tableCells += th.length;
                Arrays.fill(th, INF);
            }
            if (tw != null) {
                tableW[t] = tw;
                tableCells += tw.length;
                Arrays.fill(tw, INF);
            }
            if (l.last) {
                for (int s = 0; s < l.states; s++) {
                    ok[s] = rules.stateAllowed(l.nH[s], l.nW[s], l.c[s], l.jH[s], l.jW[s]);
                    if (th != null && ok[s]) {
                        th[s * widthH] = 0;
                    }
                    if (tw != null && ok[s]) {
                        tw[s * widthW] = 0;
                    }
                }
                continue;
            }
            for (int s = 0; s < l.states; s++) {
                gr[s * width] = INF;
                for (int d = 0; d < dims; d++) {
                    gr[s * width + 1 + 2 * d] = INF;
                    gr[s * width + 2 + 2 * d] = -1;
                }
            }
            for (Moves mv : new Moves[] {l.positionMoves, l.endMoves}) {
                if (mv == null) {
                    continue;
                }
                combine(l, mv, rules, feasible[mv.target], grow[mv.target], width, ok, gr);
                rfMax(l, mv, feasible[mv.target], rfMaxH[mv.target], rfMaxW[mv.target], rfMaxH[t], rfMaxW[t]);
                if (th != null) {
                    table(l, mv, rules, Quantity.RF_H, feasible[mv.target], tableH[mv.target], widthH, th, pool);
                }
                if (tw != null) {
                    table(l, mv, rules, Quantity.RF_W, feasible[mv.target], tableW[mv.target], widthW, tw, pool);
                }
            }
        }
        return new Bounds(feasible, grow, width, tableH, tableW, widthH, widthW, tableCells, rfMaxH, rfMaxW);
    }

    private static void rfMax(Level l, Moves mv, boolean[] nextOk, long[] nextH, long[] nextW, long[] h, long[] w) {
        final int radix = mv.radix;
        for (int s = 0; s < l.states; s++) {
            for (int e = 0; e < radix; e++) {
                int m = s * radix + e;
                int nx = mv.next[m];
                if (nx < 0 || !nextOk[nx]) {
                    continue;
                }
                h[s] = Math.max(h[s], mv.delta[m * Quantity.COUNT + Quantity.RF_H] + nextH[nx]);
                w[s] = Math.max(w[s], mv.delta[m * Quantity.COUNT + Quantity.RF_W] + nextW[nx]);
            }
        }
    }

    private static void combine(Level l, Moves mv, Rules rules, boolean[] nextOk, long[] nextGrow, int width,
                                boolean[] ok, long[] gr) {
        final int dims = rules.dimForm.length;
        final int radix = mv.radix;
        for (int s = 0; s < l.states; s++) {
            for (int e = 0; e < radix; e++) {
                int m = s * radix + e;
                int nx = mv.next[m];
                if (nx < 0 || !nextOk[nx]) {
                    continue;
                }
                ok[s] = true;
                int d0 = m * Quantity.COUNT;
                int at = s * width;
                int nat = nx * width;
                gr[at] = Math.min(gr[at], Rules.value(rules.objectiveForm, mv.delta, d0) + nextGrow[nat]);
                for (int d = 0; d < dims; d++) {
                    long v = Rules.value(rules.dimForm[d], mv.delta, d0);
                    // Unproductive flags depend on the prefix: a move adds from none to one per checked layer.
                    long most = rules.dimMetric[d] == Metric.UNPRODUCTIVE ? mv.checkStart[m + 1] - mv.checkStart[m] : v;
                    gr[at + 1 + 2 * d] = Math.min(gr[at + 1 + 2 * d], v + nextGrow[nat + 1 + 2 * d]);
                    gr[at + 2 + 2 * d] = Math.max(gr[at + 2 + 2 * d], most + nextGrow[nat + 2 + 2 * d]);
                }
            }
        }
    }

    private static void table(Level l, Moves mv, Rules rules, int axis, boolean[] nextOk, long[] next, int w,
                              long[] row, ForkJoinPool pool) {
        final int chunk = 64;
        final int chunks = (l.states + chunk - 1) / chunk;
        // Below four chunks, handing work to the pool costs more than it saves.
        Ranges.run(chunks < 4 ? null : pool, l.states, chunk,
            (from, to) -> tableRange(l, mv, rules, axis, nextOk, next, w, row, from, to));
    }

    /**
     * Fills the rows of states {@code from..to-1}. Per state, a move is skipped when another to the
     * same next state gains at least as much RF (capped at {@code w}) for no more cost: as
     * {@code H} grows with {@code rho}, it can never give a smaller entry.
     */
    private static void tableRange(Level l, Moves mv, Rules rules, int axis, boolean[] nextOk, long[] next, int w,
                                   long[] row, int from, int to) {
        final int radix = mv.radix;
        final int[] order = new int[radix];
        final int[] nxs = new int[radix];
        final long[] gains = new long[radix];
        final long[] costs = new long[radix];
        for (int s = from; s < to; s++) {
            int n = 0;
            for (int e = 0; e < radix; e++) {
                int m = s * radix + e;
                int nx = mv.next[m];
                if (nx < 0 || !nextOk[nx]) {
                    continue;
                }
                nxs[n] = nx;
                gains[n] = Math.min(w, mv.delta[m * Quantity.COUNT + axis]);
                costs[n] = Rules.value(rules.objectiveForm, mv.delta, m * Quantity.COUNT);
                order[n] = n;
                n++;
            }
            IntArrays.quickSort(order, 0, n, (a, b) -> {
                int x = Integer.compare(nxs[a], nxs[b]);
                if (x == 0) {
                    x = Long.compare(gains[b], gains[a]);
                }
                return x != 0 ? x : Long.compare(costs[a], costs[b]);
            });
            final int base = s * w;
            long best = INF;
            int group = -1;
            for (int i = 0; i < n; i++) {
                final int k = order[i];
                if (nxs[k] != group) {
                    group = nxs[k];
                    best = INF;
                }
                if (costs[k] >= best) {
                    continue;
                }
                best = costs[k];
                relax(row, base, next, nxs[k] * w, w, gains[k], costs[k]);
            }
        }
    }

    /** {@code row[rho] = min(row[rho], cost + next[max(0, rho - gain)])} for every {@code rho < w}. */
    private static void relax(long[] row, int base, long[] next, int nbase, int w, long gain, long cost) {
        // rho <= gain needs nothing more after the move; above, rho - gain.
        final int flat = (int) Math.min(w, gain + 1);
        final long h0 = next[nbase];
        if (h0 != INF) {
            final long v = cost + h0;
            for (int rho = 0; rho < flat; rho++) {
                row[base + rho] = Math.min(row[base + rho], v);
            }
        }
        for (int rho = flat, src = nbase + 1; rho < w; rho++, src++) {
            final long h = next[src];
            if (h != INF) {
                row[base + rho] = Math.min(row[base + rho], cost + h);
            }
        }
    }

    /**
     * A lower bound on the objective a completion from state {@code s} of level {@code t} adds,
     * given the label's RF {@code rH x rW} and the targets.
     */
    long objective(int t, int s, long rH, long rW, long targetH, long targetW) {
        long b = grow[t][s * width];
        if (widthH > 0) {
            long need = targetH - rH;
            b = Math.max(b, tableH[t][s * widthH + (need > 0 ? (int) need : 0)]);
        }
        if (widthW > 0) {
            long need = targetW - rW;
            b = Math.max(b, tableW[t][s * widthW + (need > 0 ? (int) need : 0)]);
        }
        return b;
    }
}
