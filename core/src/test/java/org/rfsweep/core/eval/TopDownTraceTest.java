package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.testkit.RandomStacks;
import org.rfsweep.core.testkit.RandomStacks.Sample;

/** {@link TopDown#trace}: the seed's second method, layer by layer, on plain, branched and global networks. */
class TopDownTraceTest {
    private static LayerTrace traced(Network net, int h, int w, int c) {
        LayerTrace trace = new LayerTrace();
        assertTrue(new StackEvaluator().trace(net.records(), 0, net.count(), h, w, c, new Metrics(1), 0, trace));
        return trace;
    }

    @Test
    void shouldGiveOneThreeFiveThirteenOnTheSeedExample() {
        Network net = ArchParser.parse("conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)");
        long[] h = TopDown.trace(net, traced(net, 200, 200, 3), true);
        assertArrayEquals(new long[] {5, 3, 1, 13}, h);
    }

    @Test
    void shouldTakeTheWiderBranchAndSkipTheMarkersOfAResidualBlock() {
        Network net = ArchParser.parse("conv(k=3,c=8) res(conv(k=3,p=1,c=8) conv(k=3,p=1,c=8)) conv(k=3,s=2,c=8)");
        long[] h = TopDown.trace(net, traced(net, 32, 32, 3), true);
        // records: conv, add, conv, conv, next, end, conv; from the output back: 1, 3 (last conv),
        // 7 on the block input by the conv branch (3 + 2 + 2), the identity gives 3; then 9.
        assertArrayEquals(new long[] {7, 7, 5, 3, 3, 3, 1, 9}, h);
    }

    @Test
    void shouldLeaveOutASqueezeExcitationBranchAndSeeTheWholeMapAtGap() {
        Network net = ArchParser.parse("conv(k=3,c=8) mul(| gap fc(c=8) sigmoid) conv(k=3,c=8) gap");
        LayerTrace trace = traced(net, 16, 12, 3);
        long[] h = TopDown.trace(net, trace, true);
        long[] w = TopDown.trace(net, trace, false);
        Metrics m = new Metrics(1);
        new StackEvaluator().evaluate(net.records(), 0, net.count(), 16, 12, 3, m, 0);
        assertEquals(m.rfH[0], h[net.count()]);
        assertEquals(m.rfW[0], w[net.count()]);
        assertEquals(16, h[net.count()]);
        assertEquals(12, w[net.count()]);
    }

    @Test
    void shouldEqualTheForwardRfOnRandomBranchedNetworksWithoutGlobalLayers() {
        long seed = 0x70D0L;
        RandomStacks gen = new RandomStacks(seed);
        StackEvaluator evaluator = new StackEvaluator();
        LayerTrace trace = new LayerTrace();
        Metrics m = new Metrics(1);
        int valid = 0;
        for (int n = 0; n < 3000; n++) {
            Sample s = gen.branched(6, 2);
            if (!evaluator.trace(s.records(), 0, s.count(), s.h(), s.w(), s.c(), m, 0, trace)) {
                continue;
            }
            Network net = s.network();
            if (TopDown.passesGlobal(net, 0, s.count())) {
                continue;
            }
            valid++;
            assertEquals(m.rfH[0], TopDown.trace(net, trace, true)[s.count()], "seed " + seed + ", " + n + ": " + s);
            assertEquals(m.rfW[0], TopDown.trace(net, trace, false)[s.count()], "seed " + seed + ", " + n + ": " + s);
        }
        assertTrue(valid > 300, "only " + valid + " valid networks");
    }
}
