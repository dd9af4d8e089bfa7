package org.rfsweep.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.cli.Cli;
import org.rfsweep.cli.Main;
import org.rfsweep.cli.StandardOutput;
import org.rfsweep.space.TestSpaces;

/** {@code --append} checks the file it continues; the resume command pastes; a closed pipe ends quietly. */
class SweepAppendTest {
    private static final Pattern RESUME = Pattern.compile(
        "rfsweep: interrupted; indices 0\\.\\.(\\d+) are done; resume with: rfsweep sweep (.*)");

    @TempDir
    Path dir;
    Path space;

    @BeforeEach
    void writeTheSpace() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("my spaces"));
        space = Files.writeString(folder.resolve("small.json"), TestSpaces.SMALL);
    }

    /** Interrupts a sweep to {@code out} after 2 chunks of 1000; returns the resume command's words. */
    private List<String> interrupted(Path out, String... where) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("sweep", space.toString(), "--out", out.toString(),
            "--progress", "none", "--chunk", "1000", "--cancel-after-chunks", "2"));
        for (String w : where) {
            args.add("--where");
            args.add(w);
        }
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        assertEquals(130, r.code(), r.err());
        Matcher m = RESUME.matcher(r.err().lines().reduce((a, b) -> b).orElseThrow());
        assertTrue(m.matches(), r.err());
        List<String> words = shellWords(m.group(2));
        return words;
    }

    /** The words a POSIX shell makes of {@code line}. */
    private static List<String> shellWords(String line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "for w in sweep " + line + "; do printf '%s\\0' \"$w\"; done")
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return List.of(out.split("\0"));
    }

    @Test
    void shouldPrintAResumeCommandThatAShellReadsBackAsIs() throws Exception {
        Path out = dir.resolve("my spaces").resolve("out put.csv");
        List<String> words = interrupted(out, "rf >= input", "macs <= 20K");
        int done = Integer.parseInt(words.get(words.indexOf("--range") + 1).split(":")[0]);
        assertEquals(List.of("sweep", space.toString(), "--range", done + ":15984", "--where", "rf >= input",
            "--where", "macs <= 20K", "--out", out.toString(), "--append"), words);
        Cli.Result rest = Cli.run(words.toArray(new String[0]));
        assertEquals(0, rest.code(), rest.err());
    }

    @Test
    void shouldRefuseToAppendRowsTheFileAlreadyHolds() throws Exception {
        Path out = dir.resolve("r.csv");
        List<String> resume = interrupted(out);
        assertEquals(0, Cli.run(resume.toArray(new String[0])).code());
        String whole = Files.readString(out);
        String lastIndex = whole.substring(whole.lastIndexOf('\n', whole.length() - 2) + 1).split(",")[0];
        String from = resume.get(resume.indexOf("--range") + 1).split(":")[0];
        Cli.Result again = Cli.run(resume.toArray(new String[0]));
        assertEquals(new Cli.Result(2, "", "rfsweep: --append " + out + ": the file already holds index " + lastIndex
            + " (its last row), at or after the first index " + from + " of this run: appending would duplicate rows;"
            + " resume with --range " + (Long.parseLong(lastIndex) + 1) + ":\n"), again);
        assertEquals(whole, Files.readString(out));
    }

    @Test
    void shouldRejectAppendWhenHeaderDiffers() throws Exception {
        Path out = dir.resolve("r.csv");
        List<String> resume = new ArrayList<>(interrupted(out));
        String before = Files.readString(out);
        resume.add("--flops");
        resume.add("seed");
        Cli.Result r = Cli.run(resume.toArray(new String[0]));
        assertEquals(2, r.code(), r.err());
        String spec = "index,arch,input,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,"
            + "params,macs,";
        String memory = "activations,weight_bytes,act_bytes,peak_act_bytes,unproductive";
        assertEquals("rfsweep: --append " + out + ": the file's header has 21 columns (" + spec + memory
            + ") but this sweep writes 22 columns (" + spec + "flops_seed," + memory + "): give the same --flops as"
            + " the run that wrote it, or"
            + " another --out\n", r.err());
        assertEquals(before, Files.readString(out));
    }

    @Test
    void shouldEndQuietlyWhenTheReaderOfStandardOutputHasGone() {
        OutputStream closedPipe = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 10_000) {
                    throw new IOException("Broken pipe");
                }
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sweep", space.toString(), "--out", "-", "--progress", "none", "--chunk",
            "100"}, StandardOutput.of(closedPipe), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("rfsweep: " + space + ": 15,984 candidates; enumerating"), err.toString());
    }

    @Test
    void shouldReportAFullDiskUnderStandardOutput() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sweep", space.toString(), "--out", "-", "--progress", "none"},
            StandardOutput.of(full), new PrintWriter(err));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().endsWith("rfsweep: writing standard output: no space left on device\n"),
            err.toString());
    }
}
