package org.rfsweep.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfsweep.core.arch.ArchFile;
import org.rfsweep.core.eval.Metrics;

/**
 * Hand-made PyTorch modules exported by {@code tools/onnx/export_fixtures.py}: every op the
 * importer knows (ConvNeXt's written-out layer norm and GELU, layer scale and channels-last linear
 * layers in {@code modern}), at several opsets, on non-square inputs, and each {@code auto_pad} mode. Each
 * imports to the architecture written beside it, and its params, MACs and output shape equal
 * torch's ({@code small/torch_counts.csv}).
 */
class SmallGraphImportTest {
    static List<String> graphs() {
        return List.of("plain_op11", "plain_op14", "branches_op12", "branches_op13", "head_op11", "head_op13",
            "modern_op13", "modern_op17", "autopad_notset", "autopad_valid", "autopad_same_upper",
            "autopad_same_lower");
    }

    static List<String> counted() {
        return graphs().subList(0, 8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void shouldImportTheArchitectureWrittenBesideTheGraph(String name) throws IOException {
        ImportedNetwork imported = Fixtures.load("small/" + name + ".onnx");
        ArchFile expected = Fixtures.arch(Fixtures.ONNX.resolve("small/" + name + ".arch"));
        assertEquals(expected.network().toString(), imported.network().toString(), name);
        assertEquals(expected.network(), imported.network(), name + ": records");
        assertEquals(expected.inputShape(), imported.input(), name + ": input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counted")
    void shouldCountTorchsParamsMacsAndOutputShape(String name) throws IOException {
        ImportedNetwork imported = Fixtures.load("small/" + name + ".onnx");
        Map<String, String> row = Fixtures.csv(Fixtures.ONNX.resolve("small/torch_counts.csv")).get(name);
        Metrics m = Fixtures.evaluate(imported.network(), imported.input());
        assertEquals(Long.parseLong(row.get("params")), m.params[0], name + ": params");
        assertEquals(Long.parseLong(row.get("macs")), m.macs[0], name + ": macs");
        String[] out = row.get("out").split("x");
        String shape = out.length == 1 ? out[0] : out[0] + "x" + out[1] + "x" + out[2];
        String ours = out.length == 1 ? String.valueOf(m.outC[0]) : m.outC[0] + "x" + m.outH[0] + "x" + m.outW[0];
        assertEquals(shape, ours, name + ": output shape (C, or CxHxW)");
    }
}
