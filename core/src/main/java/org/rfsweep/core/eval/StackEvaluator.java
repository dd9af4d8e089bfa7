package org.rfsweep.core.eval;

import static org.rfsweep.core.eval.ErrorCode.Axis.H;
import static org.rfsweep.core.eval.ErrorCode.Axis.W;

import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.AdaptiveWindows;
import org.rfsweep.core.math.Extents;
import org.rfsweep.core.math.Limits;

/**
 * Evaluates one stack encoded as {@link Layer} records and writes its results into a slot of
 * {@link Metrics}. It allocates nothing and throws nothing per stack: an invalid stack gets an
 * {@link ErrorCode}, the index of the failing record and a detail value.
 *
 * <p>Per axis, in one forward pass (SPEC section 3), starting from {@code r = 1, j = 1, P = 0}:
 * <pre>
 *   out = Extents.out(n, ek, s, pl, pr, mode)      ek = d*(k-1) + 1
 *   r  += (ek - 1) * j                             the receptive field
 *   P  += pl * j                                   effective padding (pl derived for SAME)
 *   j  *= s                                        effective stride (jump)
 * </pre>
 * Global layers ({@code gap}, {@code fc}, {@code flatten}) use {@code ek = n, s = 1} and give a
 * 1x1 output ({@code flatten}: {@code H*W*C} channels); {@code adaptiveavgpool} uses the kernel and
 * stride of {@link AdaptiveWindows}; elementwise layers ({@code bn}, {@code relu} ..
 * {@code droppath}, {@code chunk}, {@code shuffle}) leave the field unchanged. Counts follow SPEC
 * sections 6 and 7; activations are the output elements of conv-like and fc layers (pycls).
 * The layers beyond SPEC section 9 sit after every check the plain-stack layers take.
 *
 * <p>Every field of a record is assumed to lie within {@link Limits} (the parser and the
 * design-space loader check that once). Derived quantities are checked here, so no count can
 * overflow: a stack that would leave the bounds gets {@link ErrorCode#EXCEEDS_BOUND}.
 *
 * <p>Branch blocks ({@code add}, {@code cat}, {@code mul}) are evaluated with a fixed-size,
 * reused {@link BranchStack}: each branch starts from the block's input state and the branches
 * are merged at the block's end by the rules of SPEC section 4. Params and MACs add over all
 * branches.
 *
 * <p>Holds reused scratch state: not thread-safe, use one instance per thread.
 */
public final class StackEvaluator {
    private final boolean ignore1x1;
    private final BranchStack branches = new BranchStack();
    private final long[] state = new long[BranchStack.WIDTH];
    private final MemoryState memory = new MemoryState();

    /** An evaluator that flags 1x1 layers as unproductive like any other. */
    public StackEvaluator() {
        this(false);
    }

    /** @param ignore1x1 when true, layers with a 1x1 kernel are never flagged unproductive */
    public StackEvaluator(boolean ignore1x1) {
        this.ignore1x1 = ignore1x1;
    }

    /**
     * Evaluates the {@code count} records at {@code records[base...]} on an input of
     * {@code inH x inW x inC} and writes slot {@code slot} of {@code out}.
     *
     * @return true when the stack is valid
     */
    public boolean evaluate(int[] records, int base, int count, int inH, int inW, int inC,
                            Metrics out, int slot) {
        return run(records, base, count, inH, inW, inC, out, slot, null);
    }

    /** As {@link #evaluate}, and also fills {@code trace} with one row per record. */
    public boolean trace(int[] records, int base, int count, int inH, int inW, int inC,
                         Metrics out, int slot, LayerTrace trace) {
        trace.reset(count);
        return run(records, base, count, inH, inW, inC, out, slot, trace);
    }

    private boolean run(int[] rec, int base, int count, int inH, int inW, int inC,
                        Metrics out, int slot, LayerTrace trace) {
        int nH = inH;
        int nW = inW;
        int c = inC;
        long rH = 1;
        long rW = 1;
        // The minimum RF over paths is kept as its lag behind the maximum: the lag only changes
        // where branches merge, so the layer path updates one RF per axis instead of two.
        long lagH = 0;
        long lagW = 0;
        long jH = 1;
        long jW = 1;
        long pH = 0;
        long pW = 0;
        long params = 0;
        long macs = 0;
        long biasAdds = 0;
        long acts = 0;
        int unproductive = 0;
        boolean global = false;
        branches.reset();
        memory.start(inH, inW, inC);

        for (int i = 0, at = base; i < count; i++, at += Layer.INTS) {
            final int op = rec[at + Layer.OP];
            if (trace != null) {
                trace.input(i, nH, nW, c);
            }
            long lp = 0;
            long lm = 0;
            long lb = 0;
            long la = 0;
            int flags = 0;
            if (op <= Op.AVGPOOL) {
                final int kh = rec[at + Layer.KH];
                final int kw = rec[at + Layer.KW];
                final int sh = rec[at + Layer.SH];
                final int sw = rec[at + Layer.SW];
                final int mode = rec[at + Layer.MODE];
                final int pt = rec[at + Layer.PT];
                final int pb = rec[at + Layer.PB];
                final int pl = rec[at + Layer.PL];
                final int pr = rec[at + Layer.PR];
                if (op >= Op.MAXPOOL && mode <= Rounding.CEIL) {
                    if (pt > kh >> 1 || pb > kh >> 1) {
                        return fail(out, slot, ErrorCode.POOL_PADDING, i, H);
                    }
                    if (pl > kw >> 1 || pr > kw >> 1) {
                        return fail(out, slot, ErrorCode.POOL_PADDING, i, W);
                    }
                }
                // PyTorch rejects bad groups when it builds the layer, before any size check.
                // Divisions are slow: the common ungrouped conv skips them.
                if (op == Op.CONV) {
                    final int g = rec[at + Layer.G];
                    if (g != 1 && c % g != 0) {
                        return fail(out, slot, ErrorCode.GROUPS, i, ErrorCode.DETAIL_IN);
                    }
                    if (g != 1 && rec[at + Layer.C] % g != 0) {
                        return fail(out, slot, ErrorCode.GROUPS, i, ErrorCode.DETAIL_OUT);
                    }
                } else if (op == Op.DWCONV && rec[at + Layer.C] % c != 0) {
                    return fail(out, slot, ErrorCode.GROUPS, i, ErrorCode.DETAIL_OUT);
                }
                final int ekH = rec[at + Layer.DH] * (kh - 1) + 1;
                final int ekW = rec[at + Layer.DW] * (kw - 1) + 1;
                final int oh = Extents.out(nH, ekH, sh, pt, pb, mode);
                if (oh < 1) {
                    return fail(out, slot, ErrorCode.OUTPUT_TOO_SMALL, i, H);
                }
                final int ow = Extents.out(nW, ekW, sw, pl, pr, mode);
                if (ow < 1) {
                    return fail(out, slot, ErrorCode.OUTPUT_TOO_SMALL, i, W);
                }
                if (oh > Limits.MAX_EXTENT) {
                    return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.OUT_H);
                }
                if (ow > Limits.MAX_EXTENT) {
                    return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.OUT_W);
                }
                final long spatial = (long) oh * ow;
                final int bias = rec[at + Layer.BIAS];
                int cOut = c;
                if (op == Op.CONV) {
                    final int g = rec[at + Layer.G];
                    cOut = rec[at + Layer.C];
                    final int cpg = g == 1 ? c : c / g;
                    final long channelPairs = (long) cOut * cpg;
                    final long window = (long) kh * kw;
                    if (!Limits.productFits(spatial, channelPairs, window)) {
                        return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.COUNTS);
                    }
                    final long perPosition = channelPairs * window;
                    lm = spatial * perPosition;
                    lp = perPosition + (long) bias * cOut;
                    la = spatial * cOut;
                    lb = bias * la;
                } else if (op == Op.DWCONV) {
                    final int cSet = rec[at + Layer.C];
                    cOut = cSet == Layer.SAME_CHANNELS ? c : cSet;
                    final long window = (long) kh * kw;
                    if (!Limits.productFits(spatial, cOut, window)) {
                        return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.COUNTS);
                    }
                    final long perPosition = cOut * window;
                    lm = spatial * perPosition;
                    lp = perPosition + (long) bias * cOut;
                    la = spatial * cOut;
                    lb = bias * la;
                } else if (op == Op.SEPCONV) {
                    cOut = rec[at + Layer.C];
                    final long perChannel = (long) kh * kw + cOut;
                    if (!Limits.productFits(spatial, c, perChannel)) {
                        return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.COUNTS);
                    }
                    lm = spatial * c * perChannel;
                    lp = c * perChannel + (long) bias * cOut;
                    la = spatial * (c + cOut);
                    lb = bias * spatial * cOut;
                }
                final boolean coveredBefore = rH - lagH >= inH && rW - lagW >= inW;
                final boolean exceededBefore = rH - lagH > inH && rW - lagW > inW;
                final long growH = (long) (ekH - 1) * jH;
                final long growW = (long) (ekW - 1) * jW;
                rH += growH;
                rW += growW;
                pH += (long) Extents.padBefore(nH, ekH, sh, pt, mode) * jH;
                pW += (long) Extents.padBefore(nW, ekW, sw, pl, mode) * jW;
                jH *= sh;
                jW *= sw;
                final boolean exceeded = rH - lagH > inH && rW - lagW > inW;
                if (coveredBefore && exceeded && !(ignore1x1 && kh == 1 && kw == 1)) {
                    flags = LayerTrace.UNPRODUCTIVE;
                    unproductive++;
                } else if (exceeded && !exceededBefore) {
                    flags = LayerTrace.CRITICAL;
                }
                nH = oh;
                nW = ow;
                c = cOut;
                if (rH > Limits.MAX_RF || pH > Limits.MAX_RF) {
                    return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.RF_H);
                }
                if (rW > Limits.MAX_RF || pW > Limits.MAX_RF) {
                    return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.RF_W);
                }
                if (jH > Limits.MAX_JUMP) {
                    return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.STRIDE_H);
                }
                if (jW > Limits.MAX_JUMP) {
                    return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.STRIDE_W);
                }
            } else if (op == Op.GAP || op == Op.FC) {
                final long growH = (long) (nH - 1) * jH;
                final long growW = (long) (nW - 1) * jW;
                rH += growH;
                rW += growW;
                if (op == Op.FC) {
                    final int cOut = rec[at + Layer.C];
                    if (!Limits.productFits((long) nH * nW, c, cOut)) {
                        return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.COUNTS);
                    }
                    lm = (long) nH * nW * c * cOut;
                    la = cOut;
                    lb = (long) rec[at + Layer.BIAS] * cOut;
                    lp = lm + lb;
                    c = cOut;
                }
                nH = 1;
                nW = 1;
                global = true;
                if (rH > Limits.MAX_RF) {
                    return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.RF_H);
                }
                if (rW > Limits.MAX_RF) {
                    return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.RF_W);
                }
            } else if (op == Op.BN) {
                lp = 2L * c;
            } else if (op >= Op.FIRST_MARKER) {
                pack(nH, nW, c, rH, rW, rH - lagH, rW - lagW, jH, jW, pH, pW, global);
                if (op == Op.NEXT || op == Op.END) {
                    if (branches.depth() == 0) {
                        return fail(out, slot, ErrorCode.MALFORMED, i, 0);
                    }
                    int err = branches.merge(state);
                    if (err != ErrorCode.OK) {
                        return fail(out, slot, err, branches.openRecord(), branches.detail);
                    }
                    final long[] s = op == Op.NEXT ? branches.input : branches.merged;
                    final int b = branches.top();
                    nH = (int) s[b + BranchStack.N_H];
                    nW = (int) s[b + BranchStack.N_W];
                    c = (int) s[b + BranchStack.C];
                    rH = s[b + BranchStack.R_H];
                    rW = s[b + BranchStack.R_W];
                    lagH = rH - s[b + BranchStack.RMIN_H];
                    lagW = rW - s[b + BranchStack.RMIN_W];
                    jH = s[b + BranchStack.J_H];
                    jW = s[b + BranchStack.J_W];
                    pH = s[b + BranchStack.P_H];
                    pW = s[b + BranchStack.P_W];
                    global = s[b + BranchStack.GLOBAL] != 0;
                    if (op == Op.END) {
                        flags = branches.globalContext() ? LayerTrace.GLOBAL_CONTEXT : 0;
                        branches.close();
                    }
                } else if (op > Op.MUL || !branches.open(op, i, state)) {
                    return fail(out, slot, ErrorCode.MALFORMED, i, 0);
                }
            } else if (op > Op.LAST_ELEMENTWISE) {
                // relu..droppath fall through: they change nothing tracked here.
                if (op == Op.CHUNK || op == Op.SHUFFLE) {
                    if (c % rec[at + Layer.G] != 0) {
                        return fail(out, slot, ErrorCode.GROUPS, i, ErrorCode.DETAIL_IN);
                    }
                    if (op == Op.CHUNK) {
                        c /= rec[at + Layer.G];
                    }
                } else if (op == Op.FLATTEN || op == Op.ADAPTIVEAVGPOOL) {
                    int oh = 1;
                    int ow = 1;
                    int kh = nH;
                    int kw = nW;
                    int sh = 1;
                    int sw = 1;
                    if (op == Op.ADAPTIVEAVGPOOL) {
                        oh = rec[at + Layer.KH];
                        ow = rec[at + Layer.KW];
                        kh = AdaptiveWindows.kernel(nH, oh);
                        kw = AdaptiveWindows.kernel(nW, ow);
                        sh = AdaptiveWindows.stride(nH, oh);
                        sw = AdaptiveWindows.stride(nW, ow);
                    } else {
                        final long flat = (long) nH * nW * c;
                        if (flat > Limits.MAX_CHANNELS) {
                            return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.CHANNELS);
                        }
                        c = (int) flat;
                    }
                    final long growH = (long) (kh - 1) * jH;
                    final long growW = (long) (kw - 1) * jW;
                    rH += growH;
                    rW += growW;
                    jH *= sh;
                    jW *= sw;
                    nH = oh;
                    nW = ow;
                    if (oh == 1 && ow == 1) {
                        global = true;
                    }
                    if (rH > Limits.MAX_RF) {
                        return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.RF_H);
                    }
                    if (rW > Limits.MAX_RF) {
                        return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.RF_W);
                    }
                    if (jH > Limits.MAX_JUMP) {
                        return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.STRIDE_H);
                    }
                    if (jW > Limits.MAX_JUMP) {
                        return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.STRIDE_W);
                    }
                } else {
                    return fail(out, slot, ErrorCode.MALFORMED, i, 0);
                }
            }
            params += lp;
            macs += lm;
            biasAdds += lb;
            acts += la;
            if ((params | macs | biasAdds | acts) >= Limits.MAX_COUNT || !memory.step(op, nH, nW, c)
                || (memory.act | memory.peak) >= Limits.MAX_COUNT) {
                return fail(out, slot, ErrorCode.EXCEEDS_BOUND, i, ErrorCode.Bound.COUNTS);
            }
            if (trace != null) {
                trace.output(i, nH, nW, c);
                trace.field(i, rH, rW, rH - lagH, rW - lagW, jH, jW, pH, pW);
                trace.counts(i, lp, lm, lb, la, flags);
            }
        }

        if (branches.depth() != 0) {
            return fail(out, slot, ErrorCode.MALFORMED, count - 1, 0);
        }
        out.outH[slot] = nH;
        out.outW[slot] = nW;
        out.outC[slot] = c;
        out.rfH[slot] = rH;
        out.rfW[slot] = rW;
        out.rfMinH[slot] = rH - lagH;
        out.rfMinW[slot] = rW - lagW;
        out.strideH[slot] = jH;
        out.strideW[slot] = jW;
        out.padH[slot] = pH;
        out.padW[slot] = pW;
        out.params[slot] = params;
        out.macs[slot] = macs;
        out.biasAdds[slot] = biasAdds;
        out.acts[slot] = acts;
        out.actElements[slot] = memory.act;
        out.peakElements[slot] = memory.peak;
        out.unproductive[slot] = unproductive;
        out.error[slot] = ErrorCode.OK;
        out.errorRecord[slot] = -1;
        out.errorDetail[slot] = 0;
        return true;
    }

    private void pack(int nH, int nW, int c, long rH, long rW, long rmH, long rmW, long jH, long jW,
                      long pH, long pW, boolean global) {
        final long[] s = state;
        s[BranchStack.N_H] = nH;
        s[BranchStack.N_W] = nW;
        s[BranchStack.C] = c;
        s[BranchStack.R_H] = rH;
        s[BranchStack.R_W] = rW;
        s[BranchStack.RMIN_H] = rmH;
        s[BranchStack.RMIN_W] = rmW;
        s[BranchStack.J_H] = jH;
        s[BranchStack.J_W] = jW;
        s[BranchStack.P_H] = pH;
        s[BranchStack.P_W] = pW;
        s[BranchStack.GLOBAL] = global ? 1 : 0;
    }

    /** The branch state that failed the last merge, for {@link ErrorText}. */
    BranchStack branches() {
        return branches;
    }

    private static boolean fail(Metrics out, int slot, int code, int record, int detail) {
        out.error[slot] = code;
        out.errorRecord[slot] = record;
        out.errorDetail[slot] = detail;
        return false;
    }
}
