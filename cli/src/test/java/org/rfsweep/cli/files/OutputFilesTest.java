package org.rfsweep.cli.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.cli.Cli;
import org.rfsweep.space.TestSpaces;

/**
 * Where outputs go: devices and FIFOs are written through and links followed (never replaced by
 * a regular file), stale temporaries of a killed run are removed, every output gets the same
 * permissions, outputs are checked before any work, and a run with several outputs publishes
 * all or none.
 */
class OutputFilesTest {
    static final String NETS = "arch,input\n\"conv(k=3,c=8) relu\",32\n\"conv(k=7,c=8)\",4\n";
    static final String FRONT = """
        rank,index,arch,input,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,\
        params,macs,unproductive,meets_rf
        1,5,"conv(k=3,c=8)",32x32x3,30,30,8,3,3,3,3,1,1,0,0,224,194400,0,0
        2,12,"conv(k=5,c=8) conv(k=5,c=8)",32x32x3,24,24,8,9,9,9,9,1,1,0,0,2216,1390464,0,1
        """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).start().waitFor());
        return p;
    }

    /** Reads everything written to {@code fifo}, on another thread. */
    private static CompletableFuture<String> drain(Path fifo) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<String> commandsWriting(Path out) throws IOException {
        return List.of("eval " + write("nets.csv", NETS) + " --out " + out,
            "sweep " + write("small.json", TestSpaces.SMALL) + " --progress none --out " + out,
            "search " + dir.resolve("small.json") + " --format csv --out " + out,
            "search " + dir.resolve("small.json") + " --out " + dir.resolve("top.txt") + " --pareto " + out,
            "plot " + write("front.csv", FRONT) + " --out " + out);
    }

    @Test
    void shouldWriteThroughAFifoInsteadOfReplacingIt() throws Exception {
        Path fifo = fifo("pipe");
        for (String command : commandsWriting(fifo)) {
            CompletableFuture<String> read = drain(fifo);
            Cli.Result r = Cli.run(command.split(" "));
            assertEquals(0, r.code(), command + ": " + r.err());
            assertFalse(read.get(30, TimeUnit.SECONDS).isEmpty(), command);
            assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), command + " replaced the FIFO");
        }
    }

    @Test
    void shouldEndQuietlyWhenTheReaderOfAFifoGoesAway() throws Exception {
        Path fifo = fifo("closing");
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                in.read(new byte[100]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Cli.Result r = Cli.run("sweep", write("small.json", TestSpaces.SMALL).toString(), "--progress", "none",
            "--chunk", "100", "--out", fifo.toString());
        reader.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void shouldFollowASymbolicLinkAndKeepIt() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path target = elsewhere.resolve("real.out");
        Path link = Files.createSymbolicLink(dir.resolve("link.out"), target);
        for (String command : commandsWriting(link)) {
            Files.deleteIfExists(target);
            Cli.Result r = Cli.run(command.split(" "));
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(Files.isSymbolicLink(link), command + " replaced the link");
            assertTrue(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) > 0, command);
            try (Stream<Path> files = Files.list(elsewhere)) {
                assertEquals(List.of(target), files.toList(), command);
            }
        }
    }

    @Test
    void shouldRemoveStaleTemporaryFilesOfAKilledRun() throws IOException {
        Path out = dir.resolve("r.csv");
        write(".r.csv.5f3a9c.tmp", "half");
        write(".r.csv.77aa.part", "half");
        write(".r.csv.notes.txt", "keep");
        Cli.Result r = Cli.run("eval", write("nets.csv", NETS).toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of("rfsweep: removed .r.csv.5f3a9c.tmp, left by an earlier run that was killed",
            "rfsweep: removed .r.csv.77aa.part, left by an earlier run that was killed"),
            lines.subList(0, lines.size() - 1).stream().sorted().toList());
        // the last line is eval's summary: the rows and the evaluation path
        assertTrue(lines.get(lines.size() - 1).contains(": 2 rows; evaluation: "), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(".r.csv.notes.txt", "nets.csv", "r.csv"),
                files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void shouldGiveEveryOutputTheSamePermissions() throws IOException {
        Path png = dir.resolve("front.png");
        Path csv = dir.resolve("r.csv");
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(0, Cli.run("plot", write("front.csv", FRONT).toString(), "--out", png.toString()).code());
        assertEquals(0, Cli.run("eval", write("nets.csv", NETS).toString(), "--out", csv.toString()).code());
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(plain));
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(png)));
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(csv)));
    }

    @Test
    void shouldCheckThePlotOutputBeforeReadingOrRendering() {
        assertEquals(new Cli.Result(2, "", "rfsweep: --out " + dir + ": is a directory\n"),
            Cli.run("plot", dir.resolve("missing.csv").toString(), "--out", dir.toString()));
    }

    @Test
    void shouldPublishNeitherOutputWhenOneFailsToWrite() throws IOException {
        Path top = dir.resolve("top.csv");
        Cli.Result r = Cli.run("search", write("small.json", TestSpaces.SMALL).toString(), "--out", top.toString(),
            "--pareto", "/dev/full");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().endsWith("rfsweep: writing /dev/full: no space left on device\n"), r.err());
        assertEquals(1, r.err().lines().filter(line -> !line.startsWith("rfsweep: search ")).count(), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("small.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void shouldReportAFullDiskInOneLineWithExitCode2() throws IOException {
        assertEquals(new Cli.Result(2, "", "rfsweep: writing /dev/full: no space left on device\n"),
            Cli.run("eval", write("nets.csv", NETS).toString(), "--out", "/dev/full"));
        Cli.Result r = Cli.run("sweep", write("small.json", TestSpaces.SMALL).toString(), "--progress", "none",
            "--out", "/dev/full");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("rfsweep: writing /dev/full: no space left on device; "), r.err());
    }

    @Test
    void shouldNameTheOutputNotItsTemporaryFileWhenTheFolderIsReadOnly() throws IOException {
        Cli.Result r = Cli.run("sweep", write("small.json", TestSpaces.SMALL).toString(), "--out", "/proc/x.csv");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("rfsweep: --out /proc/x.csv: cannot create files in /proc ("), r.err());
        assertFalse(r.err().contains(".part") || r.err().contains(".tmp") || r.err().contains(".lock"), r.err());
    }

    @Test
    void shouldSayThatAnEmptyFileNameIsEmpty() throws IOException {
        assertEquals(new Cli.Result(2, "", "rfsweep: --out '': the file name is empty\n"),
            Cli.run("sweep", write("small.json", TestSpaces.SMALL).toString(), "--out", ""));
        assertEquals(new Cli.Result(2, "", "rfsweep: --out '': the file name is empty\n"),
            Cli.run("eval", write("nets.csv", NETS).toString(), "--out", ""));
    }
}
