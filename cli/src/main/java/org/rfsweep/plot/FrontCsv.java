package org.rfsweep.plot;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rfsweep.report.Csv;

/**
 * The points of a CSV written by {@code rfsweep search} ({@code --pareto FILE}, or the top-k
 * list with {@code --format csv}), or by {@code rfsweep sweep}: per row the receptive field per
 * axis, a cost column, the architecture string, and {@code meets_rf} when present. Errors are
 * one line naming the file, the row and the column.
 */
public final class FrontCsv {
    /** One row. */
    public record Point(long rfH, long rfW, long cost, boolean meetsRf, String arch) {
    }

    private FrontCsv() {
    }

    /**
     * Reads {@code file}, taking the cost from column {@code cost}.
     *
     * @throws IllegalArgumentException like {@code front.csv: missing column macs (...)}
     */
    public static List<Point> read(Path file, String cost) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVParser.builder().setReader(in)
                 .setFormat(Csv.READ.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            Map<String, Integer> header = csv.getHeaderMap();
            for (String need : new String[] {"rf_h", "rf_w", cost}) {
                if (!header.containsKey(need)) {
                    throw new IllegalArgumentException(file + ": missing column " + need + " (expected a CSV of rfsweep"
                        + " search or sweep; the cost column is chosen with --cost)");
                }
            }
            boolean meets = header.containsKey("meets_rf");
            boolean arch = header.containsKey("arch");
            List<Point> out = new ArrayList<>();
            for (CSVRecord r : csv) {
                long row = r.getRecordNumber() + 1;
                out.add(new Point(number(file, row, r, "rf_h"), number(file, row, r, "rf_w"),
                    number(file, row, r, cost), !meets || "1".equals(r.get("meets_rf")), arch ? r.get("arch") : ""));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static long number(Path file, long row, CSVRecord r, String column) {
        String v = r.isSet(column) ? r.get(column) : "";
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": line " + row + ": " + column + " '" + v
                + "' is not a whole number");
        }
    }
}
