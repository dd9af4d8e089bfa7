package org.rfsweep.cli.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.cli.Cli;
import org.rfsweep.space.TestSpaces;

/** Two runs never write the same output: the second, in another process, is refused while the first holds it. */
class OutputLockTest {
    @TempDir
    Path dir;

    /** Starts a JVM that holds the lock of {@code out}; returns once it holds it. */
    private static Process holdLock(Path out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", classpath, LockHolder.class.getName(), out.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", in.readLine());
        return p;
    }

    @Test
    void shouldRefuseASecondWriterOfTheSameOutput() throws Exception {
        Path out = dir.resolve("r.csv");
        Path nets = Files.writeString(dir.resolve("nets.csv"), OutputFilesTest.NETS);
        Path space = Files.writeString(dir.resolve("small.json"), TestSpaces.SMALL);
        Process holder = holdLock(out);
        try {
            String refused = "rfsweep: --out " + out + ": another rfsweep is writing it (it holds .r.csv.lock); wait"
                + " for it to finish or choose another file\n";
            assertEquals(new Cli.Result(2, "", refused), Cli.run("eval", nets.toString(), "--out", out.toString()));
            assertEquals(new Cli.Result(2, "", refused),
                Cli.run("sweep", space.toString(), "--progress", "none", "--out", out.toString()));
            assertFalse(Files.exists(out));
        } finally {
            holder.getOutputStream().close();
            assertEquals(0, holder.waitFor(30, TimeUnit.SECONDS) ? holder.exitValue() : -1);
        }
        assertEquals(0, Cli.run("eval", nets.toString(), "--out", out.toString()).code());
        assertFalse(Files.exists(dir.resolve(".r.csv.lock")), "the lock file is removed when the run ends");
    }
}
