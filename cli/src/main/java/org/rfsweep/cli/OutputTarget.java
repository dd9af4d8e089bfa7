package org.rfsweep.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.rfsweep.output.IoReason;
import org.rfsweep.output.OutputLock;
import org.rfsweep.output.OutputPath;

/**
 * Where a command writes a result. A new path or a regular file is written to a temporary file
 * beside it and renamed over it in {@link #commit()}; {@link #close()} without a commit deletes
 * the temporary file, so an error never leaves a half-written file (nor does an interrupt: the
 * temporary file is also deleted when the JVM exits, as after Ctrl-C). A symbolic link is
 * followed (the link stays a link), and a device or FIFO ({@code /dev/null}, {@code /dev/stdout})
 * is written through, never replaced (see {@link OutputPath}). A file target holds the
 * {@link OutputLock} of its file from open to close, so two runs never write the same file.
 * Write errors become an {@link OutputFailure} ({@code writing NAME: reason}).
 *
 * <pre>
 *   try (OutputTarget target = output.open()) {
 *       write(target.writer());
 *       target.commit();
 *   }
 * </pre>
 */
public final class OutputTarget implements AutoCloseable {
    private final PrintWriter stdout;
    private final OutputPath path;
    private final Path temp;
    private final OutputLock lock;
    private final List<String> removed;
    private final OutputStream stream;
    private Writer writer;
    private boolean finished;
    private boolean done;

    private OutputTarget(PrintWriter stdout, OutputPath path, Path temp, OutputLock lock, List<String> removed,
                         OutputStream stream) {
        this.stdout = stdout;
        this.path = path;
        this.temp = temp;
        this.lock = lock;
        this.removed = removed;
        this.stream = stream;
        this.writer = stdout;
    }

    static OutputTarget stdout(PrintWriter out) {
        return new OutputTarget(out, null, null, null, List.of(), null);
    }

    /**
     * Opens {@code target} for writing; {@code option} names it in messages ({@code --out}).
     *
     * @throws UserError when nothing can be written there or another run writes it
     */
    public static OutputTarget file(Path target, String option) {
        OutputPath path;
        try {
            path = OutputPath.resolve(target);
        } catch (IOException e) {
            throw new UserError(option + " " + quoted(target) + ": " + e.getMessage());
        }
        if (path.special()) {
            try {
                OutputStream out = Files.newOutputStream(path.real(), StandardOpenOption.WRITE);
                return new OutputTarget(null, path, null, null, List.of(), guarded(out, target));
            } catch (IOException e) {
                throw new UserError(option + " " + target + ": " + IoReason.of(e));
            }
        }
        OutputLock lock = null;
        Path temp = null;
        try {
            lock = OutputLock.acquire(path.real());
            List<String> removed = lock.removeStale(path.real());
            temp = path.createTemp(".tmp");
            temp.toFile().deleteOnExit();
            OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE);
            return new OutputTarget(null, path, temp, lock, removed, guarded(out, target));
        } catch (IOException e) {
            deleteQuietly(temp);
            closeQuietly(lock);
            throw new UserError(option + " " + target + ": " + IoReason.of(e)
                + (e instanceof AccessDeniedException ? " (cannot write in " + path.folder() + ")" : ""));
        }
    }

    private static String quoted(Path target) {
        return target.toString().isEmpty() ? "''" : target.toString();
    }

    /** The names of stale temporary files of an earlier, killed run that opening removed. */
    public List<String> removedStale() {
        return removed;
    }

    /** The destination as bytes; not for standard output. */
    public OutputStream stream() {
        if (stream == null) {
            throw new IllegalStateException("standard output has no byte stream here");
        }
        return stream;
    }

    /** The destination writer (UTF-8). */
    public Writer writer() {
        if (writer == null) {
            writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        }
        return writer;
    }

    /** Makes the output final: flushes standard output, or renames the file into place. */
    public void commit() throws OutputFailure {
        finish();
        publish();
    }

    /**
     * Makes several outputs final, all or none: every one is written out completely before the
     * first is renamed into place, so a write error leaves none of them.
     */
    public static void commitAll(OutputTarget... targets) throws OutputFailure {
        for (OutputTarget t : targets) {
            t.finish();
        }
        for (OutputTarget t : targets) {
            t.publish();
        }
    }

    /** Writes everything out; the file is complete but not yet in place. */
    private void finish() throws OutputFailure {
        if (stdout != null) {
            stdout.flush();
            if (stdout.checkError()) {
                IOException cause = StandardOutput.failureOf(stdout);
                if (cause != null && IoReason.brokenPipe(cause)) {
                    throw new ClosedPipe();
                }
                throw new OutputFailure("writing standard output: "
                    + (cause != null ? IoReason.of(cause) : "closed pipe or full disk"), cause);
            }
            return;
        }
        try {
            writer().close();
            finished = true;
        } catch (IOException e) {
            throw OutputFailure.writing(path.given(), e);
        }
    }

    private void publish() throws OutputFailure {
        if (temp == null) {
            done = true;
            return;
        }
        try {
            try {
                Files.move(temp, path.real(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path.real(), StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw OutputFailure.writing(path.given(), e);
        }
    }

    /** Deletes the temporary file unless {@link #commit()} succeeded; releases the lock. */
    @Override
    public void close() {
        if (stdout != null) {
            return;
        }
        if (!finished) {
            try {
                writer().close();
            } catch (IOException e) {
                // The write already failed; the file is removed below.
            }
        }
        if (!done) {
            deleteQuietly(temp);
        }
        closeQuietly(lock);
    }

    /** Buffers {@code out} and turns its errors into {@link OutputFailure}s that name {@code name}. */
    private static OutputStream guarded(OutputStream out, Path name) {
        return new FilterOutputStream(new BufferedOutputStream(out, 1 << 16)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw OutputFailure.writing(name, e);
                }
            }

            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw OutputFailure.writing(name, e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw OutputFailure.writing(name, e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw OutputFailure.writing(name, e);
                }
            }
        };
    }

    private static void closeQuietly(OutputLock lock) {
        if (lock == null) {
            return;
        }
        try {
            lock.close();
        } catch (IOException e) {
            // The lock file stays; the next run can still lock it.
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Nothing more to do: the error that brought us here is what the user sees.
        }
    }
}
