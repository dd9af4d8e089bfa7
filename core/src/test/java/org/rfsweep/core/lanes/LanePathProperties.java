package org.rfsweep.core.lanes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
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
 * The lanes path against the scalar evaluator on seeded random stacks: every column of
 * {@link Metrics} (found by reflection, so a column added later is compared too) must be equal,
 * including every error code, record and detail. The SIMD kernel runs here on any Java version
 * (Surefire adds {@code jdk.incubator.vector}), whatever {@link Lanes} would choose by default.
 */
class LanePathProperties {
    private static final int[] EXTENTS = {1, 2, 3, 7, 224, 1 << 10, (1 << 20) - 1, 1 << 20};
    private static final int[] CHANNELS = {1, 3, 64, 1 << 12, 1 << 15, (1 << 20) + 1, Limits.MAX_CHANNELS};
    private static final int[] WINDOWS = {1, 2, 3, 7, 64, Limits.MAX_WINDOW};
    private static final int[] PADS = {0, 1, 3, 1 << 12, Limits.MAX_PADDING};

    static LaneKernel kernel() {
        LaneKernel k = Lanes.loadVectorKernel();
        assertNotNull(k, "the SIMD kernel must load in tests (Surefire adds jdk.incubator.vector)");
        return k;
    }

    @Test
    void shouldMatchScalarOnPlainStacks() {
        RandomStacks r = new RandomStacks(20261129L);
        StackBatch batch = new StackBatch();
        for (int i = 0; i < 3000; i++) {
            RandomStacks.Sample s = r.plain(i % 3 == 0 ? 20 : 8, RandomStacks.PLAIN_OPS);
            if (i % 2 == 0) {
                floorOnly(s);
            }
            batch.add(s.network(), new InputShape(s.h(), s.w(), s.c()));
        }
        for (boolean ignore1x1 : new boolean[] {false, true}) {
            LaneEvaluator lanes = new LaneEvaluator(kernel(), ignore1x1);
            compare(batch, lanes, ignore1x1);
            assertTrue(lanes.lanesFinished() > 1000, "lanes finished " + lanes.lanesFinished());
        }
    }

    @Test
    void shouldMatchScalarOnBranchedAndGlobalStacks() {
        RandomStacks r = new RandomStacks(77L);
        StackBatch batch = new StackBatch();
        for (int i = 0; i < 1500; i++) {
            RandomStacks.Sample s = i % 2 == 0 ? r.branched(8, 2) : r.plain(12, RandomStacks.PLAIN_OPS);
            batch.add(s.network(), new InputShape(s.h(), s.w(), s.c()));
        }
        LaneBatch packed = new LaneBatch(batch);
        assertTrue(packed.scalarStacks() > 300, "scalar stacks " + packed.scalarStacks());
        compare(batch, new LaneEvaluator(kernel(), false), false);
    }

    @Test
    void shouldMatchScalarAtTheBounds() {
        SplittableRandom rnd = new SplittableRandom(4242L);
        StackBatch batch = new StackBatch();
        for (int i = 0; i < 4000; i++) {
            int layers = rnd.nextInt(7);
            int[] rec = new int[layers * Layer.INTS];
            for (int l = 0; l < layers; l++) {
                extremeLayer(rnd, rec, l * Layer.INTS);
            }
            batch.add(Network.ofRecords(rec, 0, layers),
                new InputShape(pick(rnd, EXTENTS), pick(rnd, EXTENTS), pick(rnd, CHANNELS)));
        }
        LaneEvaluator lanes = new LaneEvaluator(kernel(), false);
        Metrics expected = compare(batch, lanes, false);
        Set<Integer> codes = new HashSet<>();
        Set<Integer> bounds = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            codes.add(expected.error[i]);
            if (expected.error[i] == ErrorCode.EXCEEDS_BOUND) {
                bounds.add(expected.errorDetail[i]);
            }
        }
        assertTrue(codes.containsAll(Set.of(ErrorCode.OK, ErrorCode.OUTPUT_TOO_SMALL, ErrorCode.POOL_PADDING,
            ErrorCode.GROUPS, ErrorCode.EXCEEDS_BOUND)), "error codes drawn: " + codes);
        assertTrue(bounds.size() >= 4, "bounds drawn: " + bounds);
        assertTrue(lanes.lanesFinished() > 100 && lanes.lanesRedone() > 100,
            "finished " + lanes.lanesFinished() + ", redone " + lanes.lanesRedone());
    }

    @Test
    void shouldMatchScalarInBlocksWhoseBoundsAreProvenIncludingErrors() {
        SplittableRandom rnd = new SplittableRandom(31L);
        StackBatch batch = new StackBatch();
        for (int i = 0; i < 3000; i++) {
            int layers = 1 + rnd.nextInt(18);
            int[] rec = new int[layers * Layer.INTS];
            boolean same = rnd.nextBoolean();
            for (int l = 0; l < layers; l++) {
                smallLayer(rnd, rec, l * Layer.INTS, same);
            }
            int extent = same ? 12 : 300;
            batch.add(Network.ofRecords(rec, 0, layers),
                new InputShape(1 + rnd.nextInt(extent), 1 + rnd.nextInt(extent), 1 + rnd.nextInt(64)));
        }
        for (boolean ignore1x1 : new boolean[] {false, true}) {
            LaneEvaluator lanes = new LaneEvaluator(kernel(), ignore1x1);
            Metrics expected = compare(batch, lanes, ignore1x1);
            Set<Integer> codes = new HashSet<>();
            int unproductive = 0;
            for (int i = 0; i < batch.size(); i++) {
                codes.add(expected.error[i]);
                unproductive += expected.valid(i) && expected.unproductive[i] > 0 ? 1 : 0;
            }
            assertTrue(codes.containsAll(Set.of(ErrorCode.OK, ErrorCode.OUTPUT_TOO_SMALL, ErrorCode.GROUPS)),
                "error codes drawn: " + codes);
            assertTrue(unproductive > 100, "stacks with unproductive layers: " + unproductive);
            assertTrue(lanes.lanesFinished() > 1000 && lanes.lanesRedone() > 100,
                "finished " + lanes.lanesFinished() + ", redone " + lanes.lanesRedone());
            assertEquals(0, lanes.stepsChecked(), "steps run with bound checks");
        }
    }

    @Test
    void shouldNotProveTheStepOfALaneNearABoundAndRedoOnlyThatLane() {
        StackBatch batch = new StackBatch();
        int[] small = twoConvs(1, 64);
        int[] wide = twoConvs(3, 1 << 14);
        for (int i = 0; i < 2 * LaneBatch.LANES; i++) {
            boolean near = i == 5;
            batch.add(Network.ofRecords(near ? wide : small, 0, 2), new InputShape(224, 224, near ? 1 << 14 : 3));
        }
        LaneEvaluator lanes = new LaneEvaluator(kernel(), false);
        compare(batch, lanes, false);
        assertEquals(1, lanes.stepsChecked(), "the step of the stack of 9 * 2^28 weights per position");
        assertTrue(lanes.stepsProven() >= 2 * LaneBatch.LANES / 8 - 1, "steps of small stacks: " + lanes.stepsProven());
        assertEquals(1, lanes.lanesRedone(), "lanes redone");
        assertEquals(2 * LaneBatch.LANES - 1, lanes.lanesFinished(), "lanes finished");
    }

    @Test
    void shouldProveAgainAfterRepackingButNotWhenEvaluatingAgain() {
        int[] small = twoConvs(1, 64);
        int[] wide = twoConvs(3, 1 << 14);
        StackBatch smallOnly = new StackBatch();
        StackBatch oneWide = new StackBatch();
        for (int i = 0; i < LaneBatch.LANES; i++) {
            smallOnly.add(Network.ofRecords(small, 0, 2), new InputShape(224, 224, 3));
            boolean near = i == 5;
            oneWide.add(Network.ofRecords(near ? wide : small, 0, 2), new InputShape(224, 224, near ? 1 << 14 : 3));
        }
        LaneBatch reused = new LaneBatch(smallOnly);
        LaneEvaluator lanes = new LaneEvaluator(kernel(), false);
        Metrics m = new Metrics(LaneBatch.LANES);
        lanes.evaluate(reused, m);
        lanes.evaluate(reused, m);
        assertEquals(0, lanes.stepsChecked(), "steps checked in two passes of small stacks");
        lanes.evaluate(reused.pack(oneWide), m);
        assertEquals(1, lanes.stepsChecked(), "the step of the wide stack, after repacking");
        Metrics expected = new Metrics(LaneBatch.LANES);
        StackEvaluator scalar = new StackEvaluator(false);
        for (int i = 0; i < LaneBatch.LANES; i++) {
            oneWide.evaluate(i, scalar, expected, i);
        }
        assertColumnsEqual(expected, m, LaneBatch.LANES);
    }

    @Test
    void shouldEvaluateEveryStackWithTheScalarEvaluatorWithoutAKernel() {
        RandomStacks r = new RandomStacks(9L);
        StackBatch batch = new StackBatch();
        for (int i = 0; i < 700; i++) {
            RandomStacks.Sample s = i % 3 == 0 ? r.branched(6, 1) : r.plain(10, RandomStacks.PLAIN_OPS);
            batch.add(s.network(), new InputShape(s.h(), s.w(), s.c()));
        }
        LaneEvaluator scalarOnly = new LaneEvaluator(null, false);
        compare(batch, scalarOnly, false);
        assertEquals(0, scalarOnly.lanesFinished() + scalarOnly.lanesRedone());
    }

    @Test
    void shouldRejectMetricsSmallerThanTheBatch() {
        StackBatch batch = new StackBatch();
        RandomStacks.Sample s = new RandomStacks(1L).plain(3, RandomStacks.PLAIN_OPS);
        batch.add(s.network(), new InputShape(s.h(), s.w(), s.c()));
        batch.add(s.network(), new InputShape(s.h(), s.w(), s.c()));
        LaneBatch packed = new LaneBatch(batch);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new LaneEvaluator(kernel(), false).evaluate(packed, new Metrics(1)));
        assertEquals("metrics capacity=1 is below batch size=2", e.getMessage());
    }

    @Test
    void shouldGiveTheSameResultOnAPool() {
        RandomStacks r = new RandomStacks(5L);
        StackBatch batch = new StackBatch();
        for (int i = 0; i < 2000; i++) {
            RandomStacks.Sample s = i % 5 == 0 ? r.branched(6, 1) : r.plain(16, RandomStacks.PLAIN_OPS);
            batch.add(s.network(), new InputShape(s.h(), s.w(), s.c()));
        }
        LaneBatch packed = new LaneBatch(batch);
        Metrics sequential = new Metrics(batch.size());
        new LaneEvaluator(false).evaluate(packed, sequential);
        Metrics parallel = new Metrics(batch.size());
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            LaneEvaluator.evaluate(packed, parallel, false, pool);
        } finally {
            pool.shutdown();
        }
        assertColumnsEqual(sequential, parallel, batch.size());
    }

    /** Rewrites every rounding mode to floor: the sweeps' spaces use no other. */
    private static void floorOnly(RandomStacks.Sample s) {
        for (int l = 0; l < s.count(); l++) {
            s.records()[l * Layer.INTS + Layer.MODE] = Rounding.FLOOR;
        }
    }

    static Metrics compare(StackBatch batch, LaneEvaluator lanes, boolean ignore1x1) {
        Metrics expected = new Metrics(batch.size());
        StackEvaluator scalar = new StackEvaluator(ignore1x1);
        for (int i = 0; i < batch.size(); i++) {
            batch.evaluate(i, scalar, expected, i);
        }
        Metrics actual = new Metrics(batch.size());
        lanes.evaluate(new LaneBatch(batch), actual);
        assertColumnsEqual(expected, actual, batch.size());
        return expected;
    }

    static void assertColumnsEqual(Metrics expected, Metrics actual, int n) {
        int columns = 0;
        for (Field f : Metrics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !f.getType().isArray()) {
                continue;
            }
            columns++;
            try {
                Object e = f.get(expected);
                Object a = f.get(actual);
                if (e instanceof int[]) {
                    assertArrayEquals((int[]) e, (int[]) a, f.getName());
                } else {
                    assertArrayEquals((long[]) e, (long[]) a, f.getName());
                }
            } catch (IllegalAccessException ex) {
                throw new AssertionError(ex);
            }
        }
        assertTrue(columns >= 19, "columns compared: " + columns);
        assertEquals(expected.capacity, actual.capacity);
    }

    /** A plain layer with fields drawn at and near the bounds of {@link Limits}. */
    static void extremeLayer(SplittableRandom rnd, int[] rec, int at) {
        int[] ops = {Op.CONV, Op.CONV, Op.DWCONV, Op.SEPCONV, Op.MAXPOOL, Op.AVGPOOL, Op.BN, Op.RELU};
        int op = ops[rnd.nextInt(ops.length)];
        Layer.clear(rec, at, op);
        if (!Op.isWindowed(op)) {
            return;
        }
        rec[at + Layer.KH] = pick(rnd, WINDOWS);
        rec[at + Layer.KW] = rnd.nextBoolean() ? rec[at + Layer.KH] : pick(rnd, WINDOWS);
        rec[at + Layer.SH] = pick(rnd, WINDOWS);
        rec[at + Layer.SW] = rnd.nextBoolean() ? rec[at + Layer.SH] : pick(rnd, WINDOWS);
        if (rnd.nextInt(4) == 0) {
            rec[at + Layer.DH] = pick(rnd, WINDOWS);
            rec[at + Layer.DW] = pick(rnd, WINDOWS);
        }
        int p = Op.isPool(op) && rnd.nextBoolean() ? rec[at + Layer.KH] >> 1 : pick(rnd, PADS);
        rec[at + Layer.PT] = p;
        rec[at + Layer.PB] = rnd.nextBoolean() ? p : pick(rnd, PADS);
        rec[at + Layer.PL] = Op.isPool(op) && rnd.nextBoolean() ? rec[at + Layer.KW] >> 1 : pick(rnd, PADS);
        rec[at + Layer.PR] = rec[at + Layer.PL];
        if (!Op.isPool(op)) {
            rec[at + Layer.BIAS] = rnd.nextInt(2);
            if (op != Op.DWCONV || rnd.nextBoolean()) {
                rec[at + Layer.C] = pick(rnd, CHANNELS);
            }
            if (op == Op.CONV && rnd.nextInt(6) == 0) {
                rec[at + Layer.G] = 1 + rnd.nextInt(4);
            }
        }
    }

    /**
     * A plain layer with small fields (so that its block is proven), drawn so that outputs below 1
     * and dwconvs with the wrong channels occur.
     */
    private static void smallLayer(SplittableRandom rnd, int[] rec, int at, boolean same) {
        int[] ops = {Op.CONV, Op.CONV, Op.DWCONV, Op.SEPCONV, Op.MAXPOOL, Op.AVGPOOL, Op.BN, Op.RELU};
        int op = ops[rnd.nextInt(ops.length)];
        Layer.clear(rec, at, op);
        if (!Op.isWindowed(op)) {
            return;
        }
        rec[at + Layer.KH] = 1 + rnd.nextInt(7);
        rec[at + Layer.KW] = rnd.nextBoolean() ? rec[at + Layer.KH] : 1 + rnd.nextInt(7);
        rec[at + Layer.SH] = 1 + rnd.nextInt(3);
        rec[at + Layer.SW] = rnd.nextBoolean() ? rec[at + Layer.SH] : 1 + rnd.nextInt(3);
        rec[at + Layer.DH] = 1 + rnd.nextInt(2);
        rec[at + Layer.DW] = rec[at + Layer.DH];
        rec[at + Layer.PT] = rnd.nextInt(1 + (rec[at + Layer.KH] >> 1));
        rec[at + Layer.PB] = rnd.nextInt(1 + (rec[at + Layer.KH] >> 1));
        rec[at + Layer.PL] = rnd.nextInt(1 + (rec[at + Layer.KW] >> 1));
        rec[at + Layer.PR] = rec[at + Layer.PL];
        if (same) {
            rec[at + Layer.SH] = 1;
            rec[at + Layer.SW] = 1;
            rec[at + Layer.DH] = 1;
            rec[at + Layer.DW] = 1;
            rec[at + Layer.PT] = rec[at + Layer.KH] >> 1;
            rec[at + Layer.PB] = rec[at + Layer.KH] >> 1;
            rec[at + Layer.PL] = rec[at + Layer.KW] >> 1;
            rec[at + Layer.PR] = rec[at + Layer.KW] >> 1;
        }
        if (!Op.isPool(op)) {
            rec[at + Layer.BIAS] = rnd.nextInt(2);
            if (op != Op.DWCONV || rnd.nextInt(8) == 0) {
                rec[at + Layer.C] = 1 + rnd.nextInt(64);
            }
        }
    }

    private static int pick(SplittableRandom rnd, int[] values) {
        return values[rnd.nextInt(values.length)];
    }

    /** Two {@code conv(k=K,c=C)} records: 1x1 of 64 channels stays far from every bound, 3x3 of 2^14 does not. */
    private static int[] twoConvs(int k, int channels) {
        int[] records = new int[2 * Layer.INTS];
        for (int at = 0; at < records.length; at += Layer.INTS) {
            Layer.clear(records, at, Op.CONV);
            records[at + Layer.C] = channels;
            records[at + Layer.KH] = k;
            records[at + Layer.KW] = k;
        }
        return records;
    }
}
