package org.rfsweep.sweep;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rfsweep.report.Csv;

/**
 * Checks, before {@code --append}, that the new rows continue the existing file: its first line
 * is the same header (or, for a file without one, a row of as many columns), and its last row is
 * whole, has as many columns, and holds an index below the first index to be written. Running
 * the printed resume command twice, or with other {@code --flops}, is then refused instead of
 * duplicating rows or mixing rows of different widths. Reads only the first and the last line.
 */
final class AppendCheck {
    /** Longest line read at either end; a sweep row is far shorter. */
    static final int MAX_LINE = 1 << 20;

    private AppendCheck() {
    }

    /**
     * @throws IllegalArgumentException {@code --append NAME: ...} saying what is in the file
     */
    static void check(Path file, String name, List<String> columns, BigInteger from) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            String head = read(ch, 0, (int) Math.min(size, MAX_LINE));
            int end = head.indexOf('\n');
            String first = end < 0 ? head : head.substring(0, end);
            List<String> firstFields = fields(first);
            if (!firstFields.isEmpty() && firstFields.get(0).equals("index")) {
                if (!firstFields.equals(columns)) {
                    throw new IllegalArgumentException("--append " + name + ": the file's header has "
                        + describe(firstFields) + " but this sweep writes " + describe(columns)
                        + ": give the same --flops as the run that wrote it, or another --out");
                }
            } else if (firstFields.size() != columns.size()) {
                throw new IllegalArgumentException("--append " + name + ": the file's rows have " + firstFields.size()
                    + " columns but this sweep writes " + columns.size() + " (" + String.join(",", columns) + ")");
            }
            int tailLength = (int) Math.min(size, MAX_LINE);
            String tail = read(ch, size - tailLength, tailLength);
            if (!tail.endsWith("\n")) {
                throw new IllegalArgumentException("--append " + name + ": the file ends inside a row (it does not end"
                    + " with a line break); it was not written by a finished or interrupted sweep");
            }
            int start = tail.lastIndexOf('\n', tail.length() - 2) + 1;
            String last = tail.substring(start, tail.length() - 1);
            List<String> lastFields = fields(last);
            if (lastFields.isEmpty() || lastFields.get(0).equals("index")) {
                return;
            }
            if (lastFields.size() != columns.size() || !lastFields.get(0).matches("[0-9]{1,400}")) {
                throw new IllegalArgumentException("--append " + name + ": the file's last row is not a row of this"
                    + " sweep (" + lastFields.size() + " columns, index '" + cap(lastFields.get(0)) + "')");
            }
            BigInteger lastIndex = new BigInteger(lastFields.get(0));
            if (lastIndex.compareTo(from) >= 0) {
                throw new IllegalArgumentException("--append " + name + ": the file already holds index " + lastIndex
                    + " (its last row), at or after the first index " + from + " of this run: appending would"
                    + " duplicate rows; resume with --range " + lastIndex.add(BigInteger.ONE) + ":");
            }
        }
    }

    private static String describe(List<String> columns) {
        return columns.size() + " columns (" + cap(String.join(",", columns)) + ")";
    }

    private static String cap(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "... (" + s.length() + " characters)";
    }

    private static String read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (ch.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static List<String> fields(String line) throws IOException {
        List<String> out = new ArrayList<>();
        try (CSVParser parser = Csv.READ.parse(new StringReader(line))) {
            for (CSVRecord record : parser) {
                record.forEach(out::add);
                break;
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            out.clear();
            out.add(line);
        }
        return out;
    }
}
