package org.rfsweep.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.rfsweep.output.OutputLock;
import org.rfsweep.output.OutputPath;

/**
 * The destination of a sweep's CSV. A regular (or new) file is written to a temporary file in
 * the target's folder ({@code .NAME.*.part}) and made final by {@link #commit()}: renamed over
 * the target, or, with {@code append}, appended to it. A target named {@code *.csv.gz} is written
 * compressed ({@link #GZIP_SUFFIX}; appending adds a gzip member). A sweep commits what it finished even
 * when it was interrupted or failed, since that is a valid prefix of the result; a write that
 * fails midway is truncated back to the last whole chunk first. {@link #close()} without a
 * commit deletes the temporary file. A device or FIFO is written through, a symbolic link is
 * followed ({@link OutputPath}), and the file is locked for the whole run ({@link OutputLock}).
 * Standard output is written through as it comes; a closed one (the reader of a pipe quit)
 * fails the next write with a {@link ClosedStreamException}, which stops the sweep. Not
 * thread-safe.
 */
public final class SweepOutput implements ChunkSink, AutoCloseable {
    /** A target whose name ends so is written gzip-compressed. */
    public static final String GZIP_SUFFIX = ".csv.gz";
    private static final int GZIP_BUFFER = 1 << 20;

    private final OutputPath target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream through;
    private final Writer writer;
    private final boolean append;
    private final OutputLock lock;
    private final List<String> removed;
    private long good;
    private boolean committed;
    /** Compresses what is written, for a target named {@code *.csv.gz}; null for plain text. */
    private GZIPOutputStream gzip;

    private SweepOutput(OutputPath target, Path temp, FileChannel channel, OutputStream through, Writer writer,
                        boolean append, OutputLock lock, List<String> removed) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.through = through;
        this.writer = writer;
        this.append = append;
        this.lock = lock;
        this.removed = removed;
    }

    /**
     * Output to {@code target}; with {@code append} the rows are added to an existing file.
     *
     * @throws IOException with a short message naming the problem (not the temporary file)
     */
    public static SweepOutput file(Path target, boolean append) throws IOException {
        OutputPath path = OutputPath.resolve(target);
        if (path.special()) {
            OutputStream out = Files.newOutputStream(path.real(), StandardOpenOption.WRITE);
            return new SweepOutput(path, null, null, out, null, false, null, List.of());
        }
        OutputLock lock = OutputLock.acquire(path.real());
        Path temp = null;
        try {
            List<String> removed = lock.removeStale(path.real());
            temp = path.createTemp(".part");
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            SweepOutput output = new SweepOutput(path, temp, channel, null, null, append, lock, removed);
            if (path.real().getFileName().toString().endsWith(GZIP_SUFFIX)) {
                output.gzip = new GZIPOutputStream(Channels.newOutputStream(channel), GZIP_BUFFER);
            }
            return output;
        } catch (IOException | RuntimeException e) {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            lock.close();
            throw e;
        }
    }

    /** Output to a character stream (standard output), written through. */
    public static SweepOutput writer(Writer out) {
        return new SweepOutput(null, null, null, null, out, false, null, List.of());
    }

    /** The names of stale temporary files of an earlier, killed run that opening removed. */
    public List<String> removedStale() {
        return removed;
    }

    /** True when this output appends to a file that already has content (so no header). */
    public boolean appendsToContent() throws IOException {
        return append && channel != null && Files.exists(target.real()) && Files.size(target.real()) > 0;
    }

    /**
     * Checks that appending rows {@code from..} with {@code columns} continues the existing file
     * (see {@link AppendCheck}); does nothing without {@code append} or for a new or empty file.
     *
     * @throws IllegalArgumentException saying what is in the file
     */
    public void checkAppend(List<String> columns, BigInteger from) throws IOException {
        if (appendsToContent()) {
            AppendCheck.check(target.real(), target.given().toString(), columns, from);
        }
    }

    @Override
    public void write(byte[] bytes, int length) throws IOException {
        if (writer != null) {
            writer.write(new String(bytes, 0, length, StandardCharsets.UTF_8));
            if (writer instanceof PrintWriter && ((PrintWriter) writer).checkError()) {
                throw new ClosedStreamException();
            }
            return;
        }
        if (through != null) {
            through.write(bytes, 0, length);
            good += length;
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

    /** Makes what was written final. Returns the file as given, or null for a stream. */
    public Path commit() throws IOException {
        if (writer != null) {
            writer.flush();
            if (writer instanceof PrintWriter && ((PrintWriter) writer).checkError()) {
                throw new ClosedStreamException();
            }
            committed = true;
            return null;
        }
        if (through != null) {
            through.close();
            committed = true;
            return target.given();
        }
        if (gzip != null) {
            gzip.finish();
            gzip.flush();
        }
        channel.force(false);
        channel.close();
        Path real = target.real();
        if (append && Files.exists(real)) {
            try (FileChannel in = FileChannel.open(temp, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(real, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, size - done, out);
                }
            }
            Files.delete(temp);
        } else {
            try {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
        return target.given();
    }

    /** The target file as given, or null for a stream. */
    public Path target() {
        return target == null ? null : target.given();
    }

    /** Deletes the temporary file unless committed; releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            if (channel != null && !committed) {
                channel.close();
                Files.deleteIfExists(temp);
            }
            if (through != null && !committed) {
                through.close();
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** Writing to standard output failed: its reader has gone, or the disk under it is full. */
    public static final class ClosedStreamException extends IOException {
        private static final long serialVersionUID = 1L;

        public ClosedStreamException() {
            super("standard output is closed (a closed pipe or a full disk)");
        }
    }
}
