package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.core.lanes.Lanes;

/** {@code rfsweep eval}: results in order, bad rows with their error, files and threads. */
class EvalCommandTest {
    static final String HEADER = "arch,input,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,"
        + "pad_h,pad_w,params,macs,activations,weight_bytes,act_bytes,peak_act_bytes,unproductive,error\n";
    /** The seed example; memory columns checked by hand in docs/MEMORY.md. */
    static final String SEED_ROW = "\"" + AnalyzeCommandTest.SEED + "\",200x200x3,97,97,128,13,13,13,13,2,2,3,3,78720,"
        + "740751552,1831616,314880,9735168,7226112,0,\n";
    /** From the end of {@code input} to the start of {@code error} in an invalid row: 17 metrics, unproductive. */
    static final String EMPTY = ",".repeat(19);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * The summary line of an eval of {@code rows} rows from {@code input}: its evaluation path, on
     * this JVM, for an input below the lanes' break-even (docs/SPEED.md: {@code eval}).
     */
    static String summary(String input, int rows) {
        String path = Lanes.vectorised() ? "scalar (" + rows + (rows == 1 ? " row" : " rows")
            + ", below the lanes' break-even of 8,000,000)" : Lanes.describe();
        return "rfsweep: " + input + ": " + rows + (rows == 1 ? " row" : " rows") + "; evaluation: " + path + "\n";
    }

    @Test
    void shouldEvaluateTheSeedExample() throws IOException {
        Path in = write("in.csv", "arch,input\n\"" + AnalyzeCommandTest.SEED + "\",200x200x3\n");
        assertEquals(new Cli.Result(0, HEADER + SEED_ROW, summary(in.toString(), 1)), Cli.run("eval", in.toString()));
    }

    @Test
    void shouldKeepGoingPastBadRowsAndWriteTheirErrors() throws IOException {
        Path in = write("in.csv", "name,input,arch\n"
            + "good,200x200x3,\"" + AnalyzeCommandTest.SEED + "\"\n"
            + "syntax,224,\"conv(k=3,s=x)\"\n"
            + "shape,224x,\"conv(k=3,c=8)\"\n"
            + "small,4x4x3,\"conv(k=7,c=8)\"\n"
            + "unquoted,9,conv(k=3,c=8)\n"
            + "short\n"
            + "again,200x200x3,\"" + AnalyzeCommandTest.SEED + "\"\n");
        Cli.Result r = Cli.run("eval", in.toString());
        assertEquals(new Cli.Result(0, HEADER
            + SEED_ROW
            + "\"conv(k=3,s=x)\",224" + EMPTY + "\"arch column 12: expected a number for s, found 'x'\"\n"
            + "\"conv(k=3,c=8)\",224x" + EMPTY + "\"input '224x': expected HxWxC like 224x224x3, or N for NxNx3\"\n"
            + "\"conv(k=7,c=8)\",4x4x3" + EMPTY + "\"layer 1 conv(k=7,c=8): output too small: out_h = floor((4 + 0 + 0"
            + " - 7) / 1) + 1 = -2 is below 1 (the padded input 4 is smaller than the effective kernel 7)\"\n"
            + "conv(k=3,9" + EMPTY + "the row has 4 fields but the header has 3 (an arch with commas must be in double"
            + " quotes)\n"
            + "\"\"," + EMPTY + "\"missing field 'arch' (the row has 1 field, the header 3)\"\n"
            + SEED_ROW, summary(in.toString(), 7)), r);
    }

    @Test
    void shouldAddTheSelectedFlopsColumns() throws IOException {
        Path in = write("in.csv", "arch,input\n\"" + AnalyzeCommandTest.SEED + "\",200x200x3\n");
        Cli.Result r = Cli.run("eval", in.toString(), "--flops", "seed-madd,2macs");
        assertEquals(HEADER.replace("macs,activations", "macs,flops_seed_madd,flops_2macs,activations")
            + SEED_ROW.replace("740751552,", "740751552,1483334720,1481503104,"), r.out());
    }

    @Test
    void shouldReadStandardInput() {
        Cli.Result r = Cli.runWithStdin("arch,input\n\"" + AnalyzeCommandTest.SEED + "\",200x200x3\n", "eval", "-");
        assertEquals(new Cli.Result(0, HEADER + SEED_ROW, summary("standard input", 1)), r);
    }

    @Test
    void shouldWriteOnlyTheHeaderForAnInputWithoutRows() throws IOException {
        Path in = write("in.csv", "input,arch\n");
        assertEquals(new Cli.Result(0, HEADER, summary(in.toString(), 0)), Cli.run("eval", in.toString()));
    }

    @Test
    void shouldNameTheMissingColumn() throws IOException {
        Path in = write("in.csv", "arch,shape\nrelu,8\n");
        String error = "rfsweep: " + in + ": missing column 'input' (the header is: arch, shape)\n";
        assertEquals(new Cli.Result(2, "", error), Cli.run("eval", in.toString()));
    }

    @Test
    void shouldReportAnEmptyFile() throws IOException {
        Path in = write("in.csv", "");
        assertEquals(new Cli.Result(2, "", "rfsweep: " + in + ": empty; expected a header line with the columns arch"
            + " and input\n"), Cli.run("eval", in.toString()));
    }

    @Test
    void shouldReportANonexistentFile() {
        Path in = dir.resolve("nope.csv");
        assertEquals(new Cli.Result(2, "", "rfsweep: " + in + ": no such file\n"), Cli.run("eval", in.toString()));
    }

    @Test
    void shouldReportMalformedCsvOnOneLine() throws IOException {
        Path in = write("in.csv", "arch,input\n\"relu\"x,8\n");
        Cli.Result r = Cli.run("eval", in.toString(), "--out", dir.resolve("out.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("rfsweep: " + in + ": "), r.err());
        assertEquals(1, r.err().split("\n").length, r.err());
        assertEquals(List.of("in.csv"), files());
    }

    @Test
    void shouldRejectZeroThreads() throws IOException {
        Path in = write("in.csv", "arch,input\nrelu,8\n");
        assertEquals(new Cli.Result(2, "", "rfsweep: --threads=0 is not a thread count (allowed 1..4096)\n"),
            Cli.run("eval", in.toString(), "--threads", "0"));
    }

    @Test
    void shouldWriteTheSameBytesForAnyThreadCountAndChunkSize() throws IOException {
        long seed = 7_2024L;
        Path in = write("random.csv", RandomRows.csv(seed, 5000, false));
        Cli.Result one = Cli.run("eval", in.toString(), "--threads", "1", "--flops", "seed,seed-madd,2macs");
        Cli.Result four = Cli.run("eval", in.toString(), "--threads", "4", "--flops", "seed,seed-madd,2macs");
        Cli.Result chunks = Cli.run("eval", in.toString(), "--threads", "3", "--chunk-rows", "77", "--flops",
            "2macs,seed-madd,seed");
        assertEquals(0, one.code(), one.err());
        assertEquals(5001, one.out().split("\n").length, "seed " + seed);
        assertEquals(one, four, "seed " + seed);
        assertEquals(one, chunks, "seed " + seed);
        long errors = one.out().lines().skip(1).filter(line -> !line.endsWith(",")).count();
        assertTrue(errors > 100 && errors < 4000, "seed " + seed + ": a mix of good and bad rows, errors=" + errors);
    }

    @Test
    void shouldAgreeWithAnalyzeOnEveryRandomRow() throws IOException {
        long seed = 99L;
        String csv = RandomRows.csv(seed, 300, true);
        List<CSVRecord> rows = records(csv);
        List<CSVRecord> results = records(Cli.run("eval", write("in.csv", csv).toString()).out());
        assertEquals(rows.size(), results.size(), "seed " + seed);
        int valid = 0;
        for (int i = 0; i < rows.size(); i++) {
            String arch = rows.get(i).get("arch");
            String input = rows.get(i).get("input");
            CSVRecord result = results.get(i);
            assertEquals(List.of(arch, input), List.of(result.get("arch"), result.get("input")), "seed " + seed);
            Cli.Result analyze = Cli.run("analyze", arch, "--input", input, "--format", "csv");
            if (result.get("error").isEmpty()) {
                valid++;
                List<CSVRecord> layers = records(analyze.out());
                CSVRecord total = layers.get(layers.size() - 1);
                for (String column : List.of("out_h", "out_w", "out_c", "rf_h", "rf_w", "rf_min_h", "rf_min_w",
                    "stride_h", "stride_w", "pad_h", "pad_w", "params", "macs", "unproductive")) {
                    assertEquals(total.get(column), result.get(column), "seed " + seed + " row " + i + " " + column);
                }
            } else {
                assertEquals("rfsweep: " + result.get("error") + "\n", analyze.err(), "seed " + seed + " row " + i);
            }
        }
        assertTrue(valid > 30 && valid < 270, "seed " + seed + ": a mix of valid and invalid rows, valid=" + valid);
    }

    private static List<CSVRecord> records(String csv) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(new StringReader(csv))) {
            return parser.getRecords();
        }
    }

    @Test
    void shouldWriteTheOutFileAtomicallyWithNothingElseLeft() throws IOException {
        Path in = write("in.csv", "arch,input\n\"" + AnalyzeCommandTest.SEED + "\",200x200x3\n");
        Path out = dir.resolve("out.csv");
        assertEquals(new Cli.Result(0, "", summary(in.toString(), 1)), Cli.run("eval", in.toString(), "--out",
            out.toString()));
        assertEquals(HEADER + SEED_ROW, Files.readString(out, StandardCharsets.UTF_8));
        assertEquals(List.of("in.csv", "out.csv"), files());
    }

    @Test
    void shouldLeaveNoFileWhenTheInputIsBad() throws IOException {
        Path in = write("in.csv", "arch\nrelu\n");
        Path out = dir.resolve("out.csv");
        Cli.Result r = Cli.run("eval", in.toString(), "--out", out.toString());
        assertEquals(new Cli.Result(2, "", "rfsweep: " + in + ": missing column 'input' (the header is: arch)\n"), r);
        assertFalse(Files.exists(out));
        assertEquals(List.of("in.csv"), files());
    }

    @Test
    void shouldReportAMissingOutFolder() throws IOException {
        Path in = write("in.csv", "arch,input\nrelu,8\n");
        Path out = dir.resolve("no").resolve("out.csv");
        assertEquals(new Cli.Result(2, "", "rfsweep: --out " + out + ": the folder " + out.getParent()
            + " does not exist\n"), Cli.run("eval", in.toString(), "--out", out.toString()));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
