package org.rfsweep.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;

/** Graphs PyTorch 1.13 does not write in inference mode, built with the project's own schema. */
class HandBuiltGraphTest {
    private static String imported(Graphs g) {
        return g.load().network().toString();
    }

    @Test
    void shouldReadMatMulPlusAddAsALinearLayerWithBias() {
        Graphs g = Graphs.input(3, 4, 4).weight("w", 48, 5).weight("b", 5)
            .node("Flatten", "flat", new String[] {"x"}, "f")
            .node("MatMul", "mm", new String[] {"f", "w"}, "m")
            .node("Add", "bias", new String[] {"m", "b"}, "y").output("y");
        assertEquals("flatten fc(c=5)", imported(g));
    }

    @Test
    void shouldReadMatMulWithoutAddAsALinearLayerWithoutBias() {
        Graphs g = Graphs.input(3, 4, 4).weight("w", 48, 5)
            .node("Flatten", "flat", new String[] {"x"}, "f")
            .node("MatMul", "mm", new String[] {"f", "w"}, "y").output("y");
        assertEquals("flatten fc(c=5,bias=0)", imported(g));
    }

    @Test
    void shouldKeepDropoutAndDropIdentity() {
        Graphs g = Graphs.input(3, 4, 4)
            .node("Dropout", "drop", new String[] {"x"}, "d")
            .node("Identity", "id", new String[] {"d"}, "y").output("y");
        assertEquals("dropout", imported(g));
    }

    @Test
    void shouldReadGlobalPoolsAndAReduceMeanWithoutKeepdims() {
        Graphs g = Graphs.input(3, 5, 7)
            .node("GlobalMaxPool", "gmp", new String[] {"x"}, "a")
            .node("ReduceMean", "mean", new String[] {"a"}, "y", Graphs.ints("axes", -1, -2)).output("y");
        assertEquals(ArchParser.parse("maxpool(k=5x7) gap"), g.load().network());
    }

    @Test
    void shouldReadAnExplicitSameLowerPaddingOnAnOddRemainder() {
        Graphs g = Graphs.input(3, 6, 6).weight("w", 4, 3, 2, 2)
            .node("Conv", "conv", new String[] {"x", "w"}, "y", Graphs.ints("strides", 1, 1),
                Graphs.string("auto_pad", "SAME_LOWER")).output("y");
        assertEquals("conv(k=2,p=1:0,c=4,bias=0)", imported(g));
    }

    @Test
    void shouldRejectAGraphWithTwoOutputs() {
        Graphs g = Graphs.input(3, 4, 4).node("Relu", "r", new String[] {"x"}, "y").output("y").output("x");
        assertEquals("the graph has 2 outputs; rfsweep imports networks with one",
            assertThrows(OnnxImportException.class, g::load).getMessage());
    }

    @Test
    void shouldRejectAnOutputThatIsAConstant() {
        Graphs g = Graphs.input(3, 4, 4).constant("c", 1, 2).node("Identity", "id", new String[] {"c"}, "y")
            .output("y");
        assertEquals("the graph's output 'y' does not depend on its input 'x'",
            assertThrows(OnnxImportException.class, g::load).getMessage());
    }

    @Test
    void shouldRejectAClipThatIsNotARelu() {
        Graphs g = Graphs.input(3, 4, 4).node("Clip", "clip", new String[] {"x"}, "y", Graphs.real("min", -1),
            Graphs.real("max", 1)).output("y");
        assertEquals("node 'clip' (Clip): Clip to [-1.0, 1.0] is neither relu6 [0, 6] nor relu [0, inf]",
            assertThrows(OnnxImportException.class, g::load).getMessage());
    }
}
