package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rfsweep analyze}: the seed example of SPEC section 3, file input, and every error line. */
class AnalyzeCommandTest {
    static final String SEED = "conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)";

    static final String SEED_TABLE = ""
        + "layer  op                      out        rf  stride  pad  params         macs  unproductive\n"
        + "-----  ----------------------  ---------  --  ------  ---  ------  -----------  ------------\n"
        + "input                          200x200x3   1       1    0\n"
        + "1      conv(k=5,s=2,p=1,c=64)  99x99x64    5       2    1   4,864   47,044,800  no\n"
        + "2      maxpool(k=3,s=1)        97x97x64    9       2    1       0            0  no\n"
        + "3      conv(k=3,p=1,c=128)     97x97x128  13       2    3  73,856  693,706,752  no\n"
        + "-----  ----------------------  ---------  --  ------  ---  ------  -----------  ------------\n"
        + "total                          97x97x128  13       2    3  78,720  740,751,552  0\n"
        + "\n"
        + "params: 78,720; weight_bytes: 0.31 MB (fp32)\n"
        + "input: 0.48 MB\n"
        + "act_bytes (every layer's output): 9.74 MB\n"
        + "peak_act_bytes (inference, in order): 7.23 MB\n"
        + "torchinfo's forward/backward pass size (2 x outputs of layers with parameters): 14.65 MB\n"
        + "torchinfo's estimated total size (input + forward/backward + params): 15.45 MB\n";

    /** The table part of an analyze output, without the memory totals under it. */
    static String table(String out) {
        return out.substring(0, out.indexOf("\n\n") + 1);
    }

    static final String SEED_CSV = ""
        + "layer,op,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,params,macs,"
        + "activations,weight_bytes,act_bytes,peak_act_bytes,unproductive\n"
        + "1,\"conv(k=5,s=2,p=1,c=64)\",99,99,64,5,5,5,5,2,2,1,1,4864,47044800,627264,19456,2509056,2989056,0\n"
        + "2,\"maxpool(k=3,s=1)\",97,97,64,9,9,9,9,2,2,1,1,0,0,0,0,2408704,4917760,0\n"
        + "3,\"conv(k=3,p=1,c=128)\",97,97,128,13,13,13,13,2,2,3,3,73856,693706752,1204352,295424,4817408,7226112,0\n"
        + "total,,97,97,128,13,13,13,13,2,2,3,3,78720,740751552,1831616,314880,9735168,7226112,0\n";

    @TempDir
    Path dir;

    @Test
    void shouldPrintTheSeedTableOfSpecSection3() {
        assertEquals(new Cli.Result(0, SEED_TABLE, ""), Cli.run("analyze", SEED, "--input", "200x200x3"));
    }

    @Test
    void shouldPrintTheSeedExampleAsCsvWithSpecColumnNames() {
        assertEquals(new Cli.Result(0, SEED_CSV, ""), Cli.run("analyze", SEED, "--input", "200x200x3",
            "--format", "csv"));
    }

    @Test
    void shouldAddTheSelectedFlopsColumnsInCanonicalOrder() {
        Cli.Result r = Cli.run("analyze", SEED, "--input", "200", "--format", "csv", "--flops", "2macs",
            "--flops", "seed,seed-madd");
        assertEquals(0, r.code());
        String[] lines = r.out().split("\n");
        assertEquals("layer,op,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,params,macs,"
            + "flops_seed,flops_seed_madd,flops_2macs,activations,weight_bytes,act_bytes,peak_act_bytes,unproductive",
            lines[0]);
        assertEquals("1,\"conv(k=5,s=2,p=1,c=64)\",99,99,64,5,5,5,5,2,2,1,1,4864,47044800,47672064,94716864,94089600,"
            + "627264,19456,2509056,2989056,0", lines[1]);
        assertEquals("total,,97,97,128,13,13,13,13,2,2,3,3,78720,740751552,742583168,1483334720,1481503104,"
            + "1831616,314880,9735168,7226112,0", lines[4]);
    }

    @Test
    void shouldShowFlopsColumnsInTheTable() {
        Cli.Result r = Cli.run("analyze", "conv(k=3,c=8)", "--input", "8", "--flops", "seed");
        assertEquals(""
            + "layer  op             out    rf  stride  pad  params   macs  flops_seed  unproductive\n"
            + "-----  -------------  -----  --  ------  ---  ------  -----  ----------  ------------\n"
            + "input                 8x8x3   1       1    0\n"
            + "1      conv(k=3,c=8)  6x6x8   3       1    0     224  7,776       8,064  no\n"
            + "-----  -------------  -----  --  ------  ---  ------  -----  ----------  ------------\n"
            + "total                 6x6x8   3       1    0     224  7,776       8,064  0\n", table(r.out()));
    }

    @Test
    void shouldWriteDifferentAxesAsHeightByWidth() {
        Cli.Result r = Cli.run("analyze", "conv(k=3x5,s=2,c=1) conv(k=3x1,s=2,c=1)", "--input", "32x32x1",
            "--format", "csv");
        // Outputs 15x14x1 = 210 and 7x7x1 = 49 elements: alive at layer 2, (210 + 49) * 4 bytes.
        assertEquals("2,\"conv(k=3x1,s=2,c=1)\",7,7,1,7,5,7,5,4,4,0,0,4,147,49,16,196,1036,0", r.out().split("\n")[2]);
        String table = Cli.run("analyze", "conv(k=3x5,s=2,c=1) conv(k=3x1,s=2,c=1)", "--input", "32x32x1").out();
        assertEquals("total                       7x7x1    7x5       4    0      20  3,297  0", table.split("\n")[6]);
    }

    @Test
    void shouldIndentLayersInsideBranchesAndSkipTheMarkers() {
        Cli.Result run = Cli.run("analyze", "conv(k=3,c=8) res(conv(k=3,p=1,c=8) bn) relu", "--input", "16");
        Cli.Result r = new Cli.Result(run.code(), table(run.out()), run.err());
        assertEquals(new Cli.Result(0, ""
            + "layer  op                   out      rf  stride  pad  params     macs  unproductive\n"
            + "-----  -------------------  -------  --  ------  ---  ------  -------  ------------\n"
            + "input                       16x16x3   1       1    0\n"
            + "1      conv(k=3,c=8)        14x14x8   3       1    0     224   42,336  no\n"
            + "2        conv(k=3,p=1,c=8)  14x14x8   5       1    1     584  112,896  no\n"
            + "3        bn                 14x14x8   5       1    1      16        0  no\n"
            + "4      relu                 14x14x8   5       1    1       0        0  no\n"
            + "-----  -------------------  -------  --  ------  ---  ------  -------  ------------\n"
            + "total                       14x14x8   5       1    1     824  155,232  0\n", ""), r);
    }

    @Test
    void shouldReadAnArchFileWithCommentsAndItsDefaultInput() throws IOException {
        Path file = dir.resolve("seed.arch");
        Files.writeString(file, "# the seed example\n# input: 200x200x3\nconv(k=5,s=2,p=1,c=64)   # stem\n"
            + "maxpool(k=3,s=1)\n\nconv(k=3,p=1,c=128)\n", StandardCharsets.UTF_8);
        assertEquals(new Cli.Result(0, SEED_TABLE, ""), Cli.run("analyze", file.toString()));
    }

    @Test
    void shouldLetInputOverrideTheFileInput() throws IOException {
        Path file = dir.resolve("seed.arch");
        Files.writeString(file, "# input: 64x64x3\n" + SEED + "\n", StandardCharsets.UTF_8);
        assertEquals(new Cli.Result(0, SEED_TABLE, ""), Cli.run("analyze", file.toString(), "--input", "200x200x3"));
    }

    @Test
    void shouldAnalyzeTheBundledExample() {
        Path example = Path.of("..", "data", "nets", "example.arch");
        Cli.Result r = Cli.run("analyze", example.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = table(r.out()).split("\n");
        assertEquals("total                           1x1x1000   355      32   66  61,100,840  714,188,480  0",
            lines[lines.length - 1]);
    }

    @Test
    void shouldNameTheColumnOfASyntaxErrorOnOneLine() {
        Cli.Result r = Cli.run("analyze", "conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=x)", "--input", "200");
        assertEquals(new Cli.Result(2, "", "rfsweep: arch column 38: expected a number for s, found 'x'\n"), r);
    }

    @Test
    void shouldPrintOnlyTheErrorLineInCsvMode() {
        Cli.Result r = Cli.run("analyze", "conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=x)", "--input", "200",
            "--format", "csv");
        assertEquals(new Cli.Result(2, "", "rfsweep: arch column 38: expected a number for s, found 'x'\n"), r);
    }

    @Test
    void shouldGiveFileLineAndColumnOfASyntaxErrorInAFile() throws IOException {
        Path file = dir.resolve("bad.arch");
        Files.writeString(file, "# input: 32x32x3\nconv(k=3,c=8)\n  relu maxpool(k=2,s=x)\n", StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("analyze", file.toString(), "--format", "csv");
        assertEquals(new Cli.Result(2, "", "rfsweep: " + file + ":3:22: expected a number for s, found 'x'\n"), r);
    }

    @Test
    void shouldNameABadInputShape() {
        String error = "rfsweep: --input '200x200': expected HxWxC like 224x224x3, or N for NxNx3\n";
        assertEquals(new Cli.Result(2, "", error), Cli.run("analyze", SEED, "--input", "200x200"));
    }

    @Test
    void shouldNameABadInputLineOfAFile() throws IOException {
        Path file = dir.resolve("net.arch");
        Files.writeString(file, "conv(k=3,c=8)\n# input: 0x8x3\n", StandardCharsets.UTF_8);
        assertEquals(new Cli.Result(2, "", "rfsweep: " + file + ":2: input '0x8x3': height 0 is outside 1..1048576\n"),
            Cli.run("analyze", file.toString()));
    }

    @Test
    void shouldAskForAnInputWhenThereIsNone() {
        assertEquals(new Cli.Result(2, "", "rfsweep: no input shape: give --input HxWxC (like --input 224x224x3)\n"),
            Cli.run("analyze", SEED));
    }

    @Test
    void shouldPrintTheEngineMessageForANetworkThatCannotBeEvaluated() {
        assertEquals(new Cli.Result(2, "", "rfsweep: layer 2 conv(k=9,c=8): output too small: out_h = floor((6 + 0 + 0"
                + " - 9) / 1) + 1 = -2 is below 1 (the padded input 6 is smaller than the effective kernel 9)\n"),
            Cli.run("analyze", "conv(k=3,c=8) conv(k=9,c=8)", "--input", "8"));
    }

    @Test
    void shouldNameTheUnknownFlopsConvention() {
        assertEquals(new Cli.Result(2, "", "rfsweep: --flops 'gflops' is not a FLOP convention (expected macs, seed,"
            + " seed-madd or 2macs)\n"), Cli.run("analyze", SEED, "--input", "200", "--flops", "seed,gflops"));
    }

    @Test
    void shouldReportAMissingArchFile() {
        assertEquals(new Cli.Result(2, "", "rfsweep: nets/missing.arch: no such file (ARCH is an architecture string"
            + " or a file)\n"), Cli.run("analyze", "nets/missing.arch", "--input", "8"));
    }

    @Test
    void shouldRejectAnUnknownFormat() {
        assertEquals(new Cli.Result(2, "", "rfsweep: Invalid value for option '--format': expected one of [table, csv,"
            + " json, markdown] (case-sensitive) but was 'xml' (see 'rfsweep analyze --help')\n"),
            Cli.run("analyze", SEED, "--input", "200", "--format", "xml"));
    }

    @Test
    void shouldFlagUnproductiveLayersUnlessTheyAre1x1AndIgnored() {
        String arch = "conv(k=3,p=1,c=8) conv(k=3,p=1,c=8) conv(k=1,c=8) conv(k=3,p=1,c=8)";
        String flagged = Cli.run("analyze", arch, "--input", "4", "--format", "csv").out();
        assertEquals("0,0,1,1,2", unproductiveColumn(flagged));
        String ignored = Cli.run("analyze", arch, "--input", "4", "--format", "csv", "--ignore-1x1").out();
        assertEquals("0,0,0,1,1", unproductiveColumn(ignored));
    }

    private static String unproductiveColumn(String csv) {
        StringBuilder sb = new StringBuilder();
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            sb.append(i > 1 ? "," : "").append(lines[i].substring(lines[i].lastIndexOf(',') + 1));
        }
        return sb.toString();
    }
}
