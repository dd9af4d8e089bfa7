package org.rfsweep.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;

/**
 * The destination of a sweep's CSV. A file is written to a temporary file in the target's
 * folder ({@code .NAME.*.part}) and made final by {@link #commit()}: renamed over the target, or,
 * with {@code append}, appended to it. A sweep commits what it finished even when it was
 * interrupted or failed, since that is a valid prefix of the result; a write that fails midway
 * is truncated back to the last whole chunk first. {@link #close()} without a commit deletes the
 * temporary file. A target named {@code *.csv.gz} is written compressed ({@link #GZIP_SUFFIX}); a
 * device or pipe such as {@code /dev/null} is written through. Standard output is written through
 * as it comes; a closed one (the reader of a pipe quit) fails the next write, which stops the sweep. Not thread-safe.
 */
public final class SweepOutput implements ChunkSink, AutoCloseable {
    /** A target whose name ends so is written gzip-compressed (appending adds a gzip member). */
    public static final String GZIP_SUFFIX = ".csv.gz";
    private static final int GZIP_BUFFER = 1 << 20;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final Writer writer;
    private final boolean append;
    private long good;
    private boolean committed;
    /** Compresses what is written, for a target named {@code *.csv.gz}; null for plain text. */
    private GZIPOutputStream gzip;

    private SweepOutput(Path target, Path temp, FileChannel channel, Writer writer, boolean append) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.writer = writer;
        this.append = append;
    }

    /** Output to {@code target}; with {@code append} the rows are added to an existing file. */
    public static SweepOutput file(Path target, boolean append) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + ": is a directory");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException(target + ": the folder " + folder + " does not exist");
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            // A device or a pipe (/dev/null, a FIFO): written through; renaming over it would replace it.
            return new SweepOutput(target, null, FileChannel.open(absolute, StandardOpenOption.WRITE), null, false);
        }
        Path temp = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".part");
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
            if (view != null) {
                view.setPermissions(Files.exists(absolute) ? Files.getPosixFilePermissions(absolute)
                    : PosixFilePermissions.fromString("rw-r--r--"));
            }
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            SweepOutput output = new SweepOutput(target, temp, channel, null, append);
            if (absolute.getFileName().toString().endsWith(GZIP_SUFFIX)) {
                output.gzip = new GZIPOutputStream(Channels.newOutputStream(channel), GZIP_BUFFER);
            }
            return output;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Output to a character stream (standard output), written through. */
    public static SweepOutput writer(Writer out) {
        return new SweepOutput(null, null, null, out, false);
    }

    /** True when this output appends to a file that already has content (so no header). */
    public boolean appendsToContent() throws IOException {
        return append && target != null && Files.exists(target) && Files.size(target) > 0;
    }

    @Override
    public void write(byte[] bytes, int length) throws IOException {
        if (channel == null) {
            writer.write(new String(bytes, 0, length, StandardCharsets.UTF_8));
            if (writer instanceof PrintWriter && ((PrintWriter) writer).checkError()) {
                throw new IOException("standard output is closed (a closed pipe or a full disk)");
            }
            return;
        }
        if (gzip != null) {
            gzip.write(bytes, 0, length);
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            try {
                channel.truncate(good);
                channel.position(good);
            } catch (IOException ignored) {
                // The write error is what the user must see.
            }
            throw e;
        }
        good += length;
    }

    /** Makes what was written final. Returns the file, or null for a stream. */
    public Path commit() throws IOException {
        if (channel == null) {
            writer.flush();
            committed = true;
            return null;
        }
        if (temp == null) {
            channel.close();
            committed = true;
            return target;
        }
        if (gzip != null) {
            gzip.finish();
            gzip.flush();
        }
        channel.force(false);
        channel.close();
        if (append && Files.exists(target)) {
            try (FileChannel in = FileChannel.open(temp, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, size - done, out);
                }
            }
            Files.delete(temp);
        } else {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
        return target;
    }

    /** The target file, or null for a stream. */
    public Path target() {
        return target;
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (channel == null || committed) {
            return;
        }
        channel.close();
        if (temp != null) {
            Files.deleteIfExists(temp);
        }
    }
}
