package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Layer;

/** The worked example of SPEC section 3 (input 200x200), row by row, by both RF methods. */
class SeedExampleTest {
    private static final String SEED = "conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)";
    private static final int[] OUT = {99, 97, 97};
    private static final long[] RF = {5, 9, 13};
    private static final long[] JUMP = {2, 2, 2};
    private static final long[] PAD = {1, 1, 3};

    @Test
    void shouldReproduceEverySeedRowByTheForwardMethod() {
        Network net = ArchParser.parse(SEED);
        LayerTrace trace = new LayerTrace();
        Metrics m = new Metrics(1);
        assertTrue(new StackEvaluator().trace(net.records(), 0, net.count(), 200, 200, 3, m, 0, trace));
        for (int i = 0; i < 3; i++) {
            assertEquals(OUT[i], trace.outH[i], "out_h of row " + i);
            assertEquals(OUT[i], trace.outW[i], "out_w of row " + i);
            assertEquals(RF[i], trace.rfH[i], "rf_h of row " + i);
            assertEquals(RF[i], trace.rfW[i], "rf_w of row " + i);
            assertEquals(JUMP[i], trace.strideH[i], "stride_h of row " + i);
            assertEquals(PAD[i], trace.padH[i], "pad_h of row " + i);
            assertEquals(PAD[i], trace.padW[i], "pad_w of row " + i);
        }
        assertEquals(97, m.outH[0]);
        assertEquals(128, m.outC[0]);
        assertEquals(13, m.rfH[0]);
    }

    @Test
    void shouldReproduceEverySeedRowByTheTopDownMethod() {
        Network net = ArchParser.parse(SEED);
        for (int last = 0; last < 3; last++) {
            assertEquals(RF[last], TopDown.rf(net, last, Layer.KH, Layer.SH, Layer.DH), "top-down rf after row "
                + last);
        }
    }
}
