package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.testkit.Evaluation;

/**
 * Branch blocks (SPEC section 4), including the two branched reference cases of Google's
 * receptive_field tests; the third, plain one is in {@link StackEvaluatorTest}.
 */
class BranchEvaluationTest {
    private final Evaluation ev = new Evaluation();
    private final Metrics m = ev.metrics();

    @Test
    void shouldMatchGoogleReferenceCaseOfTwoAlignedPaths() {
        assertTrue(ev.eval("add(conv(k=1,s=4,c=1) | conv(k=3,s=2,p=1:0,c=1) conv(k=1,s=2,c=1))", 8, 8, 1));
        assertEquals(3, m.rfH[0]);
        assertEquals(3, m.rfW[0]);
        assertEquals(1, m.rfMinH[0]);
        assertEquals(4, m.strideH[0]);
        assertEquals(1, m.padH[0]);
        assertEquals(1, m.padW[0]);
        assertEquals(2, m.outH[0]);
    }

    @Test
    void shouldRejectGoogleReferenceCaseOfMisalignedCentres() {
        String text = ev.message("add(conv(k=3,p=0:2,c=1) | conv(k=3,p=1,c=1))", 8, 8, 1);
        assertEquals(ErrorCode.NOT_ALIGNED, m.error[0]);
        assertEquals("add block at the start: branch 2 is not aligned with the branches before it on the height"
            + " axis: effective stride 1 vs 1, centre shift (r-1)/2-P 0 vs 1 (paths that meet must agree on both)",
            text);
    }

    @Test
    void shouldKeepMaxAndMinRfOverResidualPaths() {
        assertTrue(ev.eval("conv(k=3,p=1,c=8) res(conv(k=3,p=1,c=8) conv(k=3,p=1,c=8))", 32, 32, 3));
        assertEquals(7, m.rfH[0]);
        assertEquals(3, m.rfMinH[0]);
        assertEquals(3, m.padH[0]);
        assertEquals(3 * 8 * 9 + 8 + 2 * (8 * 8 * 9 + 8), m.params[0]);
    }

    @Test
    void shouldAddChannelsOfConcatenatedBranches() {
        assertTrue(ev.eval("cat(conv(k=1,c=16) | conv(k=3,p=1,c=24) | maxpool(k=3,s=1,p=1))", 16, 16, 8));
        assertEquals(16 + 24 + 8, m.outC[0]);
        assertEquals(3, m.rfH[0]);
        assertEquals(1, m.rfMinH[0]);
    }

    @Test
    void shouldBroadcastSqueezeExcitationAndLeaveItOutOfTheRf() {
        assertTrue(ev.eval("conv(k=3,p=1,c=32) mul( | gap fc(c=8) relu fc(c=32))", 20, 20, 3));
        assertEquals(20, m.outH[0]);
        assertEquals(32, m.outC[0]);
        assertEquals(3, m.rfH[0]);
        assertEquals(3, m.rfMinH[0]);
        assertEquals(3 * 32 * 9 + 32 + 32 * 8 + 8 + 8 * 32 + 32, m.params[0]);
    }

    @Test
    void shouldNameTheBranchWhoseShapeDiffers() {
        String text = ev.message("add(conv(k=3,c=8) | conv(k=3,p=1,c=8))", 10, 10, 8);
        assertEquals(ErrorCode.SHAPE_MISMATCH, m.error[0]);
        assertEquals("add block at the start: branch 2 outputs 10x10x8 but the branches before it output 8x8x8"
            + " (add needs equal extents and channels)", text);
    }

    @Test
    void shouldRejectDifferentChannelsInAResidual() {
        String text = ev.message("conv(k=1,c=4) res(conv(k=1,c=8))", 5, 5, 3);
        assertEquals("add block after layer 1: branch 2 outputs 5x5x4 but the branches before it output 5x5x8"
            + " (add needs equal extents and channels)", text);
    }

    @Test
    void shouldCountParamsOfEveryBranchOnce() {
        assertTrue(ev.eval("add(conv(k=1,c=4,bias=0) | conv(k=1,c=4,bias=0))", 3, 3, 2));
        assertEquals(2 * 4 * 2, m.params[0]);
        assertEquals(2 * 9 * 4 * 2, m.macs[0]);
    }
}
