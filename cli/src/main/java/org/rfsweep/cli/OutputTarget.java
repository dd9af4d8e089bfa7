package org.rfsweep.cli;

import java.io.BufferedWriter;
import java.io.IOException;
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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a command writes its result. A file target writes UTF-8 to a temporary file in the
 * target's folder and renames it over the target in {@link #commit()}; {@link #close()} without
 * a commit deletes the temporary file, so an error never leaves a half-written file (nor does an
 * interrupt: the temporary file is also deleted when the JVM exits, as after Ctrl-C).
 *
 * <pre>
 *   try (OutputTarget target = output.open()) {
 *       write(target.writer());
 *       target.commit();
 *   }
 * </pre>
 */
public final class OutputTarget implements AutoCloseable {
    private final Writer writer;
    private final PrintWriter stdout;
    private final Path target;
    private final Path temp;
    private boolean done;

    private OutputTarget(Writer writer, PrintWriter stdout, Path target, Path temp) {
        this.writer = writer;
        this.stdout = stdout;
        this.target = target;
        this.temp = temp;
    }

    static OutputTarget stdout(PrintWriter out) {
        return new OutputTarget(out, out, null, null);
    }

    static OutputTarget file(Path target) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new UserError("--out " + target + ": is a directory");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            Path shown = target.getParent() != null ? target.getParent() : folder;
            throw new UserError("--out " + target + ": the folder " + shown + " does not exist");
        }
        Path temp = null;
        try {
            if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
                // A device or a pipe (/dev/null, a FIFO): written through; renaming over it would replace it.
                Writer direct = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(absolute,
                    StandardOpenOption.WRITE), StandardCharsets.UTF_8), 1 << 16);
                return new OutputTarget(direct, null, target, null);
            }
            temp = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
            temp.toFile().deleteOnExit();
            readableLike(temp, absolute);
            Writer w = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16);
            return new OutputTarget(w, null, target, temp);
        } catch (AccessDeniedException e) {
            deleteQuietly(temp);
            throw new UserError("--out " + target + ": permission denied");
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UserError("--out " + target + ": " + e.getMessage());
        }
    }

    /** The destination writer. */
    public Writer writer() {
        return writer;
    }

    /** Makes the output final: flushes standard output, or renames the file into place. */
    public void commit() {
        if (temp == null && stdout == null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UserError("--out " + target + ": " + e.getMessage());
            }
            done = true;
            return;
        }
        if (temp == null) {
            if (stdout.checkError()) {
                throw new UserError("could not write to standard output (closed pipe or full disk?)");
            }
            done = true;
            return;
        }
        try {
            writer.close();
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw new UserError("--out " + target + ": " + e.getMessage());
        }
    }

    /** Deletes the temporary file unless {@link #commit()} succeeded. */
    @Override
    public void close() {
        if (temp == null || done) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            // The write already failed; the file is removed below.
        }
        deleteQuietly(temp);
    }

    /** Temporary files are private (0600); give the result the target's permissions, or 0644. */
    private static void readableLike(Path temp, Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (Files.exists(target)) {
            view.setPermissions(Files.getPosixFilePermissions(target));
        } else {
            view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
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
