package org.rfsweep.interop.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchFile;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.InputShape;

/**
 * The generated PyTorch text for a few nets. That the modules build in torch with rfsweep's params,
 * MACs and output shape is checked by {@code tools/onnx/check_export.py} (needs torch).
 */
class PyTorchExporterTest {
    private static String export(String arch, String input) {
        return PyTorchExporter.export(ArchParser.parse(arch), InputShape.parse(input), "Net");
    }

    private static String exportZoo(String name) throws IOException {
        ArchFile file = ArchFile.read(Path.of("..", "data", "nets", name + ".arch"));
        return PyTorchExporter.export(file.network(), file.inputShape(), "Net");
    }

    private static long count(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void shouldWriteOneModulePerLayerOfResNet18WithTheDownsampleAsASecondBranch() throws IOException {
        String py = exportZoo("resnet18");
        ArchFile file = ArchFile.read(Path.of("..", "data", "nets", "resnet18.arch"));
        assertEquals(file.network().layerCount(), count(py, "        self.l"));
        assertTrue(py.contains("    INPUT = (3, 224, 224)  # C, H, W\n"));
        assertTrue(py.contains("    RFSWEEP = {\"params\": 11689512, \"macs\": 1814073344, "
            + "\"output\": (1000, 1, 1)}\n"));
        assertTrue(py.contains(""
            + "        y5 = self.l21(y5)\n"
            + "        y6 = self.l22(x)\n"
            + "        y6 = self.l23(y6)\n"
            + "        x = y5 + y6\n"), py);
        assertTrue(py.contains("        self.l61 = Linear(512, 1000, bias=True)  # fc(c=1000)\n"), py);
    }

    @Test
    void shouldSpellOutNestedBlocksOfEfficientNet() throws IOException {
        String py = exportZoo("efficientnet_b0");
        assertTrue(py.contains("        self.l4 = nn.Conv2d(32, 32, (3, 3), stride=(1, 1), padding=(1, 1), "
            + "dilation=(1, 1), groups=32, bias=False)  # dwconv(k=3,p=1,bias=0)\n"), py);
        assertTrue(py.contains(""
            + "        y2 = self.l7(x)\n"
            + "        y2 = self.l8(y2)\n"
            + "        y2 = self.l9(y2)\n"
            + "        y2 = self.l10(y2)\n"
            + "        y2 = self.l11(y2)\n"
            + "        x = x * y2\n"), py);
    }

    @Test
    void shouldWriteConvNextsLayerNormGeluAndLayerScale() throws IOException {
        String py = exportZoo("convnext_tiny");
        assertTrue(py.contains("        self.l2 = LayerNorm2d(96)  # layernorm\n"), py);
        assertTrue(py.contains("        self.l6 = nn.GELU()  # gelu\n"), py);
        assertTrue(py.contains("        self.l8 = Scale(96)  # scale\n"), py);
        assertTrue(py.contains("    RFSWEEP = {\"params\": 28589128, \"macs\": 4455531264, "
            + "\"output\": (1000, 1, 1)}\n"), py);
    }

    @Test
    void shouldWorkOutSamePaddingAtTheLayersInputAndPadAsymmetricLayersExplicitly() {
        String py = export("conv(k=3,s=2,p=same,c=4,bias=0) chunk(n=2,i=1) shuffle(g=2) avgpool(k=2,p=1:0x0:1,ceil=1) "
            + "cat( | sepconv(k=3,p=1,c=2)) conv(k=3,p=valid,c=2) flatten", "19x18x3");
        assertTrue(py.contains("self.l1 = nn.Sequential(nn.ConstantPad2d((0, 1, 1, 1), 0.0), nn.Conv2d(3, 4, (3, 3), "
            + "stride=(2, 2), padding=0, dilation=(1, 1), groups=1, bias=False))"), py);
        assertTrue(py.contains("self.l2 = Chunk(2, 1)  # chunk(n=2,i=1)"), py);
        assertTrue(py.contains("self.l3 = Shuffle(2)  # shuffle(g=2)"), py);
        // asymmetric padding in ceil mode: floor mode with the padding after grown to the same extent
        assertTrue(py.contains("self.l4 = nn.Sequential(nn.ConstantPad2d((0, 1, 1, 1), 0.0), nn.AvgPool2d((2, 2), "
            + "stride=(2, 2), padding=0, ceil_mode=False))"), py);
        assertTrue(py.contains("self.l5 = nn.Sequential(nn.Conv2d(2, 2, (3, 3), stride=(1, 1), padding=(1, 1), "
            + "dilation=(1, 1), groups=2, bias=False), nn.Conv2d(2, 2, 1, bias=True))"), py);
        assertTrue(py.contains("        x = torch.cat([x, y2], 1)\n"), py);
        assertTrue(py.contains("self.l6 = nn.Conv2d(4, 2, (3, 3), stride=(1, 1), padding=(0, 0), dilation=(1, 1), "
            + "groups=1, bias=True)  # conv(k=3,p=valid,c=2)"), py);
        assertTrue(py.contains("self.l7 = Flatten()  # flatten"), py);
    }

    @Test
    void shouldRejectANetworkThatIsInvalidAtTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> export("conv(k=7,c=8)", "4x4x3"));
        assertEquals("layer 1 conv(k=7,c=8): output too small: out_h = floor((4 + 0 + 0 - 7) / 1) + 1 = -2 is below 1 "
            + "(the padded input 4 is smaller than the effective kernel 7)", e.getMessage());
    }
}
