package org.rfsweep.core.lanes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfsweep.core.lanes.LanePathProperties.compare;
import static org.rfsweep.core.lanes.LanePathProperties.extremeLayer;
import static org.rfsweep.core.lanes.LanePathProperties.kernel;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.Limits;
import org.rfsweep.core.testkit.RandomStacks;

/**
 * Stacks that end in a head the lanes do not take (global and adaptive layers, fc, channel and
 * rare kinds, branch blocks, malformed markers, ceil mode, anything after them): the lanes run
 * the plain prefix and the scalar evaluator finishes the rest from the lanes' result
 * ({@link StackEvaluator#evaluateAfter}). Every column of {@link Metrics}, every error code,
 * record and detail, must equal the scalar evaluator's on the whole stack, on any Java version
 * (the SIMD kernel runs in tests on 17 and 25).
 */
class LaneHeadsProperties {
    private static final int[] HEAD_OPS = {Op.GAP, Op.FC, Op.FLATTEN, Op.ADAPTIVEAVGPOOL, Op.CHUNK, Op.SHUFFLE,
        Op.LAYERNORM, Op.GELU, Op.SCALE, Op.CONV, Op.MAXPOOL, Op.BN};
    private static final int[] FC_CHANNELS = {1, 10, 1000, 1 << 16, Limits.MAX_CHANNELS};

    @Test
    void shouldMatchScalarOnStacksEndingInAHead() {
        RandomStacks r = new RandomStacks(20261130L);
        SplittableRandom rnd = r.random();
        StackBatch batch = new StackBatch();
        int[] rec = new int[64 * Layer.INTS];
        for (int i = 0; i < 4000; i++) {
            RandomStacks.Sample prefix = r.plain(i % 4 == 0 ? 18 : 6, RandomStacks.PLAIN_OPS);
            int n = prefix.count();
            System.arraycopy(prefix.records(), 0, rec, 0, n * Layer.INTS);
            for (int l = 0; l < n; l++) {
                rec[l * Layer.INTS + Layer.MODE] = Rounding.FLOOR;
            }
            n = head(r, rnd, rec, n);
            batch.add(Network.ofRecords(Arrays.copyOf(rec, n * Layer.INTS), 0, n),
                new InputShape(prefix.h(), prefix.w(), prefix.c()));
        }
        for (boolean ignore1x1 : new boolean[] {false, true}) {
            LaneEvaluator lanes = new LaneEvaluator(kernel(), ignore1x1);
            Metrics expected = compare(batch, lanes, ignore1x1);
            Set<Integer> codes = new HashSet<>();
            int valid = 0;
            for (int i = 0; i < batch.size(); i++) {
                codes.add(expected.error[i]);
                valid += expected.valid(i) ? 1 : 0;
            }
            assertTrue(codes.containsAll(Set.of(ErrorCode.OK, ErrorCode.OUTPUT_TOO_SMALL, ErrorCode.GROUPS,
                ErrorCode.EXCEEDS_BOUND, ErrorCode.MALFORMED)), "error codes drawn: " + codes);
            assertTrue(codes.contains(ErrorCode.SHAPE_MISMATCH) || codes.contains(ErrorCode.NOT_ALIGNED),
                "merge errors drawn: " + codes);
            assertTrue(valid > 800, "valid stacks: " + valid);
            assertTrue(lanes.lanesResumed() > 2000, "stacks finished after their lanes: " + lanes.lanesResumed());
        }
    }

    @Test
    void shouldMatchScalarOnHeadsAfterPrefixesAtTheBounds() {
        RandomStacks r = new RandomStacks(99L);
        SplittableRandom rnd = r.random();
        StackBatch batch = new StackBatch();
        int[] rec = new int[64 * Layer.INTS];
        int[] extents = {1, 2, 7, 224, 1 << 10, (1 << 20) - 1};
        int[] channels = {1, 3, 64, 1 << 15, Limits.MAX_CHANNELS};
        for (int i = 0; i < 3000; i++) {
            int n = 1 + rnd.nextInt(5);
            for (int l = 0; l < n; l++) {
                extremeLayer(rnd, rec, l * Layer.INTS);
                rec[l * Layer.INTS + Layer.MODE] = Rounding.FLOOR;
            }
            n = head(r, rnd, rec, n);
            batch.add(Network.ofRecords(Arrays.copyOf(rec, n * Layer.INTS), 0, n), new InputShape(
                extents[rnd.nextInt(extents.length)], extents[rnd.nextInt(extents.length)],
                channels[rnd.nextInt(channels.length)]));
        }
        LaneEvaluator lanes = new LaneEvaluator(kernel(), false);
        Metrics expected = compare(batch, lanes, false);
        Set<Integer> bounds = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (expected.error[i] == ErrorCode.EXCEEDS_BOUND) {
                bounds.add(expected.errorDetail[i]);
            }
        }
        assertTrue(bounds.contains(ErrorCode.Bound.COUNTS) && bounds.size() >= 4, "bounds drawn: " + bounds);
        assertTrue(lanes.lanesResumed() > 100 && lanes.lanesRedone() > 100,
            "resumed " + lanes.lanesResumed() + ", redone " + lanes.lanesRedone());
    }

    @Test
    void shouldLeaveTheSlotOfAStackFailingInItsHeadAsTheScalarEvaluatorDoes() {
        int[] rec = new int[3 * Layer.INTS];
        Layer.clear(rec, 0, Op.CONV);
        rec[Layer.C] = 8;
        Layer.clear(rec, Layer.INTS, Op.GAP);
        Layer.clear(rec, 2 * Layer.INTS, Op.CHUNK);
        rec[2 * Layer.INTS + Layer.G] = 3;
        StackBatch batch = new StackBatch();
        batch.add(Network.ofRecords(rec, 0, 3), new InputShape(32, 32, 3));
        Metrics actual = new Metrics(1);
        actual.outH[0] = 77;
        new LaneEvaluator(kernel(), false).evaluate(new LaneBatch(batch), actual);
        assertEquals(ErrorCode.GROUPS, actual.error[0]);
        assertEquals(2, actual.errorRecord[0]);
        assertEquals(77, actual.outH[0], "the slot's other columns are left as they were");
    }

    /**
     * Appends a head to the {@code n} records at {@code rec}: 1 to 4 items, each a layer of
     * {@link #HEAD_OPS}, a branch block, or a malformed record; returns the new record count.
     */
    private static int head(RandomStacks r, SplittableRandom rnd, int[] rec, int n) {
        int items = 1 + rnd.nextInt(4);
        for (int k = 0; k < items; k++) {
            int kind = rnd.nextInt(10);
            if (kind < 6) {
                int at = n++ * Layer.INTS;
                rec[at + Layer.OP] = HEAD_OPS[rnd.nextInt(HEAD_OPS.length)];
                r.layer(rec, at, 0, false);
                if (rec[at + Layer.OP] == Op.FC) {
                    rec[at + Layer.C] = FC_CHANNELS[rnd.nextInt(FC_CHANNELS.length)];
                }
                if (Op.isWindowed(rec[at + Layer.OP]) && rnd.nextBoolean()) {
                    rec[at + Layer.MODE] = Rounding.CEIL;
                }
            } else if (kind < 9) {
                RandomStacks.Sample block = r.branched(4, 2);
                System.arraycopy(block.records(), 0, rec, n * Layer.INTS,
                    Math.min(block.count(), 64 - n - 4) * Layer.INTS);
                n += Math.min(block.count(), 64 - n - 4);
            } else {
                int at = n++ * Layer.INTS;
                Layer.clear(rec, at, new int[] {Op.END, Op.NEXT, Op.ADD, 60, -1}[rnd.nextInt(5)]);
            }
            if (n > 56) {
                break;
            }
        }
        return n;
    }
}
