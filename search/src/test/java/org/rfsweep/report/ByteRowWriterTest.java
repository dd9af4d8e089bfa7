package org.rfsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

class ByteRowWriterTest {
    private static final String ALPHABET = "abc09Z ,\"\r\n#x=()|-:é€😀\t";

    @Test
    void shouldWriteWhatACsvPrinterWritesInUtf8() throws IOException {
        SplittableRandom random = new SplittableRandom(31);
        for (int trial = 0; trial < 2_000; trial++) {
            StringBuilder expected = new StringBuilder();
            ByteRowWriter row = new ByteRowWriter(Csv.WRITE.builder().get());
            AsciiText ascii = new AsciiText();
            try (CSVPrinter printer = new CSVPrinter(expected, Csv.WRITE)) {
                int rows = random.nextInt(1, 4);
                for (int r = 0; r < rows; r++) {
                    int fields = random.nextInt(1, 6);
                    for (int f = 0; f < fields; f++) {
                        int kind = random.nextInt(3);
                        if (kind == 0) {
                            long v = random.nextInt(4) == 0 ? random.nextLong() : random.nextLong(0, 1_000_000);
                            printer.print(v);
                            row.number(v);
                        } else {
                            String text = text(random, kind == 2);
                            printer.print(text);
                            if (kind == 2) {
                                byte[] b = ("  " + text + " ").getBytes(StandardCharsets.US_ASCII);
                                row.text(ascii.wrap(b, 2, text.length()));
                            } else {
                                row.text(text);
                            }
                        }
                    }
                    printer.println();
                    row.endRow();
                }
            }
            assertEquals(expected.toString(), new String(row.bytes(), 0, row.length(), StandardCharsets.UTF_8),
                "seed 31, trial " + trial);
        }
    }

    private static String text(SplittableRandom random, boolean ascii) {
        int n = random.nextInt(0, 12);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) {
            int i = random.nextInt(ALPHABET.length());
            char ch = ALPHABET.charAt(i);
            if (ascii && ch >= 0x80) {
                continue;
            }
            if (Character.isSurrogate(ch)) {
                sb.append(Character.isHighSurrogate(ch) ? ALPHABET.substring(i, i + 2)
                    : ALPHABET.substring(i - 1, i + 1));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    @Test
    void shouldWriteTheExtremeNumbers() {
        ByteRowWriter row = new ByteRowWriter(Csv.WRITE.builder().get());
        row.number(0).number(Long.MIN_VALUE).number(Long.MAX_VALUE).number(-7).empty().endRow();
        assertEquals("0,-9223372036854775808,9223372036854775807,-7,\n",
            new String(row.bytes(), 0, row.length(), StandardCharsets.US_ASCII));
        row.reset();
        assertEquals(0, row.length());
    }
}
