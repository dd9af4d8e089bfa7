package org.rfsweep.cli.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rfsweep in its own JVM: a file-size limit is a user error in one line; Ctrl-C during eval says what was written. */
class ResourceLimitsTest {
    @TempDir
    Path dir;

    private static String run(List<String> command, Path dir, int expectedCode) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(expectedCode, p.exitValue(), err);
        return err;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldReportAFileSizeLimitInOneLineAndPublishNoOutput() throws Exception {
        Path space = Path.of("..", "data", "spaces", "default.json").toAbsolutePath();
        String err = run(ProcessRuns.withFileSizeLimit(2, ProcessRuns.rfsweep("search", space.toString(), "--format",
            "csv", "--top", "1", "--out", "top.csv", "--pareto", "front.csv")), dir, 2);
        assertEquals("rfsweep: writing front.csv: file too large", err.lines().reduce((a, b) -> b).orElseThrow(), err);
        assertEquals(List.of(), names(), "neither the top list nor the front is published");
    }

    @Test
    void shouldReportAFileSizeLimitOfEval() throws Exception {
        StringBuilder csv = new StringBuilder("arch,input\n");
        for (int i = 0; i < 3000; i++) {
            csv.append("\"conv(k=3,c=8) relu\",32\n");
        }
        Files.writeString(dir.resolve("nets.csv"), csv);
        String err = run(ProcessRuns.withFileSizeLimit(20, ProcessRuns.rfsweep("eval", "nets.csv", "--out", "r.csv")),
            dir, 2);
        assertEquals("rfsweep: writing r.csv: file too large\n", err);
        assertEquals(List.of("nets.csv"), names());
    }

    @Test
    void shouldSayWhatEvalWroteWhenInterrupted() throws Exception {
        Process p = new ProcessBuilder(ProcessRuns.rfsweep("eval", "-")).directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write("arch,input\n".getBytes(StandardCharsets.UTF_8));
                byte[] rows = "\"conv(k=3,c=8) relu\",32\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
                while (true) {
                    in.write(rows);
                }
            } catch (IOException e) {
                // The process ended: stop feeding.
            }
        });
        feeder.setDaemon(true);
        feeder.start();
        Thread.sleep(2000);
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        // Wait before reading stderr: a JVM started with SIGINT ignored (a build run under nohup) never
        // ends, and reading its stderr first would hang the test instead of failing it.
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "rfsweep eval did not stop within 60 s of SIGINT (is SIGINT ignored where the build runs?)");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), err);
        assertTrue(err.matches("rfsweep: interrupted; [0-9,]+ rows were written to standard output\n"), err);
    }
}
