package org.rfsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                            } else if (random.nextBoolean()) {
                                row.formatted(row.format(text), text);
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
    void shouldQuoteLongAsciiFieldsAsACsvPrinterDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(47);
        String plain = "conv(k=3 s)relu0123xyz";
        String special = ",\"\r\n #";
        AsciiText ascii = new AsciiText();
        int clean = 0;
        for (int trial = 0; trial < 5_000; trial++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(0, 80);
            for (int i = 0; i < n; i++) {
                sb.append(plain.charAt(random.nextInt(plain.length())));
            }
            for (int k = random.nextInt(3); k > 0 && n > 0; k--) {
                sb.setCharAt(random.nextInt(n), special.charAt(random.nextInt(special.length())));
            }
            String text = random.nextInt(4) == 0 ? sb.toString().replaceAll("[^a-z0-9]", "a") : sb.toString();
            StringBuilder expected = new StringBuilder();
            try (CSVPrinter printer = new CSVPrinter(expected, Csv.WRITE)) {
                printer.print(text);
                printer.print(7);
                printer.println();
            }
            int offset = random.nextInt(0, 9);
            byte[] b = ("x".repeat(offset) + text + "\"").getBytes(StandardCharsets.US_ASCII);
            ByteRowWriter row = new ByteRowWriter(Csv.WRITE.builder().get());
            row.text(ascii.wrap(b, offset, text.length())).number(7).endRow();
            assertEquals(expected.toString(), new String(row.bytes(), 0, row.length(), StandardCharsets.US_ASCII),
                "seed 47, trial " + trial + ": " + text);
            if (text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
                row.reset();
                row.cleanText(ascii.wrap(b, offset, text.length())).number(7).endRow();
                assertEquals(expected.toString(), new String(row.bytes(), 0, row.length(), StandardCharsets.US_ASCII),
                    "clean, seed 47, trial " + trial + ": " + text);
                clean++;
            }
        }
        assertTrue(clean > 2_000, "clean texts: " + clean);
    }

    @Test
    void shouldWriteNumbersAtEveryDigitCountAndAtTheIntBoundary() {
        ByteRowWriter row = new ByteRowWriter(Csv.WRITE.builder().get());
        StringBuilder expected = new StringBuilder();
        long[] edges = {Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MAX_VALUE + 100L, 1L << 32,
            Long.MAX_VALUE - 1};
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, p * 5 + 7, -p, -(p + 1)}) {
                row.number(v);
                expected.append(expected.length() == 0 ? "" : ",").append(v);
            }
        }
        for (long v : edges) {
            row.number(v).number(-v);
            expected.append(',').append(v).append(",-").append(v);
        }
        row.endRow();
        assertEquals(expected + "\n", new String(row.bytes(), 0, row.length(), StandardCharsets.US_ASCII));
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
