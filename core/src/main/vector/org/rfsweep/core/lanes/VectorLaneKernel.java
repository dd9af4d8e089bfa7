package org.rfsweep.core.lanes;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.F2I;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.I2L;
import static jdk.incubator.vector.VectorOperators.L2I;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.XOR;
import static org.rfsweep.core.lanes.LaneBatch.BIT_ACT;
import static org.rfsweep.core.lanes.LaneBatch.BIT_BIAS;
import static org.rfsweep.core.lanes.LaneBatch.BIT_DW_CHECK;
import static org.rfsweep.core.lanes.LaneBatch.BIT_NEW;
import static org.rfsweep.core.lanes.LaneBatch.BIT_SEP;
import static org.rfsweep.core.lanes.LaneBatch.BIT_UNPRODUCTIVE;
import static org.rfsweep.core.lanes.LaneBatch.C_SET;
import static org.rfsweep.core.lanes.LaneBatch.EXTRA_OUTPUTS;
import static org.rfsweep.core.lanes.LaneBatch.FLAGS;
import static org.rfsweep.core.lanes.LaneBatch.GROUP;
import static org.rfsweep.core.lanes.LaneBatch.GROW_H;
import static org.rfsweep.core.lanes.LaneBatch.GROW_W;
import static org.rfsweep.core.lanes.LaneBatch.LANES;
import static org.rfsweep.core.lanes.LaneBatch.M_CO;
import static org.rfsweep.core.lanes.LaneBatch.M_ONE;
import static org.rfsweep.core.lanes.LaneBatch.PAD_H;
import static org.rfsweep.core.lanes.LaneBatch.PAD_W;
import static org.rfsweep.core.lanes.LaneBatch.PER_CHANNEL;
import static org.rfsweep.core.lanes.LaneBatch.SPAN_H;
import static org.rfsweep.core.lanes.LaneBatch.SPAN_W;
import static org.rfsweep.core.lanes.LaneBatch.STRIDES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Rounding;

/**
 * The SIMD lane kernel ({@code jdk.incubator.vector}): per step, {@code V} stacks, their longs in the
 * widest vector the CPU has (8 in 512 bits with AVX-512, 4 in 256 bits with AVX2) and their ints in
 * half that width. Loaded by name from {@link Lanes}, so that the rest of the engine never links
 * against the incubator module; compiled by its own compiler execution (core/pom.xml).
 *
 * <p><b>Design.</b> A block runs group by group ({@code V} lanes), each group through every layer,
 * with the whole running state in local vectors: C2 keeps them in registers (AVX-512 has 32), so the
 * state is read and written once per block instead of once per layer, and the columns, stored
 * group by group ({@link LaneBatch#at}), are read front to back. Per layer:
 * <ul>
 *   <li>extents: {@code out = (n + span) / s + 1}, the division in single precision, exact because
 *       every validated span is below {@code 2^24} (a quotient {@code q - e} with {@code e >= 1/s}
 *       rounds to {@code q} only when the dividend reaches {@code 2^24});</li>
 *   <li>field: {@code r += (ek-1)*j, P += pad*j, j *= s}, and a layer is unproductive (SPEC
 *       section 5) when {@code min(rH - inH, rW - inW)} was {@code >= 0} before it and is
 *       {@code >= 1} after it;</li>
 *   <li>counts: {@code m = M_CO*co + M_ONE}, params {@code += c*m + k*co} ({@code k} = 1 for a bias,
 *       2 for bn, their sum when a bn joined the row: {@link LaneBatch#columns}), MACs
 *       {@code += oh*ow*c*m}, bias adds and activations from the output {@code made = oh*ow*co};</li>
 *   <li>memory (docs/MEMORY.md): a windowed layer's output {@code made} is alive beside its input
 *       {@code cur} (a sepconv's depthwise output {@code d = oh*ow*c} beside the larger of the two:
 *       {@code cur + made + d - min(cur, made)}), other layers work in place; every layer adds
 *       {@code made + d} to the total ({@code made} more per in-place record joined to the row, in a
 *       table that joins them: {@link LaneBatch#joined}), and {@code cur = made} (in place,
 *       {@code made} is the input).</li>
 * </ul>
 * Every helper is written out in place: C2 inlines the Vector API's methods (force-inlined) into
 * a method of any size, but stops inlining ordinary methods once the graph has about 18,000 nodes
 * ({@code NodeCountInliningCutoff}); a vector that crosses a call that was not inlined is boxed
 * (5-10x slower, and allocating). So the two loops below repeat some lines rather than share them.
 *
 * <p><b>Two kernels.</b> {@link #lean} runs on the lanes of a step that {@link #provable} proved, in
 * a pass over the step's columns before it (in vectors), to keep every extent, channel count,
 * field, jump, padding, per-position product and tensor size below {@code 2^29}, every sum below
 * {@code 2^59}. It keeps all but the sums in int lanes (half the
 * width, and no conversions) and checks only the errors (an output below 1, a dwconv's channels).
 * {@link #checked} runs on every other step, in longs, and flags every bound within reach, so that
 * no product can overflow where a lane stays unflagged: a negative span (output below 1), an output
 * of {@code 2^20} or more, a dwconv whose channels differ from its input's, a channel count or
 * per-position product of {@code 2^30} or more, an output area of {@code 2^30} or more, a total of
 * {@code 2^60} or more, a field or padding of {@code 2^56}, a jump of {@code 2^32} or more. The flags
 * are conservative (the bounds of {@link org.rfsweep.core.math.Limits} are inclusive): a flagged
 * stack is simply evaluated again by the scalar evaluator, which reports the error.
 *
 * <p>A group whose lanes are all good and whose slots follow each other is written straight into
 * the {@link Metrics} with vector stores ({@link #write}); the caller writes the others.
 */
final class VectorLaneKernel implements LaneKernel {
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS =
        VectorSpecies.of(int.class, VectorShape.forBitSize(LS.length() * Integer.SIZE));
    private static final int STEP = LS.length();
    /** Added to an extent: negative from {@code 2^20} on (the flag of an output too large). */
    private static final int MAX_EXTENT_FLAG = Integer.MAX_VALUE - (1 << 20) + 1;
    private static final IntVector IOTA = IntVector.zero(IS).addIndex(1);
    private static final IntVector OK = IntVector.broadcast(IS, ErrorCode.OK);
    private static final IntVector NO_RECORD = IntVector.broadcast(IS, -1);
    /** The block (or lane) argument of a call that only counts for the JIT ({@link #idle}). */
    private static final int IDLE = Integer.MIN_VALUE;

    @Override
    public String toString() {
        return LS.length() >= 4 && LaneBatch.GROUP % LS.length() == 0 ? LS.length() + " x 64-bit lanes" : "";
    }

    @Override
    public void idle(int calls) {
        for (int k = 0; k < calls; k++) {
            block(null, IDLE, null, 0, null);
            for (int i = 0; i < LANES; i += STEP) {
                derive(null, null, IDLE, 0);
                deriveStep(null, null, IDLE, i, 0);
            }
        }
    }

    @Override
    public void block(LaneBatch batch, int block, LaneState state, int unproductiveShift, Metrics out) {
        if (block == IDLE) {
            // Counts a call of every method (see idle); each returns before its first vector operation.
            for (int i = 0; i < LANES; i += STEP) {
                provable(null, IDLE, i, null);
                lean(null, IDLE, i, null, 0);
                write(null, IDLE, null, i, null);
            }
            return;
        }
        final int eligibleShift = BIT_UNPRODUCTIVE + unproductiveShift;
        for (int i = 0; i < LANES; i += STEP) {
            // Proven once per packing: a batch evaluated again reads what the first pass found.
            final int step = block * LaneBatch.STEPS + i / STEP;
            final byte known = batch.proof[step];
            final boolean proven = known == 0 ? provable(batch, block, i, state) : known == 1;
            batch.proof[step] = (byte) (proven ? 1 : 2);
            if (proven) {
                lean(batch, block, i, state, eligibleShift);
                state.provenSteps++;
            } else {
                checked(batch, block, i, state, eligibleShift);
                state.checkedSteps++;
            }
            final int lane = block * LANES + i;
            // The identity layers that pad a lane added its last tensor to the sum of outputs.
            final LongVector tail = (LongVector) IntVector.fromArray(IS, batch.tail, lane).convertShape(I2L, LS, 0);
            LongVector.fromArray(LS, state.actElements, i).sub(tail.mul(LongVector.fromArray(LS, state.current, i)))
                .intoArray(state.actElements, i);
            final boolean written = write(batch, lane, state, i, out);
            for (int k = i; k < i + STEP; k++) {
                state.written[k] = written;
            }
        }
    }

    /**
     * {@link LaneBatch}'s derivation of columns ({@code notPlain}, {@code derive}, {@code identity})
     * in lanes, {@code STEP} lanes of a group at a time. First the lanes' records are copied field
     * by field into rows of {@code STEP} ints ({@link LaneBatch#fields}, with each op's row of
     * {@link LaneBatch#INFO}), then every layer's plain check and columns are computed from those
     * rows without a branch, and the identity is blended in where a lane's prefix has ended (the
     * rows of a lane past its records hold whatever was there; the blend discards them). Gathers
     * instead of the copy made the method too large for C2 to intrinsify all of them.
     */
    @Override
    public void derive(LaneBatch batch, int[] rec, int b, int lanes) {
        if (b == IDLE) {
            return;
        }
        final int stride = batch.blockStride[b];
        final int[] t = batch.fields(stride * LaneBatch.FIELD_ROWS * STEP);
        for (int lane = 0; lane < lanes; lane += STEP) {
            for (int j = 0; j < STEP; j++) {
                final int n = Math.min(stride, batch.laneCount[lane + j]);
                for (int l = 0, r = batch.laneStart[lane + j], o = j; l < n; l++, r += Layer.INTS,
                    o += LaneBatch.FIELD_ROWS * STEP) {
                    t[o] = rec[r + Layer.OP];
                    t[o + STEP] = rec[r + Layer.KH];
                    t[o + 2 * STEP] = rec[r + Layer.KW];
                    t[o + 3 * STEP] = rec[r + Layer.SH];
                    t[o + 4 * STEP] = rec[r + Layer.SW];
                    t[o + 5 * STEP] = rec[r + Layer.DH];
                    t[o + 6 * STEP] = rec[r + Layer.DW];
                    t[o + 7 * STEP] = rec[r + Layer.PT];
                    t[o + 8 * STEP] = rec[r + Layer.PB];
                    t[o + 9 * STEP] = rec[r + Layer.PL];
                    t[o + 10 * STEP] = rec[r + Layer.PR];
                    t[o + 11 * STEP] = rec[r + Layer.MODE];
                    t[o + 12 * STEP] = rec[r + Layer.C];
                    t[o + 13 * STEP] = rec[r + Layer.G];
                    t[o + 14 * STEP] = rec[r + Layer.BIAS];
                    t[o + 15 * STEP] = LaneBatch.INFO[rec[r + Layer.OP] & LaneBatch.INFO.length - 1];
                }
            }
            deriveStep(batch, t, b, lane, stride);
        }
    }

    /** The vector part of {@link #derive} for lanes {@code lane .. lane + STEP - 1}, from the rows in {@code t}. */
    private static void deriveStep(LaneBatch batch, int[] t, int b, int lane, int stride) {
        if (b == IDLE) {
            return;
        }
        final int[] col = batch.column;
        final int cs = batch.columnStride;
        final IntVector zero = IntVector.zero(IS);
        final IntVector count = IntVector.fromArray(IS, batch.laneCount, lane);
        IntVector alive = zero.sub(1);
        IntVector length = zero;
        // Below, x.or(x.neg()).lanewise(ASHR, 31) is -1 where x is not 0, else 0 (written out: see the class comment).
        for (int l = 0, x = batch.at(b, 0, lane), o = 0; l < stride; l++, x += GROUP,
            o += LaneBatch.FIELD_ROWS * STEP) {
            // -1 while the lane's prefix goes on and l is below its count
            final IntVector live = alive.and(count.sub(l + 1).lanewise(ASHR, 31).not());
            final IntVector op = IntVector.fromArray(IS, t, o);
            final IntVector kh = IntVector.fromArray(IS, t, o + STEP);
            final IntVector kw = IntVector.fromArray(IS, t, o + 2 * STEP);
            final IntVector pt = IntVector.fromArray(IS, t, o + 7 * STEP);
            final IntVector pb = IntVector.fromArray(IS, t, o + 8 * STEP);
            final IntVector pl = IntVector.fromArray(IS, t, o + 9 * STEP);
            final IntVector pr = IntVector.fromArray(IS, t, o + 10 * STEP);
            final IntVector mode = IntVector.fromArray(IS, t, o + 11 * STEP).lanewise(XOR, Rounding.FLOOR);
            final IntVector channels = IntVector.fromArray(IS, t, o + 12 * STEP);
            final IntVector groups = IntVector.fromArray(IS, t, o + 13 * STEP).lanewise(XOR, 1);
            final IntVector info = IntVector.fromArray(IS, t, o + 15 * STEP);
            final IntVector sameChannels = channels.lanewise(XOR, Layer.SAME_CHANNELS);
            final IntVector setChannels = sameChannels.or(sameChannels.neg()).lanewise(ASHR, 31);
            final IntVector halfH = kh.lanewise(ASHR, 1);
            final IntVector halfW = kw.lanewise(ASHR, 1);
            // notPlain: the kind's bits say which fields are checked; an op of 64 or more is not plain
            final IntVector high = op.lanewise(LSHR, 6);
            final IntVector notPlain = info.or(high.or(high.neg()).lanewise(LSHR, 31)).and(1)
                .or(info.and(2).and(mode.or(mode.neg()).lanewise(ASHR, 31)))
                .or(info.and(4).and(setChannels.not()))
                .or(info.and(8).and(groups.or(groups.neg()).lanewise(ASHR, 31)))
                .or(info.and(16).and(halfH.sub(pt).or(halfH.sub(pb)).or(halfW.sub(pl)).or(halfW.sub(pr))
                    .lanewise(ASHR, 31)));
            alive = live.and(notPlain.or(notPlain.neg()).lanewise(ASHR, 31).not());
            length = length.sub(alive);
            // derive: deriveWindow, then deriveCounts; the identity where the lane is not alive
            final IntVector notAlive = alive.not();
            final IntVector window = info.lanewise(LSHL, 30).lanewise(ASHR, 31);
            final IntVector kernelH = kh.sub(1).and(window);
            final IntVector kernelW = kw.sub(1).and(window);
            final IntVector ekH = IntVector.fromArray(IS, t, o + 5 * STEP).and(window).mul(kernelH).add(1);
            final IntVector ekW = IntVector.fromArray(IS, t, o + 6 * STEP).and(window).mul(kernelW).add(1);
            final IntVector top = pt.and(window);
            final IntVector left = pl.and(window);
            top.add(pb.and(window)).sub(ekH).or(notAlive).intoArray(col, x + SPAN_H * cs);
            left.add(pr.and(window)).sub(ekW).or(notAlive).intoArray(col, x + SPAN_W * cs);
            ekH.sub(1).and(alive).intoArray(col, x + GROW_H * cs);
            ekW.sub(1).and(alive).intoArray(col, x + GROW_W * cs);
            top.and(alive).intoArray(col, x + PAD_H * cs);
            left.and(alive).intoArray(col, x + PAD_W * cs);
            final IntVector strideH = IntVector.fromArray(IS, t, o + 3 * STEP).sub(1).and(window).add(1);
            final IntVector strideW = IntVector.fromArray(IS, t, o + 4 * STEP).sub(1).and(window).add(1);
            strideH.or(strideW.lanewise(LSHL, 16)).and(alive).or(notAlive.and(1 | 1 << 16))
                .intoArray(col, x + STRIDES * cs);
            final IntVector area = kernelH.add(1).mul(kernelW.add(1));
            channels.and(info.lanewise(LSHL, 31 - LaneBatch.INFO_CHANNEL).lanewise(ASHR, 31)).and(alive)
                .intoArray(col, x + C_SET * cs);
            area.and(info.lanewise(LSHL, 31 - LaneBatch.INFO_AREA_PER_CO).lanewise(ASHR, 31))
                .add(info.lanewise(LSHR, LaneBatch.INFO_ONE_PER_CO).and(1)).and(alive).intoArray(col, x + M_CO * cs);
            area.and(info.lanewise(LSHL, 31 - LaneBatch.INFO_AREA_ONCE).lanewise(ASHR, 31)).and(alive)
                .intoArray(col, x + M_ONE * cs);
            final IntVector wide = kernelH.or(kernelW);
            final IntVector unproductive = wide.or(wide.neg()).lanewise(LSHR, 31).lanewise(LSHL, BIT_UNPRODUCTIVE + 1)
                .or(1 << BIT_UNPRODUCTIVE);
            final IntVector bias = IntVector.fromArray(IS, t, o + 14 * STEP);
            final IntVector biasFlag = info.lanewise(LSHR, LaneBatch.INFO_BIAS - BIT_BIAS).and(1 << BIT_BIAS)
                .and(bias.or(bias.neg()).lanewise(ASHR, 31));
            final IntVector dwCheck = info.lanewise(LSHR, LaneBatch.INFO_DW_CHECK - BIT_DW_CHECK)
                .and(1 << BIT_DW_CHECK).and(setChannels);
            info.lanewise(LSHR, LaneBatch.INFO_OP_FLAGS).or(unproductive.and(window)).or(biasFlag).or(dwCheck)
                .and(alive).intoArray(col, x + FLAGS * cs);
        }
        length.intoArray(batch.prefix, b * LANES + lane);
    }

    /**
     * True when no lane {@code i .. i + STEP - 1} of the block can reach a bound that {@link #checked}
     * flags, whatever its layers compute, so that {@link #lean} may run them: from the columns alone,
     * each lane's extents stay below {@code in + sum of pads} ({@code (n + p - ek) / s + 1 <= n + p}),
     * its channels below the largest set, its field, padding and jump grow monotonically (computed
     * here in long lanes; the flag {@code wide} is sticky, so a value that wraps after it passed
     * {@code 2^29} is already flagged), and every count and memory total is below {@code L} times its
     * largest per-layer term (per lane, in double, with a margin of 2). Errors (an output below 1, a
     * dwconv's channels) are not proven here: {@link #lean} still checks them.
     */
    private static boolean provable(LaneBatch batch, int block, int i, LaneState s) {
        if (block == IDLE) {
            return false;
        }
        final int[] col = batch.column;
        final int cs = batch.columnStride;
        final int lane = block * LANES + i;
        LongVector eH = (LongVector) IntVector.fromArray(IS, batch.inH, lane).convertShape(I2L, LS, 0);
        LongVector eW = (LongVector) IntVector.fromArray(IS, batch.inW, lane).convertShape(I2L, LS, 0);
        IntVector channels = IntVector.fromArray(IS, batch.inC, lane);
        IntVector mCo = IntVector.zero(IS);
        IntVector mOne = mCo;
        final LongVector one = LongVector.broadcast(LS, 1);
        LongVector rH = one;
        LongVector rW = one;
        LongVector jH = one;
        LongVector jW = one;
        LongVector pH = LongVector.zero(LS);
        LongVector pW = pH;
        LongVector wide = pH;
        final int layers = batch.blockLayers[block];
        for (int x = batch.at(block, 0, i), end = x + layers * GROUP; x < end; x += GROUP) {
            final IntVector growH = IntVector.fromArray(IS, col, x + GROW_H * cs);
            final IntVector growW = IntVector.fromArray(IS, col, x + GROW_W * cs);
            // span + grow + 1 = pt + pb: the extent grows by at most the padding.
            final IntVector padsH = IntVector.fromArray(IS, col, x + SPAN_H * cs).add(growH).add(1);
            final IntVector padsW = IntVector.fromArray(IS, col, x + SPAN_W * cs).add(growW).add(1);
            eH = eH.add((LongVector) padsH.convertShape(I2L, LS, 0));
            eW = eW.add((LongVector) padsW.convertShape(I2L, LS, 0));
            channels = channels.max(IntVector.fromArray(IS, col, x + C_SET * cs));
            mCo = mCo.max(IntVector.fromArray(IS, col, x + M_CO * cs));
            mOne = mOne.max(IntVector.fromArray(IS, col, x + M_ONE * cs));
            final LongVector stride =
                (LongVector) IntVector.fromArray(IS, col, x + STRIDES * cs).convertShape(I2L, LS, 0);
            rH = rH.add(((LongVector) growH.convertShape(I2L, LS, 0)).mul(jH));
            rW = rW.add(((LongVector) growW.convertShape(I2L, LS, 0)).mul(jW));
            pH = pH.add(((LongVector) IntVector.fromArray(IS, col, x + PAD_H * cs).convertShape(I2L, LS, 0)).mul(jH));
            pW = pW.add(((LongVector) IntVector.fromArray(IS, col, x + PAD_W * cs).convertShape(I2L, LS, 0)).mul(jW));
            jH = jH.mul(stride.and(0xFFFF));
            jW = jW.mul(stride.lanewise(LSHR, 16));
            wide = wide.or(rH.or(rW).or(pH).or(pW).or(jH).or(jW));
        }
        if (wide.lanewise(LSHR, 29).compare(NE, 0).anyTrue()) {
            return false;
        }
        eH.intoArray(s.proofH, 0);
        eW.intoArray(s.proofW, 0);
        channels.intoArray(s.proofC, 0);
        mCo.intoArray(s.proofMCo, 0);
        mOne.intoArray(s.proofMOne, 0);
        for (int k = 0; k < STEP; k++) {
            final int c = s.proofC[k];
            final double m = (double) s.proofMCo[k] * c + s.proofMOne[k];
            final double area = (double) s.proofH[k] * s.proofW[k];
            final double perLayer = area * c * (m + 4) + c * (m + 3);
            if (s.proofH[k] >= 1 << 19 || s.proofW[k] >= 1 << 19 || area * c >= 0x1p28 || c * m >= 0x1p29
                || perLayer * (layers + 1) >= 0x1p59) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the results of lanes {@code i .. i + STEP - 1} straight into {@code out} when all of
     * them are good, finished (no records after the lane's prefix) and their slots follow each
     * other (the usual case); else leaves them to the caller, lane by lane. Writes what
     * {@code StackEvaluator} writes for a valid stack.
     */
    private static boolean write(LaneBatch batch, int lane, LaneState s, int i, Metrics out) {
        if (lane == IDLE) {
            return false;
        }
        final int slot = batch.stack[lane];
        if (slot < 0 || !IntVector.fromArray(IS, batch.stack, lane).eq(IOTA.add(slot)).allTrue()
            || IntVector.fromArray(IS, batch.more, lane).compare(NE, 0).anyTrue()
            || IntVector.fromArray(IS, s.bad, i).compare(NE, 0).anyTrue()
            || LongVector.fromArray(LS, s.badWide, i).compare(NE, 0).anyTrue()) {
            return false;
        }
        IntVector.fromArray(IS, s.nH, i).intoArray(out.outH, slot);
        IntVector.fromArray(IS, s.nW, i).intoArray(out.outW, slot);
        IntVector.fromArray(IS, s.c, i).intoArray(out.outC, slot);
        final LongVector rH = LongVector.fromArray(LS, s.rH, i);
        final LongVector rW = LongVector.fromArray(LS, s.rW, i);
        rH.intoArray(out.rfH, slot);
        rW.intoArray(out.rfW, slot);
        rH.intoArray(out.rfMinH, slot);
        rW.intoArray(out.rfMinW, slot);
        LongVector.fromArray(LS, s.jH, i).intoArray(out.strideH, slot);
        LongVector.fromArray(LS, s.jW, i).intoArray(out.strideW, slot);
        LongVector.fromArray(LS, s.pH, i).intoArray(out.padH, slot);
        LongVector.fromArray(LS, s.pW, i).intoArray(out.padW, slot);
        LongVector.fromArray(LS, s.params, i).intoArray(out.params, slot);
        LongVector.fromArray(LS, s.macs, i).intoArray(out.macs, slot);
        LongVector.fromArray(LS, s.biasAdds, i).intoArray(out.biasAdds, slot);
        LongVector.fromArray(LS, s.acts, i).intoArray(out.acts, slot);
        LongVector.fromArray(LS, s.actElements, i).intoArray(out.actElements, slot);
        LongVector.fromArray(LS, s.peakElements, i).intoArray(out.peakElements, slot);
        IntVector.fromArray(IS, s.unproductive, i).intoArray(out.unproductive, slot);
        OK.intoArray(out.error, slot);
        NO_RECORD.intoArray(out.errorRecord, slot);
        OK.intoArray(out.errorDetail, slot);
        return true;
    }

    /**
     * The kernel for lanes whose bounds {@link #provable} proved: no bound flags; extents,
     * channels, field, jump, padding and the per-position products in ints (all below
     * {@code 2^30}), the counts in longs. Still flags an output below 1 and a dwconv's channels.
     */
    private static void lean(LaneBatch batch, int block, int i, LaneState s, int eligibleShift) {
        if (block == IDLE) {
            return;
        }
        final int[] col = batch.column;
        final int cs = batch.columnStride;
        final int lane = block * LANES + i;
        final boolean joined = batch.joined;
        IntVector nH = IntVector.fromArray(IS, batch.inH, lane);
        IntVector nW = IntVector.fromArray(IS, batch.inW, lane);
        IntVector c = IntVector.fromArray(IS, batch.inC, lane);
        IntVector bad = IntVector.zero(IS);
        final IntVector inH = nH;
        final IntVector inW = nW;
        final IntVector one = IntVector.broadcast(IS, 1);
        IntVector rH = one;
        IntVector rW = one;
        IntVector jH = one;
        IntVector jW = one;
        IntVector pH = IntVector.zero(IS);
        IntVector pW = pH;
        IntVector lead = one.sub(inH).min(one.sub(inW));
        IntVector unproductive = pH;
        final LongVector zero = LongVector.zero(LS);
        LongVector params = zero;
        LongVector macs = zero;
        LongVector biasAdds = zero;
        LongVector acts = zero;
        LongVector actElements = zero;
        IntVector cur = nH.mul(nW).mul(c);
        IntVector peak = cur;
        for (int x = batch.at(block, 0, i), end = x + batch.blockLayers[block] * GROUP; x < end; x += GROUP) {
            final IntVector nh = nH.add(IntVector.fromArray(IS, col, x + SPAN_H * cs));
            final IntVector nw = nW.add(IntVector.fromArray(IS, col, x + SPAN_W * cs));
            final IntVector stride = IntVector.fromArray(IS, col, x + STRIDES * cs);
            final IntVector sH = stride.and(0xFFFF);
            final IntVector sW = stride.lanewise(LSHR, 16);
            nH = ((IntVector) ((FloatVector) nh.convert(I2F, 0)).div((FloatVector) sH.convert(I2F, 0))
                .convert(F2I, 0)).add(1);
            nW = ((IntVector) ((FloatVector) nw.convert(I2F, 0)).div((FloatVector) sW.convert(I2F, 0))
                .convert(F2I, 0)).add(1);
            final IntVector fi = IntVector.fromArray(IS, col, x + FLAGS * cs);
            final IntVector ci = c;
            final IntVector set = IntVector.fromArray(IS, col, x + C_SET * cs);
            c = ci.blend(set, set.compare(NE, 0));
            final IntVector dwCheck = fi.lanewise(LSHL, 31 - BIT_DW_CHECK).lanewise(ASHR, 31);
            bad = bad.or(nh).or(nw).or(c.lanewise(XOR, ci).and(dwCheck).neg());
            // Field (SPEC section 3) and unproductive layers (section 5).
            rH = rH.add(IntVector.fromArray(IS, col, x + GROW_H * cs).mul(jH));
            rW = rW.add(IntVector.fromArray(IS, col, x + GROW_W * cs).mul(jW));
            pH = pH.add(IntVector.fromArray(IS, col, x + PAD_H * cs).mul(jH));
            pW = pW.add(IntVector.fromArray(IS, col, x + PAD_W * cs).mul(jW));
            jH = jH.mul(sH);
            jW = jW.mul(sW);
            final IntVector before = lead;
            lead = rH.sub(inH).min(rW.sub(inW));
            unproductive = unproductive.add(before.or(lead.sub(1)).lanewise(LSHR, 31).lanewise(XOR, 1)
                .and(fi.lanewise(LSHR, eligibleShift)));
            // Counts (sections 6 and 7) and the memory walk (docs/MEMORY.md).
            final IntVector cm = ci.mul(IntVector.fromArray(IS, col, x + M_CO * cs).mul(c)
                .add(IntVector.fromArray(IS, col, x + M_ONE * cs)));
            final IntVector area = nH.mul(nW);
            final IntVector made = area.mul(c);
            final IntVector sep = fi.lanewise(LSHL, 31 - BIT_SEP).lanewise(ASHR, 31);
            final IntVector depthwise = sep.and(area.mul(ci));
            final IntVector output = made.add(depthwise);
            params = params.add((LongVector) cm.add(fi.lanewise(LSHR, PER_CHANNEL).and(3).mul(c))
                .convertShape(I2L, LS, 0));
            macs = macs.add(((LongVector) area.convertShape(I2L, LS, 0)).mul((LongVector) cm.convertShape(I2L, LS, 0)));
            biasAdds = biasAdds.add((LongVector) fi.lanewise(LSHL, 31 - BIT_BIAS).lanewise(ASHR, 31).and(made)
                .convertShape(I2L, LS, 0));
            acts = acts.add((LongVector) fi.lanewise(LSHL, 31 - BIT_ACT).lanewise(ASHR, 31).and(made).add(depthwise)
                .convertShape(I2L, LS, 0));
            // With the outputs of joined in-place records (the highest flags), in a table that has them.
            final IntVector outputs = joined ? output.add(fi.lanewise(LSHR, EXTRA_OUTPUTS).mul(made)) : output;
            actElements = actElements.add((LongVector) outputs.convertShape(I2L, LS, 0));
            final IntVector fresh = fi.lanewise(LSHL, 31 - BIT_NEW).lanewise(ASHR, 31);
            peak = peak.max(cur.add(fresh.and(made.add(depthwise).sub(sep.and(cur.min(made))))));
            cur = made;
        }
        nH.intoArray(s.nH, i);
        nW.intoArray(s.nW, i);
        c.intoArray(s.c, i);
        bad.lanewise(LSHR, 31).intoArray(s.bad, i);
        zero.intoArray(s.badWide, i);
        ((LongVector) rH.convertShape(I2L, LS, 0)).intoArray(s.rH, i);
        ((LongVector) rW.convertShape(I2L, LS, 0)).intoArray(s.rW, i);
        ((LongVector) jH.convertShape(I2L, LS, 0)).intoArray(s.jH, i);
        ((LongVector) jW.convertShape(I2L, LS, 0)).intoArray(s.jW, i);
        ((LongVector) pH.convertShape(I2L, LS, 0)).intoArray(s.pH, i);
        ((LongVector) pW.convertShape(I2L, LS, 0)).intoArray(s.pW, i);
        unproductive.intoArray(s.unproductive, i);
        params.intoArray(s.params, i);
        macs.intoArray(s.macs, i);
        biasAdds.intoArray(s.biasAdds, i);
        acts.intoArray(s.acts, i);
        actElements.intoArray(s.actElements, i);
        ((LongVector) peak.convertShape(I2L, LS, 0)).intoArray(s.peakElements, i);
        ((LongVector) cur.convertShape(I2L, LS, 0)).intoArray(s.current, i);
    }

    /**
     * The kernel for any block: {@link #lean}'s arithmetic with the output area in longs, and a
     * flag for every bound within reach (see the class comment). An input of {@code 2^60} elements
     * or more is flagged from the start, for the scalar evaluator, which reports it.
     */
    private static void checked(LaneBatch batch, int block, int i, LaneState s, int eligibleShift) {
        if (block == IDLE) {
            return;
        }
        final int[] col = batch.column;
        final int cs = batch.columnStride;
        final int lane = block * LANES + i;
        IntVector nH = IntVector.fromArray(IS, batch.inH, lane);
        IntVector nW = IntVector.fromArray(IS, batch.inW, lane);
        IntVector c = IntVector.fromArray(IS, batch.inC, lane);
        IntVector bad = IntVector.zero(IS);
        final LongVector inH = (LongVector) nH.convertShape(I2L, LS, 0);
        final LongVector inW = (LongVector) nW.convertShape(I2L, LS, 0);
        final LongVector one = LongVector.broadcast(LS, 1);
        final LongVector zero = LongVector.zero(LS);
        LongVector rH = one;
        LongVector rW = one;
        LongVector jH = one;
        LongVector jW = one;
        LongVector pH = zero;
        LongVector pW = zero;
        LongVector lead = one.sub(inH).min(one.sub(inW));
        LongVector params = zero;
        LongVector macs = zero;
        LongVector biasAdds = zero;
        LongVector acts = zero;
        LongVector unproductive = zero;
        LongVector cur = LongVector.fromArray(LS, batch.inElements, lane);
        LongVector actElements = zero;
        LongVector peak = cur;
        LongVector badWide = cur.lanewise(LSHR, 60);
        for (int x = batch.at(block, 0, i), end = x + batch.blockLayers[block] * GROUP; x < end; x += GROUP) {
            final IntVector nh = nH.add(IntVector.fromArray(IS, col, x + SPAN_H * cs));
            final IntVector nw = nW.add(IntVector.fromArray(IS, col, x + SPAN_W * cs));
            final IntVector stride = IntVector.fromArray(IS, col, x + STRIDES * cs);
            final FloatVector sH = (FloatVector) stride.and(0xFFFF).convert(I2F, 0);
            final FloatVector sW = (FloatVector) stride.lanewise(LSHR, 16).convert(I2F, 0);
            nH = ((IntVector) ((FloatVector) nh.convert(I2F, 0)).div(sH).convert(F2I, 0)).add(1);
            nW = ((IntVector) ((FloatVector) nw.convert(I2F, 0)).div(sW).convert(F2I, 0)).add(1);
            final IntVector fi = IntVector.fromArray(IS, col, x + FLAGS * cs);
            final IntVector ci = c;
            final IntVector set = IntVector.fromArray(IS, col, x + C_SET * cs);
            c = ci.blend(set, set.compare(NE, 0));
            final IntVector dwCheck = fi.lanewise(LSHL, 31 - BIT_DW_CHECK).lanewise(ASHR, 31);
            bad = bad.or(nh).or(nw).or(c.lanewise(XOR, ci).and(dwCheck).neg()).or(nH.or(nW).add(MAX_EXTENT_FLAG));
            final LongVector stepL = (LongVector) stride.convertShape(I2L, LS, 0);
            rH = rH.add(((LongVector) IntVector.fromArray(IS, col, x + GROW_H * cs).convertShape(I2L, LS, 0)).mul(jH));
            rW = rW.add(((LongVector) IntVector.fromArray(IS, col, x + GROW_W * cs).convertShape(I2L, LS, 0)).mul(jW));
            pH = pH.add(((LongVector) IntVector.fromArray(IS, col, x + PAD_H * cs).convertShape(I2L, LS, 0)).mul(jH));
            pW = pW.add(((LongVector) IntVector.fromArray(IS, col, x + PAD_W * cs).convertShape(I2L, LS, 0)).mul(jW));
            jH = jH.mul(stepL.and(0xFFFF));
            jW = jW.mul(stepL.lanewise(LSHR, 16));
            final LongVector f = (LongVector) fi.convertShape(I2L, LS, 0);
            final LongVector before = lead;
            lead = rH.sub(inH).min(rW.sub(inW));
            unproductive = unproductive.add(before.or(lead.sub(1)).lanewise(LSHR, 63).lanewise(XOR, 1)
                .and(f.lanewise(LSHR, eligibleShift)));
            // Counts (sections 6 and 7) and the memory walk (docs/MEMORY.md).
            final LongVector co = (LongVector) c.convertShape(I2L, LS, 0);
            final LongVector cin = (LongVector) ci.convertShape(I2L, LS, 0);
            final LongVector area = ((LongVector) nH.convertShape(I2L, LS, 0))
                .mul((LongVector) nW.convertShape(I2L, LS, 0));
            final LongVector m = ((LongVector) IntVector.fromArray(IS, col, x + M_CO * cs).convertShape(I2L, LS, 0))
                .mul(co).add((LongVector) IntVector.fromArray(IS, col, x + M_ONE * cs).convertShape(I2L, LS, 0));
            final LongVector cm = cin.mul(m);
            final LongVector sep = f.lanewise(LSHL, 63 - BIT_SEP).lanewise(ASHR, 63);
            final LongVector made = area.mul(co);
            final LongVector depthwise = sep.and(area.mul(cin));
            params = params.add(cm.add(f.lanewise(LSHR, PER_CHANNEL).and(3).mul(co)));
            macs = macs.add(area.mul(cm));
            biasAdds = biasAdds.add(f.lanewise(LSHL, 63 - BIT_BIAS).lanewise(ASHR, 63).and(made));
            acts = acts.add(f.lanewise(LSHL, 63 - BIT_ACT).lanewise(ASHR, 63).and(made).add(depthwise));
            actElements = actElements.add(made.add(depthwise)
                .add(batch.joined ? made.mul(f.lanewise(LSHR, EXTRA_OUTPUTS)) : zero));
            final LongVector fresh = f.lanewise(LSHL, 63 - BIT_NEW).lanewise(ASHR, 63);
            peak = peak.max(cur.add(fresh.and(made.add(depthwise).sub(sep.and(cur.min(made))))));
            cur = made;
            badWide = badWide.or(rH.or(rW).or(pH).or(pW).lanewise(LSHR, 56).or(jH.or(jW).lanewise(LSHR, 32))
                .or(area.or(cm).or(cin).or(m).lanewise(LSHR, 30))
                .or(params.or(macs).or(biasAdds).or(acts).or(actElements).or(peak).lanewise(LSHR, 60)));
        }
        nH.intoArray(s.nH, i);
        nW.intoArray(s.nW, i);
        c.intoArray(s.c, i);
        bad.lanewise(LSHR, 31).intoArray(s.bad, i);
        rH.intoArray(s.rH, i);
        rW.intoArray(s.rW, i);
        jH.intoArray(s.jH, i);
        jW.intoArray(s.jW, i);
        pH.intoArray(s.pH, i);
        pW.intoArray(s.pW, i);
        params.intoArray(s.params, i);
        macs.intoArray(s.macs, i);
        biasAdds.intoArray(s.biasAdds, i);
        acts.intoArray(s.acts, i);
        ((IntVector) unproductive.convertShape(L2I, IS, 0)).intoArray(s.unproductive, i);
        actElements.intoArray(s.actElements, i);
        peak.intoArray(s.peakElements, i);
        cur.intoArray(s.current, i);
        badWide.intoArray(s.badWide, i);
    }
}
