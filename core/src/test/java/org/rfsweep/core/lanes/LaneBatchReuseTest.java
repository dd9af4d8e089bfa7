package org.rfsweep.core.lanes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.testkit.RandomStacks;

/**
 * {@link LaneBatch#pack} reused batch after batch: the packing equals a fresh one field by field
 * (over the part the kernel reads), the arrays are kept once large enough, and the SIMD kernel on a
 * reused batch writes what the scalar evaluator writes.
 */
class LaneBatchReuseTest {
    private static final long SEED = 0x5EED_0011L;

    @Test
    void shouldPackLikeAFreshBatchWhenReusedOnBatchesOfEverySize() {
        RandomStacks gen = new RandomStacks(SEED);
        LaneBatch reused = new LaneBatch();
        LaneKernel kernel = Lanes.loadVectorKernel();
        assertNotNull(kernel, "the SIMD kernel must load in tests (Surefire adds jdk.incubator.vector)");
        LaneEvaluator lanes = new LaneEvaluator(kernel, false);
        StackEvaluator scalar = new StackEvaluator(false);
        for (int size : new int[] {700, 3, 0, 129, 1000, 128, 257, 40}) {
            StackBatch batch = new StackBatch();
            for (int i = 0; i < size; i++) {
                RandomStacks.Sample s = i % 7 == 3 ? gen.branched(4, 1) : gen.plain(1 + i % 19, RandomStacks.PLAIN_OPS);
                batch.add(s.network(), new InputShape(s.h(), s.w(), s.c()));
            }
            String where = "seed " + SEED + ", batch of " + size;
            assertSame(reused, reused.pack(batch), where);
            assertSamePacking(new LaneBatch(batch), reused, where);

            Metrics expected = new Metrics(Math.max(1, size));
            for (int i = 0; i < size; i++) {
                batch.evaluate(i, scalar, expected, i);
            }
            Metrics actual = new Metrics(Math.max(1, size));
            lanes.evaluate(reused, actual);
            assertArrayEquals(expected.error, actual.error, where);
            assertArrayEquals(expected.macs, actual.macs, where);
            assertArrayEquals(expected.rfH, actual.rfH, where);
            assertArrayEquals(expected.peakElements, actual.peakElements, where);
            assertArrayEquals(expected.unproductive, actual.unproductive, where);
        }
        long finished = lanes.lanesFinished();
        assertTrue(finished > 500, "stacks finished in lanes: " + finished);
    }

    @Test
    void shouldKeepItsArraysOnceLargeEnough() {
        RandomStacks gen = new RandomStacks(SEED + 1);
        StackBatch big = new StackBatch();
        for (int i = 0; i < 600; i++) {
            RandomStacks.Sample s = gen.plain(16, RandomStacks.PLAIN_OPS);
            big.add(s.network(), new InputShape(s.h(), s.w(), s.c()));
        }
        LaneBatch reused = new LaneBatch().pack(big);
        int[] columns = reused.column;
        int[] stacks = reused.stack;
        reused.pack(big);
        assertSame(columns, reused.column);
        assertSame(stacks, reused.stack);
    }

    private static void assertSamePacking(LaneBatch fresh, LaneBatch reused, String where) {
        assertEquals(fresh.size(), reused.size(), where);
        assertEquals(fresh.blocks(), reused.blocks(), where);
        assertArrayEquals(fresh.scalar, reused.scalar, where + ": scalar stacks");
        int lanes = fresh.blocks() * LaneBatch.LANES;
        assertArrayEquals(Arrays.copyOf(fresh.stack, lanes), Arrays.copyOf(reused.stack, lanes), where + ": stack");
        assertArrayEquals(Arrays.copyOf(fresh.inH, lanes), Arrays.copyOf(reused.inH, lanes), where + ": inH");
        assertArrayEquals(Arrays.copyOf(fresh.inW, lanes), Arrays.copyOf(reused.inW, lanes), where + ": inW");
        assertArrayEquals(Arrays.copyOf(fresh.inC, lanes), Arrays.copyOf(reused.inC, lanes), where + ": inC");
        int ints = 0;
        for (int b = 0; b < fresh.blocks(); b++) {
            assertEquals(fresh.blockStart[b], reused.blockStart[b], where + ": block " + b);
            assertEquals(fresh.blockLayers[b], reused.blockLayers[b], where + ": block " + b);
            ints = fresh.blockStart[b] + fresh.blockLayers[b] * LaneBatch.LANES;
        }
        for (int f = 0; f < LaneBatch.COLUMNS; f++) {
            assertArrayEquals(fresh.column(f, 0, ints), reused.column(f, 0, ints), where + ": column " + f);
        }
    }
}
