package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.Extents;
import org.rfsweep.core.testkit.RandomStacks;
import org.rfsweep.core.testkit.RandomStacks.Sample;

/**
 * Output extents against a brute-force count of window positions (SPEC section 2), for every
 * layer of random plain stacks, read from the evaluator's trace, and for {@link Extents#out} over
 * a small exhaustive domain.
 *
 * <p>The brute force, along one axis with input {@code n}, padding {@code pl}/{@code pr},
 * effective kernel {@code ek} and stride {@code s}: window {@code i} covers
 * {@code [x, x + ek - 1]} with {@code x = -pl + i*s}, for {@code i = 0, 1, 2, ...}.
 * <ul>
 *   <li>floor: count the windows that lie within the padded input {@code [-pl, n + pr - 1]}.</li>
 *   <li>ceil (PyTorch {@code ceil_mode=True}, {@code pooling_output_shape}): PyTorch computes
 *       {@code floor((n + pl + pr - ek + s - 1) / s) + 1}, i.e. it counts every window that overhangs
 *       the end of the padded input by at most {@code s - 1} elements ({@code x + ek - 1 <= n + pr + s - 2}),
 *       and then drops the last window if it starts at or after {@code n} (inside the right
 *       padding, {@code (out-1)*s >= n + pl}). With pool padding {@code pr <= k/2 < ek} only the
 *       last window can start there, so the count is: windows with {@code x + ek - 1 <= n + pr + s - 2}
 *       and {@code x < n}. This includes PyTorch's single window when the padded input is shorter
 *       than {@code ek} by less than {@code s}.</li>
 *   <li>SAME: TensorFlow's padding, {@code t = max((ceil(n/s) - 1)*s + ek - n, 0)},
 *       {@code pl = floor(t/2)}, {@code pr = t - pl}, then the floor count.</li>
 *   <li>VALID: no padding, then the floor count.</li>
 * </ul>
 * A count of 0 must be the evaluator's "output too small".
 */
class OutputExtentProperties {
    private static final long SEED = 0x5EED_0002L;
    private static final int STACKS = 4000;

    static int bruteForce(int n, int ek, int s, int pl, int pr, int mode) {
        if (mode == Rounding.SAME) {
            int t = Math.max(((n + s - 1) / s - 1) * s + ek - n, 0);
            pl = t / 2;
            pr = t - pl;
        } else if (mode == Rounding.VALID) {
            pl = 0;
            pr = 0;
        }
        int count = 0;
        for (long x = -pl; ; x += s) {
            long last = x + ek - 1;
            boolean inside = mode == Rounding.CEIL ? last <= n + pr + s - 2 && x < n : last <= n + pr - 1;
            if (!inside) {
                return count;
            }
            count++;
        }
    }

    @Test
    void shouldCountWindowPositionsLikeTheEvaluatorForEveryLayerOfRandomStacks() {
        RandomStacks gen = new RandomStacks(SEED);
        StackEvaluator evaluator = new StackEvaluator();
        LayerTrace trace = new LayerTrace();
        Metrics m = new Metrics(1);
        int tooSmall = 0;
        int ceilRows = 0;
        for (int k = 0; k < STACKS; k++) {
            Sample s = gen.plain(8, RandomStacks.PLAIN_OPS);
            boolean ok = evaluator.trace(s.records(), 0, s.count(), s.h(), s.w(), s.c(), m, 0, trace);
            String where = "seed " + SEED + ", stack " + k + ": " + s;
            int rows = ok ? s.count() : m.errorRecord[0] + 1;
            for (int i = 0; i < rows; i++) {
                int at = i * Layer.INTS;
                int[] r = s.records();
                int op = r[at + Layer.OP];
                boolean failing = !ok && i == m.errorRecord[0];
                int mode = r[at + Layer.MODE];
                int expH = trace.inH[i];
                int expW = trace.inW[i];
                if (Op.isWindowed(op)) {
                    expH = bruteForce(trace.inH[i], r[at + Layer.DH] * (r[at + Layer.KH] - 1) + 1, r[at + Layer.SH],
                        r[at + Layer.PT], r[at + Layer.PB], mode);
                    expW = bruteForce(trace.inW[i], r[at + Layer.DW] * (r[at + Layer.KW] - 1) + 1, r[at + Layer.SW],
                        r[at + Layer.PL], r[at + Layer.PR], mode);
                    ceilRows += mode == Rounding.CEIL ? 1 : 0;
                }
                String row = where + ", layer " + i;
                if (failing) {
                    assertEquals(ErrorCode.OUTPUT_TOO_SMALL, m.error[0], row + ": the only error of these stacks");
                    assertTrue(expH == 0 || expW == 0, row + ": brute force gives " + expH + "x" + expW);
                    assertEquals(expH == 0 ? ErrorCode.Axis.H : ErrorCode.Axis.W, m.errorDetail[0], row + ": axis");
                    tooSmall++;
                } else {
                    assertEquals(expH, trace.outH[i], row + ": out_h");
                    assertEquals(expW, trace.outW[i], row + ": out_w");
                }
            }
        }
        assertTrue(tooSmall > STACKS / 20, "seed " + SEED + ": only " + tooSmall + " stacks fail");
        assertTrue(ceilRows > STACKS / 20, "seed " + SEED + ": only " + ceilRows + " ceil layers");
    }

    @Test
    void shouldCountWindowPositionsExhaustivelyOnSmallAxes() {
        int[] modes = {Rounding.FLOOR, Rounding.CEIL, Rounding.SAME, Rounding.VALID};
        for (int mode : modes) {
            for (int n = 1; n <= 24; n++) {
                for (int k = 1; k <= 7; k++) {
                    for (int d = 1; d <= 3; d++) {
                        int ek = d * (k - 1) + 1;
                        for (int s = 1; s <= 5; s++) {
                            // ceil is a pool mode: pools keep each side within floor(k/2).
                            int maxPad = mode == Rounding.CEIL ? k / 2 : 3;
                            for (int pl = 0; pl <= maxPad; pl++) {
                                for (int pr = 0; pr <= maxPad; pr++) {
                                    int expected = bruteForce(n, ek, s, pl, pr, mode);
                                    int actual = Extents.out(n, ek, s, pl, pr, mode);
                                    assertEquals(expected == 0 ? Extents.TOO_SMALL : expected, actual, "mode=" + mode
                                        + " n=" + n + " ek=" + ek + " s=" + s + " pl=" + pl + " pr=" + pr);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
