package org.rfsweep.core.eval;

import java.util.Arrays;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.AdaptiveWindows;
import org.rfsweep.core.math.Counts;
import org.rfsweep.core.math.Extents;
import org.rfsweep.core.math.Fields;
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
 * Each kind steps as its row in {@link Kinds} says, by the formulas of {@link Extents},
 * {@link Fields} and {@link LayerCounts}: windowed layers as above; global layers ({@code gap},
 * {@code fc}, {@code flatten}) with {@code ek = n, s = 1} and a 1x1 output ({@code flatten}:
 * {@code H*W*C} channels); {@code adaptiveavgpool} with the kernel and stride of
 * {@link AdaptiveWindows}; elementwise and channel layers ({@code bn}, {@code relu} ..
 * {@code droppath}, {@code chunk}, {@code shuffle}) leave the field unchanged. Counts come from
 * {@link LayerCounts} (SPEC sections 6 and 7). The common steps (windowed, elementwise and
 * channel layers) run on locals, the memory walk of {@link MemoryState} included (a call per
 * layer, which C2 did not inline, cost about a fifth of the loop); the rare ones (global layers,
 * branch markers) step the same state packed in the layout of {@link Snapshots} (whose first
 * columns are {@link BranchStack}'s), and the loop resumes from it.
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
 * <p>{@link #evaluateFrom} resumes from the state kept in {@link Snapshots} before the first
 * record that differs from the previous stack's (enumeration changes the last records fastest);
 * {@link #evaluateVariants} evaluates many stacks that differ only from one record on (the
 * entries of the last position) against one kept state.
 *
 * <p>Holds reused scratch state: not thread-safe, use one instance per thread.
 */
public final class StackEvaluator {
    /** An error packed with its detail, as the check helpers return it; {@link ErrorCode#OK} is 0. */
    private static final int COUNTS = pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.COUNTS);
    private static final int MALFORMED = pack(ErrorCode.MALFORMED, 0);
    /** Set on a packed error that belongs to the record opening the current branch block. */
    private static final int AT_BLOCK = 1 << 16;
    private static final int H = ErrorCode.Axis.H;
    private static final int W = ErrorCode.Axis.W;

    private final boolean ignore1x1;
    private final BranchStack branches = new BranchStack();
    /**
     * The whole state in the layout of {@link Snapshots}, whose first columns are those of
     * {@link BranchStack}: for global layers, markers and traces.
     */
    private final long[] state = new long[Snapshots.WIDTH];
    /** The trace flags of the last record {@link #rare} stepped. */
    private int rareFlags;
    private final LayerCounts counts = new LayerCounts();
    private final MemoryState memory = new MemoryState();
    /** The state before the first record that {@link #evaluate} steps, in the layout of {@link Snapshots}. */
    private final long[] start = new long[Snapshots.WIDTH];
    /** The records from the resumed one on, with a variant in place ({@link #evaluateVariants}); grows once. */
    private int[] tail = new int[0];
    /** The state that {@link #evaluateAfter} resumes from, at the row of its first record. */
    private long[] resumeRows = new long[0];

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
        begin(start, inH, inW, inC);
        return run(records, base, 0, count, inH, inW, out, slot, null, null, start);
    }

    /**
     * As {@link #evaluate}, resuming from the state {@code snaps} kept of the last stack it was
     * given: the caller promises that records {@code 0..changed-1} equal those of that stack (same
     * {@code records}, {@code base} and input, evaluated by an evaluator of the same
     * {@code ignore1x1}; at most as many records as {@code snaps} holds). It resumes at the last
     * kept state at or before {@code changed}, and keeps this stack's states for the next call.
     * Results equal those of {@link #evaluate}, errors included; {@code changed = 0} starts from
     * scratch.
     */
    public boolean evaluateFrom(int[] records, int base, int count, int inH, int inW, int inC, Metrics out,
                                int slot, Snapshots snaps, int changed) {
        final int from = snaps.resumeAt(Math.min(changed, count - 1), inH, inW, inC);
        if (from == 0) {
            begin(snaps.rows, inH, inW, inC);
        } else {
            branches.reset();
            memory.reset();
        }
        snaps.begin(from, inH, inW, inC);
        return run(records, base, from, count, inH, inW, out, slot, null, snaps, snaps.rows);
    }

    /**
     * Evaluates {@code n} variants of the stack that {@link #evaluateFrom} was last given with
     * {@code snaps} (the same {@code records}, {@code base}, {@code count} and input): variant
     * {@code k} has the {@code ints / Layer.INTS} records from record {@code at} on replaced by
     * {@code variants[from + k * ints ...]}, and its results go to slot {@code slot + k} of
     * {@code out}. Each resumes from the last kept state at or before {@code at}, so the records
     * before it are evaluated once for all variants (enumeration turns the last position fastest:
     * its entries are the variants). Results equal those of {@link #evaluate} on each variant,
     * errors included. The variants keep no state: {@code snaps} afterwards resumes at or before
     * {@code at}.
     */
    public void evaluateVariants(int[] records, int base, int count, int inH, int inW, int inC, Snapshots snaps,
                                 int at, int[] variants, int from, int ints, int n, Metrics out, int slot) {
        final int r = snaps.resumeAt(at, inH, inW, inC);
        if (r == 0) {
            begin(snaps.rows, inH, inW, inC);
            snaps.begin(0, inH, inW, inC);
        }
        snaps.forgetAfter(at);
        branches.reset();
        memory.reset();
        final long[] rows = snaps.rows;
        if (r == at && at * Layer.INTS + ints == count * Layer.INTS) {
            if (ints == Layer.INTS) {
                lastRecords(variants, from, n, count, inH, inW, rows, out, slot);
                return;
            }
            // The variants are the last records: evaluated where they are, nothing is copied.
            for (int k = 0, v = from - at * Layer.INTS; k < n; k++, v += ints) {
                rerun(variants, v, at, count, inH, inW, out, slot + k, rows);
            }
            return;
        }
        // Records r..count-1 into the tail buffer, the variant at its place: record i at tail[(i - r) * INTS].
        final int[] t = tail(count - r);
        System.arraycopy(records, base + r * Layer.INTS, t, 0, (count - r) * Layer.INTS);
        final int into = (at - r) * Layer.INTS;
        for (int k = 0, v = from; k < n; k++, v += ints) {
            System.arraycopy(variants, v, t, into, ints);
            rerun(t, -r * Layer.INTS, r, count, inH, inW, out, slot + k, rows);
        }
    }

    /**
     * {@link #run} from the kept row {@code from} of {@code rows} (no block open), keeping no state;
     * the branch stack and the memory walk are left empty for the next variant.
     */
    private void rerun(int[] rec, int base, int from, int count, int inH, int inW, Metrics out, int slot,
                       long[] rows) {
        run(rec, base, from, count, inH, inW, out, slot, null, null, rows);
        branches.reset();
        memory.reset();
    }

    /**
     * The common case of {@link #evaluateVariants}: each variant is one record, the stack's last,
     * resumed from row {@code count - 1} of {@code rows}. The state before it is loaded once; per
     * variant a windowed, elementwise or channel record that stays valid and within the bounds
     * takes the same steps as in {@link #run} and its results are written; any other (another
     * kind, an error, a bound reached) is handed to {@link #run}, so results and errors are
     * those of {@link #run}.
     */
    private void lastRecords(int[] v, int from, int n, int count, int inH, int inW, long[] rows, Metrics out,
                             int slot) {
        final int last = count - 1;
        final int o = last * Snapshots.WIDTH;
        final int nH = (int) rows[o + Snapshots.N_H], nW = (int) rows[o + Snapshots.N_W];
        final int c = (int) rows[o + Snapshots.C];
        final long rH = rows[o + Snapshots.R_H], rW = rows[o + Snapshots.R_W];
        final long lagH = rH - rows[o + Snapshots.RMIN_H], lagW = rW - rows[o + Snapshots.RMIN_W];
        final long jH = rows[o + Snapshots.J_H], jW = rows[o + Snapshots.J_W];
        final long pH = rows[o + Snapshots.P_H], pW = rows[o + Snapshots.P_W];
        final boolean global = rows[o + Snapshots.GLOBAL] != 0;
        final long params = rows[o + Snapshots.PARAMS], macs = rows[o + Snapshots.MACS];
        final long biasAdds = rows[o + Snapshots.BIAS_ADDS], acts = rows[o + Snapshots.ACTS];
        final int unproductive = (int) rows[o + Snapshots.UNPRODUCTIVE];
        final long act = rows[o + Snapshots.ACT], peak = rows[o + Snapshots.PEAK];
        final long held = rows[o + Snapshots.HELD], cur = rows[o + Snapshots.CUR];
        final LayerCounts lc = counts;
        for (int k = 0, at = from; k < n; k++, at += Layer.INTS) {
            final int op = v[at + Layer.OP];
            final int step = Kinds.step(op);
            int oh = nH, ow = nW;
            long rH2 = rH, rW2 = rW, jH2 = jH, jW2 = jW, pH2 = pH, pW2 = pW, peak2;
            long act2;
            int flags = 0;
            if (step == Kinds.STEP_WINDOW) {
                final int sh = v[at + Layer.SH];
                final int sw = v[at + Layer.SW];
                final int mode = v[at + Layer.MODE];
                final int ekH = Extents.effectiveKernel(v[at + Layer.KH], v[at + Layer.DH]);
                final int ekW = Extents.effectiveKernel(v[at + Layer.KW], v[at + Layer.DW]);
                oh = Extents.out(nH, ekH, sh, v[at + Layer.PT], v[at + Layer.PB], mode);
                ow = Extents.out(nW, ekW, sw, v[at + Layer.PL], v[at + Layer.PR], mode);
                if (windowError(v, at, op, c, oh, ow) != ErrorCode.OK) {
                    rerun(v, at - last * Layer.INTS, last, count, inH, inW, out, slot + k, rows);
                    continue;
                }
                flags = global ? 0 : productivity(rH - lagH, rW - lagW, Fields.growth(ekH, jH),
                    Fields.growth(ekW, jW), inH, inW, v, at);
                rH2 = Fields.grow(rH, ekH, jH);
                rW2 = Fields.grow(rW, ekW, jW);
                pH2 = Fields.pad(pH, Extents.padBefore(nH, ekH, sh, v[at + Layer.PT], mode), jH);
                pW2 = Fields.pad(pW, Extents.padBefore(nW, ekW, sw, v[at + Layer.PL], mode), jW);
                jH2 = Fields.jump(jH, sh);
                jW2 = Fields.jump(jW, sw);
                final long spatial = (long) oh * ow;
                final long made = spatial * lc.channels;
                peak2 = Math.max(peak, MemoryState.window(op, held, cur, spatial, c, made));
                act2 = act + MemoryState.windowAct(op, spatial, c, made);
            } else if (step == Kinds.STEP_ELEMENTWISE || step == Kinds.STEP_CHANNEL) {
                if ((step == Kinds.STEP_CHANNEL ? channelError(v, at, op, c) : elementwise(op, c)) != ErrorCode.OK) {
                    rerun(v, at - last * Layer.INTS, last, count, inH, inW, out, slot + k, rows);
                    continue;
                }
                peak2 = Math.max(peak, held + cur);
                act2 = act + MemoryState.inPlaceAct(op, (long) nH * nW * lc.channels);
            } else {
                rerun(v, at - last * Layer.INTS, last, count, inH, inW, out, slot + k, rows);
                continue;
            }
            final long params2 = params + lc.params, macs2 = macs + lc.macs;
            final long biasAdds2 = biasAdds + lc.biasAdds, acts2 = acts + lc.acts;
            if (!fieldWithin(rH2, pH2, jH2, rW2, pW2, jW2)
                || (params2 | macs2 | biasAdds2 | acts2 | act2 | peak2) >= Limits.MAX_COUNT
                || !MemoryState.fits((long) oh * ow, lc.channels)) {
                // An error, found again where run finds it, in its order.
                rerun(v, at - last * Layer.INTS, last, count, inH, inW, out, slot + k, rows);
                continue;
            }
            finish(out, slot + k, count, oh, ow, lc.channels, rH2, rW2, rH2 - lagH, rW2 - lagW, jH2, jW2, pH2, pW2,
                params2, macs2, biasAdds2, acts2, unproductive + (flags & LayerTrace.UNPRODUCTIVE), act2, peak2);
        }
    }

    /** The reused buffer of {@link #evaluateVariants}, for {@code records} records at least. */
    private int[] tail(int records) {
        if (tail.length < records * Layer.INTS) {
            tail = new int[records * Layer.INTS];
        }
        return tail;
    }

    /**
     * As {@link #evaluate} on a stack of {@code count} records whose first {@code done} were already
     * evaluated into slot {@code prefixSlot} of {@code prefix}: continues from that result with
     * records {@code done..count-1}, found at {@code tail[at...]}, and writes slot {@code slot} of
     * {@code out} (which may be the same slot). The prefix slot must hold the valid result of
     * {@link #evaluate} (same {@code ignore1x1}) on those {@code done} records alone, none of them a
     * global layer or a branch marker (windowed, elementwise and channel layers, as in a lane of
     * {@code LaneBatch}): then {@code out} gets what {@link #evaluate} on the whole stack writes,
     * errors and their record numbers included. The head's leading {@code gap}, {@code fc},
     * elementwise and channel records (a classifier head) step on locals here, as {@link #run} and
     * {@link #rare} step them, without packing the state for each global layer (nearly a quarter
     * of a sampled sweep's time went to the head); the first other record resumes {@link #run}.
     * Allocates only when the records before that one outnumber every earlier call's.
     */
    public boolean evaluateAfter(int[] tail, int at, int done, int count, int inH, int inW, int inC, Metrics prefix,
                                 int prefixSlot, Metrics out, int slot) {
        int nH = prefix.outH[prefixSlot];
        int nW = prefix.outW[prefixSlot];
        int c = prefix.outC[prefixSlot];
        long rH = prefix.rfH[prefixSlot];
        long rW = prefix.rfW[prefixSlot];
        long rMinH = prefix.rfMinH[prefixSlot];
        long rMinW = prefix.rfMinW[prefixSlot];
        long jH = prefix.strideH[prefixSlot];
        long jW = prefix.strideW[prefixSlot];
        final long pH = prefix.padH[prefixSlot];
        final long pW = prefix.padW[prefixSlot];
        long params = prefix.params[prefixSlot];
        long macs = prefix.macs[prefixSlot];
        long biasAdds = prefix.biasAdds[prefixSlot];
        long acts = prefix.acts[prefixSlot];
        final int unproductive = prefix.unproductive[prefixSlot];
        long act = prefix.actElements[prefixSlot];
        long peak = prefix.peakElements[prefixSlot];
        // Without a block or a global layer, the current tensor is the last output (or the input).
        long cur = (long) nH * nW * c;
        boolean global = false;
        branches.reset();
        memory.reset();
        final LayerCounts lc = counts;
        // The head's common records (gap, fc, elementwise and channel layers) step here, on locals,
        // as run() and its rare() step them (no block is open, so nothing is held); the first other
        // record resumes run() from this state.
        int i = done;
        for (int a = at; i < count; i++, a += Layer.INTS) {
            final int op = tail[a + Layer.OP];
            final int step = Kinds.step(op);
            final int cIn = c;
            if (op == Op.GAP || op == Op.FC) {
                lc.clear();
                lc.channels = c;
                if (op == Op.FC && !lc.fc(nH, nW, c, tail[a + Layer.C], tail[a + Layer.BIAS])) {
                    return fail(out, slot, COUNTS, i);
                }
                final long growH = Fields.growth(nH, jH);
                final long growW = Fields.growth(nW, jW);
                rH += growH;
                rMinH += growH;
                rW += growW;
                rMinW += growW;
                jH = Fields.jump(jH, AdaptiveWindows.stride(nH, 1));
                jW = Fields.jump(jW, AdaptiveWindows.stride(nW, 1));
                nH = 1;
                nW = 1;
                c = lc.channels;
                global = true;
                final int error = fieldError(rH, pH, jH, rW, pW, jW);
                if (error != ErrorCode.OK) {
                    return fail(out, slot, error, i);
                }
                peak = Math.max(peak, MemoryState.window(op, 0, cur, 1, cIn, c));
                act += MemoryState.windowAct(op, 1, cIn, c);
                cur = c;
            } else if (step == Kinds.STEP_ELEMENTWISE || step == Kinds.STEP_CHANNEL) {
                final int error = step == Kinds.STEP_CHANNEL ? channelError(tail, a, op, c) : elementwise(op, c);
                if (error != ErrorCode.OK) {
                    return fail(out, slot, error, i);
                }
                c = lc.channels;
                peak = Math.max(peak, cur);
                act += MemoryState.inPlaceAct(op, (long) nH * nW * c);
            } else {
                break;
            }
            params += lc.params;
            macs += lc.macs;
            biasAdds += lc.biasAdds;
            acts += lc.acts;
            if (!MemoryState.fits((long) nH * nW, c)
                || (params | macs | biasAdds | acts | act | peak) >= Limits.MAX_COUNT) {
                return fail(out, slot, COUNTS, i);
            }
        }
        if (i == count) {
            return finish(out, slot, count, nH, nW, c, rH, rW, rMinH, rMinW, jH, jW, pH, pW, params, macs, biasAdds,
                acts, unproductive, act, peak);
        }
        if (resumeRows.length < (i + 1) * Snapshots.WIDTH) {
            resumeRows = new long[(i + 1) * Snapshots.WIDTH];
        }
        pack(resumeRows, i * Snapshots.WIDTH, nH, nW, c, rH, rW, rMinH, rMinW, jH, jW, pH, pW, global, params, macs,
            biasAdds, acts, unproductive, act, peak, 0, cur);
        return run(tail, at - done * Layer.INTS, i, count, inH, inW, out, slot, null, null, resumeRows);
    }

    /** As {@link #evaluate}, and also fills {@code trace} with one row per record. */
    public boolean trace(int[] records, int base, int count, int inH, int inW, int inC,
                         Metrics out, int slot, LayerTrace trace) {
        trace.reset(count);
        begin(start, inH, inW, inC);
        return run(records, base, 0, count, inH, inW, out, slot, trace, null, start);
    }

    /**
     * The state before the first record into row 0 of {@code s0} (the layout of {@link Snapshots});
     * the branch stack and the memory walk's blocks reset.
     */
    private void begin(long[] s0, int inH, int inW, int inC) {
        final long elements = MemoryState.input(inH, inW, inC);
        Arrays.fill(s0, 0, Snapshots.WIDTH, 0);
        s0[Snapshots.N_H] = inH;
        s0[Snapshots.N_W] = inW;
        s0[Snapshots.C] = inC;
        s0[Snapshots.R_H] = 1;
        s0[Snapshots.R_W] = 1;
        s0[Snapshots.RMIN_H] = 1;
        s0[Snapshots.RMIN_W] = 1;
        s0[Snapshots.J_H] = 1;
        s0[Snapshots.J_W] = 1;
        s0[Snapshots.PEAK] = elements;
        s0[Snapshots.CUR] = elements;
        branches.reset();
        memory.reset();
    }

    /**
     * Keeps the state before record {@code i} in {@code snaps} when no block is open; nothing when
     * {@code snaps} is null or {@code i} is -1 (the record resumed from, whose row is in place).
     */
    private void save(Snapshots snaps, int i, int nH, int nW, int c, long rH, long rW, long lagH, long lagW,
                      long jH, long jW, long pH, long pW, boolean global, long params, long macs, long biasAdds,
                      long acts, int unproductive, long act, long peak, long held, long cur) {
        if (snaps == null || i < 0) {
            return;
        }
        final int o = snaps.reach(i, branches.depth());
        if (o >= 0) {
            pack(snaps.rows, o, nH, nW, c, rH, rW, rH - lagH, rW - lagW, jH, jW, pH, pW, global, params, macs,
                biasAdds, acts, unproductive, act, peak, held, cur);
        }
    }

    private static void traceInput(LayerTrace trace, int i, int nH, int nW, int c) {
        if (trace != null) {
            trace.input(i, nH, nW, c);
        }
    }

    /**
     * The forward pass. Per axis: extent n, receptive field r, jump j, effective padding p (SPEC
     * section 3); the minimum RF over paths is kept as its lag behind r, as it only changes where
     * branches merge. The checks of a windowed layer run in PyTorch's order (see
     * {@link #windowError}), then the field's bounds. The memory walk runs on locals too
     * ({@link MemoryState}). Global and adaptive layers and branch markers are rare: they step the
     * state packed into {@link #state} ({@link #rare}), and the pass resumes from it as from a row
     * of {@link Snapshots}.
     */
    private boolean run(int[] rec, int base, int from, int count, int inH, int inW, Metrics out, int slot,
                        LayerTrace trace, Snapshots snaps, long[] init) {
        long[] row = init;
        int o = from * Snapshots.WIDTH;
        int i = from;
        resume:
        for (;;) {
            int nH = (int) row[o + Snapshots.N_H], nW = (int) row[o + Snapshots.N_W];
            long rH = row[o + Snapshots.R_H], rW = row[o + Snapshots.R_W];
            long lagH = rH - row[o + Snapshots.RMIN_H], lagW = rW - row[o + Snapshots.RMIN_W];
            long jH = row[o + Snapshots.J_H], jW = row[o + Snapshots.J_W];
            long pH = row[o + Snapshots.P_H], pW = row[o + Snapshots.P_W];
            int c = (int) row[o + Snapshots.C];
            final boolean global = row[o + Snapshots.GLOBAL] != 0;
            long params = row[o + Snapshots.PARAMS], macs = row[o + Snapshots.MACS];
            long biasAdds = row[o + Snapshots.BIAS_ADDS], acts = row[o + Snapshots.ACTS];
            int unproductive = (int) row[o + Snapshots.UNPRODUCTIVE];
            long act = row[o + Snapshots.ACT], peak = row[o + Snapshots.PEAK];
            final long held = row[o + Snapshots.HELD];
            long cur = row[o + Snapshots.CUR];
            for (int at = base + i * Layer.INTS; i < count; i++, at += Layer.INTS) {
                final int op = rec[at + Layer.OP];
                final int step = Kinds.step(op);
                save(snaps, i != from ? i : -1, nH, nW, c, rH, rW, lagH, lagW, jH, jW, pH, pW, global, params, macs,
                    biasAdds, acts, unproductive, act, peak, held, cur);
                traceInput(trace, i, nH, nW, c);
                int flags = 0;
                if (step == Kinds.STEP_WINDOW) {
                    final int sh = rec[at + Layer.SH];
                    final int sw = rec[at + Layer.SW];
                    final int mode = rec[at + Layer.MODE];
                    final int ekH = Extents.effectiveKernel(rec[at + Layer.KH], rec[at + Layer.DH]);
                    final int ekW = Extents.effectiveKernel(rec[at + Layer.KW], rec[at + Layer.DW]);
                    final int oh = Extents.out(nH, ekH, sh, rec[at + Layer.PT], rec[at + Layer.PB], mode);
                    final int ow = Extents.out(nW, ekW, sw, rec[at + Layer.PL], rec[at + Layer.PR], mode);
                    final int error = windowError(rec, at, op, c, oh, ow);
                    if (error != ErrorCode.OK) {
                        return fail(out, slot, error, i);
                    }
                    // SPEC 5: a path through a global op (a squeeze-excitation branch) sees the whole input.
                    flags = global ? 0 : productivity(rH - lagH, rW - lagW, Fields.growth(ekH, jH),
                        Fields.growth(ekW, jW), inH, inW, rec, at);
                    rH = Fields.grow(rH, ekH, jH);
                    rW = Fields.grow(rW, ekW, jW);
                    pH = Fields.pad(pH, Extents.padBefore(nH, ekH, sh, rec[at + Layer.PT], mode), jH);
                    pW = Fields.pad(pW, Extents.padBefore(nW, ekW, sw, rec[at + Layer.PL], mode), jW);
                    jH = Fields.jump(jH, sh);
                    jW = Fields.jump(jW, sw);
                    nH = oh;
                    nW = ow;
                    unproductive += flags & LayerTrace.UNPRODUCTIVE;
                    if (!fieldWithin(rH, pH, jH, rW, pW, jW)) {
                        return fail(out, slot, fieldError(rH, pH, jH, rW, pW, jW), i);
                    }
                    final long spatial = (long) oh * ow;
                    final long made = spatial * counts.channels;
                    peak = Math.max(peak, MemoryState.window(op, held, cur, spatial, c, made));
                    act += MemoryState.windowAct(op, spatial, c, made);
                    cur = made;
                    c = counts.channels;
                } else if (step == Kinds.STEP_ELEMENTWISE || step == Kinds.STEP_CHANNEL) {
                    final int error = step == Kinds.STEP_CHANNEL ? channelError(rec, at, op, c) : elementwise(op, c);
                    if (error != ErrorCode.OK) {
                        return fail(out, slot, error, i);
                    }
                    c = counts.channels;
                    peak = Math.max(peak, held + cur);
                    act += MemoryState.inPlaceAct(op, (long) nH * nW * c);
                } else {
                    pack(state, 0, nH, nW, c, rH, rW, rH - lagH, rW - lagW, jH, jW, pH, pW, global, params, macs,
                        biasAdds, acts, unproductive, act, peak, held, cur);
                    final int error = rare(rec, at, op, step, i, c);
                    if (error != ErrorCode.OK) {
                        return fail(out, slot, error, (error & AT_BLOCK) != 0 ? branches.openRecord() : i);
                    }
                    if (trace != null) {
                        traceRow(trace, i, rareFlags);
                    }
                    row = state;
                    o = 0;
                    i++;
                    continue resume;
                }
                params += counts.params;
                macs += counts.macs;
                biasAdds += counts.biasAdds;
                acts += counts.acts;
                if ((params | macs | biasAdds | acts | act | peak) >= Limits.MAX_COUNT
                    || !MemoryState.fits((long) nH * nW, c)) {
                    return fail(out, slot, COUNTS, i);
                }
                if (trace != null) {
                    pack(state, 0, nH, nW, c, rH, rW, rH - lagH, rW - lagW, jH, jW, pH, pW, global, params, macs,
                        biasAdds, acts, unproductive, act, peak, held, cur);
                    traceRow(trace, i, flags);
                }
            }
            return finish(out, slot, count, nH, nW, c, rH, rW, rH - lagH, rW - lagW, jH, jW, pH, pW, params, macs,
                biasAdds, acts, unproductive, act, peak);
        }
    }

    /** An elementwise layer's counts into {@link #counts}; never an error. */
    private int elementwise(int op, int c) {
        counts.elementwise(Kinds.channelParams(op), c);
        counts.channels = c;
        return ErrorCode.OK;
    }

    /**
     * A rare record (a global or adaptive layer, a branch marker, or an invalid op) on the packed
     * {@link #state}: the step, its counts and memory, and the bounds; an error or OK, the trace
     * flags in {@link #rareFlags}. {@code cIn} is the channels before it.
     */
    private int rare(int[] rec, int at, int op, int step, int i, int cIn) {
        final long[] s = state;
        final int error = step == Kinds.STEP_REDUCE ? reduce(rec, at, op) : step == Kinds.STEP_MARKER ? branch(op, i)
            : MALFORMED;
        if (error != ErrorCode.OK) {
            return error;
        }
        rareFlags = op == Op.END ? closeBlock() : 0;
        final LayerCounts lc = counts;
        s[Snapshots.PARAMS] += lc.params;
        s[Snapshots.MACS] += lc.macs;
        s[Snapshots.BIAS_ADDS] += lc.biasAdds;
        s[Snapshots.ACTS] += lc.acts;
        final int nH = (int) s[Snapshots.N_H];
        final int nW = (int) s[Snapshots.N_W];
        final int c = (int) s[Snapshots.C];
        if (!MemoryState.fits((long) nH * nW, c)) {
            return COUNTS;
        }
        final MemoryState m = memory;
        m.act = s[Snapshots.ACT];
        m.peak = s[Snapshots.PEAK];
        m.held = s[Snapshots.HELD];
        m.cur = s[Snapshots.CUR];
        m.step(op, nH, nW, c, cIn);
        s[Snapshots.ACT] = m.act;
        s[Snapshots.PEAK] = m.peak;
        s[Snapshots.HELD] = m.held;
        s[Snapshots.CUR] = m.cur;
        return (s[Snapshots.PARAMS] | s[Snapshots.MACS] | s[Snapshots.BIAS_ADDS] | s[Snapshots.ACTS] | m.act | m.peak)
            >= Limits.MAX_COUNT ? COUNTS : ErrorCode.OK;
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

    /** A channel layer: {@code c} divisible by its parts or groups; channels into {@link #counts}. */
    private int channelError(int[] rec, int at, int op, int c) {
        final LayerCounts lc = counts;
        final int g = rec[at + Layer.G];
        lc.clear();
        lc.channels = c;
        if (c % g != 0) {
            return pack(ErrorCode.GROUPS, ErrorCode.DETAIL_IN);
        }
        lc.channels = op == Op.CHUNK ? c / g : c;
        return ErrorCode.OK;
    }

    /**
     * A global or adaptive layer on the packed {@link #state}: its counts (fc) or channels
     * (flatten), then a window over the whole map ({@code ek = n, s = 1}) or one derived from the
     * output size ({@link AdaptiveWindows}) per axis; an error or OK.
     */
    private int reduce(int[] rec, int at, int op) {
        final long[] s = state;
        final LayerCounts lc = counts;
        final int nH = (int) s[BranchStack.N_H];
        final int nW = (int) s[BranchStack.N_W];
        final int c = (int) s[BranchStack.C];
        lc.clear();
        lc.channels = c;
        if (op == Op.FC && !lc.fc(nH, nW, c, rec[at + Layer.C], rec[at + Layer.BIAS])) {
            return COUNTS;
        }
        if (op == Op.FLATTEN) {
            final long flat = Counts.flatChannels(nH, nW, c);
            if (flat > Limits.MAX_CHANNELS) {
                return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.CHANNELS);
            }
            lc.channels = (int) flat;
        }
        final boolean adaptive = Kinds.is(op, Kinds.ADAPTIVE);
        reduceAxis(s, H, adaptive ? rec[at + Layer.KH] : 1, adaptive);
        reduceAxis(s, W, adaptive ? rec[at + Layer.KW] : 1, adaptive);
        s[BranchStack.C] = lc.channels;
        s[BranchStack.GLOBAL] |= s[BranchStack.N_H] == 1 && s[BranchStack.N_W] == 1 ? 1 : 0;
        return fieldError(s[BranchStack.R_H], s[BranchStack.P_H], s[BranchStack.J_H], s[BranchStack.R_W],
            s[BranchStack.P_W], s[BranchStack.J_W]);
    }

    /** One axis of {@link #reduce}: the maximum and minimum RF grow alike, the lag stays. */
    private static void reduceAxis(long[] s, int axis, int o, boolean adaptive) {
        final int n = (int) s[BranchStack.N_H + axis];
        final long j = s[BranchStack.J_H + axis];
        final long growth = Fields.growth(adaptive ? AdaptiveWindows.kernel(n, o) : n, j);
        s[BranchStack.R_H + axis] += growth;
        s[BranchStack.RMIN_H + axis] += growth;
        s[BranchStack.J_H + axis] = Fields.jump(j, AdaptiveWindows.stride(n, o));
        s[BranchStack.N_H + axis] = o;
    }

    /** True when the field is within its bounds: the fast test of the common case. */
    private static boolean fieldWithin(long rH, long pH, long jH, long rW, long pW, long jW) {
        return Math.max(Math.max(rH, pH), Math.max(rW, pW)) <= Limits.MAX_RF
            && Math.max(jH, jW) <= Limits.MAX_JUMP;
    }

    /** The bounds of the field after a spatial layer: RF and padding, then jumps, H before W. */
    private static int fieldError(long rH, long pH, long jH, long rW, long pW, long jW) {
        if (!Fields.within(rH, pH)) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.RF_H);
        }
        if (!Fields.within(rW, pW)) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.RF_W);
        }
        if (jH > Limits.MAX_JUMP) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.STRIDE_H);
        }
        if (jW > Limits.MAX_JUMP) {
            return pack(ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.STRIDE_W);
        }
        return ErrorCode.OK;
    }

    /**
     * SPEC section 5 for a windowed layer, from the minimum RF before it and what the layer adds:
     * unproductive when the RF already covered the input and now exceeds it on both axes, critical
     * when it first exceeds it.
     */
    private int productivity(long minH, long minW, long growH, long growW, int inH, int inW, int[] rec, int at) {
        final boolean coveredBefore = minH >= inH && minW >= inW;
        final boolean exceededBefore = minH > inH && minW > inW;
        final boolean exceeded = minH + growH > inH && minW + growW > inW;
        if (coveredBefore && exceeded && !(ignore1x1 && rec[at + Layer.KH] == 1 && rec[at + Layer.KW] == 1)) {
            return LayerTrace.UNPRODUCTIVE;
        }
        return exceeded && !exceededBefore ? LayerTrace.CRITICAL : 0;
    }

    /**
     * Opens a block at {@code add}, {@code cat} or {@code mul}; at {@code |} and {@code )} merges
     * the finished branch in {@link #state} and puts the next branch's start (the block's input) or
     * the block's merge into {@link #state}; an error or OK.
     */
    private int branch(int op, int record) {
        counts.clear();
        if (op != Op.NEXT && op != Op.END) {
            return op <= Op.MUL && branches.open(op, record, state) ? ErrorCode.OK : MALFORMED;
        }
        if (branches.depth() == 0) {
            return MALFORMED;
        }
        final int error = branches.merge(state);
        if (error != ErrorCode.OK) {
            return pack(error, branches.detail) | AT_BLOCK;
        }
        System.arraycopy(op == Op.NEXT ? branches.input : branches.merged, branches.top(), state, 0,
            BranchStack.WIDTH);
        return ErrorCode.OK;
    }

    /** Closes the top block; its trace flags. */
    private int closeBlock() {
        final int flags = branches.globalContext() ? LayerTrace.GLOBAL_CONTEXT : 0;
        branches.close();
        return flags;
    }

    /** Fills the trace row of record {@code i} from the packed {@link #state} and {@link #counts}. */
    private void traceRow(LayerTrace trace, int i, int flags) {
        final long[] s = state;
        final LayerCounts lc = counts;
        trace.output(i, (int) s[BranchStack.N_H], (int) s[BranchStack.N_W], (int) s[BranchStack.C]);
        trace.field(i, s[BranchStack.R_H], s[BranchStack.R_W], s[BranchStack.RMIN_H], s[BranchStack.RMIN_W],
            s[BranchStack.J_H], s[BranchStack.J_W], s[BranchStack.P_H], s[BranchStack.P_W]);
        trace.counts(i, lc.params, lc.macs, lc.biasAdds, lc.acts, flags);
    }

    /** After the last record: a valid result (the path state and the totals), or malformed if a block is open. */
    private boolean finish(Metrics out, int slot, int count, int nH, int nW, int c, long rH, long rW, long rMinH,
                           long rMinW, long jH, long jW, long pH, long pW, long params, long macs, long biasAdds,
                           long acts, int unproductive, long act, long peak) {
        if (branches.depth() != 0) {
            return fail(out, slot, MALFORMED, count - 1);
        }
        out.outH[slot] = nH;
        out.outW[slot] = nW;
        out.outC[slot] = c;
        out.rfH[slot] = rH;
        out.rfW[slot] = rW;
        out.rfMinH[slot] = rMinH;
        out.rfMinW[slot] = rMinW;
        out.strideH[slot] = jH;
        out.strideW[slot] = jW;
        out.padH[slot] = pH;
        out.padW[slot] = pW;
        out.params[slot] = params;
        out.macs[slot] = macs;
        out.biasAdds[slot] = biasAdds;
        out.acts[slot] = acts;
        out.actElements[slot] = act;
        out.peakElements[slot] = peak;
        out.unproductive[slot] = unproductive;
        out.error[slot] = ErrorCode.OK;
        out.errorRecord[slot] = -1;
        out.errorDetail[slot] = 0;
        return true;
    }

    /** Packs the evaluator's state into {@code row[o...]}, the layout of {@link Snapshots}. */
    private static void pack(long[] row, int o, int nH, int nW, int c, long rH, long rW, long rMinH, long rMinW,
                             long jH, long jW, long pH, long pW, boolean global, long params, long macs, long biasAdds,
                             long acts, int unproductive, long act, long peak, long held, long cur) {
        row[o + Snapshots.N_H] = nH;
        row[o + Snapshots.N_W] = nW;
        row[o + Snapshots.C] = c;
        row[o + Snapshots.R_H] = rH;
        row[o + Snapshots.R_W] = rW;
        row[o + Snapshots.RMIN_H] = rMinH;
        row[o + Snapshots.RMIN_W] = rMinW;
        row[o + Snapshots.J_H] = jH;
        row[o + Snapshots.J_W] = jW;
        row[o + Snapshots.P_H] = pH;
        row[o + Snapshots.P_W] = pW;
        row[o + Snapshots.GLOBAL] = global ? 1 : 0;
        row[o + Snapshots.PARAMS] = params;
        row[o + Snapshots.MACS] = macs;
        row[o + Snapshots.BIAS_ADDS] = biasAdds;
        row[o + Snapshots.ACTS] = acts;
        row[o + Snapshots.UNPRODUCTIVE] = unproductive;
        row[o + Snapshots.ACT] = act;
        row[o + Snapshots.PEAK] = peak;
        row[o + Snapshots.HELD] = held;
        row[o + Snapshots.CUR] = cur;
    }

    /** The branch state that failed the last merge, for {@link ErrorText}. */
    BranchStack branches() {
        return branches;
    }

    private static int pack(int code, int detail) {
        return code << 8 | detail;
    }

    private static boolean fail(Metrics out, int slot, int packed, int record) {
        out.error[slot] = (packed >>> 8) & 0xFF;
        out.errorRecord[slot] = record;
        out.errorDetail[slot] = packed & 0xFF;
        return false;
    }
}
