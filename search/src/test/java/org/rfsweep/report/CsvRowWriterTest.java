package org.rfsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

class CsvRowWriterTest {
    private static final String[] TEXTS = {"", " ", "a", "conv(k=3,c=8)", "say \"hi\"", "two\nlines", "#x", "-1",
        "tab\there", "x,y", "res(conv(k=3,p=1,c=64) | )", "\u00e9t\u00e9", "cr\rhere",
        "224x224x3", "9", "Z9", ",", ",lead", "trail,", "a,\"b", "x ", " ,x", "#,a", "conv(k=3) relu", "a,\u00e9"};

    @Test
    void shouldWriteExactlyWhatCsvPrinterWrites() throws IOException {
        long seed = 20240611L;
        SplittableRandom random = new SplittableRandom(seed);
        StringWriter expected = new StringWriter();
        StringWriter actual = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(expected, Csv.WRITE);
             CsvRowWriter row = new CsvRowWriter(actual)) {
            for (int r = 0; r < 20_000; r++) {
                int fields = 1 + random.nextInt(6);
                for (int f = 0; f < fields; f++) {
                    int kind = random.nextInt(3);
                    if (kind == 0) {
                        String text = TEXTS[random.nextInt(TEXTS.length)];
                        printer.print(text);
                        row.text(text);
                    } else if (kind == 1) {
                        long value = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(1000);
                        printer.print(value);
                        row.number(value);
                    } else {
                        printer.print("");
                        row.empty();
                    }
                }
                printer.println();
                row.endRow();
            }
        }
        assertEquals(expected.toString(), actual.toString(), "seed " + seed);
    }

    @Test
    void shouldWriteAHeaderAndEndRecordsWithNewline() throws IOException {
        StringWriter out = new StringWriter();
        try (CsvRowWriter row = new CsvRowWriter(out)) {
            row.header(List.of("arch", "macs"));
            row.text("conv(k=3,c=8)").number(Long.MIN_VALUE).endRow();
            row.empty().number(0).endRow();
        }
        assertEquals("arch,macs\n\"conv(k=3,c=8)\",-9223372036854775808\n\"\",0\n", out.toString());
    }

    @Test
    void shouldPassNothingToTheWriterBeforeABlockIsFull() throws IOException {
        StringWriter out = new StringWriter();
        CsvRowWriter row = new CsvRowWriter(out);
        row.number(1).endRow();
        assertEquals("", out.toString());
        row.flush();
        assertEquals("1\n", out.toString());
    }
}
