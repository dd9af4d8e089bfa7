package org.rfsweep.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The exclusive lock a run holds on an output file for as long as it writes it: an operating
 * system lock ({@link FileChannel#tryLock()}) on the file {@code .NAME.lock} beside the output,
 * so a second run (in this or another process) writing the same output is refused instead of
 * both reporting success. The lock file is deleted on {@link #close()}; a run that finds the
 * lock file replaced after locking it tries again, so deleting it is safe.
 *
 * <p>While it holds the lock, a run may remove the temporary files an earlier run to the same
 * output left after being killed ({@code .NAME.*.part}, {@code .NAME.*.tmp}): nobody else can be
 * writing them ({@link #removeStale()}).
 */
public final class OutputLock implements AutoCloseable {
    private static final int ATTEMPTS = 8;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code output}: {@code .NAME.lock} in the same folder. */
    public static Path lockFile(Path output) {
        return output.resolveSibling("." + output.getFileName() + ".lock");
    }

    /**
     * Locks {@code output} (a real path, see {@link OutputPath}).
     *
     * @throws OutputLockedException when another run holds the lock
     * @throws IOException           when the lock file cannot be made
     */
    public static OutputLock acquire(Path output) throws IOException {
        try {
            return tryAcquire(output);
        } catch (OutputLockedException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot create files in " + output.getParent() + " (" + IoReason.of(e) + ")", e);
        }
    }

    private static OutputLock tryAcquire(Path output) throws IOException {
        Path file = lockFile(output);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Object before = key(file, true);
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                continue;
            }
            FileLock lock;
            try {
                lock = key(file, false) != null && key(file, false).equals(before) ? channel.tryLock() : null;
                if (lock == null && Objects.equals(key(file, false), before)) {
                    channel.close();
                    throw new OutputLockedException("another rfsweep is writing it (it holds " + file.getFileName()
                        + "); wait for it to finish or choose another file");
                }
            } catch (OverlappingFileLockException e) {
                channel.close();
                throw new OutputLockedException("another run in this process is writing it; choose another file");
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock != null && Objects.equals(key(file, false), before)) {
                return new OutputLock(file, channel, lock);
            }
            // The holder deleted the lock file while we opened it: lock the new one.
            if (lock != null) {
                lock.release();
            }
            channel.close();
        }
        throw new OutputLockedException("its lock file " + file.getFileName() + " keeps changing; another rfsweep is"
            + " writing it");
    }

    /** The file key (device and inode) of {@code file}; creates it first with {@code create}; null when absent. */
    private static Object key(Path file, boolean create) throws IOException {
        if (create) {
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // Another run made it: we compete for its lock.
            }
        }
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Deletes the temporary files an earlier, killed run left beside the output
     * ({@code .NAME.*.part} and {@code .NAME.*.tmp}); returns their names.
     */
    public List<String> removeStale(Path output) throws IOException {
        String prefix = "." + output.getFileName() + ".";
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(output.getParent(), prefix + "*")) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                String middle = name.substring(prefix.length());
                boolean oneDot = middle.indexOf('.') == middle.lastIndexOf('.');
                if ((middle.endsWith(".part") || middle.endsWith(".tmp")) && oneDot
                    && Files.isRegularFile(p) && Files.deleteIfExists(p)) {
                    removed.add(name);
                }
            }
        }
        return removed;
    }

    /** Releases the lock and deletes the lock file. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
