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
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.eval.LayerTrace;

/**
 * The receptive field, effective stride and effective padding of every zoo backbone, against what
 * torchvision's modules actually compute.
 *
 * <p>{@code golden/zoo/influence.csv} ({@code tools/golden/gen_zoo_goldens.py}) holds, per network,
 * 33 consecutive one-hot input rows {@code y} (a tall {@code N x 64} input, so the fields are not
 * clipped) and the first and last row of the backbone's last feature map that depend on {@code y}
 * in torch, with all weights 1 so that no path cancels: the union over paths, as SPEC section 4
 * takes the maximum RF. SPEC section 3 says output row {@code u} covers input rows
 * {@code [u*j - P, u*j - P + r - 1]}, so {@code y} reaches the rows
 * {@code ceil((y + P - r + 1) / j) .. floor((y + P) / j)}. Over more than one period of {@code j}
 * (16 or 32 here) the last rows pin {@code P} and the first rows pin {@code r}. The backbone ends
 * before the head's first {@code gap}, {@code adaptiveavgpool} or {@code flatten}
 * ({@link ZooNet#backboneEnd()}); only the height axis is measured (every zoo net is symmetric).
 */
class ZooInfluenceTest {
    private static final String RESOURCE = "/golden/zoo/influence.csv";

    static List<String> nets() {
        return ZooNet.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void shouldReachTheOutputRowsTorchvisionReachesFromEachInputRow(String name) throws IOException {
        List<CSVRecord> rows = new ArrayList<>();
        for (CSVRecord r : read()) {
            if (r.get("net").equals(name)) {
                rows.add(r);
            }
        }
        assertEquals(33, rows.size(), name + ": rows in " + RESOURCE);
        ZooNet z = ZooNet.load(name, InputShape.parse(rows.get(0).get("input")));
        LayerTrace t = z.trace();
        int end = z.backboneEnd();
        long r = t.rfH[end];
        long j = t.strideH[end];
        long p = t.padH[end];
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (CSVRecord row : rows) {
            long y = Long.parseLong(row.get("y"));
            expected.append(String.format("y %d: rows %s..%s of %s%n", y, row.get("first"), row.get("last"),
                row.get("out_h")));
            long first = Math.max(0, -Math.floorDiv(-(y + p - r + 1), j));
            long last = Math.min(t.outH[end] - 1, Math.floorDiv(y + p, j));
            actual.append(String.format("y %d: rows %d..%d of %d%n", y, first, last, t.outH[end]));
        }
        assertEquals(expected.toString(), actual.toString(), name + " at " + z.input() + ", backbone end "
            + z.text(end) + " with r " + r + ", j " + j + ", P " + p);
    }

    private static List<CSVRecord> read() throws IOException {
        InputStream stream = ZooInfluenceTest.class.getResourceAsStream(RESOURCE);
        assertNotNull(stream, "missing test resource " + RESOURCE + " (run tools/golden/gen_zoo_goldens.py)");
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<CSVRecord> rows = parser.getRecords();
            assertFalse(rows.isEmpty(), RESOURCE + " has no rows");
            return rows;
        }
    }
}
