package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rfsweep import} and {@code export}, and {@code analyze} and {@code eval} on ONNX files. */
class InteropCommandsTest {
    private static final String ONNX = Path.of("..", "interop", "src", "test", "resources", "onnx").toString();
    private static final String RESNET18 = ONNX + "/zoo/resnet18.onnx";

    @TempDir
    Path dir;

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void shouldWriteAnArchFileWithTheInputLineAndNodeComments() {
        Cli.Result r = Cli.run("import", RESNET18);
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        String[] lines = r.out().split("\n");
        assertEquals("# Imported from resnet18.onnx by rfsweep import (pytorch 1.13.0, opset 14).", lines[0]);
        assertEquals("# input: 224x224x3", lines[2]);
        assertEquals("conv(k=7,s=2,p=3,c=64,bias=0)  # /conv1/Conv", lines[4]);
        assertEquals("res(conv(k=3,p=1,c=64,bias=0) bn relu conv(k=3,p=1,c=64,bias=0) bn)  # /layer1/layer1.0/Add",
            lines[8]);
    }

    @Test
    void shouldWriteTheSameFileWithOut() throws IOException {
        Path out = dir.resolve("resnet18.arch");
        Cli.Result r = Cli.run("import", RESNET18, "--out", out.toString());
        assertEquals(new Cli.Result(0, "", ""), r);
        assertEquals(Cli.run("import", RESNET18).out(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void shouldAnalyzeTheImportedFileLikeTheOnnxAndTheZooFile() throws IOException {
        Path out = dir.resolve("resnet18.arch");
        Cli.run("import", RESNET18, "--out", out.toString());
        String zoo = totalLine(Cli.run("analyze", "../data/nets/resnet18.arch").out());
        assertEquals("total                                    1x1x1000    627      32  217  11,689,512  1,814,073,344"
            + "  0", zoo);
        assertEquals(zoo, totalLine(Cli.run("analyze", RESNET18).out()));
        assertEquals(zoo, totalLine(Cli.run("analyze", out.toString()).out()));
    }

    @Test
    void shouldAnalyzeEveryZooOnnxWithTheZooFilesTotals() throws IOException {
        for (String net : new String[] {"mobilenet_v2", "densenet121", "shufflenet_v2_x1_0", "efficientnet_b0"}) {
            Cli.Result onnx = Cli.run("analyze", ONNX + "/zoo/" + net + ".onnx", "--format", "csv");
            // An inference graph holds no dropout or stochastic depth, whose outputs count in act_bytes.
            Path inference = dir.resolve(net + ".arch");
            Files.writeString(inference, Files.readString(Path.of("../data/nets/" + net + ".arch"))
                .replaceAll("\\b(dropout|droppath)\\b", ""));
            Cli.Result arch = Cli.run("analyze", inference.toString(), "--format", "csv");
            assertEquals(0, onnx.code(), onnx.err());
            assertEquals(lastLine(arch.out()), lastLine(onnx.out()), net);
        }
    }

    @Test
    void shouldEvalAnOnnxFileAsOneRow() {
        Cli.Result r = Cli.run("eval", ONNX + "/small/head_op13.onnx");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith("\"conv(k=3,p=0:1x1:2,c=8) avgpool(k=2,p=1) maxpool(k=6x8) flatten "
            + "fc(c=6,bias=0) fc(c=5)\",11x13x3,1,1,5,"), lines[1]);
        assertTrue(lines[1].endsWith(",307,30318,1131,1228,6092,6196,0,"), lines[1]);
    }

    @Test
    void shouldReportABrokenModelInOneLineWithExitCode2() {
        String file = ONNX + "/bad/missing_input.onnx";
        assertEquals(new Cli.Result(2, "", "rfsweep: " + Path.of(file) + ": node '/MaxPool' (MaxPool): input "
            + "'no_such_value' is not produced by any node, nor a graph input or initializer\n"),
            Cli.run("import", file));
    }

    @Test
    void shouldReportAMissingModel() {
        assertEquals(new Cli.Result(2, "", "rfsweep: nothing.onnx: no such file\n"), Cli.run("import", "nothing.onnx"));
    }

    @Test
    void shouldExportASmallNetAsAPyTorchModule() {
        Cli.Result r = Cli.run("export", "conv(k=3,p=1,c=8) relu res(conv(k=3,p=1,c=8)) maxpool(k=2,p=0:1) gap fc(c=2)",
            "--input", "8", "--pytorch");
        assertEquals(0, r.code(), r.err());
        String init = ""
            + "        self.l1 = nn.Conv2d(3, 8, (3, 3), stride=(1, 1), padding=(1, 1), dilation=(1, 1), groups=1, "
            + "bias=True)  # conv(k=3,p=1,c=8)\n"
            + "        self.l2 = nn.ReLU()  # relu\n"
            + "        self.l3 = nn.Conv2d(8, 8, (3, 3), stride=(1, 1), padding=(1, 1), dilation=(1, 1), groups=1, "
            + "bias=True)  # conv(k=3,p=1,c=8)\n"
            + "        self.l4 = nn.Sequential(nn.ConstantPad2d((0, 1, 0, 1), float(\"-inf\")), nn.MaxPool2d((2, 2), "
            + "stride=(2, 2), padding=0, dilation=(1, 1), ceil_mode=False))  # maxpool(k=2,p=0:1)\n"
            + "        self.l5 = nn.AdaptiveAvgPool2d(1)  # gap\n"
            + "        self.l6 = Linear(8, 2, bias=True)  # fc(c=2)\n";
        String forward = ""
            + "    def forward(self, x):\n"
            + "        x = self.l1(x)\n"
            + "        x = self.l2(x)\n"
            + "        y1 = self.l3(x)\n"
            + "        x = y1 + x\n"
            + "        x = self.l4(x)\n"
            + "        x = self.l5(x)\n"
            + "        x = self.l6(x)\n"
            + "        return x\n";
        assertTrue(r.out().contains(init), r.out());
        assertTrue(r.out().contains(forward), r.out());
        // 3*8*9+8 + 8*8*9+8 + 8*2+2 params; 8*8*8*27 + 8*8*8*72 + 2*8 MACs (torch agrees: tools/onnx/check_export.py)
        assertTrue(r.out().contains("    RFSWEEP = {\"params\": 826, \"macs\": 50704, \"output\": (2, 1, 1)}\n"),
            r.out());
    }

    @Test
    void shouldRejectANetworkThatIsInvalidAtTheInput() {
        Cli.Result r = Cli.run("export", "conv(k=7,c=8)", "--input", "4x4x3");
        assertEquals(2, r.code());
        assertEquals("rfsweep: layer 1 conv(k=7,c=8): output too small: out_h = floor((4 + 0 + 0 - 7) / 1) + 1 = -2 "
            + "is below 1 (the padded input 4 is smaller than the effective kernel 7)\n", r.err());
    }

    /** The table's total row (memory totals follow it). */
    private static String totalLine(String table) {
        return table.lines().filter(l -> l.startsWith("total")).findFirst().orElse("");
    }
}
