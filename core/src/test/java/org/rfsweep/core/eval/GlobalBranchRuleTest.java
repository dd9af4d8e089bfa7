package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.testkit.Evaluation;

/**
 * SPEC section 4, branches and global ops. On a spatial map, a branch that passes through a
 * global op inside the block (squeeze-excitation) is left out of the RF maximum, minimum and
 * alignment check. Once the network is already global before the block (a global op on the
 * trunk), every branch is global by construction: none is left out, the RF maximum and minimum
 * are taken over all branches, and they are not compared for alignment, since a global map has no
 * positions to align. SPEC section 5: layers inside a branch that passes through a global op are
 * never flagged unproductive or critical.
 */
class GlobalBranchRuleTest {
    private final Evaluation ev = new Evaluation();

    @Test
    void shouldLeaveASqueezeExcitationBranchOutOfTheRfOnASpatialMap() {
        assertTrue(ev.trace("conv(k=3,p=1,c=8) mul(| gap conv(k=1,c=8) sigmoid)", 8, 8, 3));
        assertEquals(3, ev.metrics().rfH[0], "the SE branch's global field is left out");
        assertEquals(3, ev.metrics().rfMinH[0]);
    }

    @Test
    void shouldTakeEveryBranchIntoTheRfOnceTheNetworkIsGlobal() {
        assertTrue(ev.eval("gap conv(k=1,p=1,c=3) mul(|gap)", 8, 8, 3));
        assertEquals(10, ev.metrics().rfH[0], "the branch through the gap (on the padded 3x3 map) counts");
        assertEquals(8, ev.metrics().rfMinH[0], "the identity branch: the first gap's field");
    }

    @Test
    void shouldNotCompareBranchesForAlignmentOnceTheNetworkIsGlobal() {
        String block = "conv(k=1,p=4,c=3) add(conv(k=3,p=0:2,c=3) | conv(k=3,p=1,c=3))";
        assertTrue(ev.eval("gap " + block, 8, 8, 3), "after a global op the block is evaluated");
        assertEquals(ErrorCode.NOT_ALIGNED, evalError(block), "on a spatial map the same block is not aligned");
    }

    private int evalError(String arch) {
        ev.eval(arch, 8, 8, 3);
        return ev.metrics().error[0];
    }

    @Test
    void shouldNeverFlagTheLayersOfASqueezeExcitationBranch() {
        // The trunk covers the 8x8 input after the second conv; the SE branch's 1x1 convs see the whole input.
        String arch = "conv(k=5,p=2,c=8) conv(k=5,p=2,c=8) mul(| gap conv(k=1,c=2) relu conv(k=1,c=8) sigmoid)";
        ev.traceValid(arch, "8x8x3");
        assertEquals(0, ev.metrics().unproductive[0], "the SE 1x1 convs are not unproductive");
        LayerTrace t = ev.trace();
        for (int i = 0; i < t.rows; i++) {
            assertTrue(t.flags[i] != LayerTrace.UNPRODUCTIVE, "layer record " + i);
        }
    }
}
