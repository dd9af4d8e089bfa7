package org.rfsweep.core.lanes;

import static org.rfsweep.core.lanes.LaneBatch.BIT_ACT;
import static org.rfsweep.core.lanes.LaneBatch.BIT_BIAS;
import static org.rfsweep.core.lanes.LaneBatch.BIT_BN;
import static org.rfsweep.core.lanes.LaneBatch.BIT_DW_CHECK;
import static org.rfsweep.core.lanes.LaneBatch.BIT_M_A;
import static org.rfsweep.core.lanes.LaneBatch.BIT_M_B;
import static org.rfsweep.core.lanes.LaneBatch.BIT_NEW;
import static org.rfsweep.core.lanes.LaneBatch.BIT_REAL;
import static org.rfsweep.core.lanes.LaneBatch.BIT_SEP;
import static org.rfsweep.core.lanes.LaneBatch.BIT_UNPRODUCTIVE;
import static org.rfsweep.core.lanes.LaneBatch.C_SET;
import static org.rfsweep.core.lanes.LaneBatch.FLAGS;
import static org.rfsweep.core.lanes.LaneBatch.GROW_H;
import static org.rfsweep.core.lanes.LaneBatch.GROW_W;
import static org.rfsweep.core.lanes.LaneBatch.LANES;
import static org.rfsweep.core.lanes.LaneBatch.PAD_H;
import static org.rfsweep.core.lanes.LaneBatch.PAD_W;
import static org.rfsweep.core.lanes.LaneBatch.SPAN_H;
import static org.rfsweep.core.lanes.LaneBatch.SPAN_W;
import static org.rfsweep.core.lanes.LaneBatch.STRIDES;
import static org.rfsweep.core.lanes.LaneBatch.WINDOW;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD lane kernel ({@code jdk.incubator.vector}): per step, {@code V} stacks, their longs in the
 * widest vector the CPU has (8 in 512 bits with AVX-512, 4 in 256 bits with AVX2) and their ints in
 * half that width. Loaded by name from {@link Lanes}, so that the rest of the engine never links
 * against the incubator module; compiled by its own compiler execution (core/pom.xml).
 *
 * <p>Three passes per layer keep each loop small enough for C2 to inline every vector intrinsic
 * (one fused loop exceeded its inlining budget and fell back to boxed vectors, 5x slower):
 * <ol>
 *   <li>extents (ints): {@code out = (n + span) / s + 1}, the division in single precision, exact
 *       because every validated span is below {@code 2^24} (a quotient {@code q - e} with
 *       {@code e >= 1/s} rounds to {@code q} only when the dividend reaches {@code 2^24});</li>
 *   <li>field (longs): {@code r += (ek-1)*j, P += pad*j, j *= s} and the unproductive test;</li>
 *   <li>counts (longs): params, MACs, bias adds, activations;</li>
 *   <li>memory (longs, docs/MEMORY.md): a windowed layer's output {@code made = oh*ow*co} is alive
 *       beside its input {@code cur} (a sepconv's depthwise output {@code oh*ow*c} beside the larger
 *       of the two), other layers work in place; every real layer adds its output to the total.</li>
 * </ol>
 * Flags, checked so that no product can overflow where a lane stays unflagged: a negative span
 * (output below 1), an output of {@code 2^20} or more, a dwconv whose channels differ from its
 * input's, a channel count or per-position product of {@code 2^30} or more, an output area of
 * {@code 2^30} or more, a total of {@code 2^60} or more, a field or padding of {@code 2^56}, a jump of
 * {@code 2^32} or more. The flags are conservative by at most one (the bounds of
 * {@link org.rfsweep.core.math.Limits} are inclusive): a flagged stack is simply evaluated again.
 */
final class VectorLaneKernel implements LaneKernel {
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS =
        VectorSpecies.of(int.class, VectorShape.forBitSize(LS.length() * Integer.SIZE));
    private static final int STEP = LS.length();

    @Override
    public String toString() {
        return LS.length() >= 4 ? LS.length() + " x 64-bit lanes" : "";
    }

    @Override
    public void layer(LaneBatch batch, int block, int layer, LaneState state, int unproductiveShift) {
        final int at = batch.blockStart[block] + layer * LANES;
        extents(batch.column, at, state);
        field(batch.column, at, state, unproductiveShift);
        counts(batch.column, at, state);
        memory(batch.column, at, state);
    }

    private static LongVector wide(IntVector v) {
        return (LongVector) v.convertShape(VectorOperators.I2L, LS, 0);
    }

    private static LongVector wide(int[] a, int i) {
        return wide(IntVector.fromArray(IS, a, i));
    }

    /** Bit {@code bit} of every lane as a mask: -1 when set, else 0. */
    private static IntVector mask(IntVector flags, int bit) {
        return flags.lanewise(VectorOperators.LSHL, 31 - bit).lanewise(VectorOperators.ASHR, 31);
    }

    private static LongVector mask(LongVector flags, int bit) {
        return flags.lanewise(VectorOperators.LSHL, 63 - bit).lanewise(VectorOperators.ASHR, 63);
    }

    private static void extents(int[][] col, int at, LaneState s) {
        final int[] spanH = col[SPAN_H];
        final int[] spanW = col[SPAN_W];
        final int[] strides = col[STRIDES];
        final int[] cSet = col[C_SET];
        final int[] flagBits = col[FLAGS];
        for (int i = 0; i < LANES; i += STEP) {
            final int x = at + i;
            final IntVector nH = IntVector.fromArray(IS, s.nH, i).add(IntVector.fromArray(IS, spanH, x));
            final IntVector nW = IntVector.fromArray(IS, s.nW, i).add(IntVector.fromArray(IS, spanW, x));
            final IntVector stride = IntVector.fromArray(IS, strides, x);
            final IntVector oh = quotient(nH, stride.and(0xFFFF)).add(1);
            final IntVector ow = quotient(nW, stride.lanewise(VectorOperators.LSHR, 16)).add(1);
            oh.intoArray(s.nH, i);
            ow.intoArray(s.nW, i);
            final IntVector ci = IntVector.fromArray(IS, s.c, i);
            ci.intoArray(s.cIn, i);
            final IntVector set = IntVector.fromArray(IS, cSet, x);
            final IntVector co = ci.blend(set, set.compare(VectorOperators.NE, 0));
            co.intoArray(s.c, i);
            final IntVector differs = co.sub(ci).or(ci.sub(co))
                .and(mask(IntVector.fromArray(IS, flagBits, x), BIT_DW_CHECK));
            final IntVector flags = nH.or(nW).or(differs).lanewise(VectorOperators.LSHR, 31)
                .or(oh.or(ow).lanewise(VectorOperators.LSHR, 20));
            IntVector.fromArray(IS, s.bad, i).or(flags).intoArray(s.bad, i);
        }
    }

    /** {@code floor(n / s)} for {@code 0 <= n < 2^24}; anything for a negative {@code n} (flagged). */
    private static IntVector quotient(IntVector n, IntVector s) {
        final FloatVector q = ((FloatVector) n.convert(VectorOperators.I2F, 0))
            .div((FloatVector) s.convert(VectorOperators.I2F, 0));
        return (IntVector) q.convert(VectorOperators.F2I, 0);
    }

    private static void field(int[][] col, int at, LaneState s, int unproductiveShift) {
        final int[] growH = col[GROW_H];
        final int[] growW = col[GROW_W];
        final int[] strides = col[STRIDES];
        final int[] padH = col[PAD_H];
        final int[] padW = col[PAD_W];
        final int[] flagBits = col[FLAGS];
        final int eligibleShift = BIT_UNPRODUCTIVE + unproductiveShift;
        for (int i = 0; i < LANES; i += STEP) {
            final int x = at + i;
            LongVector jH = LongVector.fromArray(LS, s.jH, i);
            LongVector jW = LongVector.fromArray(LS, s.jW, i);
            final LongVector rH0 = LongVector.fromArray(LS, s.rH, i);
            final LongVector rW0 = LongVector.fromArray(LS, s.rW, i);
            final LongVector rH = rH0.add(wide(growH, x).mul(jH));
            final LongVector rW = rW0.add(wide(growW, x).mul(jW));
            final LongVector pH = LongVector.fromArray(LS, s.pH, i).add(wide(padH, x).mul(jH));
            final LongVector pW = LongVector.fromArray(LS, s.pW, i).add(wide(padW, x).mul(jW));
            final LongVector stride = wide(strides, x);
            jH = jH.mul(stride.and(0xFFFF));
            jW = jW.mul(stride.lanewise(VectorOperators.LSHR, 16));
            final LongVector inH = wide(s.inH, i);
            final LongVector inW = wide(s.inW, i);
            // Covered before (r >= in on both axes) and exceeded after (r > in on both): sign bits.
            final LongVector covered = rH0.sub(inH).or(rW0.sub(inW)).not();
            final LongVector exceeded = inH.sub(rH).and(inW.sub(rW));
            final LongVector eligible = wide(flagBits, x).lanewise(VectorOperators.LSHR, eligibleShift);
            final LongVector counted = covered.and(exceeded).lanewise(VectorOperators.LSHR, 63).and(eligible);
            LongVector.fromArray(LS, s.unproductive, i).add(counted).intoArray(s.unproductive, i);
            final LongVector flags = rH.or(rW).or(pH).or(pW).lanewise(VectorOperators.LSHR, 56)
                .or(jH.or(jW).lanewise(VectorOperators.LSHR, 32));
            LongVector.fromArray(LS, s.badWide, i).or(flags).intoArray(s.badWide, i);
            rH.intoArray(s.rH, i);
            rW.intoArray(s.rW, i);
            pH.intoArray(s.pH, i);
            pW.intoArray(s.pW, i);
            jH.intoArray(s.jH, i);
            jW.intoArray(s.jW, i);
        }
    }

    private static void counts(int[][] col, int at, LaneState s) {
        final int[] windows = col[WINDOW];
        final int[] flagBits = col[FLAGS];
        for (int i = 0; i < LANES; i += STEP) {
            final int x = at + i;
            final LongVector co = wide(s.c, i);
            final LongVector ci = wide(s.cIn, i);
            final LongVector area = wide(s.nH, i).mul(wide(s.nW, i));
            final LongVector window = wide(windows, x);
            final LongVector f = wide(flagBits, x);
            final LongVector sepMask = mask(f, BIT_SEP);
            final LongVector m = window.and(mask(f, BIT_M_A)).mul(co).add(window.and(mask(f, BIT_M_B)))
                .add(sepMask.and(co));
            final LongVector cm = ci.mul(m);
            final LongVector biasCo = mask(f, BIT_BIAS).and(co);
            final LongVector params = LongVector.fromArray(LS, s.params, i)
                .add(cm.add(biasCo).add(mask(f, BIT_BN).and(ci.add(ci))));
            final LongVector macs = LongVector.fromArray(LS, s.macs, i).add(area.mul(cm));
            final LongVector biasAdds = LongVector.fromArray(LS, s.biasAdds, i).add(area.mul(biasCo));
            final LongVector acts = LongVector.fromArray(LS, s.acts, i)
                .add(area.mul(mask(f, BIT_ACT).and(co).add(sepMask.and(ci))));
            final LongVector flags = area.or(cm).or(ci).or(m).lanewise(VectorOperators.LSHR, 30)
                .or(params.or(macs).or(biasAdds).or(acts).lanewise(VectorOperators.LSHR, 60));
            LongVector.fromArray(LS, s.badWide, i).or(flags).intoArray(s.badWide, i);
            params.intoArray(s.params, i);
            macs.intoArray(s.macs, i);
            biasAdds.intoArray(s.biasAdds, i);
            acts.intoArray(s.acts, i);
        }
    }

    private static void memory(int[][] col, int at, LaneState s) {
        final int[] flagBits = col[FLAGS];
        for (int i = 0; i < LANES; i += STEP) {
            final LongVector f = wide(flagBits, at + i);
            final LongVector area = wide(s.nH, i).mul(wide(s.nW, i));
            final LongVector made = area.mul(wide(s.c, i));
            final LongVector sep = mask(f, BIT_SEP);
            final LongVector fresh = mask(f, BIT_NEW);
            final LongVector depthwise = sep.and(area.mul(wide(s.cIn, i)));
            final LongVector cur = LongVector.fromArray(LS, s.current, i);
            final LongVector windowed = sep.and(depthwise.add(cur.max(made))).or(sep.not().and(cur.add(made)));
            final LongVector live = fresh.and(windowed).or(fresh.not().and(cur));
            final LongVector act = LongVector.fromArray(LS, s.actElements, i)
                .add(mask(f, BIT_REAL).and(made.add(depthwise)));
            final LongVector peak = LongVector.fromArray(LS, s.peakElements, i).max(live);
            fresh.and(made).or(fresh.not().and(cur)).intoArray(s.current, i);
            act.intoArray(s.actElements, i);
            peak.intoArray(s.peakElements, i);
            LongVector.fromArray(LS, s.badWide, i).or(act.or(peak).lanewise(VectorOperators.LSHR, 60))
                .intoArray(s.badWide, i);
        }
    }
}
