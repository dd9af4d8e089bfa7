package org.rfsweep.cli.region;

import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.Extents;
import org.rfsweep.core.math.Limits;

/**
 * The input sizes a network works on, computed by the arithmetic of SPEC sections 2, 3 and 5
 * (like rfa-toolbox's resolution range, but exact). {@code rfsweep range} then proves each value
 * by evaluating the network at it and one below or above it.
 *
 * <ul>
 *   <li>{@link #smallest}: the smallest extent per axis on which every layer's output is at least
 *       1. Going back from the output, which needs {@code m = 1}, each windowed layer needs the
 *       smallest {@code n} with {@code out(n) >= m} (output extents grow with {@code n} under
 *       every rounding rule, so a bisection over {@code [1, (m-1)*s + ek]} finds it), a global
 *       layer needs 1, an elementwise layer passes {@code m} on, and a branch block needs the
 *       largest need of its branches.</li>
 *   <li>{@link #unproductiveFree}: the smallest square input on which no layer is unproductive.
 *       Before any global or adaptive layer the minimum RF after each layer does not depend on
 *       the input, and layer {@code i} is unproductive on {@code n x n} exactly when
 *       {@code n <= min(rb_h, rb_w, ra_h - 1, ra_w - 1)} ({@code rb}, {@code ra}: the minimum RF
 *       before and after it; SPEC section 5). One more than the largest such bound is the answer.</li>
 *   <li>{@link #covered}: the largest extent per axis that the RF covers, {@code rf >= n}: the RF
 *       of the layers before the first global or adaptive layer outside any branch (after such a
 *       layer the RF grows with the input and always covers it).</li>
 * </ul>
 */
final class InputRange {
    /** No input satisfies the rule within the extent bound. */
    static final long NONE = -1;

    private InputRange() {
    }

    /** The smallest input extent along one axis on which every layer has an output of at least 1, or {@link #NONE}. */
    static long smallest(Network net, boolean height) {
        return need(net, height, 0, net.count(), 1);
    }

    private static long need(Network net, boolean height, int from, int to, long m) {
        long need = m;
        for (int i = to - 1; i >= from && need != NONE; i--) {
            int op = net.op(i);
            if (op == Op.END) {
                int open = net.opening(i);
                long most = 1;
                int end = i;
                for (int b = i - 1; b >= open; b--) {
                    int o = net.op(b);
                    if (o == Op.END) {
                        b = net.opening(b);
                    } else if (o == Op.NEXT || b == open) {
                        long v = need(net, height, b + 1, end, need);
                        if (v == NONE) {
                            return NONE;
                        }
                        most = Math.max(most, v);
                        end = b;
                    }
                }
                need = most;
                i = open;
            } else if (Op.isWindowed(op)) {
                need = layerNeed(net, i, height, need);
            } else if (Op.isGlobal(op)) {
                need = 1;
            } else if (op == Op.ADAPTIVEAVGPOOL) {
                need = net.get(i, height ? Layer.KH : Layer.KW) >= need ? 1 : NONE;
            }
        }
        return need;
    }

    /** The smallest {@code n} with {@code out(n) >= m} for windowed record {@code i}, or {@link #NONE}. */
    private static long layerNeed(Network net, int i, boolean height, long m) {
        int ek = Extents.effectiveKernel(net.get(i, height ? Layer.KH : Layer.KW), net.get(i, height ? Layer.DH
            : Layer.DW));
        int s = net.get(i, height ? Layer.SH : Layer.SW);
        int before = net.get(i, height ? Layer.PT : Layer.PL);
        int after = net.get(i, height ? Layer.PB : Layer.PR);
        int mode = net.get(i, Layer.MODE);
        long hi = Math.min(Limits.MAX_EXTENT, (m - 1) * s + ek);
        if (Extents.out((int) hi, ek, s, before, after, mode) < m) {
            return NONE;
        }
        long lo = 1;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (Extents.out((int) mid, ek, s, before, after, mode) >= m) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * The smallest square input on which no layer before the first input-dependent layer is
     * unproductive, at least {@code floor}; {@code trace} holds an evaluation on any valid input.
     */
    static long unproductiveFree(Network net, LayerTrace trace, boolean ignore1x1, long floor) {
        int cut = cut(net);
        long worst = 0;
        long beforeH = 1;
        long beforeW = 1;
        // passed[d]: the path at nesting depth d went through a global or adaptive layer, so its
        // field grows with the input; such layers are left to the proof by evaluation.
        boolean[] passed = new boolean[Limits.MAX_DEPTH + 2];
        int depth = 0;
        for (int i = 0; i < cut; i++) {
            int op = net.op(i);
            if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                depth++;
                passed[depth] = passed[depth - 1];
            } else if (op == Op.NEXT) {
                passed[depth] = passed[depth - 1];
            } else if (op == Op.END) {
                depth--;
            } else if (Op.isGlobal(op) || op == Op.ADAPTIVEAVGPOOL) {
                passed[depth] = true;
            }
            boolean oneByOne = net.get(i, Layer.KH) == 1 && net.get(i, Layer.KW) == 1;
            if (Op.isWindowed(op) && !passed[depth] && !(ignore1x1 && oneByOne)) {
                long bound = Math.min(Math.min(beforeH, beforeW), Math.min(trace.rfMinH[i] - 1, trace.rfMinW[i] - 1));
                worst = Math.max(worst, bound);
            }
            beforeH = trace.rfMinH[i];
            beforeW = trace.rfMinW[i];
        }
        return Math.max(worst + 1, floor);
    }

    /** The RF of the layers before {@link #cut}, per axis: {@code {rf_h, rf_w}}. */
    static long[] covered(Network net, LayerTrace trace) {
        int cut = cut(net);
        return cut == 0 ? new long[] {1, 1} : new long[] {trace.rfH[cut - 1], trace.rfW[cut - 1]};
    }

    /**
     * The first record whose receptive field depends on the input size: a global or adaptive
     * layer outside any branch, or a branch block whose every branch has one; {@code count} if
     * none.
     */
    static int cut(Network net) {
        int depth = 0;
        for (int i = 0; i < net.count(); i++) {
            int op = net.op(i);
            if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                if (depth == 0 && everyBranchDepends(net, i)) {
                    return i;
                }
                depth++;
            } else if (op == Op.END) {
                depth--;
            } else if (depth == 0 && (Op.isGlobal(op) || op == Op.ADAPTIVEAVGPOOL)) {
                return i;
            }
        }
        return net.count();
    }

    private static boolean everyBranchDepends(Network net, int open) {
        int depth = 0;
        boolean current = false;
        for (int i = open + 1; i < net.count(); i++) {
            int op = net.op(i);
            if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                depth++;
            } else if (op == Op.END && depth > 0) {
                depth--;
            } else if (depth == 0 && (op == Op.NEXT || op == Op.END)) {
                if (!current) {
                    return false;
                }
                if (op == Op.END) {
                    return true;
                }
                current = false;
            } else if (Op.isGlobal(op) || op == Op.ADAPTIVEAVGPOOL) {
                current = true;
            }
        }
        return false;
    }


    /** Evaluates the first {@code count} records on {@code h x w x c} into slot 0 of {@code m}. */
    static boolean evaluate(Network net, int count, long h, long w, int c, boolean ignore1x1, Metrics m) {
        if (h < 1 || w < 1 || h > Limits.MAX_EXTENT || w > Limits.MAX_EXTENT) {
            return false;
        }
        return new StackEvaluator(ignore1x1).evaluate(net.records(), 0, count, (int) h, (int) w, c, m, 0);
    }
}
