package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.report.Csv;

/**
 * {@code eval} writes its CSV as bytes, quoting the common arch without Commons CSV: the output
 * must be byte for byte what a {@code CSVPrinter} writes for the same fields, for random rows and
 * for every way an arch field can be written (quoted or not, with commas, doubled quotes, spaces,
 * line ends, non-ASCII text, empty), in a file and on standard output, with the values read back.
 */
class EvalBytesTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteTheBytesCommonsCsvWritesForEveryKindOfField() throws IOException {
        StringBuilder csv = new StringBuilder(RandomRows.csv(20261129L, 2000, false));
        for (String row : List.of("\"conv(k=3,c=8) relu\",8", "relu,8", "\"relu\",8", " relu,8", "\"relu \",8",
            "\"conv(k=3,c=\"\"8\"\")\",8", "\"conv(k=3,c=8)\nrelu\",8", "\"conv(k=3,c=8)\u2003relu\",8",
            "\"conv(k=3,c=8) r\u00e9lu\",8", "\"\",8", "\"conv(k=3,c=8)\",", "\"conv(k=3,c=8)\",\"8\"", "#relu,8",
            "\"conv(k=3,c=8)\" ,8", "\"conv(k=3,c=8)\",224x224x3,extra", "\"a,b\",8 ")) {
            csv.append("x,").append(row).append('\n');
        }
        Path in = dir.resolve("in.csv");
        Files.writeString(in, csv, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.csv");
        Cli.Result file = Cli.run("eval", in.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, file.code(), file.err());
        String written = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(reprinted(written), written);
        Cli.Result stdout = Cli.run("eval", in.toString());
        assertEquals(written, stdout.out());

        List<CSVRecord> rows = records(csv.toString());
        List<CSVRecord> results = records(written);
        assertEquals(rows.size(), results.size());
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(rows.get(i).get(1), results.get(i).get(0), "row " + i);
        }
        assertTrue(written.contains("\"conv(k=3,c=8) r\u00e9lu\",8,"), written.substring(written.length() - 2000));
    }

    /** The records of {@code text}, printed again by Commons CSV with rfsweep's format. */
    private static String reprinted(String text) throws IOException {
        StringWriter sw = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(sw, Csv.WRITE)) {
            for (CSVRecord r : records(text)) {
                printer.printRecord(r.toList());
            }
        }
        return sw.toString();
    }

    private static List<CSVRecord> records(String text) throws IOException {
        try (CSVParser parser = Csv.READ.parse(new StringReader(text))) {
            return parser.getRecords();
        }
    }
}
