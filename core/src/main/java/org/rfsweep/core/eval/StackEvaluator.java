package org.rfsweep.core.eval;

import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.AdaptiveWindows;
import org.rfsweep.core.math.Counts;
import org.rfsweep.core.math.Extents;
import org.rfsweep.core.math.LayerCounts;
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
 * Each kind steps as its row in {@link Kinds} says: windowed layers as above (the same
 * {@link AxisState} code for H and W); global layers ({@code gap}, {@code fc}, {@code flatten})
 * with {@code ek = n, s = 1} and a 1x1 output ({@code flatten}: {@code H*W*C} channels);
 * {@code adaptiveavgpool} with the kernel and stride of {@link AdaptiveWindows}; elementwise and
 * channel layers ({@code bn}, {@code relu} .. {@code droppath}, {@code chunk}, {@code shuffle})
 * leave the field unchanged. Counts come from {@link LayerCounts} (SPEC sections 6 and 7).
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
    /** An error packed with its detail, as the check helpers return it; {@link ErrorCode#OK} is 0. */
    private static final int COUNTS = pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.COUNTS);
    private static final int MALFORMED = pack(ErrorCode.MALFORMED, 0);

    private final boolean ignore1x1;
    private final BranchStack branches = new BranchStack();
    private final long[] state = new long[BranchStack.WIDTH];
    private final AxisState h = new AxisState();
    private final AxisState w = new AxisState();
    private final LayerCounts counts = new LayerCounts();

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
        final LayerCounts lc = counts;
        h.start(inH);
        w.start(inW);
        int c = inC;
        long params = 0;
        long macs = 0;
        long biasAdds = 0;
        long acts = 0;
        int unproductive = 0;
        boolean global = false;
        branches.reset();
        for (int i = 0, at = base; i < count; i++, at += Layer.INTS) {
            final int op = rec[at + Layer.OP];
            final int step = Kinds.step(op);
            if (trace != null) {
                trace.input(i, h.n, w.n, c);
            }
            lc.clear();
            int flags = 0;
            int error;
            if (step == Kinds.STEP_WINDOW) {
                final int sh = rec[at + Layer.SH];
                final int sw = rec[at + Layer.SW];
                final int mode = rec[at + Layer.MODE];
                final int ekH = Extents.effectiveKernel(rec[at + Layer.KH], rec[at + Layer.DH]);
                final int ekW = Extents.effectiveKernel(rec[at + Layer.KW], rec[at + Layer.DW]);
                final int oh = h.out(ekH, sh, rec[at + Layer.PT], rec[at + Layer.PB], mode);
                final int ow = w.out(ekW, sw, rec[at + Layer.PL], rec[at + Layer.PR], mode);
                error = windowError(rec, at, op, c, oh, ow);
                if (error != ErrorCode.OK) {
                    return fail(out, slot, error, i);
                }
                final long minH = h.rMin();
                final long minW = w.rMin();
                h.window(oh, ekH, sh, rec[at + Layer.PT], mode);
                w.window(ow, ekW, sw, rec[at + Layer.PL], mode);
                flags = productivity(minH, minW, inH, inW, rec, at);
                unproductive += flags & LayerTrace.UNPRODUCTIVE;
                c = lc.channels;
            } else if (step == Kinds.STEP_REDUCE) {
                // A window over the whole map (global kinds), or one derived from an output size.
                final boolean adaptive = Kinds.is(op, Kinds.ADAPTIVE);
                final int oh = adaptive ? rec[at + Layer.KH] : 1;
                final int ow = adaptive ? rec[at + Layer.KW] : 1;
                error = reduceError(rec, at, op, c);
                if (error != ErrorCode.OK) {
                    return fail(out, slot, error, i);
                }
                h.reduce(oh, adaptive);
                w.reduce(ow, adaptive);
                global |= oh == 1 && ow == 1;
                c = lc.channels;
            } else if (step == Kinds.STEP_ELEMENTWISE) {
                lc.params = Counts.channelParams(Kinds.channelParams(op), c);
            } else if (step == Kinds.STEP_CHANNEL) {
                if (c % rec[at + Layer.G] != 0) {
                    return fail(out, slot, pack(ErrorCode.GROUPS, ErrorCode.DETAIL_IN), i);
                }
                c = op == Op.CHUNK ? c / rec[at + Layer.G] : c;
            } else if (step == Kinds.STEP_MARKER) {
                save(c, global);
                error = branch(op, i);
                if (error != ErrorCode.OK) {
                    return fail(out, slot, error, error == MALFORMED ? i : branches.openRecord());
                }
                if (op == Op.NEXT || op == Op.END) {
                    // The next branch starts from the block's input; after the block, the merge.
                    c = restore(op == Op.NEXT ? branches.input : branches.merged);
                    global = state[BranchStack.GLOBAL] != 0;
                    flags = op == Op.END ? closeBlock() : 0;
                }
            } else {
                return fail(out, slot, MALFORMED, i);
            }
            error = step <= Kinds.STEP_REDUCE ? fieldError(h, w) : ErrorCode.OK;
            if (error != ErrorCode.OK) {
                return fail(out, slot, error, i);
            }
            params += lc.params;
            macs += lc.macs;
            biasAdds += lc.biasAdds;
            acts += lc.acts;
            if ((params | macs | biasAdds | acts) >= Limits.MAX_COUNT) {
                return fail(out, slot, COUNTS, i);
            }
            if (trace != null) {
                traceOutput(trace, i, c, flags);
            }
        }
        if (branches.depth() != 0) {
            return fail(out, slot, MALFORMED, count - 1);
        }
        return succeed(out, slot, c, params, macs, biasAdds, acts, unproductive);
    }

    /**
     * A windowed layer's checks in PyTorch's order: when the layer is built, then the output
     * extents {@code oh x ow}, then the counts, which it leaves in {@link #counts}.
     */
    private int windowError(int[] rec, int at, int op, int c, int oh, int ow) {
        int error = buildError(rec, at, op, c);
        error = error != ErrorCode.OK ? error : extentError(oh, ow);
        if (error == ErrorCode.OK && !counts.window(op, (long) oh * ow, c, rec[at + Layer.C], rec[at + Layer.G],
                rec[at + Layer.KH], rec[at + Layer.KW], rec[at + Layer.BIAS])) {
            error = COUNTS;
        }
        return error;
    }

    /**
     * A windowed layer's checks when PyTorch builds it: a pool's explicit padding at most
     * {@code k/2} (floor and ceil modes), channels divisible by groups. The common ungrouped conv
     * skips the divisions.
     */
    private static int buildError(int[] rec, int at, int op, int c) {
        if (Kinds.is(op, Kinds.POOL) && rec[at + Layer.MODE] <= Rounding.CEIL) {
            final int kh = rec[at + Layer.KH] >> 1;
            final int kw = rec[at + Layer.KW] >> 1;
            if (rec[at + Layer.PT] > kh || rec[at + Layer.PB] > kh) {
                return pack(ErrorCode.POOL_PADDING, ErrorCode.Axis.H);
            }
            if (rec[at + Layer.PL] > kw || rec[at + Layer.PR] > kw) {
                return pack(ErrorCode.POOL_PADDING, ErrorCode.Axis.W);
            }
        }
        final int g = rec[at + Layer.G];
        if (op == Op.CONV && g != 1 && c % g != 0) {
            return pack(ErrorCode.GROUPS, ErrorCode.DETAIL_IN);
        }
        if ((op == Op.CONV && g != 1 && rec[at + Layer.C] % g != 0)
            || (op == Op.DWCONV && rec[at + Layer.C] % c != 0)) {
            return pack(ErrorCode.GROUPS, ErrorCode.DETAIL_OUT);
        }
        return ErrorCode.OK;
    }

    /** Output extents below 1, then above {@link Limits#MAX_EXTENT}, H before W. */
    private static int extentError(int oh, int ow) {
        if (oh < 1) {
            return pack(ErrorCode.OUTPUT_TOO_SMALL, ErrorCode.Axis.H);
        }
        if (ow < 1) {
            return pack(ErrorCode.OUTPUT_TOO_SMALL, ErrorCode.Axis.W);
        }
        if (oh > Limits.MAX_EXTENT) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.OUT_H);
        }
        if (ow > Limits.MAX_EXTENT) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.OUT_W);
        }
        return ErrorCode.OK;
    }

    /** Counts and channels of a global or adaptive layer into {@link #counts}; an error or OK. */
    private int reduceError(int[] rec, int at, int op, int c) {
        final LayerCounts lc = counts;
        lc.channels = c;
        if (op == Op.FC && !lc.fc(h.n, w.n, c, rec[at + Layer.C], rec[at + Layer.BIAS])) {
            return COUNTS;
        }
        if (op == Op.FLATTEN) {
            final long flat = Counts.flatChannels(h.n, w.n, c);
            if (flat > Limits.MAX_CHANNELS) {
                return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.CHANNELS);
            }
            lc.channels = (int) flat;
        }
        return ErrorCode.OK;
    }

    /** The bounds of the field after a spatial layer: RF and padding, then jumps, H before W. */
    private static int fieldError(AxisState h, AxisState w) {
        if (!h.fieldWithin()) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.RF_H);
        }
        if (!w.fieldWithin()) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.RF_W);
        }
        if (!h.jumpWithin()) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.STRIDE_H);
        }
        if (!w.jumpWithin()) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.STRIDE_W);
        }
        return ErrorCode.OK;
    }

    /**
     * SPEC section 5 for the windowed layer just stepped, from the minimum RF before it: unproductive
     * when the RF already covered the input and now exceeds it on both axes, critical when it first
     * exceeds it.
     */
    private int productivity(long minH, long minW, int inH, int inW, int[] rec, int at) {
        final boolean coveredBefore = minH >= inH && minW >= inW;
        final boolean exceededBefore = minH > inH && minW > inW;
        final boolean exceeded = h.rMin() > inH && w.rMin() > inW;
        if (coveredBefore && exceeded && !(ignore1x1 && rec[at + Layer.KH] == 1 && rec[at + Layer.KW] == 1)) {
            return LayerTrace.UNPRODUCTIVE;
        }
        return exceeded && !exceededBefore ? LayerTrace.CRITICAL : 0;
    }

    /** Opens a block, or merges the finished branch at {@code |} and {@code )}; an error or OK. */
    private int branch(int op, int record) {
        if (op == Op.NEXT || op == Op.END) {
            if (branches.depth() == 0) {
                return MALFORMED;
            }
            final int error = branches.merge(state);
            return error == ErrorCode.OK ? ErrorCode.OK : pack(error, branches.detail);
        }
        return op <= Op.MUL && branches.open(op, record, state) ? ErrorCode.OK : MALFORMED;
    }

    /**
     * Restores the top block's path state from {@code s}: the axes, and its global flag into
     * {@link #state}; returns its channels.
     */
    private int restore(long[] s) {
        final int b = branches.top();
        h.restore(s, b, ErrorCode.Axis.H);
        w.restore(s, b, ErrorCode.Axis.W);
        state[BranchStack.GLOBAL] = s[b + BranchStack.GLOBAL];
        return (int) s[b + BranchStack.C];
    }

    /** Closes the top block; its trace flags. */
    private int closeBlock() {
        final int flags = branches.globalContext() ? LayerTrace.GLOBAL_CONTEXT : 0;
        branches.close();
        return flags;
    }

    private void traceOutput(LayerTrace trace, int i, int c, int flags) {
        final LayerCounts lc = counts;
        trace.output(i, h.n, w.n, c);
        trace.field(i, h.r, w.r, h.rMin(), w.rMin(), h.j, w.j, h.p, w.p);
        trace.counts(i, lc.params, lc.macs, lc.biasAdds, lc.acts, flags);
    }

    /** Writes the current path state into {@link #state}, the layout of {@link BranchStack}. */
    private void save(int c, boolean global) {
        final long[] s = state;
        h.save(s, ErrorCode.Axis.H);
        w.save(s, ErrorCode.Axis.W);
        s[BranchStack.C] = c;
        s[BranchStack.GLOBAL] = global ? 1 : 0;
    }

    private boolean succeed(Metrics out, int slot, int c, long params, long macs, long biasAdds, long acts,
                            int unproductive) {
        out.outH[slot] = h.n;
        out.outW[slot] = w.n;
        out.outC[slot] = c;
        out.rfH[slot] = h.r;
        out.rfW[slot] = w.r;
        out.rfMinH[slot] = h.rMin();
        out.rfMinW[slot] = w.rMin();
        out.strideH[slot] = h.j;
        out.strideW[slot] = w.j;
        out.padH[slot] = h.p;
        out.padW[slot] = w.p;
        out.params[slot] = params;
        out.macs[slot] = macs;
        out.biasAdds[slot] = biasAdds;
        out.acts[slot] = acts;
        out.unproductive[slot] = unproductive;
        out.error[slot] = ErrorCode.OK;
        out.errorRecord[slot] = -1;
        out.errorDetail[slot] = 0;
        return true;
    }

    /** The branch state that failed the last merge, for {@link ErrorText}. */
    BranchStack branches() {
        return branches;
    }

    private static int pack(int code, int detail) {
        return code << 8 | detail;
    }

    private static boolean fail(Metrics out, int slot, int packed, int record) {
        out.error[slot] = packed >>> 8;
        out.errorRecord[slot] = record;
        out.errorDetail[slot] = packed & 0xFF;
        return false;
    }
}
