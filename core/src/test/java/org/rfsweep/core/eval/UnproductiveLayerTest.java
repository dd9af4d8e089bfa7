package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.Network;

/**
 * SPEC section 5 (rfa-toolbox): a layer is unproductive when the minimum RF of its input already
 * covers the input image ({@code r_min >= extent} on every axis) and its own {@code r_min} exceeds
 * it; the layer whose {@code r_min} first exceeds the input is critical. 1x1 layers are not flagged
 * when {@code ignore1x1} is set.
 */
class UnproductiveLayerTest {
    private static final int U = LayerTrace.UNPRODUCTIVE;
    private static final int C = LayerTrace.CRITICAL;

    private final Metrics m = new Metrics(1);
    private final LayerTrace trace = new LayerTrace();

    private String flags(String arch, int h, int w, boolean ignore1x1) {
        Network net = ArchParser.parse(arch);
        assertTrue(new StackEvaluator(ignore1x1).trace(net.records(), 0, net.count(), h, w, 1, m, 0, trace), arch);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < net.count(); i++) {
            sb.append(i == 0 ? "" : " ").append(trace.flags[i] == U ? "U" : trace.flags[i] == C ? "C" : "-");
        }
        return sb.toString();
    }

    @Test
    void shouldFlagLayersAfterTheRfCoversTheInput() {
        // r_min after each 3x3 conv: 3 5 7 9 11 13; the input is 8x8.
        String arch = "conv(k=3,p=1,c=1) conv(k=3,p=1,c=1) conv(k=3,p=1,c=1) conv(k=3,p=1,c=1) conv(k=3,p=1,c=1)"
            + " conv(k=3,p=1,c=1)";
        assertEquals("- - - C U U", flags(arch, 8, 8, false));
        assertEquals(2, m.unproductive[0]);
    }

    @Test
    void shouldFlagTheLayerAfterAnRfEqualToTheInputWithoutACriticalLayer() {
        // r_min 3 5 7 9 at input 7: the third layer covers the input exactly, the fourth exceeds it.
        assertEquals("- - - U", flags("conv(k=3,p=1,c=1) conv(k=3,p=1,c=1) conv(k=3,p=1,c=1) conv(k=3,p=1,c=1)", 7, 7,
            false));
        assertEquals(1, m.unproductive[0]);
    }

    @Test
    void shouldNotFlagWhileOneAxisIsNotCovered() {
        // 8x16: r_min 9 and 11 exceed the height only.
        assertEquals("- - - - -", flags("conv(k=3,p=1,c=1) conv(k=3,p=1,c=1) conv(k=3,p=1,c=1) conv(k=3,p=1,c=1)"
            + " conv(k=3,p=1,c=1)", 8, 16, false));
        assertEquals(0, m.unproductive[0]);
    }

    @Test
    void shouldFlagOneByOneConvsUnlessIgnored() {
        String arch = "conv(k=5,p=2,c=1) conv(k=5,p=2,c=1) conv(k=1,c=1) maxpool(k=3,s=1,p=1) relu conv(k=1,c=4)";
        // r_min 5 9 9 11 11 11 at input 6: the second conv is critical, every later windowed layer unproductive.
        assertEquals("- C U U - U", flags(arch, 6, 6, false));
        assertEquals(3, m.unproductive[0]);
        assertEquals("- C - U - -", flags(arch, 6, 6, true));
        assertEquals(1, m.unproductive[0]);
    }

    @Test
    void shouldNotFlagElementwiseOrGlobalLayers() {
        assertEquals("- C - - - -", flags("conv(k=7,p=3,c=2) conv(k=3,p=1,c=2) bn relu gap fc(c=3)", 8, 8, false));
        assertEquals(0, m.unproductive[0]);
    }
}
