package org.rfsweep.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.ArchSyntaxException;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.testkit.Evaluation;

/**
 * The layers torchvision's networks need beyond SPEC section 9 ({@link Op}): elementwise
 * activations, dropout and stochastic depth, chunk, shuffle, flatten and adaptive average pool.
 */
class ZooOpsTest {
    private final Evaluation ev = new Evaluation();
    private final Metrics m = ev.metrics();

    private String summary(String arch, int h, int w, int c) {
        assertTrue(ev.eval(arch, h, w, c), arch);
        return "out " + m.outH[0] + "x" + m.outW[0] + "x" + m.outC[0] + " r " + m.rfH[0] + "x" + m.rfW[0] + " rmin "
            + m.rfMinH[0] + "x" + m.rfMinW[0] + " j " + m.strideH[0] + "x" + m.strideW[0] + " P " + m.padH[0] + "x"
            + m.padW[0] + " params " + m.params[0] + " macs " + m.macs[0];
    }

    private static String syntaxError(String arch) {
        return assertThrows(ArchSyntaxException.class, () -> ArchParser.parse(arch)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu6", "hardswish", "hardsigmoid", "sigmoid", "silu", "dropout", "droppath", "gelu"})
    void shouldLeaveShapeFieldAndCountsOfAnElementwiseLayerUnchanged(String op) {
        String plain = summary("conv(k=3,s=2,p=1,c=8) conv(k=3,p=1,c=8)", 17, 12, 3);
        assertEquals(plain, summary("conv(k=3,s=2,p=1,c=8) " + op + " conv(k=3,p=1,c=8) " + op, 17, 12, 3), op);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu6", "hardswish", "hardsigmoid", "sigmoid", "silu", "dropout", "droppath", "flatten",
        "layernorm", "gelu", "scale", "chunk(n=2,i=1)", "chunk(n=1,i=0)", "shuffle(g=1)", "shuffle(g=4)",
        "adaptiveavgpool(o=7)", "adaptiveavgpool(o=1x7)", "gap flatten fc(c=10)"})
    void shouldFormatTheNewLayersCanonicallyAndParseThemBack(String arch) {
        Network net = ArchParser.parse(arch);
        assertEquals(arch, ArchFormatter.format(net));
        assertEquals(net, ArchParser.parse(ArchFormatter.format(net)));
    }

    @Test
    void shouldWriteChunkKeysInCanonicalOrder() {
        assertEquals("chunk(n=4,i=3)", ArchFormatter.format(ArchParser.parse("chunk( i = 3 , n = 4 )")));
        assertEquals("adaptiveavgpool(o=6)", ArchFormatter.format(ArchParser.parse("adaptiveavgpool(o=6x6)")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "chunk(n=2); arch column 1: chunk needs i (the 0-based part to keep, like i=0)",
        "chunk(i=0); arch column 1: chunk needs n (the number of channel parts, like n=2)",
        "conv(k=1,c=4) chunk(n=2,i=2); arch column 15: chunk part i=2 is outside 0..1 (i is the 0-based part of n=2)",
        "chunk(n=0,i=0); arch column 9: n=0 is not a positive number of parts (allowed 1..16777216)",
        "chunk(n=2,g=2); arch column 11: key 'g' does not apply to chunk (keys: n, i)",
        "shuffle; arch column 1: shuffle needs g (the groups, like g=2)",
        "adaptiveavgpool; arch column 1: adaptiveavgpool needs o (the output size, like o=7)",
        "adaptiveavgpool(o=0); arch column 19: o=0 is not a positive output size (allowed 1..1048576)",
        "adaptiveavgpool(k=2); arch column 17: key 'k' does not apply to adaptiveavgpool (keys: o)",
        "relu6(k=3); arch column 7: key 'k' does not apply to relu6 (it takes no arguments)",
        "dropout(p=1); arch column 9: key 'p' does not apply to dropout (it takes no arguments)",
        "layernorm(c=8); arch column 11: key 'c' does not apply to layernorm (it takes no arguments)",
        "swish; arch column 1: unknown op 'swish' (expected conv, dwconv, sepconv, maxpool, avgpool, gap, fc, bn,"
            + " relu, relu6, hardswish, hardsigmoid, sigmoid, silu, dropout, droppath, layernorm, gelu, scale, chunk,"
            + " shuffle, flatten, adaptiveavgpool, add, cat, mul or res)",
    })
    void shouldRejectBadNewLayersWithOneClearLine(String arch, String expected) {
        assertEquals(expected, syntaxError(arch));
    }

    @Test
    void shouldKeepOneOfNEqualChannelParts() {
        assertEquals("out 5x5x2 r 3x3 rmin 3x3 j 1x1 P 1x1 params 224 macs 5400",
            summary("conv(k=3,p=1,c=8) chunk(n=4,i=3)", 5, 5, 3));
    }

    @Test
    void shouldRejectAChunkOfChannelsNotDivisibleByN() {
        assertEquals("layer 2 chunk(n=4,i=3): input channels 6 are not divisible by n=4 (chunk splits the channels into"
            + " n equal parts)", ev.message("conv(k=1,c=6) chunk(n=4,i=3)", 5, 5, 3));
    }

    @Test
    void shouldRejectAShuffleOfChannelsNotDivisibleByGroups() {
        assertEquals("layer 2 shuffle(g=4): input channels 6 are not divisible by groups g=4"
            + " (shuffle needs equal groups)",
            ev.message("conv(k=1,c=6) shuffle(g=4)", 5, 5, 3));
    }

    @Test
    void shouldEvaluateAShuffleNetUnitAsAConcatOfTwoHalves() {
        // x1, x2 = x.chunk(2); cat(x1, branch2(x2)); channel_shuffle(2): the identity half keeps r_min = 1
        assertEquals("out 8x8x16 r 3x3 rmin 1x1 j 1x1 P 1x1 params 72 macs 4608",
            summary("cat(chunk(n=2,i=0) | chunk(n=2,i=1) dwconv(k=3,p=1,bias=0)) shuffle(g=2)", 8, 8, 16));
    }

    @Test
    void shouldFlattenIntoChannelsAndSeeTheWholeMap() {
        // r = 1 + (7-1)*1 as for gap; fc then sees a 1x1 map of 25088 channels: the same MACs as fc on 7x7x512
        assertEquals("out 1x1x25088 r 7x7 rmin 7x7 j 1x1 P 0x0 params 0 macs 0", summary("flatten", 7, 7, 512));
        assertEquals(summary("fc(c=10)", 7, 7, 512).replace("out 1x1x10", ""),
            summary("flatten fc(c=10)", 7, 7, 512).replace("out 1x1x10", ""));
    }

    @Test
    void shouldRejectAFlattenAboveTheChannelBound() {
        assertEquals("layer 1 flatten: out_c exceeds the bound 16777216", ev.message("flatten", 2048, 2048, 8));
    }

    @Test
    void shouldLeaveAFlattenedSqueezeBranchOutOfTheField() {
        Network net = ArchParser.parse("conv(k=3,p=1,c=8) mul( | flatten fc(c=8) sigmoid)");
        LayerTrace trace = new LayerTrace();
        assertTrue(new StackEvaluator().trace(net.records(), 0, net.count(), 6, 6, 3, m, 0, trace));
        assertEquals("out 6x6x8 r 3x3", "out " + m.outH[0] + "x" + m.outW[0] + "x" + m.outC[0] + " r " + m.rfH[0] + "x"
            + m.rfW[0]);
        assertEquals(LayerTrace.GLOBAL_CONTEXT, trace.flags[net.count() - 1]);
    }

    @Test
    void shouldPoolAdaptivelyWithTheLargestWindowAndTheFloorStride() {
        // h: n=14, o=7: k=s=2; w: n=10, o=4: windows [0,3) [2,5) [5,8) [7,10): k=3, s=floor(10/4)=2
        assertEquals("out 7x4x3 r 2x3 rmin 2x3 j 2x2 P 0x0 params 0 macs 0",
            summary("adaptiveavgpool(o=7x4)", 14, 10, 3));
    }

    @Test
    void shouldMakeAnAdaptivePoolOfMatchingSizeTheIdentity() {
        assertEquals(summary("conv(k=3,s=2,c=8)", 15, 15, 3),
            summary("conv(k=3,s=2,c=8) adaptiveavgpool(o=7)", 15, 15, 3));
    }

    @Test
    void shouldMakeAnAdaptivePoolToOneByOneAGlobalPool() {
        assertEquals(summary("conv(k=3,s=2,c=8) gap", 15, 15, 3),
            summary("conv(k=3,s=2,c=8) adaptiveavgpool(o=1)", 15, 15, 3));
        Network net = ArchParser.parse("mul( | adaptiveavgpool(o=1) conv(k=1,c=3))");
        LayerTrace trace = new LayerTrace();
        assertTrue(new StackEvaluator().trace(net.records(), 0, net.count(), 6, 6, 3, m, 0, trace));
        assertEquals(LayerTrace.GLOBAL_CONTEXT, trace.flags[net.count() - 1]);
    }

    @Test
    void shouldUpsampleWithAnAdaptivePoolLargerThanItsInput() {
        // n=3, o=7: windows of 1 or 2 rows (i=2 covers [0,2)), stride max(1, floor(3/7)) = 1
        assertEquals("out 7x7x3 r 2x2 rmin 2x2 j 1x1 P 0x0 params 0 macs 0", summary("adaptiveavgpool(o=7)", 3, 3, 3));
    }
}
