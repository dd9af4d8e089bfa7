package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.testkit.Evaluation;

/**
 * Every error of a plain stack: the code, the failing record and the exact line of
 * {@link ErrorText#describe}. Branch errors (not aligned, shape mismatch) are in
 * {@link BranchEvaluationTest}.
 */
class ErrorTextTest {
    private static final String JUMP_2_32 = "conv(k=1,s=4096,c=1) conv(k=1,s=4096,c=1) conv(k=1,s=256,c=1) ";

    private final Evaluation ev = new Evaluation();
    private final Metrics m = ev.metrics();

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiterString = ";", quoteCharacter = '"', textBlock = """
        conv(k=3,c=4); 1x1x3; output_too_small; 0; layer 1 conv(k=3,c=4): output too small: out_h = floor((1 + 0 + 0 - \
        3) / 1) + 1 = -1 is below 1 (the padded input 1 is smaller than the effective kernel 3)
        conv(k=1x5,c=4); 5x4x3; output_too_small; 0; layer 1 conv(k=1x5,c=4): output too small: out_w = floor((4 + 0 + \
        0 - 5) / 1) + 1 = 0 is below 1 (the padded input 4 is smaller than the effective kernel 5)
        relu conv(k=3,s=2,c=4) conv(k=3,c=4); 5x5x1; output_too_small; 2; layer 3 conv(k=3,c=4): output too small: \
        out_h = floor((2 + 0 + 0 - 3) / 1) + 1 = 0 is below 1 (the padded input 2 is smaller than the effective kernel \
        3)
        conv(k=3,s=2,p=0:1,c=2); 1x5x1; output_too_small; 0; layer 1 conv(k=3,s=2,p=0:1,c=2): output too small: out_h \
        = floor((1 + 0 + 1 - 3) / 2) + 1 = 0 is below 1 (the padded input 2 is smaller than the effective kernel 3)
        conv(k=3,d=3,p=2,c=2); 2x9x1; output_too_small; 0; layer 1 conv(k=3,p=2,d=3,c=2): output too small: out_h = \
        floor((2 + 2 + 2 - 7) / 1) + 1 = 0 is below 1 (the padded input 6 is smaller than the effective kernel 7)
        conv(k=3,p=valid,c=2); 2x9x1; output_too_small; 0; layer 1 conv(k=3,p=valid,c=2): output too small: out_h < 1 \
        because the input 2 is smaller than the effective kernel 3 (p=valid)
        maxpool(k=4,s=3,ceil=1); 1x9x1; output_too_small; 0; layer 1 maxpool(k=4,s=3,ceil=1): output too small: out_h \
        = ceil((1 + 0 + 0 - 4) / 3) + 1 = 0 is below 1 (with ceil=1 the padded input 1 must be at least ek - s + 1 = 2)
        avgpool(k=4,s=2,ceil=1); 8x2x1; output_too_small; 0; layer 1 avgpool(k=4,s=2,ceil=1): output too small: out_w \
        = ceil((2 + 0 + 0 - 4) / 2) + 1 = 0 is below 1 (with ceil=1 the padded input 2 must be at least ek - s + 1 = 3)
        maxpool(k=3,p=2); 9x9x3; pool_padding; 0; layer 1 maxpool(k=3,p=2): pool padding p_h=2 exceeds half the kernel \
        k_h=3 (pools need p <= floor(k/2) = 1)
        maxpool(k=3x1,p=0x1); 9x9x3; pool_padding; 0; layer 1 maxpool(k=3x1,p=0x1): pool padding p_w=1 exceeds half \
        the kernel k_w=1 (pools need p <= floor(k/2) = 0)
        maxpool(k=2,s=2,p=0:2); 9x9x1; pool_padding; 0; layer 1 maxpool(k=2,p=0:2): pool padding p_h=2 exceeds half \
        the kernel k_h=2 (pools need p <= floor(k/2) = 1)
        maxpool(k=3,p=2,d=2); 9x9x3; pool_padding; 0; layer 1 maxpool(k=3,p=2,d=2): pool padding p_h=2 exceeds half \
        the kernel k_h=3 (pools need p <= floor(k/2) = 1)
        avgpool(k=3,s=2,p=2:1); 1x1x1; pool_padding; 0; layer 1 avgpool(k=3,s=2,p=2:1): pool padding p_h=2 exceeds \
        half the kernel k_h=3 (pools need p <= floor(k/2) = 1)
        conv(k=3,c=4,g=2); 8x8x3; groups; 0; layer 1 conv(k=3,c=4,g=2): input channels 3 are not divisible by groups g=2
        conv(k=3,c=3,g=2); 8x8x4; groups; 0; layer 1 conv(k=3,c=3,g=2): output channels c=3 are not divisible by \
        groups g=2
        dwconv(k=3,c=5); 8x8x3; groups; 0; layer 1 dwconv(k=3,c=5): output channels c=5 are not a multiple of the \
        input channels 3 (dwconv has one group per input channel)
        conv(k=3,c=6) conv(k=3,c=8,g=4); 8x8x3; groups; 1; layer 2 conv(k=3,c=8,g=4): input channels 6 are not \
        divisible by groups g=4
        conv(k=3,c=4,g=2); 1x1x3; groups; 0; layer 1 conv(k=3,c=4,g=2): input channels 3 are not divisible by groups g=2
        dwconv(k=5,c=2); 1x1x4; groups; 0; layer 1 dwconv(k=5,c=2): output channels c=2 are not a multiple of the \
        input channels 4 (dwconv has one group per input channel)
        conv(k=1,p=1048576,c=1); 1048576x1x1; exceeds_bound; 0; layer 1 conv(k=1,p=1048576,c=1): out_h = 3145728 \
        exceeds the bound 1048576
        conv(k=1,p=0x1048576,c=1); 1x1x1; exceeds_bound; 0; layer 1 conv(k=1,p=0x1048576,c=1): out_w = 2097153 exceeds \
        the bound 1048576
        conv(k=1,s=4096,c=1) conv(k=1,s=4096,c=1) conv(k=1,s=256,c=1) conv(k=1,s=2x1,c=1); 1x1x1; exceeds_bound; 3; \
        layer 4 conv(k=1,s=2x1,c=1): stride_h exceeds the bound 2^32
        conv(k=1,s=4096,c=1) conv(k=1,s=4096,c=1) conv(k=1,s=256,c=1) conv(k=1,s=1x2,c=1); 1x1x1; exceeds_bound; 3; \
        layer 4 conv(k=1,s=1x2,c=1): stride_w exceeds the bound 2^32
        conv(k=1,s=4096,c=1) conv(k=1,s=4096,c=1) conv(k=1,s=256,c=1) conv(k=4096x1,d=4096x1,p=same,c=1) \
        conv(k=4096x1,d=4096x1,p=same,c=1); 1x1x1; exceeds_bound; 4; layer 5 conv(k=4096x1,p=same,d=4096x1,c=1): rf_h \
        or pad_h exceeds the bound 2^56
        conv(k=1,s=4096,c=1) conv(k=1,s=4096,c=1) conv(k=1,s=256,c=1) conv(k=1x4096,d=1x4096,p=same,c=1) \
        conv(k=1x4096,d=1x4096,p=same,c=1); 1x1x1; exceeds_bound; 4; layer 5 conv(k=1x4096,p=same,d=1x4096,c=1): rf_w \
        or pad_w exceeds the bound 2^56
        conv(k=1,s=4096,c=1) conv(k=1,s=4096,c=1) conv(k=1,s=256,c=1) conv(k=3,c=1) gap; 1x1x1; output_too_small; 3; \
        layer 4 conv(k=3,c=1): output too small: out_h = floor((1 + 0 + 0 - 3) / 1) + 1 = -1 is below 1 (the padded \
        input 1 is smaller than the effective kernel 3)
        conv(k=1,c=1048576,bias=0); 1024x1024x1048576; exceeds_bound; 0; layer 1 conv(k=1,c=1048576,bias=0): params, \
        MACs or activations reach the bound 2^60
        relu conv(k=1,c=16777216); 1048576x1048576x16777216; exceeds_bound; 0; layer 1 relu: params, MACs or \
        activations reach the bound 2^60
        conv(k=1,c=1048575,bias=0) conv(k=1,c=1048575,bias=0); 1024x1024x1048576; exceeds_bound; 1; layer 2 \
        conv(k=1,c=1048575,bias=0): params, MACs or activations reach the bound 2^60
        fc(c=16777216); 1048576x1048576x16777216; exceeds_bound; 0; layer 1 fc(c=16777216): params, MACs or \
        activations reach the bound 2^60
        sepconv(k=1,c=16777216); 1048576x1048576x16777216; exceeds_bound; 0; layer 1 sepconv(k=1,c=16777216): params, \
        MACs or activations reach the bound 2^60
        dwconv(k=1,c=16777216); 1048576x1048576x4096; exceeds_bound; 0; layer 1 dwconv(k=1,c=16777216): params, MACs \
        or activations reach the bound 2^60
        """)
    void shouldDescribeEveryPlainStackErrorInOneLine(String arch, String input, String code, int record,
                                                     String message) {
        Network net = ArchParser.parse(arch);
        InputShape in = InputShape.parse(input);
        String text = ev.message(net.records(), net.count(), in.h, in.w, in.c);
        assertEquals(code + " at " + record, ErrorCode.name(m.error[0]) + " at " + m.errorRecord[0]);
        assertEquals(message, text);
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource(delimiterString = ";", textBlock = """
        conv(k=1,s=4096,c=1) conv(k=1,s=4096,c=1) conv(k=1,s=256,c=1); 1x1x1; 1; 1; 4294967296; 0
        conv(k=1,s=4096,c=1) conv(k=1,s=4096,c=1) conv(k=1,s=256,c=1) conv(k=4096,d=4096,p=same,c=1); 1x1x1; \
        72040001851883521; 72040001851883521; 4294967296; 36020000925941760
        conv(k=1,p=1048575:0,c=1); 1x1x1; 1; 1; 1; 1048575
        """)
    void shouldAcceptStacksAtTheBounds(String arch, String input, long rf, long rfMin, long jump, long pad) {
        // Row 1: jump exactly 2^32. Row 2: one more layer adds (ek-1)*j = 4095*4096 * 2^32, so r = 2^56 - 2^44 + 1,
        // and its SAME padding on a 1x1 input is floor((ek-1)/2) * j. Row 3: out_h = 1 + 1048575 = 2^20.
        Network net = ArchParser.parse(arch);
        InputShape in = InputShape.parse(input);
        assertTrue(new StackEvaluator().evaluate(net.records(), 0, net.count(), in.h, in.w, in.c, m, 0));
        assertEquals(rf, m.rfH[0]);
        assertEquals(rfMin, m.rfMinW[0]);
        assertEquals(jump, m.strideW[0]);
        assertEquals(pad, m.padH[0]);
    }

    @Test
    void shouldCountMacsJustBelowTheBoundExactly() {
        Network net = ArchParser.parse("conv(k=1,c=1048575,bias=0)");
        assertTrue(new StackEvaluator().evaluate(net.records(), 0, net.count(), 1024, 1024, 1 << 20, m, 0));
        assertEquals((1L << 60) - (1L << 40), m.macs[0]);
        assertEquals((1L << 61) - (1L << 41), m.flops2Macs(0));
    }

    @Test
    void shouldReportGroupsBeforeTheOutputSizeLikePyTorch() {
        // nn.Conv2d checks groups when it is built, before the input reaches it.
        Network net = ArchParser.parse("conv(k=5,c=3,g=3)");
        assertEquals("layer 1 conv(k=5,c=3,g=3): input channels 2 are not divisible by groups g=3",
            ev.message(net.records(), net.count(), 2, 2, 2));
        assertEquals(ErrorCode.GROUPS, m.error[0]);
        assertEquals(ErrorCode.DETAIL_IN, m.errorDetail[0]);
    }

    @Test
    void shouldReportPoolPaddingBeforeTheOutputSizeLikePyTorch() {
        Network net = ArchParser.parse("maxpool(k=3,p=2)");
        ev.message(net.records(), net.count(), 1, 1, 1);
        assertEquals(ErrorCode.POOL_PADDING, m.error[0]);
    }

    @Test
    void shouldNameAnUnknownOpCodeInHandWrittenRecords() {
        int[] r = records(Op.RELU, 23);
        assertEquals("layer 2 op#23: unknown op code 23 in the records", ev.message(r, 2, 8, 8, 1));
        assertEquals(ErrorCode.MALFORMED, m.error[0]);
        assertEquals(1, m.errorRecord[0]);
    }

    @Test
    void shouldNameABranchMarkerOutsideAnyBlock() {
        assertEquals("')' after layer 1: no branch block is open (unbalanced branch markers)",
            ev.message(records(Op.RELU, Op.END), 2, 8, 8, 1));
        assertEquals("'|' at the start: no branch block is open (unbalanced branch markers)",
            ev.message(records(Op.NEXT, Op.RELU), 2, 8, 8, 1));
        assertEquals(ErrorCode.MALFORMED, m.error[0]);
        assertEquals(0, m.errorRecord[0]);
    }

    @Test
    void shouldNameABlockLeftOpenAtTheEnd() {
        assertEquals("layer 1 relu: a branch block is still open at the end of the stack (unbalanced branch markers)",
            ev.message(records(Op.ADD, Op.RELU), 2, 8, 8, 1));
        assertEquals(1, m.errorRecord[0]);
    }

    @Test
    void shouldNameBlocksNestedDeeperThanTheLimitInHandWrittenRecords() {
        int[] ops = new int[33 + 1];
        Arrays.fill(ops, Op.ADD);
        ops[33] = Op.RELU;
        assertEquals("add block at the start: branch blocks nested deeper than 32",
            ev.message(records(ops), ops.length, 8, 8, 1));
        assertEquals(ErrorCode.MALFORMED, m.error[0]);
        assertEquals(32, m.errorRecord[0]);
    }

    private static int[] records(int... ops) {
        int[] r = new int[ops.length * Layer.INTS];
        for (int i = 0; i < ops.length; i++) {
            Layer.clear(r, i * Layer.INTS, ops[i]);
        }
        return r;
    }
}
