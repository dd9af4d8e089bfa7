package org.rfsweep.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.search.LabelSearch.Limits;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.constraint.Metric;

/**
 * Finds the cheapest candidates of a design space that pass a {@link ConstraintSet}, with proof.
 *
 * <pre>
 *   CompiledSpace space = CompiledSpace.compile(SpaceLoader.load(Path.of("data/spaces/default.json")));
 *   ConstraintSet c = ConstraintSet.of(space.space(), List.of("rf >= input", "macs <= 600M"));
 *   SearchResult r = Search.run(space, SearchOptions.builder(c).top(10).threads(2).build());
 *   r.top();       // the 10 cheapest by MACs, ties by candidate index
 *   r.proven();    // true: no candidate outside the list is cheaper
 * </pre>
 *
 * <h2>How</h2>
 * Per input: build the {@link Graph} of abstract states, compute {@link Bounds} backwards, run
 * a narrow {@link LabelSearch} (a beam, the probe) to get an incumbent, then the exact
 * {@link LabelSearch} pruned by it. Every returned candidate is decoded with the sweep's
 * {@link Decoder} and evaluated by {@link StackEvaluator} on the whole stack, and the search's
 * own arithmetic must agree with it to the integer (else this is a bug and it throws).
 * When the exact search cannot model the space, {@link SampledSearch} runs instead and the
 * result says it is not proven. Stateless.
 */
public final class Search {
    private static final long MAX_TABLE_WORK = 200_000_000L;

    private Search() {
    }

    /**
     * Runs the search.
     *
     * @throws UnsupportedSpaceException with {@link SearchOptions.Method#EXACT} when the exact
     *     search cannot model the space
     */
    public static SearchResult run(CompiledSpace space, SearchOptions o) {
        long start = System.nanoTime();
        if (o.method == SearchOptions.Method.SAMPLE) {
            return SampledSearch.run(space, o, "asked for (--method sample)", start);
        }
        try {
            return exact(space, o, start);
        } catch (UnsupportedSpaceException e) {
            if (o.method == SearchOptions.Method.EXACT) {
                throw e;
            }
            return SampledSearch.run(space, o, e.getMessage(), start);
        }
    }

    private static SearchResult exact(CompiledSpace space, SearchOptions o, long start) {
        if (Quantity.form(o.objective.metric) == null) {
            throw new UnsupportedSpaceException("--minimize " + o.objective.column + " is not one of the exact"
                + " search's additive objectives (macs, params, flops_*, activations)");
        }
        for (int x = 0; x < space.inputCount(); x++) {
            for (Metric m : new Metric[] {Metric.ACT_ELEMENTS, Metric.PEAK_ELEMENTS}) {
                if (o.constraints.lower(m, x) > 0 || o.constraints.upper(m, x) != Long.MAX_VALUE) {
                    throw new UnsupportedSpaceException("a bound on act_bytes or peak_act_bytes is not one the exact"
                        + " search carries");
                }
            }
        }
        ForkJoinPool pool = o.threads > 1 ? new ForkJoinPool(o.threads) : null;
        Run run = new Run(space, o, pool, o.timeLimitNanos > 0 ? start + o.timeLimitNanos : Long.MAX_VALUE);
        try {
            ConstraintSet c = o.constraints;
            for (int x = 0; x < space.inputCount(); x++) {
                if (!satisfiable(c, x, o.pareto)) {
                    continue;
                }
                boolean checks = c.upper(Metric.UNPRODUCTIVE, x) != Long.MAX_VALUE
                    || c.lower(Metric.UNPRODUCTIVE, x) > 0;
                Graph g = Graph.build(space, x, o.ignore1x1, checks, o.maxMoves, run.deadline);
                run.stats.states += g.stateCount;
                run.stats.moves += g.moveCount;
                if (!c.unsatisfiable(x)) {
                    run.top(g);
                }
                if (o.pareto) {
                    run.front(g);
                }
            }
        } catch (Deadline.Reached e) {
            run.stop = "time-limit";
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return SearchResult.builder("exact", space.size())
            .top(run.best)
            .front(run.frontier)
            .stats(run.stats, run.probeStats)
            .proven(run.stop == null)
            .stopReason(run.stop)
            .nanos(System.nanoTime() - start)
            .build();
    }

    /** The state of one exact search over all inputs. */
    private static final class Run {
        final CompiledSpace space;
        final SearchOptions o;
        final ForkJoinPool pool;
        final long deadline;
        final int beam;
        final SearchStats stats = new SearchStats();
        final SearchStats probeStats = new SearchStats();
        List<Solution> best = new ArrayList<>();
        List<Solution> frontier;
        String stop;

        Run(CompiledSpace space, SearchOptions o, ForkJoinPool pool, long deadline) {
            this.space = space;
            this.o = o;
            this.pool = pool;
            this.deadline = deadline;
            this.beam = Math.max(o.beamWidth, o.top);
            this.frontier = o.pareto ? new ArrayList<>() : null;
        }

        /** The top k at the graph's input: probes of growing width for an incumbent, then the exact search. */
        void top(Graph g) {
            Rules r = Rules.forTop(o, g);
            Bounds b = Bounds.compute(g, r, o.maxTableCells, MAX_TABLE_WORK, pool, deadline);
            stats.tableCells += b.tableCells;
            if (!b.feasible[0][0]) {
                return;
            }
            long incumbent = kth(best, o.top, null);
            LabelSearch probe = null;
            for (int w = Math.max(4, o.top); o.probe && (probe == null || probe.resultObj.length < o.top)
                && System.nanoTime() <= deadline; w *= 4) {
                int width = Math.min(w, beam);
                probe = new LabelSearch(g, r, b, pool, o.threads, Limits.probe(width, incumbent));
                probe.run();
                probeStats.add(probe.stats);
                if (width == beam) {
                    break;
                }
            }
            if (probe != null) {
                incumbent = kth(best, o.top, probe.resultObj);
            }
            LabelSearch ls = new LabelSearch(g, r, b, pool, o.threads,
                Limits.exact(incumbent, remaining(o, stats), deadline, beam));
            ls.maxLabels(o.maxLevelLabels);
            ls.run();
            stats.add(ls.stats);
            List<Solution> found = solutions(space, o, g, r, ls);
            if (ls.stopped != null) {
                stop = ls.stopped;
                if (probe != null) {
                    found.addAll(solutions(space, o, g, r, probe));
                }
            }
            best = mergeTop(best, found, o.top);
        }

        /** The Pareto front at the graph's input: a probe for known points, then the exact search. */
        void front(Graph g) {
            Rules r = Rules.forFront(o, g);
            Bounds b = Bounds.compute(g, r, 0, 0, pool, deadline);
            if (!b.feasible[0][0]) {
                return;
            }
            LabelSearch ls = new LabelSearch(g, r, b, pool, o.threads,
                Limits.exact(Long.MAX_VALUE, remaining(o, stats), deadline, beam));
            ls.maxLabels(o.maxLevelLabels);
            if (o.probe && System.nanoTime() <= deadline) {
                LabelSearch probe = new LabelSearch(g, r, b, pool, o.threads, Limits.probe(beam, Long.MAX_VALUE));
                probe.run();
                probeStats.add(probe.stats);
                ls.knownFront(probe.resultObj, probe.resultQ);
            }
            ls.run();
            stats.add(ls.stats);
            if (ls.stopped != null) {
                stop = ls.stopped;
            }
            frontier = mergeFront(frontier, solutions(space, o, g, r, ls));
        }
    }

    private static long remaining(SearchOptions o, SearchStats stats) {
        if (o.maxNodes <= 0) {
            return 0;
        }
        return Math.max(1, o.maxNodes - stats.expanded);
    }

    /** The k-th smallest objective over {@code have} and {@code more}, or {@code Long.MAX_VALUE}. */
    private static long kth(List<Solution> have, int k, long[] more) {
        long[] all = new long[have.size() + (more == null ? 0 : more.length)];
        int n = 0;
        for (Solution s : have) {
            all[n++] = s.cost();
        }
        if (more != null) {
            for (long v : more) {
                all[n++] = v;
            }
        }
        if (n < k) {
            return Long.MAX_VALUE;
        }
        Arrays.sort(all);
        return all[k - 1];
    }

    static List<Solution> mergeTop(List<Solution> a, List<Solution> b, int k) {
        List<Solution> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Solution.ORDER);
        List<Solution> out = new ArrayList<>();
        for (Solution s : all) {
            if (out.size() == k) {
                break;
            }
            if (out.isEmpty() || !out.get(out.size() - 1).index().equals(s.index())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The Pareto front of the union over (rf_h, rf_w, objective): in {@link Solution#FRONT_ORDER},
     * a point is kept unless an earlier one has both RFs at least as large (so it is at least as
     * good everywhere, and better somewhere or equal with a smaller index).
     */
    static List<Solution> mergeFront(List<Solution> a, List<Solution> b) {
        List<Solution> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Solution.FRONT_ORDER);
        List<Solution> out = new ArrayList<>();
        for (Solution s : all) {
            boolean beaten = false;
            for (Solution t : out) {
                if (t.metrics().rfH[0] >= s.metrics().rfH[0] && t.metrics().rfW[0] >= s.metrics().rfW[0]) {
                    beaten = true;
                    break;
                }
            }
            if (!beaten) {
                out.add(s);
            }
        }
        return out;
    }

    /** Decodes, evaluates and checks the final labels of {@code ls}. */
    private static List<Solution> solutions(CompiledSpace space, SearchOptions o, Graph g, Rules r, LabelSearch ls) {
        int stages = space.stages();
        int[] stageBase = new int[stages];
        for (int s = 1; s < stages; s++) {
            stageBase[s] = stageBase[s - 1] + space.depthMax(s - 1);
        }
        Decoder dec = space.decoder();
        StackEvaluator ev = new StackEvaluator(o.ignore1x1);
        int[] depths = new int[stages];
        int[] digits = new int[space.positions()];
        List<Solution> out = new ArrayList<>();
        Level last = g.last();
        int x = g.input;
        for (int i = 0; i < ls.resultIndex.length; i++) {
            Arrays.fill(depths, 0);
            Arrays.fill(digits, 0);
            ls.path(ls.resultIndex[i], depths, digits, stageBase);
            dec.set(x, depths, digits);
            Metrics m = new Metrics(1);
            if (!ev.evaluate(dec.records(), 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0)) {
                throw new IllegalStateException("search result is invalid: error " + m.error[0] + " at record "
                    + m.errorRecord[0]);
            }
            long[] q = ls.resultQ[i];
            int st = ls.resultState[i];
            long cost = o.objective.of(m, 0);
            check("rf_h", q[Quantity.RF_H], m.rfH[0]);
            check("rf_w", q[Quantity.RF_W], m.rfW[0]);
            check("rf_min_h", q[Quantity.RF_MIN_H], m.rfMinH[0]);
            check("rf_min_w", q[Quantity.RF_MIN_W], m.rfMinW[0]);
            check("pad_h", q[Quantity.PAD_H], m.padH[0]);
            check("pad_w", q[Quantity.PAD_W], m.padW[0]);
            check("macs", q[Quantity.MACS], m.macs[0]);
            check("params", q[Quantity.PARAMS], m.params[0]);
            check("bias adds", q[Quantity.BIAS], m.biasAdds[0]);
            check("activations", q[Quantity.ACTS], m.acts[0]);
            check("out_h", last.nH[st], m.outH[0]);
            check("out_w", last.nW[st], m.outW[0]);
            check("out_c", last.c[st], m.outC[0]);
            check("stride_h", last.jH[st], m.strideH[0]);
            check("stride_w", last.jW[st], m.strideW[0]);
            check("objective", ls.resultObj[i], cost);
            if (r.countUnproductive) {
                check("unproductive", q[Quantity.UNPRODUCTIVE], m.unproductive[0]);
            }
            if (!passes(o.constraints, m, x, r.pareto)) {
                throw new IllegalStateException("search result fails the constraints: " + dec.encode());
            }
            StringBuilder arch = new StringBuilder();
            dec.appendArch(arch);
            boolean meets = m.rfH[0] >= o.constraints.lower(Metric.RF_H, x)
                && m.rfW[0] >= o.constraints.lower(Metric.RF_W, x);
            out.add(new Solution(x, space.inputText(x), dec.encode(), arch.toString(), cost, m, meets));
        }
        return out;
    }

    /** True when some candidate could pass at input {@code x} (without the RF lower bounds when {@code pareto}). */
    static boolean satisfiable(ConstraintSet c, int x, boolean pareto) {
        for (Metric metric : Metric.values()) {
            long lo = c.lower(metric, x);
            if (pareto && (metric == Metric.RF_H || metric == Metric.RF_W)) {
                lo = 0;
            }
            if (lo > c.upper(metric, x)) {
                return false;
            }
        }
        return true;
    }

    /** The constraints, without the RF lower bounds when {@code pareto}. */
    static boolean passes(ConstraintSet c, Metrics m, int x, boolean pareto) {
        for (Metric metric : Metric.values()) {
            long v = metric.value(m, 0);
            long lo = c.lower(metric, x);
            if (pareto && (metric == Metric.RF_H || metric == Metric.RF_W)) {
                lo = 0;
            }
            if (v < lo || v > c.upper(metric, x)) {
                return false;
            }
        }
        return true;
    }

    private static void check(String what, long search, long evaluator) {
        if (search != evaluator) {
            throw new IllegalStateException("search and evaluator disagree on " + what + ": " + search + " vs "
                + evaluator);
        }
    }
}
