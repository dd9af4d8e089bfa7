package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.Extents;
import org.rfsweep.core.testkit.RandomStacks;
import org.rfsweep.core.testkit.RandomStacks.Sample;

/**
 * The receptive field, effective stride and effective padding of SPEC section 3 over random
 * plain stacks (conv, dwconv, sepconv, maxpool, avgpool, bn, relu with random kernels, strides,
 * dilations, symmetric, asymmetric, SAME and VALID padding, and ceil mode).
 */
class ReceptiveFieldProperties {
    private static final long SEED = 0x5EED_0001L;
    private static final int STACKS = 4000;

    @Test
    void shouldGiveTheTopDownRfByTheForwardMethodOnBothAxesAfterEveryLayer() {
        RandomStacks gen = new RandomStacks(SEED);
        StackEvaluator evaluator = new StackEvaluator();
        LayerTrace trace = new LayerTrace();
        Metrics m = new Metrics(1);
        int valid = 0;
        for (int n = 0; n < STACKS; n++) {
            Sample s = gen.plain(8, RandomStacks.PLAIN_OPS);
            Network net = s.network();
            boolean ok = evaluator.trace(s.records(), 0, s.count(), s.h(), s.w(), s.c(), m, 0, trace);
            String where = "seed " + SEED + ", stack " + n + ": " + s;
            int rows = ok ? s.count() : m.errorRecord[0];
            for (int i = 0; i < rows; i++) {
                assertEquals(TopDown.rf(net, i, Layer.KH, Layer.SH, Layer.DH), trace.rfH[i], where
                    + ", rf_h after layer " + i);
                assertEquals(TopDown.rf(net, i, Layer.KW, Layer.SW, Layer.DW), trace.rfW[i], where
                    + ", rf_w after layer " + i);
                assertEquals(trace.rfH[i], trace.rfMinH[i], where + ": one path, so rf_min_h = rf_h");
                assertEquals(trace.rfW[i], trace.rfMinW[i], where + ": one path, so rf_min_w = rf_w");
            }
            if (ok) {
                valid++;
                assertEquals(TopDown.rf(net, s.count() - 1, Layer.KH, Layer.SH, Layer.DH), m.rfH[0], where + ": rf_h");
                assertEquals(TopDown.rf(net, s.count() - 1, Layer.KW, Layer.SW, Layer.DW), m.rfW[0], where + ": rf_w");
            }
        }
        assertTrue(valid > STACKS / 3, "seed " + SEED + ": only " + valid + " of " + STACKS + " stacks are valid");
    }

    /**
     * Brute force: start from output feature {@code u} of the last layer, the interval {@code [u, u]},
     * and map it back through every layer: a window layer sends {@code [lo, hi]} to
     * {@code [lo*s - pl, hi*s - pl + ek - 1]} (pl the padding before, derived for SAME, 0 for VALID),
     * a global layer, a window with {@code ek = n} and {@code s = 1} (SPEC section 3), to
     * {@code [lo, hi + n - 1]}, so feature 0 sees {@code [0, n - 1]}, and an elementwise layer to itself. The result,
     * in input pixel coordinates, must be {@code [-P + u*j, -P + u*j + r - 1]}, centre {@code -P + u*j + (r-1)/2}.
     */
    @Test
    void shouldPlaceTheInputRegionOfFirstAndLastFeatureWhereComposedWindowsPutIt() {
        RandomStacks gen = new RandomStacks(SEED + 1);
        StackEvaluator evaluator = new StackEvaluator();
        LayerTrace trace = new LayerTrace();
        Metrics m = new Metrics(1);
        int valid = 0;
        for (int n = 0; n < STACKS; n++) {
            Sample s = gen.plain(8, Op.CONV, Op.DWCONV, Op.SEPCONV, Op.MAXPOOL, Op.AVGPOOL, Op.BN, Op.RELU, Op.CONV,
                Op.MAXPOOL, Op.GAP, Op.FC);
            if (!evaluator.trace(s.records(), 0, s.count(), s.h(), s.w(), s.c(), m, 0, trace)) {
                continue;
            }
            valid++;
            String where = "seed " + (SEED + 1) + ", stack " + n + ": " + s;
            for (boolean h : new boolean[] {true, false}) {
                long r = h ? m.rfH[0] : m.rfW[0];
                long j = h ? m.strideH[0] : m.strideW[0];
                long p = h ? m.padH[0] : m.padW[0];
                long last = (h ? m.outH[0] : m.outW[0]) - 1;
                for (long u : new long[] {0, last}) {
                    long[] region = region(s, trace, h, u);
                    String axis = where + (h ? ", height" : ", width") + ", feature " + u;
                    assertEquals(-p + u * j, region[0], axis + ": first input pixel");
                    assertEquals(-p + u * j + r - 1, region[1], axis + ": last input pixel");
                }
                assertEquals(h ? m.centre2H(0) : m.centre2W(0), region(s, trace, h, 0)[0] + region(s, trace, h, 0)[1],
                    where + ": twice the centre of feature 0");
            }
        }
        assertTrue(valid > STACKS / 4, "seed " + (SEED + 1) + ": only " + valid + " of " + STACKS
            + " stacks are valid");
    }

    private static long[] region(Sample s, LayerTrace trace, boolean h, long u) {
        int[] rec = s.records();
        long lo = u;
        long hi = u;
        for (int i = s.count() - 1; i >= 0; i--) {
            int at = i * Layer.INTS;
            int op = rec[at + Layer.OP];
            int n = h ? trace.inH[i] : trace.inW[i];
            if (Op.isGlobal(op)) {
                hi += n - 1;
            } else if (Op.isWindowed(op)) {
                int k = rec[at + (h ? Layer.KH : Layer.KW)];
                int d = rec[at + (h ? Layer.DH : Layer.DW)];
                int stride = rec[at + (h ? Layer.SH : Layer.SW)];
                int ek = d * (k - 1) + 1;
                int mode = rec[at + Layer.MODE];
                int before = mode == Rounding.VALID ? 0 : rec[at + (h ? Layer.PT : Layer.PL)];
                if (mode == Rounding.SAME) {
                    int out = (n + stride - 1) / stride;
                    before = Math.max((out - 1) * stride + ek - n, 0) / 2;
                }
                lo = lo * stride - before;
                hi = hi * stride - before + ek - 1;
            }
        }
        return new long[] {lo, hi};
    }

    @Test
    void shouldDeriveTheSamePaddingOfTensorFlow() {
        // TF kernel_shape_util: out = ceil(n/s), pad_total = max((out-1)*s + ek - n, 0), before = total/2.
        for (int n = 1; n <= 40; n++) {
            for (int ek = 1; ek <= 9; ek++) {
                for (int s = 1; s <= 5; s++) {
                    int out = (n + s - 1) / s;
                    int total = Math.max((out - 1) * s + ek - n, 0);
                    assertEquals(total / 2, Extents.padBefore(n, ek, s, 7, Rounding.SAME), "n=" + n + " ek=" + ek
                        + " s=" + s);
                    assertEquals(0, Extents.padBefore(n, ek, s, 7, Rounding.VALID));
                    assertEquals(7, Extents.padBefore(n, ek, s, 7, Rounding.CEIL));
                }
            }
        }
    }
}
