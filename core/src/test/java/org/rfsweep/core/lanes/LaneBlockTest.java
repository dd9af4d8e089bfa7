package org.rfsweep.core.lanes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.testkit.RandomStacks;

/**
 * A {@link LaneBatch#block} filled lane by lane from {@link LaneBatch#columns} holds the columns
 * a packed batch derives from the same stacks, and {@link LaneEvaluator#evaluateFilled} with the
 * scalar evaluator for the lanes it hands back gives the scalar results.
 */
class LaneBlockTest {
    /** Plain stacks of up to 20 layers, every third one on a tall input, and the block filled from them. */
    private record Filled(StackBatch batch, LaneBatch block) {
    }

    private static Filled filled(long seed, int lanes) {
        RandomStacks r = new RandomStacks(seed);
        StackBatch batch = new StackBatch();
        for (int lane = 0; lane < lanes; lane++) {
            RandomStacks.Sample s = plainStack(r);
            int h = lane % 3 == 0 ? 1 << 19 : s.h();
            batch.add(s.network(), new InputShape(h, s.w(), s.c()));
        }
        // One table of every stack's records, listed in reverse, so each lane's numbers run backwards through it.
        int[] records = new int[batch.records().length];
        int total = 0;
        int[] first = new int[lanes];
        for (int lane = lanes - 1; lane >= 0; lane--) {
            int n = batch.count(lane) * Layer.INTS;
            System.arraycopy(batch.records(), batch.offset(lane), records, total * Layer.INTS, n);
            first[lane] = total;
            total += batch.count(lane);
        }
        int[] table = LaneBatch.columns(records, total);
        int stride = 21;
        int[] ids = new int[LaneBatch.LANES * stride];
        LaneBatch block = LaneBatch.block(20);
        for (int lane = 0; lane < lanes; lane++) {
            block.lane(lane, batch.inputH(lane), batch.inputW(lane), batch.inputC(lane), batch.count(lane));
            for (int l = 0; l < batch.count(lane); l++) {
                ids[lane * stride + l] = first[lane] + l;
            }
        }
        for (int lane = lanes; lane < LaneBatch.LANES; lane++) {
            block.empty(lane);
        }
        block.gather(table, ids, stride);
        return new Filled(batch, block);
    }

    /** A random stack that the lanes take: floor rounding, drawn again until it is plain. */
    private static RandomStacks.Sample plainStack(RandomStacks r) {
        while (true) {
            RandomStacks.Sample s = r.plain(20, RandomStacks.PLAIN_OPS);
            for (int l = 0; l < s.count(); l++) {
                s.records()[l * Layer.INTS + Layer.MODE] = Rounding.FLOOR;
            }
            if (LaneBatch.plain(s.records(), 0, s.count())) {
                return s;
            }
        }
    }

    @Test
    void shouldHoldTheColumnsOfAPackedBatch() {
        Filled f = filled(31L, LaneBatch.LANES);
        LaneBatch packed = new LaneBatch(f.batch());
        assertEquals(1, packed.blocks());
        assertEquals(packed.blockLayers[0], f.block().blockLayers[0]);
        int ints = packed.blockLayers[0] * LaneBatch.LANES;
        for (int c = 0; c < LaneBatch.COLUMNS; c++) {
            assertArrayEquals(packed.column(c, 0, ints), f.block().column(c, 0, ints), "column " + c);
        }
        assertArrayEquals(packed.inH, f.block().inH);
        assertArrayEquals(packed.inW, f.block().inW);
        assertArrayEquals(packed.inC, f.block().inC);
        assertArrayEquals(packed.stack, f.block().stack);
    }

    @Test
    void shouldGiveTheScalarResultsWithTheFlaggedLanesRedone() {
        LaneKernel kernel = Lanes.loadVectorKernel();
        assertNotNull(kernel, "the SIMD kernel must load in tests (Surefire adds jdk.incubator.vector)");
        LaneEvaluator[] evaluators = {new LaneEvaluator(kernel, false), new LaneEvaluator(null, false)};
        for (LaneEvaluator lanes : evaluators) {
            Filled f = filled(7L, 100);
            Metrics actual = new Metrics(LaneBatch.LANES);
            boolean[] redo = new boolean[LaneBatch.LANES];
            int left = lanes.evaluateFilled(f.block(), actual, redo);
            StackEvaluator scalar = new StackEvaluator(false);
            Metrics expected = new Metrics(LaneBatch.LANES);
            int redone = 0;
            for (int i = 0; i < f.batch().size(); i++) {
                f.batch().evaluate(i, scalar, expected, i);
                if (redo[i]) {
                    f.batch().evaluate(i, scalar, actual, i);
                    redone++;
                }
            }
            for (int i = f.batch().size(); i < LaneBatch.LANES; i++) {
                assertFalse(redo[i], "empty lane " + i);
            }
            assertEquals(left, redone);
            assertTrue(lanes.lanesFinished() + redone == 100, "finished " + lanes.lanesFinished());
            for (int i = 0; i < 100; i++) {
                String what = "stack " + i;
                assertEquals(expected.error[i], actual.error[i], what);
                assertEquals(expected.macs[i], actual.macs[i], what);
                assertEquals(expected.params[i], actual.params[i], what);
                assertEquals(expected.rfH[i], actual.rfH[i], what);
                assertEquals(expected.outH[i], actual.outH[i], what);
                assertEquals(expected.peakElements[i], actual.peakElements[i], what);
                assertEquals(expected.unproductive[i], actual.unproductive[i], what);
            }
            if (lanes.lanesFinished() > 0) {
                assertTrue(lanes.lanesFinished() > 20 && redone > 0, "finished " + lanes.lanesFinished()
                    + ", redone " + redone);
            }
        }
    }

    @Test
    void shouldDeriveTheColumnsOfEveryRecordOnce() {
        RandomStacks.Sample s = new RandomStacks(3L).plain(12, RandomStacks.PLAIN_OPS);
        int[] columns = LaneBatch.columns(s.records(), s.count());
        assertEquals((s.count() + 1) * LaneBatch.COLUMNS, columns.length, "a row per record, then the identity");
        int[] one = LaneBatch.columns(Arrays.copyOfRange(s.records(), Layer.INTS, 2 * Layer.INTS), 1);
        assertThrows(IllegalArgumentException.class, () -> LaneBatch.block(3).lane(0, 8, 8, 3, 4));
        assertArrayEquals(Arrays.copyOf(one, LaneBatch.COLUMNS),
            Arrays.copyOfRange(columns, LaneBatch.COLUMNS, 2 * LaneBatch.COLUMNS));
        assertArrayEquals(Arrays.copyOfRange(one, LaneBatch.COLUMNS, 2 * LaneBatch.COLUMNS),
            Arrays.copyOfRange(columns, s.count() * LaneBatch.COLUMNS, columns.length), "the identity row");
        assertEquals(1 | 1 << 16, columns[s.count() * LaneBatch.COLUMNS + LaneBatch.STRIDES], "the identity's strides");
    }

    @Test
    void shouldEvaluateAReusedBlockLikeAFreshOneBlockAfterBlockAndTableAfterTable() {
        RandomStacks r = new RandomStacks(41L);
        int stacks = 200;
        int[] records = new int[stacks * 20 * Layer.INTS];
        int[] first = new int[stacks];
        int[] count = new int[stacks];
        int[][] input = new int[stacks][];
        int total = 0;
        for (int s = 0; s < stacks; s++) {
            RandomStacks.Sample x = plainStack(r);
            System.arraycopy(x.records(), 0, records, total * Layer.INTS, x.count() * Layer.INTS);
            first[s] = total;
            count[s] = x.count();
            input[s] = new int[] {x.h(), x.w(), x.c()};
            total += x.count();
        }
        // The second table has 7 relu rows first, so that its row r is not the first table's row r.
        int[] shifted = new int[(total + 7) * Layer.INTS];
        for (int k = 0; k < 7; k++) {
            Layer.clear(shifted, k * Layer.INTS, Op.RELU);
        }
        System.arraycopy(records, 0, shifted, 7 * Layer.INTS, total * Layer.INTS);
        int[][] tables = {LaneBatch.columns(records, total), LaneBatch.columns(shifted, total + 7)};
        LaneBatch reused = LaneBatch.block(20);
        LaneEvaluator lanes = new LaneEvaluator(LanePathProperties.kernel(), false);
        int[] ids = new int[LaneBatch.LANES * 20];
        for (int round = 0; round < 8; round++) {
            int[] table = tables[round / 4];
            LaneBatch fresh = LaneBatch.block(20);
            for (int lane = 0; lane < LaneBatch.LANES; lane++) {
                int s = r.random().nextInt(stacks);
                if (r.random().nextInt(10) == 0) {
                    reused.empty(lane);
                    fresh.empty(lane);
                    continue;
                }
                int n = 1 + r.random().nextInt(count[s]);
                reused.lane(lane, input[s][0], input[s][1], input[s][2], n);
                fresh.lane(lane, input[s][0], input[s][1], input[s][2], n);
                for (int l = 0; l < n; l++) {
                    ids[lane * 20 + l] = first[s] + l + (round < 4 ? 0 : 7);
                }
            }
            reused.gather(table, ids, 20);
            fresh.gather(table, ids, 20);
            Metrics expected = new Metrics(LaneBatch.LANES);
            boolean[] expectedRedo = new boolean[LaneBatch.LANES];
            lanes.evaluateFilled(fresh, expected, expectedRedo);
            Metrics actual = new Metrics(LaneBatch.LANES);
            boolean[] redo = new boolean[LaneBatch.LANES];
            lanes.evaluateFilled(reused, actual, redo);
            assertArrayEquals(expectedRedo, redo, "round " + round);
            LanePathProperties.assertColumnsEqual(expected, actual, LaneBatch.LANES);
        }
        assertTrue(lanes.lanesFinished() > 500, "lanes finished " + lanes.lanesFinished());
    }

    @Test
    void shouldGiveTheScalarResultsWithInPlaceRecordsJoinedToTheRowBefore() {
        final int[] inPlace = {Op.BN, Op.RELU, Op.RELU6, Op.SIGMOID, Op.DROPOUT, Op.BN};
        RandomStacks r = new RandomStacks(53L);
        LaneEvaluator lanes = new LaneEvaluator(LanePathProperties.kernel(), false);
        int records = 0;
        int rows = 0;
        for (int round = 0; round < 6; round++) {
            StackBatch batch = new StackBatch();
            for (int lane = 0; lane < LaneBatch.LANES; lane++) {
                // Runs of up to four in-place records after random plain records; every third group on a tall input.
                RandomStacks.Sample s = plainStack(r);
                int[] rec = new int[s.count() * 5 * Layer.INTS];
                int n = 0;
                for (int l = 0; l < s.count(); l++) {
                    System.arraycopy(s.records(), l * Layer.INTS, rec, n++ * Layer.INTS, Layer.INTS);
                    for (int k = r.random().nextInt(5); k > 0; k--) {
                        Layer.clear(rec, n++ * Layer.INTS, inPlace[r.random().nextInt(inPlace.length)]);
                    }
                }
                int h = lane / 8 % 3 == 0 ? 1 << 19 : s.h();
                batch.add(Network.ofRecords(rec, 0, n), new InputShape(h, s.w(), s.c()));
            }
            int[] runStart = new int[LaneBatch.LANES];
            int[] runCount = new int[LaneBatch.LANES];
            for (int lane = 0; lane < LaneBatch.LANES; lane++) {
                runStart[lane] = batch.offset(lane) / Layer.INTS;
                runCount[lane] = batch.count(lane);
            }
            int[] rowStart = new int[LaneBatch.LANES];
            int[] rowCount = new int[LaneBatch.LANES];
            int[] table = LaneBatch.columns(batch.records(), runStart, runCount, rowStart, rowCount);
            int stride = 100;
            int[] ids = new int[LaneBatch.LANES * stride];
            LaneBatch block = LaneBatch.block(stride);
            for (int lane = 0; lane < LaneBatch.LANES; lane++) {
                block.lane(lane, batch.inputH(lane), batch.inputW(lane), batch.inputC(lane), rowCount[lane]);
                for (int l = 0; l < rowCount[lane]; l++) {
                    ids[lane * stride + l] = rowStart[lane] + l;
                }
                records += runCount[lane];
                rows += rowCount[lane];
            }
            block.gather(table, ids, stride);
            Metrics actual = new Metrics(LaneBatch.LANES);
            boolean[] redo = new boolean[LaneBatch.LANES];
            lanes.evaluateFilled(block, actual, redo);
            StackEvaluator scalar = new StackEvaluator(false);
            Metrics expected = new Metrics(LaneBatch.LANES);
            for (int i = 0; i < LaneBatch.LANES; i++) {
                batch.evaluate(i, scalar, expected, i);
                if (redo[i]) {
                    batch.evaluate(i, scalar, actual, i);
                }
            }
            LanePathProperties.assertColumnsEqual(expected, actual, LaneBatch.LANES);
        }
        assertTrue(rows < records * 2 / 3, rows + " rows for " + records + " records");
        assertTrue(lanes.lanesFinished() > 200, "lanes finished " + lanes.lanesFinished());
    }
}
