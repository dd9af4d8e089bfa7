package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.testkit.Evaluation;

/** Shapes, fields and counts of single layers and short stacks by SPEC sections 2, 3, 6 and 7. */
class StackEvaluatorTest {
    private final Evaluation ev = new Evaluation();
    private final Metrics m = ev.metrics();
    private final LayerTrace trace = ev.trace();

    /**
     * Every layer kind at 10x12x4. conv: params {@code c_out*(c_in/g)*kh*kw + c_out}, MACs
     * {@code oh*ow*c_out*(c_in/g)*kh*kw}; dwconv: groups = c_in; sepconv: {@code c_in*kh*kw + c_out*(c_in+1)}
     * params, {@code oh*ow*c_in*(kh*kw + c_out)} MACs; fc: {@code c_in*h*w*c_out (+ c_out)}; bn:
     * {@code 2c}; bias adds: one per output element of a layer with a bias; activations: the output
     * elements of conv-like and fc layers (both parts of a sepconv).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = ";", textBlock = """
        conv(k=3,p=1,c=8);          10; 12;  8;  296; 34560; 960;  960
        conv(k=3,p=1,c=8,bias=0);   10; 12;  8;  288; 34560;   0;  960
        conv(k=3,p=1,c=8,g=2);      10; 12;  8;  152; 17280; 960;  960
        conv(k=3x5,s=2,c=6);         4;  4;  6;  366;  5760;  96;   96
        conv(k=3,d=2,c=2);           6;  8;  2;   74;  3456;  96;   96
        dwconv(k=3,p=1);            10; 12;  4;   40;  4320; 480;  480
        dwconv(k=3,p=1,c=8,bias=0); 10; 12;  8;   72;  8640;   0;  960
        sepconv(k=3,p=1,c=8);       10; 12;  8;   76;  8160; 960; 1440
        sepconv(k=3,p=1,c=8,bias=0);10; 12;  8;   68;  8160;   0; 1440
        maxpool(k=2);                5;  6;  4;    0;     0;   0;    0
        avgpool(k=3,s=2,p=1);        5;  6;  4;    0;     0;   0;    0
        gap;                         1;  1;  4;    0;     0;   0;    0
        fc(c=10);                    1;  1; 10; 4810;  4800;  10;   10
        fc(c=10,bias=0);             1;  1; 10; 4800;  4800;   0;   10
        bn;                         10; 12;  4;    8;     0;   0;    0
        relu;                       10; 12;  4;    0;     0;   0;    0
        """)
    void shouldCountParamsMacsBiasAddsAndActivationsOfEveryLayerKind(String arch, int oh, int ow, int oc, long params,
                                                                    long macs, long biasAdds, long acts) {
        ev.traceValid(arch, "10x12x4");
        assertEquals(oh + "x" + ow + "x" + oc, m.outH[0] + "x" + m.outW[0] + "x" + m.outC[0]);
        assertEquals(params, m.params[0], "params");
        assertEquals(macs, m.macs[0], "macs");
        assertEquals(biasAdds, m.biasAdds[0], "bias adds");
        assertEquals(acts, m.acts[0], "activations");
        assertEquals(macs + biasAdds, m.flopsSeed(0), "flops_seed");
        assertEquals(2 * macs + biasAdds, m.flopsSeedMadd(0), "flops_seed_madd");
        assertEquals(2 * macs, m.flops2Macs(0), "flops_2macs");
        assertEquals(params, trace.params[0]);
        assertEquals(macs, trace.macs[0]);
    }

    /** The seed's conv formulas (g = 1, with bias), computed here as the oracle. */
    @ParameterizedTest(name = "k={0}x{1} c_in={2} c_out={3} at {4}x{5} p={6}")
    @CsvSource({
        "3, 3, 3, 64, 224, 224, 1",
        "5, 5, 3, 16, 200, 200, 1",
        "1, 1, 256, 64, 56, 56, 0",
        "7, 7, 3, 64, 224, 224, 3",
        "3, 5, 7, 11, 13, 17, 2",
        "11, 11, 3, 96, 227, 227, 0",
    })
    void shouldCountAConvWithBiasByTheSeedFormulas(int kh, int kw, int nIn, int nOut, int h, int w, int p) {
        ev.traceValid("conv(k=" + kh + "x" + kw + ",p=" + p + ",c=" + nOut + ")", h + "x" + w + "x" + nIn);
        long fh = (h + 2L * p - kh) + 1;
        long fw = (w + 2L * p - kw) + 1;
        assertEquals(fh, m.outH[0]);
        assertEquals(fw, m.outW[0]);
        assertEquals((long) nOut * (kw * kh * nIn + 1), m.params[0], "paras = n_out*(kw*kh*n_in+1)");
        assertEquals(fw * fh * nOut * kh * kw * nIn, m.macs[0], "macs");
        assertEquals(fw * fh * nOut * (kw * kh * nIn + 1), m.flopsSeed(0), "flops = fw*fh*n_out*(kw*kh*n_in+1)");
        assertEquals(fw * fh * nOut * (2L * kw * kh * nIn + 1), m.flopsSeedMadd(0),
            "madd = fw*fh*n_out*(2*kw*kh*n_in+1)");
        assertEquals(2 * fw * fh * nOut * kh * kw * nIn, m.flops2Macs(0), "2macs");
    }

    /** The seed's depthwise-separable formulas, computed here as the oracle. */
    @ParameterizedTest(name = "k={0} c_in={1} c_out={2} at {3}x{4}")
    @CsvSource({
        "3, 32, 64, 112, 112",
        "3, 3, 8, 7, 9",
        "5, 16, 16, 14, 14",
        "3, 1, 1, 3, 3",
    })
    void shouldCountASeparableConvByTheSeedFormulas(int k, int nIn, int nOut, int h, int w) {
        ev.traceValid("sepconv(k=" + k + ",p=" + k / 2 + ",c=" + nOut + ")", h + "x" + w + "x" + nIn);
        long fh = h;
        long fw = w;
        assertEquals((long) nIn * k * k + (long) nOut * (nIn + 1), m.params[0], "paras = n_in*kw*kh + n_out*(n_in+1)");
        assertEquals(fh * fw * nIn * k * k + fh * fw * nIn * nOut, m.macs[0], "macs");
        assertEquals(fw * fh * nIn * k * k + (nIn + 1L) * nOut * fw * fh, m.flopsSeed(0),
            "flops = fw*fh*n_in*kw*kh + (n_in+1)*n_out*fw*fh");
    }

    /**
     * TensorFlow SAME and VALID (SPEC section 2) on an n x n input; P is the padding before.
     * SAME: {@code out = ceil(n/s)}, {@code t = max((out-1)*s + ek - n, 0)}, {@code P = floor(t/2)}.
     * VALID: {@code out = ceil((n - ek + 1)/s)}, {@code P = 0}.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiterString = ";", textBlock = """
        conv(k=3,s=2,p=same,c=1);     7; 4; 1; 3
        conv(k=3,s=2,p=same,c=1);     8; 4; 0; 3
        conv(k=4,s=3,p=same,c=1);    10; 4; 1; 4
        conv(k=1,s=3,p=same,c=1);    10; 4; 0; 1
        conv(k=5,s=3,p=same,c=1);     1; 1; 2; 5
        conv(k=3,d=2,p=same,c=1);     9; 9; 2; 5
        conv(k=3,s=2,d=3,p=same,c=1); 9; 5; 3; 7
        maxpool(k=2,s=2,p=same);      7; 4; 0; 2
        maxpool(k=3,s=2,p=same);      8; 4; 0; 3
        avgpool(k=4,s=3,p=same);     10; 4; 1; 4
        conv(k=3,s=2,p=valid,c=1);    7; 3; 0; 3
        conv(k=3,s=2,p=valid,c=1);    8; 3; 0; 3
        conv(k=5,s=3,p=valid,c=1);   16; 4; 0; 5
        conv(k=5,s=3,p=valid,c=1);   17; 5; 0; 5
        conv(k=3,s=2,d=2,p=valid,c=1);12; 4; 0; 5
        maxpool(k=3,s=3,d=2,p=valid); 16; 4; 0; 5
        """)
    void shouldSizeAndPadSameAndValidLikeTensorFlow(String arch, int n, int out, long pad, long rf) {
        ev.traceValid(arch, n + "x" + n + "x1");
        assertEquals(out, m.outH[0], "out");
        assertEquals(out, m.outW[0], "out");
        assertEquals(pad, m.padH[0], "padding before");
        assertEquals(pad, m.padW[0], "padding before");
        assertEquals(rf, m.rfH[0], "rf");
    }

    /**
     * PyTorch ceil_mode: {@code out = ceil((n + pl + pr - ek)/s) + 1}, minus 1 when the last window
     * would start at or after {@code n + pl}; floor mode for comparison.
     */
    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiterString = ";", textBlock = """
        maxpool(k=2,ceil=1);               7;   4; 3
        maxpool(k=3,s=2,ceil=1);         112;  56; 55
        maxpool(k=3,s=2,ceil=1);         113;  56; 56
        maxpool(k=2,s=2,p=1,ceil=1);       5;   3; 3
        maxpool(k=2,s=2,p=1,ceil=1);       4;   3; 3
        avgpool(k=2,s=2,p=1,ceil=1);       6;   4; 4
        maxpool(k=3,s=2,p=1,ceil=1);       1;   1; 1
        maxpool(k=3,s=2,ceil=1);           2;   1; 0
        avgpool(k=3,ceil=1);               1;   1; 0
        maxpool(k=4,s=3,p=2,d=2,ceil=1);  13;   5; 4
        """)
    void shouldRoundUpAndDropAWindowStartingInTheRightPaddingInCeilMode(String arch, int n, int out, int floorOut) {
        ev.traceValid(arch, n + "x" + n + "x1");
        assertEquals(out, m.outH[0], "ceil out");
        assertEquals(out, m.outW[0], "ceil out");
        String floor = arch.replace(",ceil=1", "");
        Network net = ArchParser.parse(floor);
        boolean valid = new StackEvaluator().evaluate(net.records(), 0, net.count(), n, n, 1, m, 0);
        assertEquals(floorOut, valid ? m.outH[0] : 0, floor + ": floor out");
    }

    /** SPEC section 4's third reference case (Google's receptive_field tests). */
    @Test
    void shouldReproduceTheNonSquareReferenceCase() {
        ev.traceValid("conv(k=3x5,s=2,c=1) conv(k=3x1,s=2,c=1)", "32x32x1");
        assertEquals(7, m.rfH[0]);
        assertEquals(5, m.rfW[0]);
        assertEquals(4, m.strideH[0]);
        assertEquals(4, m.strideW[0]);
        assertEquals(0, m.padH[0]);
        assertEquals(0, m.padW[0]);
        assertEquals(7, m.outH[0]);
        assertEquals(7, m.outW[0]);
    }

    @Test
    void shouldKeepRfWhenPaddingChanges() {
        ev.traceValid("conv(k=5,s=2,c=8) maxpool(k=3,s=1) conv(k=3,c=8)", "200x200x3");
        long rf = m.rfH[0];
        ev.traceValid("conv(k=5,s=2,p=2:0,c=8) maxpool(k=3,s=1,p=1) conv(k=3,p=same,c=8)", "200x200x3");
        assertEquals(rf, m.rfH[0]);
        assertEquals(13, rf);
        assertEquals(2 + 1 * 2 + 1 * 2, m.padH[0], "P = sum of pl * j");
    }

    @Test
    void shouldRejectAFlattenWhoseChannelsWouldOverflowALong() {
        // 2^20 * 2^20 * 2^23 = 2^63 channels: out of the bound, not wrapped to a small count
        Network net = ArchParser.parse("flatten");
        boolean valid = new StackEvaluator().evaluate(net.records(), 0, 1, 1 << 20, 1 << 20, 1 << 23, m, 0);
        assertEquals(false, valid);
        assertEquals(ErrorCode.EXCEEDS_BOUND, m.error[0]);
        assertEquals(ErrorCode.Bound.CHANNELS, m.errorDetail[0]);
        assertEquals(0, m.errorRecord[0]);
    }

    @Test
    void shouldSeeTheWholeMapThroughGlobalLayers() {
        ev.traceValid("conv(k=3,s=2,c=8) gap fc(c=10)", "15x9x3");
        // conv: 7x4, r = 3, j = 2; gap: r += (n-1)*j per axis.
        assertEquals(3 + 6 * 2, m.rfH[0]);
        assertEquals(3 + 3 * 2, m.rfW[0]);
        assertEquals(2, m.strideH[0]);
        assertEquals(1, m.outH[0]);
        assertEquals(10, m.outC[0]);
        assertEquals(8 * 10 + 10 + 8 * 27 + 8, m.params[0]);
    }

    @Test
    void shouldFillTheTraceRowOfEveryLayer() {
        ev.traceValid("conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)", "200x200x3");
        assertEquals(3, trace.rows);
        assertEquals("200 99 97", trace.inH[0] + " " + trace.inH[1] + " " + trace.inH[2]);
        assertEquals("3 64 64", trace.inC[0] + " " + trace.inC[1] + " " + trace.inC[2]);
        assertEquals(64 * (5 * 5 * 3 + 1), trace.params[0]);
        assertEquals(0, trace.params[1]);
        assertEquals(128 * (3 * 3 * 64 + 1), trace.params[2]);
        assertEquals(97L * 97 * 128 * 9 * 64, trace.macs[2]);
        assertEquals(trace.macs[0] + trace.macs[2], m.macs[0]);
    }
}
