package org.rfsweep.cli;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output as a {@link PrintWriter} that remembers why writing failed: a
 * {@link PrintWriter} only says that it failed, and a closed pipe (the reader quit, as
 * {@code | head} does) must end a command quietly while a full disk must be reported.
 */
public final class StandardOutput extends PrintWriter {
    private final Recorder recorder;

    private StandardOutput(Recorder recorder) {
        super(new BufferedWriter(new OutputStreamWriter(recorder, StandardCharsets.UTF_8), 1 << 16), false);
        this.recorder = recorder;
    }

    /** A writer over {@code out}, buffered. */
    public static StandardOutput of(OutputStream out) {
        return new StandardOutput(new Recorder(out));
    }

    /** The first write error, or null. */
    public IOException failure() {
        return recorder.failure;
    }

    /** The first write error of {@code out} when it is a {@link StandardOutput}, else null. */
    static IOException failureOf(PrintWriter out) {
        return out instanceof StandardOutput ? ((StandardOutput) out).failure() : null;
    }

    /** Passes bytes on; records the first exception. */
    private static final class Recorder extends FilterOutputStream {
        private IOException failure;

        Recorder(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                record(e);
                throw e;
            }
        }

        private void record(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
