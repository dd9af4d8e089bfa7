package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.lanes.Lanes;
import org.rfsweep.core.testkit.RandomStacks;
import org.rfsweep.core.testkit.RandomStacks.Sample;

/**
 * Batch evaluation on a ForkJoin pool of 1, 2 and 4 threads writes, slot by slot and column by
 * column, exactly what evaluating each stack alone on one thread writes. The batch mixes valid
 * and invalid plain stacks with branched ones and is several leaf tasks long.
 */
class BatchEvaluatorProperties {
    private static final long SEED = 0x5EED_0004L;
    private static final int STACKS = 3000;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 4})
    void shouldWriteTheSameMetricsAsTheSequentialRunWhateverThePoolSize(int threads) {
        for (boolean ignore1x1 : new boolean[] {false, true}) {
            RandomStacks gen = new RandomStacks(SEED);
            StackBatch batch = new StackBatch();
            Metrics alone = new Metrics(STACKS);
            StackEvaluator evaluator = new StackEvaluator(ignore1x1);
            int valid = 0;
            for (int i = 0; i < STACKS; i++) {
                Sample s = i % 3 == 2 ? gen.branched(4, 2) : gen.plain(8, RandomStacks.PLAIN_OPS);
                assertEquals(i, batch.add(s.network(), new InputShape(s.h(), s.w(), s.c())));
                valid += evaluator.evaluate(s.records(), 0, s.count(), s.h(), s.w(), s.c(), alone, i) ? 1 : 0;
            }
            assertTrue(valid > STACKS / 4 && valid < STACKS, "seed " + SEED + ": " + valid + " valid stacks");

            Metrics sequential = new Metrics(STACKS);
            BatchEvaluator.evaluateSequential(batch, sequential, ignore1x1);
            Metrics parallel = new Metrics(STACKS);
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                BatchEvaluator.evaluate(batch, parallel, ignore1x1, pool);
            } finally {
                pool.shutdown();
            }
            String where = "seed " + SEED + ", ignore1x1=" + ignore1x1 + ", " + threads + " threads";
            assertSameColumns(alone, sequential, where + ", sequential batch");
            assertSameColumns(alone, parallel, where + ", parallel batch");
        }
    }

    @Test
    void shouldEqualTheScalarEvaluatorBatchAfterBatchInLanesOnWhicheverPathRuns() {
        RandomStacks gen = new RandomStacks(SEED + 1);
        StackEvaluator scalar = new StackEvaluator(false);
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            for (int size : new int[] {1000, 1, 300, 0, 2000, 129}) {
                StackBatch batch = new StackBatch();
                Metrics alone = new Metrics(Math.max(1, size));
                for (int i = 0; i < size; i++) {
                    Sample s = i % 11 == 5 ? gen.branched(4, 2) : gen.plain(1 + i % 24, RandomStacks.PLAIN_OPS);
                    batch.add(s.network(), new InputShape(s.h(), s.w(), s.c()));
                    scalar.evaluate(s.records(), 0, s.count(), s.h(), s.w(), s.c(), alone, i);
                }
                String where = "seed " + (SEED + 1) + ", batch of " + size + ", path " + Lanes.describe();
                Metrics sequential = new Metrics(Math.max(1, size));
                BatchEvaluator.evaluateInLanes(batch, sequential, false, null);
                assertSameColumns(alone, sequential, where + ", sequential");
                Metrics parallel = new Metrics(Math.max(1, size));
                BatchEvaluator.evaluateInLanes(batch, parallel, false, pool);
                assertSameColumns(alone, parallel, where + ", parallel");
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void assertSameColumns(Metrics expected, Metrics actual, String where) {
        assertArrayEquals(expected.error, actual.error, where + ": error");
        assertArrayEquals(expected.errorRecord, actual.errorRecord, where + ": errorRecord");
        assertArrayEquals(expected.errorDetail, actual.errorDetail, where + ": errorDetail");
        assertArrayEquals(expected.outH, actual.outH, where + ": outH");
        assertArrayEquals(expected.outW, actual.outW, where + ": outW");
        assertArrayEquals(expected.outC, actual.outC, where + ": outC");
        assertArrayEquals(expected.rfH, actual.rfH, where + ": rfH");
        assertArrayEquals(expected.rfW, actual.rfW, where + ": rfW");
        assertArrayEquals(expected.rfMinH, actual.rfMinH, where + ": rfMinH");
        assertArrayEquals(expected.rfMinW, actual.rfMinW, where + ": rfMinW");
        assertArrayEquals(expected.strideH, actual.strideH, where + ": strideH");
        assertArrayEquals(expected.strideW, actual.strideW, where + ": strideW");
        assertArrayEquals(expected.padH, actual.padH, where + ": padH");
        assertArrayEquals(expected.padW, actual.padW, where + ": padW");
        assertArrayEquals(expected.params, actual.params, where + ": params");
        assertArrayEquals(expected.macs, actual.macs, where + ": macs");
        assertArrayEquals(expected.biasAdds, actual.biasAdds, where + ": biasAdds");
        assertArrayEquals(expected.acts, actual.acts, where + ": acts");
        assertArrayEquals(expected.unproductive, actual.unproductive, where + ": unproductive");
        assertArrayEquals(expected.actElements, actual.actElements, where + ": actElements");
        assertArrayEquals(expected.peakElements, actual.peakElements, where + ": peakElements");
    }
}
