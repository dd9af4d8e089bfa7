package org.rfsweep.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Op;

/** Per-kind counts and field steps on primitives (SPEC sections 3, 6, 7). */
class CountsTest {
    @Test
    void shouldCountTheSeedConvolution() {
        // conv(k=5,s=2,p=1,c=64) on 200x200x3: 99x99 outputs (the README's analyze example)
        LayerCounts lc = new LayerCounts();
        assertTrue(lc.window(Op.CONV, 99L * 99, 3, 64, 1, 5, 5, 1));
        assertEquals(47_044_800L, lc.macs);
        assertEquals(4_864L, lc.params);
        assertEquals(99L * 99 * 64, lc.acts);
        assertEquals(99L * 99 * 64, lc.biasAdds);
        assertEquals(64, lc.channels);
    }

    @Test
    void shouldCountGroupedDepthwiseAndSeparableConvolutions() {
        assertEquals(10L * 4 * 4 * 9, Counts.convMacs(10, 4, Counts.groupWidth(8, 2), 3, 3));
        assertEquals(4L * 4 * 9 + 4, Counts.convParams(4, Counts.groupWidth(8, 2), 3, 3, 1));
        LayerCounts lc = new LayerCounts();
        assertTrue(lc.window(Op.DWCONV, 10, 8, 0, 1, 3, 3, 0));
        assertEquals(10L * 8 * 9, lc.macs);
        assertEquals(8L * 9, lc.params);
        assertEquals(8, lc.channels);
        assertTrue(lc.window(Op.SEPCONV, 4, 2, 3, 1, 3, 3, 1));
        assertEquals(4L * 2 * (9 + 3), lc.macs);
        assertEquals(2L * (9 + 3) + 3, lc.params);
        assertEquals(4L * (2 + 3), lc.acts);
        assertEquals(4L * 3, lc.biasAdds);
        assertTrue(lc.window(Op.MAXPOOL, 4, 7, 0, 1, 3, 3, 0));
        assertEquals(0, lc.macs + lc.params + lc.acts + lc.biasAdds);
        assertEquals(7, lc.channels);
    }

    @Test
    void shouldCountAFullyConnectedLayerOverTheWholeMap() {
        LayerCounts lc = new LayerCounts();
        assertTrue(lc.fc(7, 7, 512, 4096, 1));
        assertEquals(7L * 7 * 512 * 4096, lc.macs);
        assertEquals(7L * 7 * 512 * 4096 + 4096, lc.params);
        assertEquals(4096, lc.acts);
        assertEquals(4096, lc.biasAdds);
    }

    @Test
    void shouldReportOverInsteadOfOverflowing() {
        assertEquals(Counts.OVER, Counts.convMacs(1L << 40, 1 << 24, 1 << 24, 4096, 4096));
        assertEquals(Counts.OVER, Counts.sepconvMacs(1L << 40, 1 << 24, 1 << 24, 4096, 4096));
        assertEquals(Counts.OVER, Counts.fcMacs(1 << 20, 1 << 20, 1 << 24, 1 << 24));
        assertFalse(new LayerCounts().window(Op.CONV, 1L << 40, 1 << 24, 1 << 24, 1, 4096, 4096, 1));
        assertEquals(1L << 59, Counts.convMacs(1L << 39, 1 << 10, 1, 1 << 5, 1 << 5));
    }

    @Test
    void shouldStepTheFieldByTheForwardRecurrence() {
        // r += (ek - 1) * j, P += pad * j, j *= s
        assertEquals(1 + 4 * 2, Fields.grow(1, 5, 2));
        assertEquals(3 + 1 * 2, Fields.pad(3, 1, 2));
        assertEquals(8, Fields.jump(4, 2));
        assertTrue(Fields.within(Limits.MAX_RF, Limits.MAX_RF));
        assertFalse(Fields.within(Limits.MAX_RF + 1, 0));
        assertFalse(Fields.within(1, Limits.MAX_RF + 1));
        assertEquals(3L * 5 * 7, Counts.flatChannels(3, 5, 7));
        assertEquals(Long.MAX_VALUE, Counts.flatChannels(1 << 20, 1 << 20, 1 << 23));
        assertEquals(2L * 64, Counts.channelParams(2, 64));
    }
}
