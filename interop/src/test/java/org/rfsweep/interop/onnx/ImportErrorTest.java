package org.rfsweep.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Malformed files and graphs the grammar cannot express: one line naming the node, the op and why. */
class ImportErrorTest {
    private static String error(String fixture) {
        return assertThrows(OnnxImportException.class, () -> Fixtures.load(fixture)).getMessage();
    }

    private static String error(Graphs g) {
        return assertThrows(OnnxImportException.class, g::load).getMessage();
    }

    @Test
    void shouldRejectATruncatedFile() {
        assertEquals(Fixtures.ONNX.resolve("bad/truncated.onnx") + ": not an ONNX model (truncated, or not protobuf: "
            + "While parsing a protocol message, the input ended unexpectedly in the middle of a field)",
            error("bad/truncated.onnx"));
    }

    @Test
    void shouldRejectAFileThatIsNotOnnx() {
        assertEquals(Fixtures.ONNX.resolve("bad/not_onnx.onnx") + ": not an ONNX model (truncated, or not protobuf: "
            + "Protocol message tag had invalid wire type.)", error("bad/not_onnx.onnx"));
    }

    @Test
    void shouldRejectANodeWithAMissingInput() {
        assertEquals(Fixtures.ONNX.resolve("bad/missing_input.onnx") + ": node '/MaxPool' (MaxPool): input "
            + "'no_such_value' is not produced by any node, nor a graph input or initializer",
            error("bad/missing_input.onnx"));
    }

    @Test
    void shouldRejectACycle() {
        assertEquals(Fixtures.ONNX.resolve("bad/cycle.onnx") + ": node '/c1/Conv' (Conv): is on a cycle: its inputs "
            + "depend on its own output", error("bad/cycle.onnx"));
    }

    @Test
    void shouldRejectAnEmptyProtobuf() {
        assertEquals("not an ONNX model (no IR version or no graph nodes)",
            assertThrows(OnnxImportException.class, () -> OnnxImporter.parse(new byte[0], "empty.onnx")).getMessage());
    }

    @Test
    void shouldNameAnOpItDoesNotKnow() {
        Graphs g = Graphs.input(3, 8, 8).node("LRN", "lrn", new String[] {"x"}, "y").output("y");
        assertEquals("node 'lrn' (LRN): not an op rfsweep imports", error(g));
    }

    @Test
    void shouldRejectAProductWithAConstant() {
        Graphs g = Graphs.input(3, 8, 8).constant("two", 2).node("Mul", "scale", new String[] {"x", "two"}, "y")
            .output("y");
        assertEquals("node 'scale' (Mul): multiplies a tensor by a constant; rfsweep has no such layer", error(g));
    }

    @Test
    void shouldRejectBranchesThatDoNotNest() {
        Graphs g = Graphs.input(3, 8, 8)
            .node("Relu", "a", new String[] {"x"}, "a")
            .node("Sigmoid", "b", new String[] {"a"}, "b")
            .node("Add", "c", new String[] {"x", "a"}, "c")
            .node("Add", "d", new String[] {"c", "b"}, "d").output("d");
        assertEquals("node 'a' (Relu): its output feeds branches that do not meet at one join; the graph is not a "
            + "nesting of add, cat and mul blocks", error(g));
    }

    @Test
    void shouldRejectAPadThatNoConvOrPoolFollows() {
        Graphs g = Graphs.input(3, 8, 8).constant("pads", 0, 0, 1, 1, 0, 0, 1, 1)
            .node("Pad", "pad", new String[] {"x", "pads"}, "p")
            .node("Relu", "relu", new String[] {"p"}, "y").output("y");
        assertEquals("node 'pad' (Pad): Pad is folded only into a following Conv, MaxPool or AveragePool, but its "
            + "output goes to node 'relu' (Relu)", error(g));
    }

    @Test
    void shouldRejectA3dConvolution() {
        Graphs g = Graphs.input(3, 8, 8).weight("w", 4, 3, 3, 3, 3)
            .node("Conv", "conv3d", new String[] {"x", "w"}, "y").output("y");
        assertEquals("node 'conv3d' (Conv): weight has rank 5; rfsweep imports 2-D convolutions", error(g));
    }

    @Test
    void shouldRejectAConvWhoseWeightDoesNotFitTheInput() {
        Graphs g = Graphs.input(3, 8, 8).weight("w", 4, 2, 3, 3)
            .node("Conv", "conv", new String[] {"x", "w"}, "y").output("y");
        assertEquals("node 'conv' (Conv): weight 2 input channels x group 1 does not match the input's 3 channels",
            error(g));
    }

    @Test
    void shouldRejectASymbolicHeight() {
        Graphs g = new Graphs();
        g.weight("x", -1, 3, -1, 8).node("Relu", "relu", new String[] {"x"}, "y").output("y");
        assertEquals("input 'x': the height is symbolic; export the model with a fixed height (only the batch may be "
            + "symbolic)", error(g));
    }

    @Test
    void shouldRejectUnevenChannelSplits() {
        Graphs g = Graphs.input(6, 8, 8).constant("sizes", 2, 4)
            .node("Split", "split", new String[] {"x", "sizes"}, "a", Graphs.ints("axis_unused"))
            .output("a");
        assertEquals("node 'split' (Split): splits axis 0; rfsweep splits channels (axis 1) only", error(g));
    }
}
