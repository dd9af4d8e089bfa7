package org.rfsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.TestSpaces;

class SweepColumnsTest {
    private static final CompiledSpace SMALL = TestSpaces.compile(TestSpaces.SMALL);
    private static final MetricColumns ALL_FLOPS =
        new MetricColumns(FlopsSelection.parse(List.of("seed,seed-madd,2macs")));

    @TempDir
    Path dir;

    private static SweepPlan.Builder plan() {
        return SweepPlan.builder(SMALL).columns(ALL_FLOPS).samples(5_000, 11).threads(2).chunk(700);
    }

    @Test
    void shouldWriteTheSelectedColumnsOfEveryRowInTheGivenOrder() {
        List<String> all = plan().build().allColumnNames();
        List<String> picked = new ArrayList<>(all.subList(3, all.size()));
        Collections.reverse(picked);
        picked.add("index");
        picked.add("input");
        picked.add("arch");
        String full = SweepEngineTest.run(plan().build()).csv();
        String selected = SweepEngineTest.run(plan().select(picked).build()).csv();
        String[] fullLines = full.split("\n");
        String[] selectedLines = selected.split("\n");
        assertEquals(fullLines.length, selectedLines.length);
        assertTrue(fullLines.length > 100, "rows: " + fullLines.length);
        assertEquals(String.join(",", picked), selectedLines[0]);
        for (int r = 1; r < fullLines.length; r++) {
            List<String> cells = cells(fullLines[r]);
            StringBuilder expected = new StringBuilder();
            for (String name : picked) {
                String cell = cells.get(all.indexOf(name));
                expected.append(expected.length() == 0 ? "" : ",")
                    .append(name.equals("arch") ? "\"" + cell + "\"" : cell);
            }
            assertEquals(expected.toString(), selectedLines[r], "row " + r);
        }
    }

    @Test
    void shouldRejectAnUnknownColumnNamingTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SweepPlan.builder(SMALL).select(List.of("index", "rf")).build());
        assertEquals("--columns: unknown column 'rf' (columns: index, arch, input, out_h, out_w, out_c, rf_h, rf_w,"
            + " rf_min_h, rf_min_w, stride_h, stride_w, pad_h, pad_w, params, macs, activations, weight_bytes,"
            + " act_bytes, peak_act_bytes, unproductive)", e.getMessage());
    }

    @Test
    void shouldRejectAColumnGivenTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SweepPlan.builder(SMALL).select(List.of("macs", "index", "macs")).build());
        assertEquals("--columns: column 'macs' given twice", e.getMessage());
    }

    @Test
    void shouldWriteAGzipFileThatReadsBackAsThePlainCsv() throws IOException {
        SweepPlan p = plan().build();
        Path plain = dir.resolve("out.csv");
        Path gz = dir.resolve("out.csv.gz");
        for (Path target : List.of(plain, gz)) {
            try (SweepOutput out = SweepOutput.file(target, false)) {
                SweepEngine.run(p, out, new AtomicBoolean(), SweepListener.NONE);
                out.commit();
            }
        }
        byte[] expected = Files.readAllBytes(plain);
        byte[] compressed = Files.readAllBytes(gz);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertEquals(new String(expected, StandardCharsets.US_ASCII),
                new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertTrue(compressed.length < expected.length / 2, compressed.length + " of " + expected.length);
    }

    /** The cells of a sweep CSV line, whose only quoted cell is the arch (it has no quote inside). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        int i = 0;
        while (i <= line.length()) {
            if (i < line.length() && line.charAt(i) == '"') {
                int close = line.indexOf('"', i + 1);
                cells.add(line.substring(i + 1, close));
                i = close + 2;
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                cells.add(line.substring(i, end));
                i = end + 1;
            }
        }
        return cells;
    }
}
