package org.rfsweep.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfsweep.core.arch.ArchFile;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.Metrics;

/**
 * The thirteen zoo nets exported by PyTorch 1.13 ({@code tools/onnx/export_fixtures.py}, opsets
 * 11-14 and ConvNeXt-Tiny also at 17, symbolic batch, BatchNorm kept) import to their
 * {@code data/nets/} file record for record
 * (without the dropout and stochastic-depth records, which an inference graph does not contain),
 * and their params and MACs equal torchvision's ({@code core}'s zoo goldens).
 */
class ZooImportTest {
    static List<String> fixtures() {
        List<String> all = new ArrayList<>(Fixtures.ZOO);
        for (int op = 11; op <= 13; op++) {
            all.add("resnet18_op" + op);
        }
        for (int op : new int[] {11, 12, 14}) {
            all.add("mobilenet_v3_small_op" + op);
        }
        all.add("convnext_tiny_op17");
        return all;
    }

    private static String zooName(String fixture) {
        int cut = fixture.indexOf("_op");
        return cut < 0 ? fixture : fixture.substring(0, cut);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void shouldImportTheZooFileRecordForRecord(String fixture) throws IOException {
        ImportedNetwork imported = Fixtures.load("zoo/" + fixture + ".onnx");
        ArchFile file = Fixtures.arch(Fixtures.NETS.resolve(zooName(fixture) + ".arch"));
        Network expected = Fixtures.withoutInferenceIdentities(file.network());
        assertEquals(expected.toString(), imported.network().toString(), fixture);
        assertEquals(expected, imported.network(), fixture + ": records");
        assertEquals(file.inputShape(), imported.input(), fixture + ": input");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void shouldCountTorchvisionsParamsAndMacs(String fixture) throws IOException {
        ImportedNetwork imported = Fixtures.load("zoo/" + fixture + ".onnx");
        Map<String, String> golden = Fixtures.csv(Fixtures.ZOO_TOTALS).get(zooName(fixture));
        Metrics m = Fixtures.evaluate(imported.network(), imported.input());
        assertEquals(Long.parseLong(golden.get("params")), m.params[0], fixture + ": params");
        assertEquals(Long.parseLong(golden.get("macs")), m.macs[0], fixture + ": macs");
        assertEquals(golden.get("out_c"), String.valueOf(m.outC[0]), fixture + ": output channels");
    }
}
