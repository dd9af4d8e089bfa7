package org.rfsweep.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.Network;

/**
 * The zoo against torchvision 0.14.1 itself: goldens written by {@code tools/golden/gen_zoo_goldens.py}
 * ({@code golden/zoo/totals.csv} and one {@code golden/zoo/NAME.csv} per network).
 *
 * <p>Totals: params ({@code sum(p.numel())}, batch-norm weights and biases included) and MACs
 * (conv and linear only, SPEC section 7 {@code macs}) equal to the integer, and the output shape.
 *
 * <p>Layers: the golden rows are torchvision's convs, linears and pools in execution order; the
 * architecture's records of the same kinds ({@code conv}, {@code dwconv} and {@code sepconv} are
 * {@code conv}; {@code fc}; {@code maxpool}; {@code avgpool}; {@code gap} and
 * {@code adaptiveavgpool} are {@code adaptiveavgpool}), taken in text order, must match them one
 * to one in kind, output shape, params and MACs. Branches are written in the order torchvision's
 * forward() runs them, so text order is execution order.
 */
class ZooGoldenTest {
    private static final String TOTALS = "/golden/zoo/totals.csv";

    static List<String> nets() {
        return ZooNet.names();
    }

    @Test
    void shouldHaveAGoldenForEveryZooFileAndAFileForEveryGolden() throws IOException {
        List<String> golden = new ArrayList<>(totals().keySet());
        golden.sort(null);
        assertEquals(golden, ZooNet.names());
        assertEquals(13, golden.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void shouldMatchTorchvisionTotalParamsMacsAndOutputShape(String name) throws IOException {
        CSVRecord expected = totals().get(name);
        assertNotNull(expected, "no row for " + name + " in " + TOTALS);
        ZooNet zoo = ZooNet.load(name);
        assertEquals(expected.get("input"), zoo.input().toString(), name + ": input");
        assertEquals(Long.parseLong(expected.get("params")), zoo.totals().params[0], name + ": params");
        assertEquals(Long.parseLong(expected.get("macs")), zoo.totals().macs[0], name + ": macs");
        assertEquals(expected.get("out_c") + "x" + expected.get("out_h") + "x" + expected.get("out_w"),
            zoo.totals().outC[0] + "x" + zoo.totals().outH[0] + "x" + zoo.totals().outW[0], name + ": output CxHxW");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void shouldMatchTorchvisionLayerByLayer(String name) throws IOException {
        List<CSVRecord> golden = read("/golden/zoo/" + name + ".csv");
        ZooNet zoo = ZooNet.load(name);
        int row = 0;
        for (int i = 0; i < zoo.net().count(); i++) {
            String kind = zoo.kind(i);
            if (kind == null) {
                continue;
            }
            String where = name + " record " + i + " " + zoo.text(i);
            assertFalse(row >= golden.size(), where + ": torchvision has no more convs, linears or pools");
            CSVRecord g = golden.get(row++);
            String expected = g.get("kind") + " " + g.get("out_c") + "x" + g.get("out_h") + "x" + g.get("out_w")
                + " params " + g.get("params") + " macs " + g.get("macs");
            String actual = kind + " " + zoo.trace().outC[i] + "x" + zoo.trace().outH[i] + "x" + zoo.trace().outW[i]
                + " params " + zoo.trace().params[i] + " macs " + zoo.trace().macs[i];
            assertEquals(expected, actual,
                where + " vs torchvision row " + g.get("index") + " (" + g.get("module") + ")");
        }
        assertEquals(golden.size(), row,
            name + ": torchvision has more convs, linears and pools than the architecture");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void shouldParseTheCanonicalFormBackToTheSameNetwork(String name) {
        Network net = ZooNet.load(name).net();
        assertEquals(net, ArchParser.parse(ArchFormatter.format(net)), name);
    }

    private static Map<String, CSVRecord> totals() throws IOException {
        Map<String, CSVRecord> rows = new LinkedHashMap<>();
        for (CSVRecord r : read(TOTALS)) {
            rows.put(r.get("net"), r);
        }
        return rows;
    }

    private static List<CSVRecord> read(String resource) throws IOException {
        InputStream stream = ZooGoldenTest.class.getResourceAsStream(resource);
        assertNotNull(stream, "missing test resource " + resource + " (run tools/golden/gen_zoo_goldens.py)");
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<CSVRecord> rows = parser.getRecords();
            assertFalse(rows.isEmpty(), resource + " has no rows");
            return rows;
        }
    }
}
