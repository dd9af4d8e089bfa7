package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;

/** The architecture string of SPEC section 9: canonical form, records, and every parse error word for word. */
class ArchParserTest {

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '"', textBlock = """
        conv(k=3,c=64) -> conv(k=3,c=64)
        conv(k=3, s=1, p=0, d=1, g=1, bias=1, c=64) -> conv(k=3,c=64)
        conv(c=8,bias=0,g=2,d=2,p=1,s=2,k=3) -> conv(k=3,s=2,p=1,d=2,c=8,g=2,bias=0)
        conv(k=3x5,c=8) -> conv(k=3x5,c=8)
        conv(k=3x3,s=2x2,d=1x1,c=8) -> conv(k=3,s=2,c=8)
        conv(k=3,s=1x2,c=8) -> conv(k=3,s=1x2,c=8)
        conv(k=3,p=1:2x0:1,c=8) -> conv(k=3,p=1:2x0:1,c=8)
        conv(k=3,p=1:1x0:1,c=8) -> conv(k=3,p=1x0:1,c=8)
        conv(k=3,p=1:2x1:2,c=8) -> conv(k=3,p=1:2,c=8)
        conv(k=3,p=1:1x0:0,c=8) -> conv(k=3,p=1x0,c=8)
        conv(k=3,p=1x1,c=8) -> conv(k=3,p=1,c=8)
        conv(k=3,p=0:0x0:0,c=8) -> conv(k=3,c=8)
        conv(k=3,p=same,c=8) -> conv(k=3,p=same,c=8)
        conv(k=3,s=2,p=valid,c=8) -> conv(k=3,s=2,p=valid,c=8)
        maxpool(k=3,s=3) -> maxpool(k=3)
        maxpool(k=2x3,s=2x3) -> maxpool(k=2x3)
        maxpool(k=3,s=2) -> maxpool(k=3,s=2)
        maxpool(k=3,s=1) -> maxpool(k=3,s=1)
        maxpool(k=2,ceil=0) -> maxpool(k=2)
        avgpool(ceil=1,k=2) -> avgpool(k=2,ceil=1)
        maxpool(k=3,ceil=0,p=same) -> maxpool(k=3,p=same)
        dwconv(k=3,bias=1) -> dwconv(k=3)
        dwconv(k=3,c=64,bias=0) -> dwconv(k=3,c=64,bias=0)
        sepconv(k=3,p=1,c=128) -> sepconv(k=3,p=1,c=128)
        fc(c=10,bias=0) -> fc(c=10,bias=0)
        gap() bn( ) relu -> gap bn relu
        add(conv(k=3,p=1,c=8) | ) -> res(conv(k=3,p=1,c=8))
        res( relu ) -> res(relu)
        add( | relu) -> add( | relu)
        add(|) -> res()
        cat(conv(k=1,c=16)|conv(k=3,p=1,c=24)|maxpool(k=3,s=1,p=1)) -> cat(conv(k=1,c=16) | conv(k=3,p=1,c=24) | \
        maxpool(k=3,s=1,p=1))
        mul( | gap fc(c=8) relu fc(c=32)) -> mul( | gap fc(c=8) relu fc(c=32))
        add(res(relu) | cat( | )) -> add(res(relu) | cat( | ))
        conv(k=7,s=2,p=3,c=64,bias=0) bn relu maxpool(k=3,s=2,p=1) res(conv(k=3,p=1,c=64,bias=0) bn relu \
        conv(k=3,p=1,c=64,bias=0) bn) relu -> conv(k=7,s=2,p=3,c=64,bias=0) bn relu maxpool(k=3,s=2,p=1) \
        res(conv(k=3,p=1,c=64,bias=0) bn relu conv(k=3,p=1,c=64,bias=0) bn) relu
        """)
    void shouldFormatTheCanonicalString(String text, String canonical) {
        Network net = ArchParser.parse(text);
        assertEquals(canonical, ArchFormatter.format(net));
        assertEquals(net, ArchParser.parse(canonical));
        assertEquals(canonical, net.toString());
    }

    @Test
    void shouldIgnoreWhiteSpaceAroundAndBetweenLayers() {
        assertEquals("conv(k=3,c=8) relu",
            ArchFormatter.format(ArchParser.parse("  conv( k = 3 , c = 8 )\t\n relu  ")));
    }

    @Test
    void shouldWriteTheRecordsOfAnAsymmetricDilatedConv() {
        Network net = ArchParser.parse("conv(k=3x5,s=2x1,p=1:2x0:3,d=2x1,c=16,g=4,bias=0)");
        int[] expected = new int[Layer.INTS];
        Layer.clear(expected, 0, Op.CONV);
        expected[Layer.KH] = 3;
        expected[Layer.KW] = 5;
        expected[Layer.SH] = 2;
        expected[Layer.DH] = 2;
        expected[Layer.PT] = 1;
        expected[Layer.PB] = 2;
        expected[Layer.PR] = 3;
        expected[Layer.C] = 16;
        expected[Layer.G] = 4;
        assertEquals(Network.ofRecords(expected, 0, 1), net);
    }

    @Test
    void shouldStoreThePoolStrideDefaultAndTheRoundingMode() {
        Network net = ArchParser.parse("maxpool(k=3x2,ceil=1) avgpool(k=2,p=same) dwconv(k=3)");
        assertEquals(3, net.get(0, Layer.SH));
        assertEquals(2, net.get(0, Layer.SW));
        assertEquals(Rounding.CEIL, net.get(0, Layer.MODE));
        assertEquals(0, net.get(0, Layer.BIAS));
        assertEquals(Rounding.SAME, net.get(1, Layer.MODE));
        assertEquals(Layer.SAME_CHANNELS, net.get(2, Layer.C));
        assertEquals(1, net.get(2, Layer.BIAS));
    }

    @Test
    void shouldEncodeResAsAddWithAnEmptySecondBranch() {
        Network net = ArchParser.parse("res(relu) add(relu | )");
        int[] ops = new int[net.count()];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = net.op(i);
        }
        assertEquals(Arrays.toString(new int[] {Op.ADD, Op.RELU, Op.NEXT, Op.END, Op.ADD, Op.RELU, Op.NEXT, Op.END}),
            Arrays.toString(ops));
        assertEquals(2, net.layerCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', textBlock = """
        conx(k=3) => arch column 1: unknown op 'conx' (expected conv, dwconv, sepconv, maxpool, avgpool, gap, fc, bn, \
        relu, relu6, hardswish, hardsigmoid, sigmoid, silu, dropout, droppath, layernorm, gelu, scale, chunk, \
        shuffle, flatten, adaptiveavgpool, add, cat, mul or res)
        conv(k=3,c=8) Relu => arch column 15: unknown op 'Relu' (expected conv, dwconv, sepconv, maxpool, avgpool, \
        gap, fc, bn, relu, relu6, hardswish, hardsigmoid, sigmoid, silu, dropout, droppath, layernorm, gelu, scale, \
        chunk, shuffle, flatten, adaptiveavgpool, add, cat, mul or res)
        conv(k=3,c=8,x=1) => arch column 14: key 'x' does not apply to conv (keys: k, s, p, d, c, g, bias)
        avgpool(k=3,d=2) => arch column 13: key 'd' does not apply to avgpool (keys: k, s, p, ceil)
        conv(k=3,c=8,ceil=1) => arch column 14: key 'ceil' does not apply to conv (keys: k, s, p, d, c, g, bias)
        relu(k=1) => arch column 6: key 'k' does not apply to relu (it takes no arguments)
        conv(=3) => arch column 6: expected a key of conv (k, s, p, d, c, g, bias), found '='
        relu relu( => arch column 11: expected ')' after relu( (it takes no arguments), found end of input
        conv(k=3,k=5,c=8) => arch column 10: key 'k' of conv given twice (each key may appear once)
        conv(k 3,c=8) => arch column 8: expected '=' after key 'k', found '3'
        conv(k,c=8) => arch column 7: expected '=' after key 'k', found ','
        conv(k=,c=8) => arch column 8: expected a number for k, found ','
        conv(k=3x,c=8) => arch column 10: expected a number for k, found ','
        conv(k=3,p=1:,c=8) => arch column 14: expected a number for p, found ','
        conv(k=3.5,c=8) => arch column 9: expected ',' or ')' in conv(, found '.'
        conv(k=3;c=8) => arch column 9: expected ',' or ')' in conv(, found ';'
        conv(k=0,c=8) => arch column 8: k=0 is not a positive kernel (allowed 1..4096)
        conv(k=4097,c=8) => arch column 8: k=4097 is not a positive kernel (allowed 1..4096)
        conv(k=3x0,c=8) => arch column 10: k=0 is not a positive kernel (allowed 1..4096)
        conv(k=99999999999999,c=8) => arch column 8: k=99999999999999 is not a positive kernel (allowed 1..4096)
        conv(k=3,s=0,c=8) => arch column 12: s=0 is not a positive stride (allowed 1..4096)
        conv(k=3,d=0,c=8) => arch column 12: d=0 is not a positive dilation (allowed 1..4096)
        conv(k=3,c=0) => arch column 12: c=0 is not a positive channel count (allowed 1..16777216)
        conv(k=3,c=16777217) => arch column 12: c=16777217 is not a positive channel count (allowed 1..16777216)
        conv(k=3,c=8,g=0) => arch column 16: g=0 is not a positive group count (allowed 1..16777216)
        conv(k=3,c=8,bias=2) => arch column 19: bias=2 is not 0 or 1 (allowed 0..1)
        maxpool(k=2,ceil=2) => arch column 18: ceil=2 is not 0 or 1 (allowed 0..1)
        conv(k=3,p=-1,c=8) => arch column 12: p=-1 is not a padding of 0 or more (allowed 0..1048576)
        conv(k=3,p=1:-2,c=8) => arch column 14: p=-2 is not a padding of 0 or more (allowed 0..1048576)
        conv(k=-3,c=8) => arch column 8: k=-3 is not a positive kernel (allowed 1..4096)
        conv(k=3,p=1048577,c=8) => arch column 12: p=1048577 is not a padding of 0 or more (allowed 0..1048576)
        conv(k=3,p=foo,c=8) => arch column 12: p=foo is not a padding (expected N, HxW, before:after, same or valid)
        conv(k=3) => arch column 1: conv needs c (the output channels, like c=64)
        relu conv(c=8) => arch column 6: conv needs k (the kernel, like k=3)
        sepconv(k=3) => arch column 1: sepconv needs c (the output channels, like c=64)
        fc => arch column 1: fc needs c (the output channels, like c=64)
        maxpool => arch column 1: maxpool needs k (the kernel, like k=3)
        conv(k=3,c=8 => arch column 13: expected ',' or ')' in conv(, found end of input
        res(conv(k=3,c=8) => arch column 18: expected ')' to close res( at column 1, found end of input
        relu add(relu | relu => arch column 21: expected ')' to close add( at column 6, found end of input
        add(relu => arch column 9: expected '|' and a second branch in add(, found end of input
        cat(relu) => arch column 9: expected '|' and a second branch in cat(, found ')'
        res(relu|relu) => arch column 9: expected ')' to close res( at column 1, found '|'
        res relu => arch column 4: expected '(' after res, found white space
        conv(k=3,c=8)relu => arch column 14: expected white space between layers, found 'r'
        conv(k=3,c=8),relu => arch column 14: expected white space between layers, found ','
        res(relu)relu => arch column 10: expected white space between layers, found 'r'
        relu ) => arch column 6: expected a layer name, found ')'
        relu | relu => arch column 6: expected a layer name, found '|'
        maxpool(k=3,p=same,ceil=1) => arch column 20: ceil=1 applies to explicit padding, not to p=same
        maxpool(k=3,p=valid,ceil=1) => arch column 21: ceil=1 applies to explicit padding, not to p=valid
        maxpool(k=3,ceil=1,p=same) => arch column 22: ceil=1 applies to explicit padding, not to p=same
        """)
    void shouldNameColumnFieldValueAndRuleOfEveryParseError(String text, String message) {
        ArchSyntaxException e = assertThrows(ArchSyntaxException.class, () -> ArchParser.parse(text));
        assertEquals(message, e.getMessage());
        assertEquals(message, "arch column " + e.column() + message.substring(message.indexOf(':')));
    }

    @Test
    void shouldRejectAnEmptyArchitecture() {
        assertEquals("arch column 1: expected a layer, found an empty architecture",
            assertThrows(ArchSyntaxException.class, () -> ArchParser.parse("")).getMessage());
        assertEquals("arch column 4: expected a layer, found an empty architecture",
            assertThrows(ArchSyntaxException.class, () -> ArchParser.parse("   ")).getMessage());
    }

    @Test
    void shouldRejectBranchesNestedDeeperThanTheLimit() {
        String deep = "res(".repeat(33) + "relu" + ")".repeat(33);
        assertEquals("arch column 129: branches nested deeper than 32",
            assertThrows(ArchSyntaxException.class, () -> ArchParser.parse(deep)).getMessage());
        String limit = "res(".repeat(32) + "relu" + ")".repeat(32);
        assertEquals(limit, ArchFormatter.format(ArchParser.parse(limit)));
    }

    @Test
    void shouldReuseOneParserForManyStrings() {
        ArchParser parser = new ArchParser();
        Network first = parser.parseNetwork("conv(k=3,c=8) relu");
        assertEquals("maxpool(k=2)", parser.parseNetwork("maxpool(k=2)").toString());
        assertEquals("conv(k=3,c=8) relu", first.toString());
        assertThrows(ArchSyntaxException.class, () -> parser.parseNetwork("relu("));
        assertEquals("bn", parser.parseNetwork("bn").toString());
    }
}
