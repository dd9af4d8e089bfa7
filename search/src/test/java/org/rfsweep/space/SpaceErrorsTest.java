package org.rfsweep.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.ArchSyntaxException;
import org.rfsweep.core.arch.InputShape;

/** Every kind of spec error, with its exact one-line message. */
class SpaceErrorsTest {
    private static final String OPS = "conv, dwconv, sepconv, maxpool, avgpool, gap, fc, bn, relu, relu6, hardswish,"
        + " hardsigmoid, sigmoid, silu, dropout or droppath";

    /** The parser's own message for {@code arch}: the loader puts the path in front of it. */
    private static String archError(String arch) {
        return assertThrows(ArchSyntaxException.class, () -> ArchParser.parse(arch)).getMessage();
    }

    private static String inputError(String input) {
        return assertThrows(IllegalArgumentException.class, () -> InputShape.parse(input)).getMessage();
    }

    /** A valid space with {@code %s} in place of its layer choice set. */
    private static String withLayer(String layer) {
        return "{'input': '32', 'body': {'depth': [1, 2], 'layer': " + layer + "}}";
    }

    /** Errors in the document, the inputs, the stem and head, the body and its stages. */
    static Stream<Arguments> documentErrors() {
        return Stream.of(
            // the JSON itself
            Arguments.of("", "t.json: empty file (expected a JSON object)"),
            Arguments.of("{'input': }",
                "t.json: line 1, column 11: Unexpected character ('}' (code 125)): expected a valid value"
                    + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
            Arguments.of("{'input': '32', 'input': '64'}",
                "t.json: line 1, column 24: Duplicate field 'input'"),
            Arguments.of("[1]", "t.json: [1] is not an object"),
            Arguments.of("{'inputs': '32'}",
                "t.json: inputs: unknown key (expected name, description, input, stem, body, head, constraints)"),
            Arguments.of("{'name': 3, 'input': '32'}", "t.json: name: 3 is not a string"),
            // inputs
            Arguments.of("{'body': {'depth': 1, 'layer': {'op': 'relu'}}}",
                "t.json: input: missing (the input, like \"224x224x3\", or a list of inputs)"),
            Arguments.of("{'input': [], 'body': {'depth': 1, 'layer': {'op': 'relu'}}}",
                "t.json: input: [] is empty (give at least one input)"),
            Arguments.of("{'input': ['32', true], 'body': {'depth': 1, 'layer': {'op': 'relu'}}}",
                "t.json: input[1]: true is not an input (expected \"HxWxC\" or N)"),
            Arguments.of("{'input': '0x32x3', 'body': {'depth': 1, 'layer': {'op': 'relu'}}}",
                "t.json: input: " + inputError("0x32x3")),
            // stem and head
            Arguments.of("{'input': '32', 'stem': 'conv(k=3', 'body': {'depth': 1, 'layer': {'op': 'relu'}}}",
                "t.json: stem: " + archError("conv(k=3")),
            Arguments.of("{'input': '32', 'head': 'gap fc', 'body': {'depth': 1, 'layer': {'op': 'relu'}}}",
                "t.json: head: " + archError("gap fc")),
            // body
            Arguments.of("{'input': '32'}",
                "t.json: body: missing (the searchable positions: depth and layer, or stages)"),
            Arguments.of("{'input': '32', 'body': {'layer': {'op': 'relu'}}}",
                "t.json: body: missing depth (the number of positions: N or [min, max])"),
            Arguments.of("{'input': '32', 'body': {'depth': 2}}",
                "t.json: body: missing layer (the choice set of every position)"),
            Arguments.of("{'input': '32', 'body': {'depth': 2, 'stages': []}}",
                "t.json: body: give either depth and layer, or stages, not both"),
            Arguments.of("{'input': '32', 'body': {'depth': [1, 2, 3], 'layer': {'op': 'relu'}}}",
                "t.json: body.depth: [1,2,3] is not a depth (expected N or [min, max])"),
            Arguments.of("{'input': '32', 'body': {'depth': [3, 1], 'layer': {'op': 'relu'}}}",
                "t.json: body.depth: [3, 1]: min 3 is above max 1"),
            Arguments.of("{'input': '32', 'body': {'depth': -1, 'layer': {'op': 'relu'}}}",
                "t.json: body.depth: -1 is not a depth (expected N >= 0 or [min, max])"),
            Arguments.of("{'input': '32', 'body': {'depth': 70000, 'layer': {'op': 'relu'}}}",
                "t.json: body.depth: 70000 is above the largest depth 65536"),
            Arguments.of("{'input': '32', 'body': {'depth': 40000, 'layer': {'op': 'relu', 'after': 'relu'}}}",
                "t.json: body: the deepest candidate has 80000 layers, above the largest stack of 65536"),
            Arguments.of("{'input': '32', 'body': {'depth': [0, 3], 'layer': {'op': 'relu'}}}",
                "t.json: body: the shallowest candidate has no layers (add a stem or a head, or raise a depth minimum"
                    + " above 0)"),
            // stages
            Arguments.of("{'input': '32', 'body': {'stages': {}}}", "t.json: body.stages: {} is not a list of stages"),
            Arguments.of("{'input': '32', 'body': {'stages': []}}",
                "t.json: body.stages: [] is empty (give at least one stage)"),
            Arguments.of("{'input': '32', 'body': {'stages': [{'layer': {'op': 'relu'}}]}}",
                "t.json: body.stages[0]: missing depth (the number of positions: N or [min, max])"),
            Arguments.of("{'input': '32', 'body': {'stages': [{'depth': 1, 'layer': {'op': 'relu'}}, {'depth': 1}]}}",
                "t.json: body.stages[1]: missing layer (the choice set of the stage's positions)"),
            Arguments.of("{'input': '32', 'body': {'stages': [{'depth': 1, 'strides': 2}]}}",
                "t.json: body.stages[0].strides: unknown key (expected depth, stride, layer, pre, post)"),
            Arguments.of("{'input': '32', 'body': {'stages': [{'depth': 1, 'stride': 0, 'layer': {'op': 'relu'}}]}}",
                "t.json: body.stages[0].stride: 0 is not a positive stride"),
            Arguments.of("{'input': '32', 'body': {'stages': [{'depth': 1, 'stride': '2y', 'layer': {'op': 'relu'}}]}}",
                "t.json: body.stages[0].stride: \"2y\" is not a stride (expected N or HxW)"),
            Arguments.of("{'input': '32', 'body': {'stages': [{'depth': 1, 'pre': 'pool', 'layer': {'op': 'relu'}}]}}",
                "t.json: body.stages[0].pre: " + archError("pool")),
            Arguments.of("{'input': '32', 'body': {'stages': [{'depth': 1, 'layer': [{'op': 'conv', 'k': 3, 'c': 8},"
                    + " {'op': 'conv', 'c': 8}]}]}}",
                "t.json: body.stages[0].layer[1]: missing k (conv needs a kernel)")
        );
    }

    /** Errors in choice sets, constraints and the worst-case bounds. */
    static Stream<Arguments> choiceSetErrors() {
        return Stream.of(
            Arguments.of(withLayer("3"), "t.json: body.layer: 3 is not an object"),
            Arguments.of(withLayer("{'op': 'conv', 'kernel': 3}"),
                "t.json: body.layer.kernel: unknown key (expected op, k, s, d, c, p, bias, after)"),
            Arguments.of(withLayer("{'k': 3}"),
                "t.json: body.layer: missing op (the ops to choose from, like [\"conv\"])"),
            Arguments.of(withLayer("{'op': []}"), "t.json: body.layer.op: [] is empty (give at least one value)"),
            Arguments.of(withLayer("{'op': ['conv', 'pool'], 'k': 3, 'c': 8}"),
                "t.json: body.layer.op[1]: \"pool\" is not an op (expected " + OPS + ")"),
            Arguments.of(withLayer("{'op': 'shuffle'}"),
                "t.json: body.layer.op: \"shuffle\" is not an op (expected " + OPS + ")"),
            Arguments.of(withLayer("{'op': 'conv', 'c': 8}"), "t.json: body.layer: missing k (conv needs a kernel)"),
            Arguments.of(withLayer("{'op': ['maxpool', 'sepconv'], 'k': 3}"),
                "t.json: body.layer: missing c (sepconv needs output channels)"),
            Arguments.of(withLayer("{'op': 'conv', 'k': [1, 3, 0], 'c': 8}"),
                "t.json: body.layer.k[2]: 0 is not a positive kernel"),
            Arguments.of(withLayer("{'op': 'conv', 'k': '0x3', 'c': 8}"),
                "t.json: body.layer.k: 0x3 is not a positive kernel"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 5000, 'c': 8}"),
                "t.json: body.layer.k: 5000 is above the largest kernel 4096"),
            Arguments.of(withLayer("{'op': 'conv', 'k': [3, '3y5'], 'c': 8}"),
                "t.json: body.layer.k[1]: \"3y5\" is not a kernel (expected N or HxW)"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3.5, 'c': 8}"),
                "t.json: body.layer.k: 3.5 is not a kernel (expected N or HxW)"),
            Arguments.of(withLayer("{'op': 'conv', 'k': [], 'c': 8}"),
                "t.json: body.layer.k: [] is empty (give at least one value)"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 's': [1, 0], 'c': 8}"),
                "t.json: body.layer.s[1]: 0 is not a positive stride"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 'd': -2, 'c': 8}"),
                "t.json: body.layer.d: -2 is not a positive dilation"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 'c': [8, 0]}"),
                "t.json: body.layer.c[1]: 0 is not a positive channel count"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 'c': 20000000}"),
                "t.json: body.layer.c: 20000000 is above the largest channel count 16777216"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 'c': 'wide'}"),
                "t.json: body.layer.c: \"wide\" is not a channel count"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 'c': 8, 'p': ['keep', 'half']}"),
                "t.json: body.layer.p[1]: \"half\" is not a padding (expected N >= 0, before:after, HxW, keep, same or"
                    + " valid)"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 'c': 8, 'p': -1}"),
                "t.json: body.layer.p: -1 is not a padding (expected N >= 0, before:after, HxW, keep, same or valid)"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 'c': 8, 'p': '2000000:0'}"),
                "t.json: body.layer.p: 2000000:0 is above the largest padding 1048576"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 'c': 8, 'bias': 2}"),
                "t.json: body.layer.bias: 2 is not 0 or 1"),
            Arguments.of(withLayer("{'op': 'conv', 'k': 3, 'c': 8, 'after': 'bn relu('}"),
                "t.json: body.layer.after: " + archError("bn relu(")),
            // constraints are checked with the space's inputs
            Arguments.of("{'input': '32', 'body': {'depth': 1, 'layer': {'op': 'relu'}}, 'constraints': [3]}",
                "t.json: constraints[0]: 3 is not a string"),
            // bounds, checked once for the worst case
            Arguments.of("{'input': '8192', 'body': {'depth': 40,"
                + " 'layer': {'op': 'conv', 'k': 7, 'c': 4096, 'p': 'keep'}}}",
                "t.json: body.layer: in the worst case macs reaches about 1.16e+18, above the bound 2^60 (lower the"
                    + " kernels, strides, channels or depths)"),
            Arguments.of("{'input': '64', 'body': {'depth': 40, 'layer': {'op': 'conv', 'k': 3, 's': [1, 4], 'c': 8}}}",
                "t.json: body.layer: in the worst case stride_h reaches about 1.72e+10, above the bound 2^32 (lower the"
                    + " kernels, strides, channels or depths)"),
            Arguments.of("{'input': '1048576x1048576x16777216', 'body': {'depth': 1, 'layer': {'op': 'conv', 'k': 1,"
                + " 'c': 16777216}}}",
                "t.json: body.layer: in the worst case macs goes above the bound 2^60 (lower the kernels, strides,"
                    + " channels or depths)"),
            Arguments.of("{'input': '64', 'stem': 'conv(k=3,p=600000,c=3)',"
                + " 'body': {'depth': 1, 'layer': {'op': 'relu'}}}",
                "t.json: stem: in the worst case out_h reaches about 1.20e+06, above the bound 1048576 (lower the"
                    + " kernels, strides, channels or depths)")
        );
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource({"documentErrors", "choiceSetErrors"})
    void shouldNameFilePathValueAndRule(String json, String message) {
        SpecException e = assertThrows(SpecException.class,
            () -> CompiledSpace.compile(SpaceLoader.parse(TestSpaces.json(json), "t.json")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void shouldNameAMissingFile() {
        SpecException e = assertThrows(SpecException.class, () -> SpaceLoader.load(Path.of("no/such/space.json")));
        assertEquals("no/such/space.json: no such file", e.getMessage());
    }

    @Test
    void shouldNameThePathWithoutAFileForABuiltSpace() {
        SpecException e = assertThrows(SpecException.class, () -> Space.builder().input("32")
            .body(1, 2, LayerChoice.builder().op("conv").k(1, 3, 0).c(8).build()).build());
        assertEquals("body.layer.k[2]: 0 is not a positive kernel", e.getMessage());
    }

    @Test
    void shouldNameTheStageOfABuiltSpace() {
        SpecException e = assertThrows(SpecException.class, () -> Space.builder().input("32")
            .stage(Stage.builder().depth(1).layer(LayerChoice.builder().op("relu").build()))
            .stage(Stage.builder().depth(2, 1).layer(LayerChoice.builder().op("relu").build()))
            .build());
        assertEquals("body.stages[1].depth: [2, 1]: min 2 is above max 1", e.getMessage());
    }
}
