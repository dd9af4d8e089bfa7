package org.rfsweep.search;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.constraint.ConstraintSet;

/**
 * The reference the search is checked against: every candidate of a small space, in index
 * order, decoded by the sweep's {@link Decoder} and evaluated by {@link StackEvaluator}, then
 * filtered by the {@link ConstraintSet} (the same constraint model the sweep filters with).
 */
final class BruteForce {
    /** One candidate that passes every constraint but perhaps the RF targets. */
    record Row(long index, long cost, long rfH, long rfW, boolean meetsRf) {
    }

    static final Comparator<Row> ORDER = Comparator.comparingLong(Row::cost).thenComparingLong(Row::index);

    private final CompiledSpace space;
    private final List<Row> rows = new ArrayList<>();

    private BruteForce(CompiledSpace space) {
        this.space = space;
    }

    /** Enumerates {@code space} under {@code c}. */
    static BruteForce run(CompiledSpace space, ConstraintSet c, Objective objective, boolean ignore1x1) {
        if (space.size().bitLength() > 40) {
            throw new IllegalArgumentException("too large for brute force: " + space.size());
        }
        BruteForce b = new BruteForce(space);
        long n = space.size().longValue();
        Decoder dec = space.decoder();
        StackEvaluator ev = new StackEvaluator(ignore1x1);
        Metrics m = new Metrics(1);
        dec.decode(0);
        for (long i = 0; i < n; i++) {
            if (i > 0) {
                dec.next();
            }
            int x = dec.input();
            if (!ev.evaluate(dec.records(), 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0)
                || !Search.passes(c, m, x, true)) {
                continue;
            }
            b.rows.add(new Row(i, objective.of(m.macs[0], m.params[0], m.biasAdds[0]), m.rfH[0], m.rfW[0],
                Search.passes(c, m, x, false)));
        }
        return b;
    }

    /** The best {@code k} candidates meeting every constraint, by objective then index. */
    List<String> top(int k) {
        List<Row> sorted = new ArrayList<>();
        for (Row r : rows) {
            if (r.meetsRf()) {
                sorted.add(r);
            }
        }
        sorted.sort(ORDER);
        return describe(sorted.subList(0, Math.min(k, sorted.size())));
    }

    /**
     * The Pareto front over (rf_h, rf_w, cost) of the candidates meeting every constraint but the
     * RF targets: a candidate is on it unless another is at least as good in all three and better
     * in one, or equal in all three with a smaller index. Computed from the definition: the best
     * (cost, then index) of each distinct RF pair, then pairwise between those.
     */
    List<String> front() {
        Map<List<Long>, Row> best = new HashMap<>();
        for (Row c : rows) {
            best.merge(List.of(c.rfH(), c.rfW()), c, (x, y) -> ORDER.compare(x, y) <= 0 ? x : y);
        }
        List<Row> out = new ArrayList<>();
        for (Row c : best.values()) {
            boolean dominated = false;
            for (Row p : best.values()) {
                if (p != c && p.cost() <= c.cost() && p.rfH() >= c.rfH() && p.rfW() >= c.rfW()) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(c);
            }
        }
        out.sort(FRONT_ORDER);
        return describe(out);
    }

    static final Comparator<Row> FRONT_ORDER = Comparator.comparingLong(Row::cost)
        .thenComparing(Comparator.comparingLong(Row::rfH).reversed())
        .thenComparing(Comparator.comparingLong(Row::rfW).reversed())
        .thenComparingLong(Row::index);

    private List<String> describe(List<Row> list) {
        Decoder dec = space.decoder();
        List<String> out = new ArrayList<>();
        for (Row r : list) {
            dec.decode(r.index());
            StringBuilder sb = new StringBuilder();
            dec.appendArch(sb);
            out.add(BigInteger.valueOf(r.index()) + " " + r.cost() + " " + r.rfH() + "x" + r.rfW() + " " + sb);
        }
        return out;
    }
}
