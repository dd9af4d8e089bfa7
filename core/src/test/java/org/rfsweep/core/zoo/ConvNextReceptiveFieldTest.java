package org.rfsweep.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;

/**
 * The receptive field, effective stride and effective padding of torchvision's ConvNeXt-Tiny
 * ({@code data/nets/convnext_tiny.arch}, 224x224x3), derived by hand with SPEC section 3. Layer
 * norms, GELU, the layer scale, stochastic depth and the 1x1 convs change nothing; each block's
 * 7x7 depthwise conv ({@code p=3}) adds {@code 6j} to {@code r} and {@code 3j} to {@code P}.
 *
 * <pre>
 *   layer                          out   r                     P                   j
 *   stem conv k4 s4                 56   1 + 3*1 = 4           0                   4
 *   stage 1, 3 blocks at j=4        56   4 + 3*24 = 76         0 + 3*12 = 36       4
 *   downsample k2 s2 at j=4         28   76 + 4 = 80           36                  8
 *   stage 2, 3 blocks at j=8        28   80 + 3*48 = 224       36 + 3*24 = 108     8
 *   downsample k2 s2 at j=8         14   224 + 8 = 232         108                 16
 *   stage 3, 9 blocks at j=16       14   232 + 9*96 = 1096     108 + 9*48 = 540    16
 *   downsample k2 s2 at j=16         7   1096 + 16 = 1112      540                 32
 *   stage 4, 3 blocks at j=32        7   1112 + 3*192 = 1688   540 + 3*96 = 828    32
 *   gap (ek = n = 7)                 1   1688 + 6*32 = 1880    828                 32
 * </pre>
 *
 * The minimum RF skips every block: {@code 4 + 4 + 8 + 16 = 32} at the last map, {@code 32 + 192 =
 * 224} after gap. torchvision's own influence experiment ({@code ZooInfluenceTest}) agrees.
 */
class ConvNextReceptiveFieldTest {
    @Test
    void shouldGiveTheHandDerivedFieldOfTheLastFeatureMap() {
        ZooNet z = ZooNet.load("convnext_tiny");
        LayerTrace t = z.trace();
        int last = z.backboneEnd();
        assertEquals("7x7x768", t.outH[last] + "x" + t.outW[last] + "x" + t.outC[last]);
        assertEquals("r 1688 rmin 32 j 32 P 828", "r " + t.rfH[last] + " rmin " + t.rfMinH[last] + " j "
            + t.strideH[last] + " P " + t.padH[last]);
        assertEquals(t.rfH[last], t.rfW[last]);
        assertEquals(t.padH[last], t.padW[last]);
    }

    @Test
    void shouldGiveTheHandDerivedFieldAfterTheClassifier() {
        Metrics m = ZooNet.load("convnext_tiny").totals();
        assertEquals("r 1880 rmin 224 j 32 P 828", "r " + m.rfH[0] + " rmin " + m.rfMinH[0] + " j " + m.strideH[0]
            + " P " + m.padH[0]);
    }
}
