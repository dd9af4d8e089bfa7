package org.rfsweep.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.cli.Main;
import org.rfsweep.core.lanes.Lanes;
import org.rfsweep.space.TestSpaces;
import org.rfsweep.sweep.SweepPlan;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.report.FlopsSelection;

/** {@code rfsweep sweep} end to end, in-process. */
class SweepCliTest {
    @TempDir
    static Path dir;
    static Path space;
    static String full;

    record Result(int code, String out, String err) {
    }

    static Result sweep(String... args) {
        List<String> all = new ArrayList<>(List.of("sweep"));
        all.addAll(List.of(args));
        return main(all.toArray(new String[0]));
    }

    static Result main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void writeTheSpaceAndSweepItOnce() throws IOException {
        space = dir.resolve("small.json");
        Files.writeString(space, TestSpaces.SMALL);
        Path out = dir.resolve("full.csv");
        Result r = sweep(space.toString(), "--out", out.toString(), "--progress", "none", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        full = Files.readString(out);
    }

    @Test
    void shouldSayWhatItSweepsAndWhatItWrote() {
        Path out = dir.resolve("said.csv");
        Result r = sweep(space.toString(), "--out", out.toString(), "--progress", "none", "--threads", "3",
            "--where", "rf >= input", "--where", "macs <= 20K");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(3, lines.size(), r.err());
        assertEquals("rfsweep: " + space + ": 15,984 candidates; enumerating 0..15983 on 3 threads; constraints:"
            + " rf >= input and macs <= 20K; evaluation: scalar (enumeration)", lines.get(0));
        assertTrue(lines.get(1).matches("rfsweep: evaluated 15,984 in [0-9.]+ s \\([0-9.]+[KM]? candidates/s\\): kept"
            + " [0-9,]+, filtered [0-9,]+, invalid [0-9,]+ \\(output_too_small [0-9,]+\\)"), lines.get(1));
        assertTrue(lines.get(2).matches("rfsweep: wrote [0-9,]+ rows to " + Pattern.quote(out.toString())),
            lines.get(2));
        assertEquals("", r.out());
    }

    @Test
    void shouldWriteWhatTheEngineWrites() {
        SweepPlan plan = SweepPlan.builder(TestSpaces.compile(TestSpaces.SMALL)).enumerate().build();
        assertEquals(SweepRuns.csv(plan), full);
    }

    @Test
    void shouldRejectAnUnknownColumnWithExitCode2() {
        Result r = sweep(space.toString(), "--out", "-", "--progress", "none", "--columns", "index,rf");
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("rfsweep: --columns: unknown column 'rf' (columns: index, arch, input, out_h, out_w, out_c, rf_h,"
            + " rf_w, rf_min_h, rf_min_w, stride_h, stride_w, pad_h, pad_w, params, macs, activations, weight_bytes,"
            + " act_bytes, peak_act_bytes, unproductive)", r.err().strip());
    }

    @Test
    void shouldWriteOnlyTheSelectedColumnsInOrder() {
        Result r = sweep(space.toString(), "--out", "-", "--progress", "none", "--columns", "macs,index,rf_h");
        assertEquals(0, r.code(), r.err());
        List<String> expected = new ArrayList<>();
        List<String> lines = full.lines().toList();
        List<String> names = List.of(lines.get(0).split(","));
        expected.add("macs,index,rf_h");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.replaceAll("\"[^\"]*\"", "arch").split(",");
            expected.add(cells[names.indexOf("macs")] + "," + cells[0] + "," + cells[names.indexOf("rf_h")]);
        }
        assertEquals(String.join("\n", expected) + "\n", r.out());
    }

    @Test
    void shouldWriteToStandardOutput() {
        Result r = sweep(space.toString(), "--out", "-", "--progress", "none", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(full, r.out());
    }

    @Test
    void shouldResumeAnInterruptedSweepWithTheCommandItPrints() throws IOException {
        Path out = dir.resolve("resumed.csv");
        Result first = sweep(space.toString(), "--out", out.toString(), "--progress", "none", "--threads", "2",
            "--chunk", "1000", "--cancel-after-chunks", "2");
        assertEquals(130, first.code(), first.err());
        String last = first.err().lines().reduce((a, b) -> b).orElseThrow();
        Matcher m = Pattern.compile("rfsweep: interrupted; indices 0\\.\\.(\\d+) are done; resume with: rfsweep (.*)")
            .matcher(last);
        assertTrue(m.matches(), last);
        long done = Long.parseLong(m.group(1)) + 1;
        assertEquals(0, done % 1000);
        assertEquals("sweep " + space + " --range " + done + ":15984 --out " + out + " --append", m.group(2));
        assertTrue(full.startsWith(Files.readString(out)), "the finished prefix is in place");
        Result rest = main(m.group(2).split(" "));
        assertEquals(0, rest.code(), rest.err());
        assertEquals(full, Files.readString(out));
    }

    @Test
    void shouldWriteShardsThatConcatenateIntoTheWholeSweep() throws IOException {
        StringBuilder cat = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            Path out = dir.resolve("shard" + i + ".csv");
            Result r = sweep(space.toString(), "--shard", i + "/3", "--out", out.toString(), "--progress", "none");
            assertEquals(0, r.code(), r.err());
            cat.append(Files.readString(out));
        }
        assertEquals(full, cat.toString());
    }

    @Test
    void shouldWriteTheHeaderOnlyAtIndexZeroUnlessTold() {
        String header = full.substring(0, full.indexOf('\n') + 1);
        String from100 = sweep(space.toString(), "--range", "100:", "--out", "-", "--progress", "none").out();
        assertTrue(!from100.startsWith("index,") && full.endsWith(from100), from100.substring(0, 40));
        assertEquals(header + from100,
            sweep(space.toString(), "--range", "100:", "--header", "--out", "-", "--progress", "none").out());
        String head = sweep(space.toString(), "--range", ":100", "--no-header", "--out", "-", "--progress", "none")
            .out();
        assertEquals(full.substring(header.length()), head + from100);
    }

    @Test
    void shouldSampleTheSameRowsAsTheEngine() {
        Result r = sweep(space.toString(), "--samples", "5000", "--seed", "9", "--flops", "seed", "--out", "-",
            "--progress", "none");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("; sampling (seed 9) 0..4999 on "), r.err());
        assertTrue(r.err().contains("; evaluation: " + Lanes.describe() + "\n"), r.err());
        SweepPlan plan = SweepPlan.builder(TestSpaces.compile(TestSpaces.SMALL)).samples(5000, 9)
            .columns(new MetricColumns(FlopsSelection.parse(List.of("seed"))))
            .build();
        assertEquals(SweepRuns.csv(plan), r.out());
    }

    @Test
    void shouldAgreeWithEvalRowByRow() throws IOException {
        Path evaluated = dir.resolve("eval.csv");
        Result r = main("eval", dir.resolve("full.csv").toString(), "--out", evaluated.toString());
        assertEquals(0, r.code(), r.err());
        List<CSVRecord> sweepRows = SweepRuns.parse(full);
        List<CSVRecord> evalRows = SweepRuns.parse(Files.readString(evaluated));
        assertEquals(sweepRows.size(), evalRows.size());
        for (int i = 0; i < sweepRows.size(); i++) {
            List<String> expected = new ArrayList<>(sweepRows.get(i).toList().subList(1, sweepRows.get(i).size()));
            expected.add(i == 0 ? "error" : "");
            assertEquals(expected, evalRows.get(i).toList(), "row " + i);
        }
    }

    @Test
    void shouldReportBadInputOnOneLineWithExitCodeTwo() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, TestSpaces.json("{'input': '32', 'body': {'depth': 2, 'layer': {'op': 'conv',"
            + " 'k': [1, 3, 0], 'c': 8}}}"));
        Path huge = dir.resolve("huge.json");
        Files.writeString(huge, TestSpaces.json("{'input': '224', 'body': {'depth': 16, 'layer': {'op': 'conv',"
            + " 'k': [1, 3, 5, 7], 's': [1, 2], 'c': [16, 32, 64], 'p': 'keep'}}}"));
        String s = space.toString();
        String[][] cases = {
            {bad.toString()},
            {s, "--where", "macs <= 6x"},
            {s, "--enumerate", "--samples", "5"},
            {s, "--samples", "0"},
            {s, "--range", "10:99999"},
            {s, "--range", "5:3"},
            {s, "--range", "5"},
            {s, "--shard", "0/3"},
            {s, "--shard", "2/x"},
            {s, "--range", "1:2", "--shard", "1/2"},
            {s, "--out", "-", "--append"},
            {s, "--progress", "fancy"},
            {s, "--out", dir.resolve("no/such/dir/x.csv").toString()},
            {huge.toString(), "--enumerate"},
            {s, "--samples", "10", "--range", "0:11"},
        };
        String[] messages = {
            bad + ": body.layer.k[2]: 0 is not a positive kernel",
            "--where 'macs <= 6x': column 10: unknown suffix 'x' (expected K, M, G or T)",
            "--enumerate and --samples exclude each other: choose one",
            "--samples=0 must be 1 or more",
            "--range 10:99999: the end 99999 is beyond the 15984 candidates of the space",
            "--range 5:3: the start 5 is above the end 3",
            "--range 5: expected A:B (from A, inclusive, to B, exclusive)",
            "--shard 0/3: expected 1 <= I <= N",
            "--shard 2/x: 'x' is not a whole number",
            "--range and --shard exclude each other: choose one",
            "--append needs --out FILE, not standard output",
            "--progress=fancy is not a style (expected auto, bar, lines or none)",
            "--out " + dir.resolve("no/such/dir/x.csv") + ": the folder " + dir.resolve("no/such/dir")
                + " does not exist",
            huge + " has 12,116,574,790,945,106,558,976 candidates, more than 2^63-1: enumerate a part with"
                + " --range A:B, or sample with --samples N",
            "--range 0:11: the end 11 is beyond the 10 samples",
        };
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of(cases[i]));
            if (!args.contains("--progress")) {
                args.add("--progress");
                args.add("none");
            }
            if (!args.contains("--out")) {
                args.add("--out");
                args.add(dir.resolve("never.csv").toString());
            }
            Result r = sweep(args.toArray(new String[0]));
            assertEquals(2, r.code(), String.join(" ", cases[i]) + ": " + r.err());
            assertEquals("rfsweep: " + messages[i] + "\n", r.err(), String.join(" ", cases[i]));
            assertEquals("", r.out());
        }
        assertTrue(Files.notExists(dir.resolve("never.csv")));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file is left");
        }
    }
}
