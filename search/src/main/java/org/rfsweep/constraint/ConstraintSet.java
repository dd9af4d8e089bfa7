package org.rfsweep.constraint;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.space.Space;
import org.rfsweep.space.SpecException;

/**
 * A conjunction of constraints compiled to integer intervals: for each input of the space and
 * each constrained {@link Metric}, a candidate passes when {@code lower <= value <= upper}.
 * Expressions use the language of {@link WhereParser}; ratios to the input are exact (rational
 * thresholds are rounded toward the integers that satisfy them: {@code rf_h >= 0.5*input_h} at
 * input 225 means {@code rf_h >= 113}).
 *
 * <pre>
 *   ConstraintSet c = ConstraintSet.parse(List.of("rf >= input", "macs <= 300M"), space.inputs());
 *   c.test(metrics, slot, inputIndex);      // the filter, allocation-free
 *   c.upper(Metric.MACS, 0);                // 300000000: the bounds a search can prune with
 *   c.lower(Metric.RF_H, 0);                // 224 at input 224x224x3
 * </pre>
 *
 * Immutable and thread-safe.
 */
public final class ConstraintSet {
    private static final Metric[] ALL = Metric.values();
    private static final int METRICS = ALL.length;

    private final int inputs;
    private final List<String> expressions;
    /** Constrained metrics, in declaration order. */
    private final Metric[] ids;
    /** Per input {@code x}, per constrained metric {@code k}: bounds at {@code x * ids.length + k}. */
    private final long[] lo;
    private final long[] hi;
    /** Full bounds per input and metric ordinal at {@code x * METRICS + ordinal}. */
    private final long[] lower;
    private final long[] upper;

    private ConstraintSet(int inputs, List<String> expressions, long[] lower, long[] upper) {
        this.inputs = inputs;
        this.expressions = List.copyOf(expressions);
        this.lower = lower;
        this.upper = upper;
        boolean[] used = new boolean[METRICS];
        int n = 0;
        for (int x = 0; x < inputs; x++) {
            for (int m = 0; m < METRICS; m++) {
                if (!used[m] && (lower[x * METRICS + m] != 0 || upper[x * METRICS + m] != Long.MAX_VALUE)) {
                    used[m] = true;
                    n++;
                }
            }
        }
        ids = new Metric[n];
        for (int m = 0, k = 0; m < METRICS; m++) {
            if (used[m]) {
                ids[k++] = ALL[m];
            }
        }
        lo = new long[inputs * n];
        hi = new long[inputs * n];
        for (int x = 0; x < inputs; x++) {
            for (int k = 0; k < n; k++) {
                lo[x * n + k] = lower[x * METRICS + ids[k].ordinal()];
                hi[x * n + k] = upper[x * METRICS + ids[k].ordinal()];
            }
        }
    }

    /** No constraint, for {@code inputs} inputs. */
    public static ConstraintSet none(int inputs) {
        long[] lower = new long[inputs * METRICS];
        long[] upper = new long[inputs * METRICS];
        Arrays.fill(upper, Long.MAX_VALUE);
        return new ConstraintSet(inputs, List.of(), lower, upper);
    }

    /**
     * Compiles {@code expressions} for {@code inputs}.
     *
     * @throws IllegalArgumentException like {@code 'macs <= 6x': column 10: unknown suffix 'x' (expected K, M, G or T)}
     */
    public static ConstraintSet parse(List<String> expressions, List<InputShape> inputs) {
        ConstraintSet set = none(inputs.size());
        for (String e : expressions) {
            set = set.and(e, inputs);
        }
        return set;
    }

    /**
     * The constraints of {@code space} and the {@code --where} expressions {@code where}.
     *
     * @throws SpecException for a bad constraint of the space, naming file and path
     * @throws IllegalArgumentException for a bad {@code --where}, like {@code --where 'rf >': column 5: ...}
     */
    public static ConstraintSet of(Space space, List<String> where) {
        ConstraintSet set = none(space.inputs().size());
        List<String> fromSpace = space.constraints();
        for (int i = 0; i < fromSpace.size(); i++) {
            try {
                set = set.and(fromSpace.get(i), space.inputs());
            } catch (IllegalArgumentException e) {
                throw new SpecException(space.constraintPath(i), e.getMessage()).in(space.source());
            }
        }
        for (String w : where) {
            try {
                set = set.and(w, space.inputs());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--where " + e.getMessage(), e);
            }
        }
        return set;
    }

    /** This set and {@code expression}, for the same inputs. */
    public ConstraintSet and(String expression, List<InputShape> shapes) {
        if (shapes.size() != inputs) {
            throw new IllegalArgumentException("inputs=" + shapes.size() + " differ from this set's " + inputs);
        }
        List<WhereParser.Comparison> parts;
        try {
            parts = WhereParser.parse(expression);
        } catch (ConstraintSyntaxException e) {
            throw new IllegalArgumentException("'" + expression + "': " + e.getMessage(), e);
        }
        long[] lower2 = lower.clone();
        long[] upper2 = upper.clone();
        for (WhereParser.Comparison c : parts) {
            for (int x = 0; x < inputs; x++) {
                InputShape s = shapes.get(x);
                BigDecimal other = c.otherCoef();
                if (c.inputDim() != WhereParser.NONE) {
                    int dim = c.inputDim() == WhereParser.INPUT_H ? s.h
                        : c.inputDim() == WhereParser.INPUT_W ? s.w : s.c;
                    other = other.multiply(BigDecimal.valueOf(dim));
                }
                int at = x * METRICS + c.metric().ordinal();
                long[] bound = interval(c.op(), other, c.metricCoef());
                lower2[at] = Math.max(lower2[at], bound[0]);
                upper2[at] = Math.min(upper2[at], bound[1]);
            }
        }
        List<String> all = new ArrayList<>(expressions);
        all.add(expression);
        return new ConstraintSet(inputs, all, lower2, upper2);
    }

    /** The integers {@code v >= 0} with {@code coef * v OP other}, as {@code [lo, hi]} (empty when lo > hi). */
    private static long[] interval(int op, BigDecimal other, BigDecimal coef) {
        BigDecimal[] qr = other.divideAndRemainder(coef);
        BigInteger floor = qr[0].toBigInteger();
        boolean exact = qr[1].signum() == 0;
        BigInteger ceil = exact ? floor : floor.add(BigInteger.ONE);
        switch (op) {
            case WhereParser.GE:
                return new long[] {clamp(ceil), Long.MAX_VALUE};
            case WhereParser.GT:
                return new long[] {clamp(floor.add(BigInteger.ONE)), Long.MAX_VALUE};
            case WhereParser.LE:
                return new long[] {0, clamp(floor)};
            case WhereParser.LT:
                return new long[] {0, clamp(ceil.subtract(BigInteger.ONE))};
            default:
                return exact ? new long[] {clamp(floor), clamp(floor)} : new long[] {1, 0};
        }
    }

    private static long clamp(BigInteger v) {
        if (v.signum() < 0) {
            return -1;
        }
        return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
    }

    /** True when slot {@code slot} of {@code m}, a valid result for input {@code input}, passes every constraint. */
    public boolean test(Metrics m, int slot, int input) {
        final Metric[] ids = this.ids;
        final int n = ids.length;
        final int base = input * n;
        for (int k = 0; k < n; k++) {
            long v = ids[k].value(m, slot);
            if (v < lo[base + k] || v > hi[base + k]) {
                return false;
            }
        }
        return true;
    }

    /** The smallest value of {@code metric} that can pass at input {@code input} (0 when unbounded). */
    public long lower(Metric metric, int input) {
        return lower[input * METRICS + metric.ordinal()];
    }

    /**
     * The largest value of {@code metric} that can pass at input {@code input}
     * ({@code Long.MAX_VALUE} when unbounded).
     */
    public long upper(Metric metric, int input) {
        return upper[input * METRICS + metric.ordinal()];
    }

    /** True when nothing can pass at input {@code input} (some interval is empty). */
    public boolean unsatisfiable(int input) {
        for (int m = 0; m < METRICS; m++) {
            if (lower[input * METRICS + m] > upper[input * METRICS + m]) {
                return true;
            }
        }
        return false;
    }

    /** True when there is no constraint. */
    public boolean isEmpty() {
        return ids.length == 0;
    }

    /** The expressions, as written, in order. */
    public List<String> expressions() {
        return expressions;
    }

    public int inputs() {
        return inputs;
    }

    @Override
    public String toString() {
        return expressions.isEmpty() ? "(none)" : String.join(" and ", expressions);
    }
}
