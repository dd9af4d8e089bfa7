package org.rfsweep.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;

/**
 * The receptive field, effective stride and effective padding of torchvision's ResNet-50
 * ({@code data/nets/resnet50.arch}, 224x224x3), derived by hand with SPEC section 3 and checked
 * against the engine. Both axes are equal, so one is derived.
 *
 * <p>Forward pass, {@code r += (k-1)*j}, {@code P += p*j}, {@code j *= s}, from {@code r=1, j=1, P=0}.
 * 1x1 convolutions, batch norm and ReLU change nothing. Each bottleneck has one 3x3 conv with
 * {@code p=1} on its main path (stride 2 in the first block of layers 2-4, torchvision's v1.5), so
 * a block adds {@code 2j} to {@code r} and {@code j} to {@code P}, where {@code j} is the jump at its
 * input; the shortcut (identity or 1x1 downsample) adds nothing.
 *
 * <pre>
 *   layer                     out    r                    P                   j
 *   conv1 k7 s2 p3            112    1 + 6*1 = 7          0 + 3*1 = 3         2
 *   maxpool k3 s2 p1           56    7 + 2*2 = 11         3 + 1*2 = 5         4
 *   layer1, 3 blocks at j=4    56    11 + 3*8 = 35        5 + 3*4 = 17        4
 *   layer2.0, 3x3 s2 at j=4    28    35 + 8 = 43          17 + 4 = 21         8
 *   layer2.1-3, j=8            28    43 + 3*16 = 91       21 + 3*8 = 45       8
 *   layer3.0, 3x3 s2 at j=8    14    91 + 16 = 107        45 + 8 = 53         16
 *   layer3.1-5, j=16           14    107 + 5*32 = 267     53 + 5*16 = 133     16
 *   layer4.0, 3x3 s2 at j=16    7    267 + 32 = 299       133 + 16 = 149      32
 *   layer4.1-2, j=32            7    299 + 2*64 = 427     149 + 2*32 = 213    32
 *   gap (ek = n = 7)            1    427 + 6*32 = 619     213                 32
 *   flatten, fc on 1x1          1    619                  213                 32
 * </pre>
 *
 * Top-down check of the last feature map ({@code r = (r-1)*s + k} backwards over the main path's
 * windowed layers: 16 3x3 convs, three with s=2, then the maxpool and conv1) gives 427 too.
 *
 * <p>The minimum RF takes every shortcut: conv1 and the maxpool give 11, the 1x1 downsamples add
 * nothing, so {@code r_min = 11} at layer4's output and {@code 11 + 6*32 = 203} after gap.
 *
 * <p>Alignment: every path has centre shift {@code (r-1)/2 - P = 0} (after the maxpool
 * {@code (11-1)/2 - 5 = 0}; a 3x3 p1 conv adds {@code j - j}; a 1x1 conv adds 0), and both paths of
 * every block have the same jump, so the adds are aligned. Feature {@code u} of the 7x7 map is
 * centred on input pixel {@code 32u} and covers {@code [32u - 213, 32u + 213]}.
 */
class ResNet50ReceptiveFieldTest {
    @Test
    void shouldGiveTheHandDerivedFieldOfTheLastFeatureMap() {
        ZooNet z = ZooNet.load("resnet50");
        LayerTrace t = z.trace();
        int last = z.backboneEnd();
        assertEquals("relu", z.text(last));
        assertEquals("7x7x2048", t.outH[last] + "x" + t.outW[last] + "x" + t.outC[last]);
        assertEquals("r 427x427 rmin 11x11 j 32x32 P 213x213", field(t.rfH[last], t.rfW[last], t.rfMinH[last],
            t.rfMinW[last], t.strideH[last], t.strideW[last], t.padH[last], t.padW[last]));
    }

    @Test
    void shouldGiveTheHandDerivedFieldAfterTheClassifier() {
        Metrics m = ZooNet.load("resnet50").totals();
        assertEquals("r 619x619 rmin 203x203 j 32x32 P 213x213", field(m.rfH[0], m.rfW[0], m.rfMinH[0], m.rfMinW[0],
            m.strideH[0], m.strideW[0], m.padH[0], m.padW[0]));
    }

    @Test
    void shouldGiveTheHandDerivedFieldAfterTheStemAndEachStage() {
        ZooNet z = ZooNet.load("resnet50");
        LayerTrace t = z.trace();
        // each relu whose next record changes the extent: conv1's relu before the maxpool, the relu
        // before the strided 3x3 of layer2.0, 3.0 and 4.0 (after a 1x1 conv, so with the field of
        // the previous stage's end), and the last relu before gap
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i + 1 < z.net().count(); i++) {
            if ("relu".equals(z.text(i)) && t.outH[i + 1] != t.outH[i]) {
                rows.append(t.outH[i]).append(": r ").append(t.rfH[i]).append(" P ").append(t.padH[i]).append(" j ")
                    .append(t.strideH[i]).append("; ");
            }
        }
        assertEquals("112: r 7 P 3 j 2; 56: r 35 P 17 j 4; 28: r 91 P 45 j 8; 14: r 267 P 133 j 16; "
            + "7: r 427 P 213 j 32; ",
            rows.toString());
    }

    private static String field(long rH, long rW, long rmH, long rmW, long jH, long jW, long pH, long pW) {
        return "r " + rH + "x" + rW + " rmin " + rmH + "x" + rmW + " j " + jH + "x" + jW + " P " + pH + "x" + pW;
    }
}
