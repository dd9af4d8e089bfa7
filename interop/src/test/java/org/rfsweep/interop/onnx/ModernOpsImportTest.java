package org.rfsweep.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ConvNeXt's pieces exported by PyTorch 1.13: a layer norm written out in primitive ops (opset 13)
 * or as LayerNormalization (opset 17), GELU in its erf form, a layer scale and linear layers on a
 * channels-last map, read back as {@code layernorm}, {@code gelu}, {@code scale} and 1x1 convs.
 */
class ModernOpsImportTest {
    @ParameterizedTest
    @ValueSource(strings = {"modern_op13", "modern_op17"})
    void shouldReadConvNextsPiecesAsTheirLayers(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.ONNX.resolve("small/" + name + ".onnx"));
        assertEquals("conv(k=4x4,s=4x4,p=0:0x0:0,d=1x1,bias=1,c=8,g=1) layernorm add(dwconv(k=7x7,s=1x1,p=3:3x3:3,"
            + "d=1x1,bias=1) layernorm conv(k=1,c=32,bias=1) gelu conv(k=1,c=8,bias=1) scale | ) gelu",
            OnnxImporter.architecture(bytes));
    }
}
