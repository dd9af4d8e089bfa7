package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.Network;

/** The evaluator's activation totals (docs/MEMORY.md), on the worked examples, checked by hand. */
class MemoryTotalsTest {
    private static Metrics evaluate(String arch, int h, int w, int c) {
        Network net = ArchParser.parse(arch);
        Metrics m = new Metrics(1);
        assertTrue(new StackEvaluator().evaluate(net.records(), 0, net.count(), h, w, c, m, 0));
        return m;
    }

    @Test
    void shouldCountEveryOutputAndThePeakOfTheSeedExample() {
        Metrics m = evaluate("conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)", 200, 200, 3);
        assertEquals(627_264 + 602_176 + 1_204_352, m.actElements[0]);
        assertEquals(602_176 + 1_204_352, m.peakElements[0]);
    }

    @Test
    void shouldHoldTheInputOfAResidualBlockUntilItMerges() {
        Metrics m = evaluate("res(conv(k=3,p=1,c=64) bn relu conv(k=3,p=1,c=64) bn) relu", 56, 56, 64);
        assertEquals(3 * 200_704, m.peakElements[0]);
        assertEquals(6 * 200_704, m.actElements[0]);
    }

    @Test
    void shouldCountTheInputAloneForAnElementwiseNetwork() {
        Metrics m = evaluate("relu bn", 10, 10, 3);
        assertEquals(300, m.peakElements[0]);
        assertEquals(600, m.actElements[0]);
    }

    @Test
    void shouldFailTheFirstLayerWhenTheInputReachesTheCountBound() {
        Network net = ArchParser.parse("relu");
        Metrics m = new Metrics(1);
        assertEquals(false, new StackEvaluator().evaluate(net.records(), 0, net.count(), 1 << 20, 1 << 20, 1 << 24, m,
            0));
        assertEquals(ErrorCode.EXCEEDS_BOUND, m.error[0]);
        assertEquals(0, m.errorRecord[0]);
    }
}
