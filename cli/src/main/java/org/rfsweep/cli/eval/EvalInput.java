package org.rfsweep.cli.eval;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rfsweep.cli.Echo;
import org.rfsweep.cli.UserError;
import org.rfsweep.output.IoReason;

/**
 * The CSV that {@code rfsweep eval} reads: UTF-8, a header line naming the columns, and the
 * columns {@code arch} and {@code input} somewhere among them (others are ignored). Reads rows
 * into an {@link EvalChunk} as bytes ({@link CsvBytes}: the records Commons CSV would read); a
 * row that does not fit the header gets an error, not an exception. Problems with the file
 * itself (missing, unreadable, malformed CSV) are {@link UserError}s.
 */
final class EvalInput implements Closeable {
    private final String name;
    private final CsvBytes csv;
    private final int archColumn;
    private final int inputColumn;
    private final int width;
    /** The input, counting its bytes. */
    private Counting counting;
    /** The {@code --input} shapes every row is evaluated on (UTF-8), or null to read the input column. */
    private byte[][] inputs;
    /** A row whose inputs did not all fit in the last chunk (its arch and error), and the next of its inputs. */
    private byte[] pendingArch;
    private String pendingError;
    /** The arch of the row with {@code --input} shapes was quoted plainly ({@link CsvBytes#plainQuoted}). */
    private boolean pendingPlain;
    private int pendingInput;

    private EvalInput(String name, CsvBytes csv, int archColumn, int inputColumn, int width) {
        this.name = name;
        this.csv = csv;
        this.archColumn = archColumn;
        this.inputColumn = inputColumn;
        this.width = width;
    }

    /** Opens {@code file} ({@code -} for {@code stdin}) and checks its header. */
    static EvalInput open(String file, InputStream stdin) {
        return open(file, stdin, null);
    }

    /**
     * Opens {@code file}; with {@code inputs}, every row is evaluated on each of them in turn (one
     * output row per row and input) and the file needs no {@code input} column.
     */
    static EvalInput open(String file, InputStream stdin, List<String> inputs) {
        String name = file.equals("-") ? "standard input" : file;
        Counting stream = new Counting(file.equals("-") ? stdin : openFile(file), file.equals("-") ? -1 : size(file));
        CsvBytes csv = new CsvBytes(stream);
        try {
            if (!csv.next()) {
                throw new UserError(name + ": empty; expected a header line with the columns arch and input");
            }
            List<String> header = new ArrayList<>();
            for (int f = 0; f < csv.fields(); f++) {
                String column = csv.text(f);
                header.add(header.isEmpty() ? stripBom(column).trim() : column.trim());
            }
            int arch = header.indexOf("arch");
            int input = header.indexOf("input");
            if (arch < 0 || input < 0 && inputs == null) {
                throw new UserError(name + ": missing column '" + (arch < 0 ? "arch" : "input") + "' (the header is: "
                    + Echo.cap(String.join(", ", header)) + ")");
            }
            EvalInput in = new EvalInput(name, csv, arch, input, header.size());
            in.counting = stream;
            if (inputs != null) {
                in.inputs = new byte[inputs.size()][];
                for (int i = 0; i < inputs.size(); i++) {
                    in.inputs[i] = inputs.get(i).getBytes(StandardCharsets.UTF_8);
                }
            }
            return in;
        } catch (IOException e) {
            closeQuietly(csv);
            throw failure(name, e);
        } catch (RuntimeException e) {
            closeQuietly(csv);
            throw e;
        }
    }

    /** Reads rows into {@code chunk} until it is full or the input ends; returns the rows read. */
    int fill(EvalChunk chunk) {
        chunk.clear();
        try {
            while (chunk.size < chunk.capacity) {
                if (pendingArch != null) {
                    nextInput(chunk, pendingArch, 0, pendingArch.length, pendingError);
                    continue;
                }
                if (!csv.next()) {
                    break;
                }
                read(chunk);
            }
            chunk.ascii(csv.ascii());
        } catch (IOException e) {
            throw failure(name, e);
        }
        return chunk.size;
    }

    /** Adds the record just read (or, with {@code --input}, its first input). */
    private void read(EvalChunk chunk) {
        final int n = csv.fields();
        final byte[] bytes = csv.bytes();
        final int archFrom = archColumn < n ? csv.from(archColumn) : 0;
        final int archTo = archColumn < n ? csv.to(archColumn) : 0;
        if (inputs != null) {
            String error = null;
            if (n > width) {
                error = tooMany(n);
            } else if (archColumn >= n) {
                error = "missing field 'arch' (the row has " + n + (n == 1 ? " field" : " fields") + ", the header "
                    + width + ")";
            }
            pendingPlain = archColumn < n && csv.plainQuoted(archColumn);
            nextInput(chunk, bytes, archFrom, archTo, error);
            return;
        }
        String error = null;
        if (n > width) {
            error = tooMany(n);
        } else if (archColumn >= n || inputColumn >= n) {
            error = "missing field '" + (archColumn >= n ? "arch" : "input") + "' (the row has " + n
                + (n == 1 ? " field" : " fields") + ", the header " + width + ")";
        }
        final int inputFrom = inputColumn < n ? csv.from(inputColumn) : 0;
        final int inputTo = inputColumn < n ? csv.to(inputColumn) : 0;
        chunk.add(bytes, archFrom, archTo, bytes, inputFrom, inputTo, error);
        chunk.plainQuoted(archColumn < n && csv.plainQuoted(archColumn));
    }

    /** Adds the row's arch on its next {@code --input} shape; keeps the row pending while shapes remain. */
    private void nextInput(EvalChunk chunk, byte[] bytes, int archFrom, int archTo, String error) {
        byte[] shape = inputs[pendingInput++];
        chunk.add(bytes, archFrom, archTo, shape, 0, shape.length, error);
        chunk.plainQuoted(pendingPlain);
        if (pendingInput < inputs.length) {
            if (pendingArch == null) {
                pendingArch = Arrays.copyOfRange(bytes, archFrom, archTo);
                pendingError = error;
            }
        } else {
            pendingArch = null;
            pendingError = null;
            pendingInput = 0;
        }
    }

    private String tooMany(int n) {
        return "the row has " + n + " fields but the header has " + width
            + " (an arch with commas must be in double quotes)";
    }

    /** Bytes read from the input so far (the reader reads ahead by a buffer). */
    long bytesRead() {
        return counting.count;
    }

    /** The input's size in bytes when it is a regular file, else -1. */
    long size() {
        return counting.size;
    }

    private static long size(String file) {
        try {
            Path path = Path.of(file);
            return Files.isRegularFile(path) ? Files.size(path) : -1;
        } catch (IOException | InvalidPathException e) {
            return -1;
        }
    }

    /** The input stream, counting the bytes read from it. */
    private static final class Counting extends FilterInputStream {
        final long size;
        long count;

        Counting(InputStream in, long size) {
            super(in);
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            final int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }

    private static InputStream openFile(String file) {
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new UserError(file + ": is a directory");
            }
            return Files.newInputStream(path);
        } catch (NoSuchFileException | InvalidPathException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static UserError failure(String name, IOException e) {
        if (e instanceof CsvBytes.LineTooLong) {
            return new UserError(name + ": " + e.getMessage());
        }
        if (e instanceof CharacterCodingException) {
            return new UserError(name + ": not UTF-8 text");
        }
        if (e instanceof AccessDeniedException) {
            return new UserError(name + ": permission denied");
        }
        if (e instanceof NoSuchFileException) {
            return new UserError(name + ": no such file");
        }
        return new UserError(name + ": " + IoReason.of(e));
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    private static void closeQuietly(CsvBytes csv) {
        try {
            csv.close();
        } catch (IOException e) {
            // Already failing; the first error is the one to report.
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
