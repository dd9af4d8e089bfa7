package org.rfsweep.cli.eval;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rfsweep.cli.Echo;
import org.rfsweep.cli.UserError;
import org.rfsweep.output.IoReason;
import org.rfsweep.report.Csv;

/**
 * The CSV that {@code rfsweep eval} reads: UTF-8, a header line naming the columns, and the
 * columns {@code arch} and {@code input} somewhere among them (others are ignored). Reads rows
 * into an {@link EvalChunk}; a row that does not fit the header gets an error, not an exception.
 * Problems with the file itself (missing, unreadable, malformed CSV) are {@link UserError}s.
 */
final class EvalInput implements Closeable {
    private final String name;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int archColumn;
    private final int inputColumn;
    private final int width;
    /** The {@code --input} shapes every row is evaluated on, or null to read the input column. */
    private List<String> inputs;
    /** A row whose inputs did not all fit in the last chunk, and the next of its inputs. */
    private CSVRecord pending;
    private int pendingInput;

    private EvalInput(String name, CSVParser parser, Iterator<CSVRecord> records, int archColumn, int inputColumn,
                      int width) {
        this.name = name;
        this.parser = parser;
        this.records = records;
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
        Reader reader = file.equals("-") ? new BufferedReader(new InputStreamReader(stdin,
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16) : openFile(file);
        CSVParser parser = null;
        try {
            parser = Csv.READ.parse(new CappedReader(reader));
            Iterator<CSVRecord> records = parser.iterator();
            if (!hasNext(records, name)) {
                throw new UserError(name + ": empty; expected a header line with the columns arch and input");
            }
            List<String> header = new ArrayList<>();
            for (String column : records.next()) {
                header.add(header.isEmpty() ? stripBom(column).trim() : column.trim());
            }
            int arch = header.indexOf("arch");
            int input = header.indexOf("input");
            if (arch < 0 || input < 0 && inputs == null) {
                throw new UserError(name + ": missing column '" + (arch < 0 ? "arch" : "input") + "' (the header is: "
                    + Echo.cap(String.join(", ", header)) + ")");
            }
            EvalInput in = new EvalInput(name, parser, records, arch, input, header.size());
            in.inputs = inputs;
            return in;
        } catch (IOException e) {
            closeQuietly(parser, reader);
            throw failure(name, e);
        } catch (RuntimeException e) {
            closeQuietly(parser, reader);
            throw e;
        }
    }

    /** Reads rows into {@code chunk} until it is full or the input ends; returns the rows read. */
    int fill(EvalChunk chunk) {
        chunk.clear();
        while (chunk.size < chunk.capacity && (pending != null || hasNext(records, name))) {
            CSVRecord record = pending != null ? pending : next();
            int n = record.size();
            int i = chunk.size++;
            chunk.arch[i] = archColumn < n ? record.get(archColumn) : "";
            if (inputs != null) {
                chunk.input[i] = inputs.get(pendingInput++);
                pending = pendingInput < inputs.size() ? record : null;
                pendingInput = pending == null ? 0 : pendingInput;
                if (n > width) {
                    chunk.error[i] = "the row has " + n + " fields but the header has " + width
                        + " (an arch with commas must be in double quotes)";
                } else if (archColumn >= n) {
                    chunk.error[i] = "missing field 'arch' (the row has " + n + (n == 1 ? " field" : " fields")
                        + ", the header " + width + ")";
                }
                continue;
            }
            chunk.input[i] = inputColumn < n ? record.get(inputColumn) : "";
            if (n > width) {
                chunk.error[i] = "the row has " + n + " fields but the header has " + width
                    + " (an arch with commas must be in double quotes)";
            } else if (archColumn >= n || inputColumn >= n) {
                chunk.error[i] = "missing field '" + (archColumn >= n ? "arch" : "input") + "' (the row has " + n
                    + (n == 1 ? " field" : " fields") + ", the header " + width + ")";
            }
        }
        return chunk.size;
    }

    private CSVRecord next() {
        try {
            return records.next();
        } catch (UncheckedIOException e) {
            throw failure(name, e.getCause());
        } catch (IllegalStateException e) {
            throw new UserError(name + ": " + e.getMessage());
        }
    }

    private static boolean hasNext(Iterator<CSVRecord> records, String name) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw failure(name, e.getCause());
        } catch (IllegalStateException e) {
            throw new UserError(name + ": " + e.getMessage());
        }
    }

    private static Reader openFile(String file) {
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new UserError(file + ": is a directory");
            }
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException | InvalidPathException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    private static UserError failure(String name, IOException e) {
        if (e instanceof CappedReader.LineTooLong) {
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

    private static void closeQuietly(CSVParser parser, Reader reader) {
        try {
            if (parser != null) {
                parser.close();
            } else {
                reader.close();
            }
        } catch (IOException e) {
            // Already failing; the first error is the one to report.
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
