package org.rfsweep.search;

import java.util.ArrayList;
import java.util.List;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.constraint.Metric;

/**
 * The constraints, objective and mode of one search at one input, compiled to what the label
 * search needs: intervals on the state metrics (checked on final states), intervals on the
 * additive metrics (pruned against bounds of what the rest of the stack can add), and the
 * dominance test between two labels of the same state.
 *
 * <h2>Dominance</h2>
 * Label {@code A} dominates {@code B} (same state; {@code A} before {@code B} in the order
 * objective, then candidate index) when every completion that makes {@code B} pass makes
 * {@code A} pass with an objective no larger, for each additive metric {@code v} with bounds
 * {@code [lo, hi]}:
 * <pre>
 *   hi finite   v(A) <= v(B)                         (what B can still add keeps A below hi)
 *   lo above 0  min(v(A), lo) >= min(v(B), lo)       (A reaches lo whenever B does: the RF target)
 *   Pareto      rf(A) >= rf(B) on each axis          (rf is maximised, not bounded)
 * </pre>
 * and, when unproductive layers are counted, both have the same {@code min(rf_min, input + 1)}
 * per axis, because whether a later layer is flagged depends on exactly that.
 * Immutable.
 */
final class Rules {
    /** Dominance condition kinds. */
    static final int LE = 0;
    static final int GE_CAP = 1;
    static final int GE = 2;

    final Objective objective;
    final int[] objectiveForm;
    final boolean pareto;
    final int top;
    /** Bounds of out_h, out_w, out_c, stride_h, stride_w: {@code [lo, hi]} pairs. */
    final long[] stateBounds;
    /** Constrained additive metrics. */
    final Metric[] dimMetric;
    final int[][] dimForm;
    final long[] dimLo;
    final long[] dimHi;
    /** Dominance conditions: form, kind and cap. */
    final int[][] condForm;
    final int[] condKind;
    final long[] condCap;
    final boolean countUnproductive;
    final int inH;
    final int inW;
    /** The RF targets per axis (0 when none): a lower bound in top mode, the {@code meets_rf} mark in Pareto mode. */
    final long targetH;
    final long targetW;

    private Rules(Objective objective, boolean pareto, int top, ConstraintSet constraints, Graph g) {
        final int input = g.input;
        final boolean symmetric = g.symmetric;
        this.objective = objective;
        this.objectiveForm = Quantity.form(objective.metric);
        this.pareto = pareto;
        this.top = top;
        this.inH = g.inH;
        this.inW = g.inW;
        Metric[] state = {Metric.OUT_H, Metric.OUT_W, Metric.OUT_C, Metric.STRIDE_H, Metric.STRIDE_W};
        stateBounds = new long[state.length * 2];
        for (int i = 0; i < state.length; i++) {
            stateBounds[2 * i] = constraints.lower(state[i], input);
            stateBounds[2 * i + 1] = constraints.upper(state[i], input);
        }
        targetH = constraints.lower(Metric.RF_H, input);
        targetW = constraints.lower(Metric.RF_W, input);
        List<Metric> metrics = new ArrayList<>();
        List<long[]> bounds = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (Quantity.form(m) == null) {
                continue;
            }
            long lo = constraints.lower(m, input);
            long hi = constraints.upper(m, input);
            if (pareto && (m == Metric.RF_H || m == Metric.RF_W)) {
                lo = 0;
            }
            if (lo > 0 || hi != Long.MAX_VALUE) {
                metrics.add(m);
                bounds.add(new long[] {lo, hi});
            }
        }
        dimMetric = metrics.toArray(new Metric[0]);
        dimForm = new int[dimMetric.length][];
        dimLo = new long[dimMetric.length];
        dimHi = new long[dimMetric.length];
        boolean unproductive = false;
        List<int[]> forms = new ArrayList<>();
        List<long[]> kinds = new ArrayList<>();
        for (int d = 0; d < dimMetric.length; d++) {
            dimForm[d] = Quantity.form(dimMetric[d]);
            dimLo[d] = bounds.get(d)[0];
            dimHi[d] = bounds.get(d)[1];
            unproductive |= dimMetric[d] == Metric.UNPRODUCTIVE;
            boolean redundantW = symmetric && Quantity.isW(dimMetric[d])
                && constraints.lower(Quantity.mirror(dimMetric[d]), input) == dimLo[d]
                && constraints.upper(Quantity.mirror(dimMetric[d]), input) == dimHi[d]
                && !(pareto && dimMetric[d] == Metric.RF_W);
            if (redundantW) {
                continue;
            }
            boolean alwaysZero = dimMetric[d] == Metric.UNPRODUCTIVE && dimHi[d] == 0;
            if (dimHi[d] != Long.MAX_VALUE && dimMetric[d] != objective.metric && !alwaysZero) {
                forms.add(dimForm[d]);
                kinds.add(new long[] {LE, 0});
            }
            if (dimLo[d] > 0) {
                forms.add(dimForm[d]);
                kinds.add(new long[] {GE_CAP, dimLo[d]});
            }
        }
        if (pareto) {
            forms.add(Quantity.form(Metric.RF_H));
            kinds.add(new long[] {GE, 0});
            if (!symmetric) {
                forms.add(Quantity.form(Metric.RF_W));
                kinds.add(new long[] {GE, 0});
            }
        }
        countUnproductive = unproductive;
        condForm = forms.toArray(new int[0][]);
        condKind = new int[condForm.length];
        condCap = new long[condForm.length];
        for (int i = 0; i < condForm.length; i++) {
            condKind[i] = (int) kinds.get(i)[0];
            condCap[i] = kinds.get(i)[1];
        }
    }

    /** The rules of the top-k search of {@code o} at the input of {@code g}. */
    static Rules forTop(SearchOptions o, Graph g) {
        return new Rules(o.objective, false, o.top, o.constraints, g);
    }

    /** The rules of the Pareto-front search of {@code o} at the input of {@code g} (one label per point). */
    static Rules forFront(SearchOptions o, Graph g) {
        return new Rules(o.objective, true, 1, o.constraints, g);
    }

    /** True when a final state with these metrics passes the state intervals. */
    boolean stateAllowed(int outH, int outW, int outC, long strideH, long strideW) {
        long[] b = stateBounds;
        return outH >= b[0] && outH <= b[1] && outW >= b[2] && outW <= b[3] && outC >= b[4] && outC <= b[5]
            && strideH >= b[6] && strideH <= b[7] && strideW >= b[8] && strideW <= b[9];
    }

    /** The value of form {@code f} on the label at {@code q[at...]}. */
    static long value(int[] f, long[] q, int at) {
        return f[1] * q[at + f[0]] + f[3] * q[at + f[2]];
    }

    /** True for the RF metrics, whose pruning counts as the RF rule. */
    static boolean isRf(Metric m) {
        return m == Metric.RF_H || m == Metric.RF_W || m == Metric.RF_MIN_H || m == Metric.RF_MIN_W;
    }

    /**
     * True when the dominance test (within one unproductive class) is one "at least, capped" or
     * "at least" on one quantity. A bound {@code unproductive == 0} adds no condition: every label
     * that survives has none.
     */
    boolean singleCondition() {
        return condForm.length == 1 && condKind[0] != LE && condForm[0][1] == 1 && condForm[0][3] == 0;
    }
}
