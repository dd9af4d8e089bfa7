package org.rfsweep.search;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.parallel.Ranges;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.constraint.Metric;

/**
 * The fallback when the exact search cannot model a space: best of {@code N} seeded samples
 * (the sweep's sampler, {@link Decoder#sample}), then a first-improvement local search from each
 * of the best: change one position's entry, or add or remove a stage's last position, keeping a
 * move when the result passes and is better by objective, then index. Every candidate is
 * evaluated by {@link StackEvaluator} and filtered by the full {@link ConstraintSet}. The result
 * is never proven. Deterministic for a seed (samples are evaluated in fixed chunks and merged in
 * index order; the local search is sequential). Stateless.
 */
final class SampledSearch {
    private static final int CHUNK = 4096;

    private SampledSearch() {
    }

    /** A candidate: where it is in the space, what it costs, and its RF. */
    private record Point(long cost, BigInteger index, int input, int[] depths, int[] digits, long rfH, long rfW) {
    }

    private static final Comparator<Point> ORDER =
        Comparator.comparingLong(Point::cost).thenComparing(Point::index);
    /** As {@link Solution#FRONT_ORDER}. */
    private static final Comparator<Point> FRONT_ORDER = Comparator.comparingLong(Point::cost)
        .thenComparing(Comparator.comparingLong(Point::rfH).reversed())
        .thenComparing(Comparator.comparingLong(Point::rfW).reversed())
        .thenComparing(Point::index);

    static SearchResult run(CompiledSpace space, SearchOptions o, String reason, long start) {
        final long deadline = o.timeLimitNanos > 0 ? start + o.timeLimitNanos : Long.MAX_VALUE;
        final long samples = o.samples;
        final int chunks = (int) Math.min(Integer.MAX_VALUE, (samples + CHUNK - 1) / CHUNK);
        final Pool[] parts = new Pool[chunks];
        ForkJoinPool pool = new ForkJoinPool(o.threads);
        try {
            Ranges.forEach(pool, chunks, c -> {
                Pool p = new Pool(o.top, o.pareto);
                parts[c] = p;
                if (System.nanoTime() > deadline) {
                    return;
                }
                Worker w = new Worker(space, o);
                long end = Math.min(samples, (long) (c + 1) * CHUNK);
                for (long i = (long) c * CHUNK; i < end; i++) {
                    w.dec.sample(o.seed, i);
                    w.offer(p);
                }
                p.evaluated = w.evaluated;
            });
        } finally {
            pool.shutdownNow();
        }
        Pool all = new Pool(o.top, o.pareto);
        long evaluated = 0;
        for (Pool p : parts) {
            all.merge(p);
            evaluated += p.evaluated;
        }
        Worker w = new Worker(space, o);
        long budget = samples;
        List<Point> seeds = new ArrayList<>(all.top);
        for (Point seed : seeds) {
            budget -= climb(w, seed, all, budget, deadline);
            if (budget <= 0 || System.nanoTime() > deadline) {
                break;
            }
        }
        evaluated += w.evaluated;
        List<Solution> top = solutions(space, o, all.top);
        List<Solution> front = o.pareto ? solutions(space, o, all.front) : null;
        return SearchResult.builder("sampling", space.size()).top(top).front(front)
            .stopReason(System.nanoTime() > deadline ? "time-limit" : null).fallbackReason(reason)
            .nanos(System.nanoTime() - start).evaluated(evaluated).build();
    }

    /** Hill-climbs from {@code seed}; returns the evaluations spent. */
    private static long climb(Worker w, Point seed, Pool pool, long budget, long deadline) {
        CompiledSpace sp = w.space;
        long spent = 0;
        Point cur = seed;
        boolean improved = true;
        while (improved && spent < budget && System.nanoTime() <= deadline) {
            improved = false;
            List<int[][]> moves = neighbours(sp, cur, w.stageBase);
            for (int[][] mv : moves) {
                w.dec.set(cur.input, mv[0], mv[1]);
                Point p = w.offer(pool);
                spent++;
                if (p != null && ORDER.compare(p, cur) < 0) {
                    cur = p;
                    improved = true;
                    break;
                }
                if (spent >= budget) {
                    break;
                }
            }
        }
        return spent;
    }

    private static List<int[][]> neighbours(CompiledSpace sp, Point p, int[] base) {
        List<int[][]> out = new ArrayList<>();
        for (int s = 0; s < sp.stages(); s++) {
            int d = p.depths[s];
            for (int pos = 0; pos < d; pos++) {
                int radix = sp.table(s, pos).size();
                for (int v = 0; v < radix; v++) {
                    if (v != p.digits[base[s] + pos]) {
                        int[] digits = p.digits.clone();
                        digits[base[s] + pos] = v;
                        out.add(new int[][] {p.depths.clone(), digits});
                    }
                }
            }
            if (d > sp.depthMin(s)) {
                int[] depths = p.depths.clone();
                depths[s] = d - 1;
                out.add(new int[][] {depths, p.digits.clone()});
            }
            if (d < sp.depthMax(s)) {
                int radix = sp.table(s, d).size();
                for (int v = 0; v < radix; v++) {
                    int[] depths = p.depths.clone();
                    depths[s] = d + 1;
                    int[] digits = p.digits.clone();
                    digits[base[s] + d] = v;
                    out.add(new int[][] {depths, digits});
                }
            }
        }
        return out;
    }

    private static List<Solution> solutions(CompiledSpace space, SearchOptions o, List<Point> points) {
        Worker w = new Worker(space, o);
        List<Solution> out = new ArrayList<>();
        for (Point p : points) {
            w.dec.set(p.input, p.depths, p.digits);
            Metrics m = new Metrics(1);
            w.ev.evaluate(w.dec.records(), 0, w.dec.count(), w.dec.inputH(), w.dec.inputW(), w.dec.inputC(), m, 0);
            StringBuilder arch = new StringBuilder();
            w.dec.appendArch(arch);
            boolean meets = m.rfH[0] >= o.constraints.lower(Metric.RF_H, p.input)
                && m.rfW[0] >= o.constraints.lower(Metric.RF_W, p.input);
            out.add(new Solution(p.input, space.inputText(p.input), p.index, arch.toString(), p.cost, m, meets));
        }
        return out;
    }

    /** One thread's decoder, evaluator and scratch. */
    private static final class Worker {
        final CompiledSpace space;
        final SearchOptions o;
        final Decoder dec;
        final StackEvaluator ev;
        final Metrics m = new Metrics(1);
        final int[] stageBase;
        long evaluated;

        Worker(CompiledSpace space, SearchOptions o) {
            this.space = space;
            this.o = o;
            this.dec = space.decoder();
            this.ev = new StackEvaluator(o.ignore1x1);
            this.stageBase = new int[space.stages()];
            for (int s = 1; s < space.stages(); s++) {
                stageBase[s] = stageBase[s - 1] + space.depthMax(s - 1);
            }
        }

        /** Evaluates the decoder's candidate and offers it to {@code pool}; returns it when it passes. */
        Point offer(Pool pool) {
            evaluated++;
            int x = dec.input();
            if (!ev.evaluate(dec.records(), 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0)) {
                return null;
            }
            ConstraintSet c = o.constraints;
            if (!Search.passes(c, m, x, o.pareto)) {
                return null;
            }
            boolean meets = m.rfH[0] >= c.lower(Metric.RF_H, x) && m.rfW[0] >= c.lower(Metric.RF_W, x);
            long cost = o.objective.of(m.macs[0], m.params[0], m.biasAdds[0]);
            if (!pool.wants(cost, meets, m.rfH[0], m.rfW[0])) {
                return meets ? new Point(cost, dec.encode(), x, depths(), digits(), m.rfH[0], m.rfW[0]) : null;
            }
            Point p = new Point(cost, dec.encode(), x, depths(), digits(), m.rfH[0], m.rfW[0]);
            pool.add(p, meets);
            return meets ? p : null;
        }

        private int[] depths() {
            int[] d = new int[space.stages()];
            for (int s = 0; s < d.length; s++) {
                d[s] = dec.depth(s);
            }
            return d;
        }

        private int[] digits() {
            int[] d = new int[space.positions()];
            for (int s = 0; s < space.stages(); s++) {
                for (int p = 0; p < dec.depth(s); p++) {
                    d[stageBase[s] + p] = dec.digit(s, p);
                }
            }
            return d;
        }
    }

    /** The best {@code k} points meeting every constraint, and the front of those meeting all but the RF targets. */
    private static final class Pool {
        final int k;
        final boolean pareto;
        final List<Point> top = new ArrayList<>();
        final List<Point> front = new ArrayList<>();
        long evaluated;

        Pool(int k, boolean pareto) {
            this.k = k;
            this.pareto = pareto;
        }

        boolean wants(long cost, boolean meets, long rfH, long rfW) {
            boolean forTop = meets && (top.size() < k || cost <= top.get(top.size() - 1).cost);
            if (forTop) {
                return true;
            }
            if (!pareto) {
                return false;
            }
            for (Point f : front) {
                if (f.cost <= cost && f.rfH >= rfH && f.rfW >= rfW && (f.cost < cost || f.rfH > rfH || f.rfW > rfW)) {
                    return false;
                }
            }
            return true;
        }

        void add(Point p, boolean meets) {
            if (meets && !contains(top, p)) {
                top.add(p);
                top.sort(ORDER);
                if (top.size() > k) {
                    top.remove(top.size() - 1);
                }
            }
            if (pareto && !contains(front, p)) {
                front.add(p);
                front.sort(FRONT_ORDER);
                List<Point> kept = new ArrayList<>();
                for (Point q : front) {
                    boolean beaten = false;
                    for (Point t : kept) {
                        if (t.rfH >= q.rfH && t.rfW >= q.rfW) {
                            beaten = true;
                            break;
                        }
                    }
                    if (!beaten) {
                        kept.add(q);
                    }
                }
                front.clear();
                front.addAll(kept);
            }
        }

        private static boolean contains(List<Point> list, Point p) {
            for (Point q : list) {
                if (q.index.equals(p.index) && Arrays.equals(q.depths, p.depths)) {
                    return true;
                }
            }
            return false;
        }

        void merge(Pool other) {
            for (Point p : other.top) {
                add(p, true);
            }
            for (Point p : other.front) {
                add(p, false);
            }
        }
    }
}
