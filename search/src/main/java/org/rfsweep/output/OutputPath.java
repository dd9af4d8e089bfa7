package org.rfsweep.output;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Where an output path leads. A new path or a regular file is replaced atomically (a temporary
 * file beside it, renamed over it); anything else that exists (a device such as
 * {@code /dev/null}, a FIFO) is written through, so it is never replaced by a regular file. A
 * symbolic link is followed to its target (up to {@link #MAX_LINKS} links, dangling or not), and
 * the temporary file goes beside the target, so the link stays a link.
 *
 * @param given   the path as the user wrote it (for messages)
 * @param real    the path written: {@code given} with its symbolic links followed, absolute
 * @param special true for a device or FIFO, written through
 */
public record OutputPath(Path given, Path real, boolean special) {
    /** Most symbolic links followed in a chain. */
    public static final int MAX_LINKS = 40;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Resolves {@code given}.
     *
     * @throws IOException with a short message ({@code is a directory}, {@code the folder F does not
     *                     exist}, {@code the file name is empty}) when nothing can be written there
     */
    public static OutputPath resolve(Path given) throws IOException {
        if (given.toString().isEmpty()) {
            throw new IOException("the file name is empty");
        }
        Path absolute = given.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isRegularFile(absolute) && !Files.isDirectory(absolute)) {
            // A device or FIFO, maybe behind links the kernel resolves (/dev/stdout -> /proc/self/fd/1 -> pipe).
            return new OutputPath(given, absolute, true);
        }
        Path path = absolute.normalize();
        for (int links = 0; Files.isSymbolicLink(path); links++) {
            if (links == MAX_LINKS) {
                throw new IOException("too many levels of symbolic links");
            }
            Path target = Files.readSymbolicLink(path);
            path = path.resolveSibling(target).toAbsolutePath().normalize();
        }
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        Path folder = path.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            Path shown = given.getParent() != null && path.equals(given.toAbsolutePath().normalize())
                ? given.getParent() : folder;
            throw new IOException("the folder " + shown + " does not exist");
        }
        boolean special = Files.exists(path, LinkOption.NOFOLLOW_LINKS)
            && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
        return new OutputPath(given, path, special);
    }

    /**
     * Creates an empty temporary file beside {@link #real}, {@code .NAME.RANDOM.SUFFIX}, with the
     * permissions {@link #real} has, or, for a new file, those of the umask (as the shell's
     * {@code >} gives), so every output gets the same permissions whoever writes it.
     */
    public Path createTemp(String suffix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = folder().resolve("." + name() + "." + Long.toHexString(RANDOM.nextLong() >>> 1) + suffix);
            try {
                Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;
                }
                throw e;
            }
            try {
                boolean posix = Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null;
                if (Files.isRegularFile(real) && posix) {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(real));
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            return temp;
        }
    }

    /** The folder of {@link #real}. */
    public Path folder() {
        return real.getParent();
    }

    /** The file name of {@link #real}. */
    public String name() {
        return real.getFileName().toString();
    }
}
