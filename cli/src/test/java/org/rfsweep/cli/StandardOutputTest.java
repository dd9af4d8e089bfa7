package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard output that fails: a closed pipe ends quietly, anything else is one line with exit code 2. */
class StandardOutputTest {
    @TempDir
    Path dir;

    /** A stream that fails with {@code message} after {@code limit} bytes. */
    private static OutputStream failingAfter(int limit, String message) {
        return new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > limit) {
                    throw new IOException(message);
                }
            }
        };
    }

    private int eval(OutputStream out, StringWriter err) throws IOException {
        StringBuilder csv = new StringBuilder("arch,input\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("\"conv(k=3,c=8) relu\",32\n");
        }
        Path nets = Files.writeString(dir.resolve("nets.csv"), csv);
        StandardOutput stdout = StandardOutput.of(out);
        PrintWriter errWriter = new PrintWriter(err);
        return Main.finish(Main.run(new String[] {"eval", nets.toString()}, stdout, errWriter), stdout, errWriter);
    }

    @Test
    void shouldEndEvalQuietlyWhenTheReaderOfAPipeHasGone() throws IOException {
        StringWriter err = new StringWriter();
        assertEquals(0, eval(failingAfter(1000, "Broken pipe"), err));
        assertEquals("", err.toString());
    }

    @Test
    void shouldReportAFullDiskUnderStandardOutputInOneLine() throws IOException {
        StringWriter err = new StringWriter();
        assertEquals(2, eval(failingAfter(1000, "No space left on device"), err));
        assertEquals("rfsweep: writing standard output: no space left on device\n", err.toString());
    }
}
