package org.rfsweep.core.eval;

import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.AdaptiveWindows;
import org.rfsweep.core.math.Extents;

/**
 * The top-down receptive-field method of SPEC section 3 (the seed's second method): start with
 * {@code r = 1} after the last layer and go back, {@code r = (r - 1) * s + ek}. It must agree with
 * the forward pass of {@link StackEvaluator}; the tests check that on random stacks. Not used on
 * the hot path; {@code rfsweep analyze --columns rf_topdown} shows it layer by layer.
 *
 * <p>{@link #trace} handles every layer kind and branch blocks: a global or adaptive layer uses
 * the input extent it saw in a {@link LayerTrace} ({@code ek = n, s = 1} for {@code gap},
 * {@code fc}, {@code flatten}; the {@link AdaptiveWindows} kernel and stride for
 * {@code adaptiveavgpool}); at a block, the value before it is the maximum over its branches of the
 * value each branch gives, leaving out branches that pass a global layer (SPEC section 4), as
 * the forward maximum does. Behind a global layer the whole input is seen anyway and the two
 * methods may differ where branches of different strides merge (the forward pass keeps one
 * branch's stride there); before any global layer they agree (property-tested). On the seed
 * example the values from the output back are 1, 3, 5, 13.
 */
public final class TopDown {
    private TopDown() {
    }

    /**
     * RF along one axis after record {@code last} of a plain stack, computed backwards.
     *
     * @param kField {@link Layer#KH} or {@link Layer#KW}
     * @param sField {@link Layer#SH} or {@link Layer#SW}
     * @param dField {@link Layer#DH} or {@link Layer#DW}
     */
    public static long rf(Network net, int last, int kField, int sField, int dField) {
        long r = 1;
        for (int i = last; i >= 0; i--) {
            int op = net.op(i);
            if (!Op.isWindowed(op)) {
                if (Kinds.step(op) == Kinds.STEP_ELEMENTWISE || Kinds.step(op) == Kinds.STEP_CHANNEL) {
                    continue;
                }
                throw new IllegalArgumentException("top-down RF supports windowed and elementwise layers, not "
                    + Op.name(op));
            }
            long ek = Extents.effectiveKernel(net.get(i, kField), net.get(i, dField));
            r = (r - 1) * net.get(i, sField) + ek;
        }
        return r;
    }

    /**
     * The top-down values of a whole network along one axis: element {@code i} is the size, on the
     * output map of record {@code i}, of the region that one unit of the network's output sees;
     * the last element ({@code count}) is the value on the network's input, which equals the
     * forward RF. {@code trace} must hold a successful evaluation of {@code net}.
     *
     * @param height true for H, false for W
     */
    public static long[] trace(Network net, LayerTrace trace, boolean height) {
        long[] after = new long[net.count() + 1];
        after[net.count()] = back(net, trace, height, 0, net.count(), 1, after);
        return after;
    }

    /** Walks records {@code [from, to)} backwards from {@code r}; returns the value at {@code from}'s input. */
    private static long back(Network net, LayerTrace trace, boolean height, int from, int to, long r, long[] after) {
        int i = to - 1;
        while (i >= from) {
            int op = net.op(i);
            after[i] = r;
            if (op == Op.END) {
                int open = net.opening(i);
                long best = -1;
                long any = -1;
                int end = i;
                for (int b = i - 1; b >= open; b--) {
                    int o = net.op(b);
                    if (o == Op.END) {
                        b = net.opening(b);
                    } else if (o == Op.NEXT || b == open) {
                        long v = back(net, trace, height, b + 1, end, r, after);
                        any = Math.max(any, v);
                        if (!passesGlobal(net, b + 1, end)) {
                            best = Math.max(best, v);
                        }
                        after[b] = r;
                        end = b;
                    }
                }
                r = best >= 0 ? best : any;
                after[open] = r;
                i = open - 1;
                continue;
            }
            r = step(net, trace, height, i, r);
            i--;
        }
        return r;
    }

    private static long step(Network net, LayerTrace trace, boolean height, int i, long r) {
        int op = net.op(i);
        int n = height ? trace.inH[i] : trace.inW[i];
        if (Op.isWindowed(op)) {
            long d = net.get(i, height ? Layer.DH : Layer.DW);
            long ek = d * (net.get(i, height ? Layer.KH : Layer.KW) - 1) + 1;
            return (r - 1) * net.get(i, height ? Layer.SH : Layer.SW) + ek;
        }
        if (Op.isGlobal(op)) {
            return r - 1 + n;
        }
        if (op == Op.ADAPTIVEAVGPOOL) {
            int o = net.get(i, height ? Layer.KH : Layer.KW);
            return (r - 1) * AdaptiveWindows.stride(n, o) + AdaptiveWindows.kernel(n, o);
        }
        return r;
    }


    /** True when records {@code [from, to)} hold a global layer (SPEC section 4 leaves such a branch out). */
    static boolean passesGlobal(Network net, int from, int to) {
        for (int i = from; i < to; i++) {
            int op = net.op(i);
            if (Op.isGlobal(op)
                || op == Op.ADAPTIVEAVGPOOL && net.get(i, Layer.KH) == 1 && net.get(i, Layer.KW) == 1) {
                return true;
            }
        }
        return false;
    }
}
