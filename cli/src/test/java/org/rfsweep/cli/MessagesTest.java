package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every message is one line that names the real cause, echoes little of the input and no Java class names. */
class MessagesTest {
    private static final String LAYER = "{\"body\": {\"depth\": 1, \"layer\": {\"op\": \"conv\", \"k\": %s, \"c\": 3}}}";

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldNotMentionJacksonInJsonErrors() throws IOException {
        Path nan = file("nan.json", String.format(LAYER, "NaN"));
        assertEquals(new Cli.Result(2, "", "rfsweep: " + nan + ": line 1, column 55: Non-standard token 'NaN'\n"),
            Cli.run("sweep", nan.toString()));
        Path trailing = file("trailing.json", "{\"body\": {\"depth\": 1}} {}");
        assertEquals(new Cli.Result(2, "", "rfsweep: " + trailing + ": line 1, column 24: Trailing token (of type"
            + " START_OBJECT) found after value\n"), Cli.run("sweep", trailing.toString()));
    }

    @Test
    void shouldShowAHugeNumberAsWritten() throws IOException {
        Path huge = file("huge.json", String.format(LAYER, "1e400"));
        assertEquals(new Cli.Result(2, "", "rfsweep: " + huge + ": body.layer.k: 1E+400 is not a kernel (expected N or"
            + " HxW)\n"), Cli.run("sweep", huge.toString()));
    }

    @Test
    void shouldSayNotUtf8ForASpaceInAnotherEncoding() throws IOException {
        Path latin = file("latin.json", new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xE9, '"', '}'});
        assertEquals(new Cli.Result(2, "", "rfsweep: " + latin + ": not UTF-8 text\n"), Cli.run("sweep",
            latin.toString()));
    }

    @Test
    void shouldAcceptAByteOrderMarkInJsonAndCsv() throws IOException {
        Path space = file("bom.json", "\uFEFF" + String.format(LAYER, "3").replace("\"c\": 3", "\"c\": 3, \"p\": 1")
            .replace("}}}", "}}, \"input\": \"8x8x3\"}"));
        Cli.Result sweep = Cli.run("sweep", space.toString(), "--out", "-", "--progress", "none");
        assertEquals(0, sweep.code(), sweep.err());
        Path csv = file("bom.csv", "\uFEFF\"arch\",\"input\"\n\"conv(k=3,c=4)\",8\n");
        Cli.Result eval = Cli.run("eval", csv.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("\"conv(k=3,c=4)\",8,6,6,4,"), eval.out());
    }

    @Test
    void shouldSayADeviceIsNotAnArchitectureFile() {
        assertEquals(new Cli.Result(2, "", "rfsweep: /dev/null: not a regular file (ARCH is an architecture string or"
            + " a file)\n"), Cli.run("analyze", "/dev/null"));
    }

    @Test
    void shouldNotPrintTheLineOfAFileThatIsNoArchitecture() throws IOException {
        Path secret = file("secret", "root:$6$salt$hashhashhash:19000:0:99999:7:::\n");
        Cli.Result r = Cli.run("analyze", secret.toString(), "--input", "8");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(!r.err().contains("hashhash"), r.err());
    }

    @Test
    void shouldNameTheBlockOfABranchErrorByWhereItStarts() {
        assertEquals(new Cli.Result(2, "", "rfsweep: mul block at the start: branch 2 outputs 8x8x3 but the branches"
            + " before it output 1x1x1 (mul needs equal channels and equal extents or a 1x1 branch)\n"),
            Cli.run("analyze", "mul(fc(c=1)|)", "--input", "8"));
    }

    @Test
    void shouldRejectANumberTooLongForALongInsteadOfWrappingAround() {
        assertEquals(new Cli.Result(2, "", "rfsweep: arch column 12: c=99999999999999999999 is not a positive channel"
            + " count (allowed 1..16777216)\n"), Cli.run("analyze", "conv(k=3,c=99999999999999999999)", "--input", "8"));
        assertEquals(new Cli.Result(2, "", "rfsweep: arch column 12: c=99999999999999999999... (40 digits) is not a"
            + " positive channel count (allowed 1..16777216)\n"), Cli.run("analyze", "conv(k=3,c=" + "9".repeat(40) + ")",
            "--input", "8"));
    }

    @Test
    void shouldCapAHugeCellInTheErrorColumn() throws IOException {
        String cell = "conv(k=3,c=4," + "q".repeat(100_000) + "=1)";
        Cli.Result r = Cli.run("eval", file("big.csv", "arch,input\n\"" + cell + "\",8\n").toString());
        assertEquals(0, r.code(), r.err());
        String error = r.out().substring(r.out().lastIndexOf(',') + 1).strip();
        assertTrue(error.length() < 300 && error.endsWith(" characters)\""), error);
    }

    @Test
    void shouldNameTheLineThatIsTooLongForACell() throws IOException {
        String cell = "x".repeat((1 << 20) + 10);
        Cli.Result r = Cli.run("eval", file("huge.csv", "arch,input\n\"conv(k=3,c=4)\",8\n\"" + cell + "\",8\n")
            .toString());
        assertEquals(new Cli.Result(2, "", "rfsweep: " + dir.resolve("huge.csv") + ": line 3 is longer than"
            + " 1,048,576 characters (the most a row may have)\n"), r);
    }

    @Test
    void shouldCapAnEchoedArgument() {
        String arg = "x/" + "y".repeat(5000);
        Cli.Result r = Cli.run("analyze", arg, "--input", "8");
        assertEquals(new Cli.Result(2, "", "rfsweep: x/" + "y".repeat(198) + "... (5,002 characters): no such file"
            + " (ARCH is an architecture string or a file)\n"), r);
    }
}
