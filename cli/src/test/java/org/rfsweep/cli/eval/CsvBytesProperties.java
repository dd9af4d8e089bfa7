package org.rfsweep.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.rfsweep.report.Csv;

/** {@link CsvBytes} against Commons CSV ({@link Csv#READ}) on random text: the same records, or the same error. */
class CsvBytesProperties {
    private static final long SEED = 0x5EED_0C5BL;
    private static final String ALPHABET = "ab,,,\"\"\"\n\n\r  \t\u00e9\u2003\u3000x";

    @Test
    void shouldReadRecordsAndErrorsAsCommonsCsvDoes() throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int errors = 0;
        int cases = 20_000;
        for (int n = 0; n < cases; n++) {
            StringBuilder sb = new StringBuilder();
            int length = rnd.nextInt(40);
            for (int i = 0; i < length; i++) {
                sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
            }
            String text = sb.toString();
            String expected = commons(text);
            String actual = bytes(text.getBytes(StandardCharsets.UTF_8), 1 + rnd.nextInt(7));
            assertEquals(expected, actual, "seed " + SEED + ", case " + n + ": " + text.replace("\r", "\\r")
                .replace("\n", "\\n"));
            errors += expected.startsWith("error") ? 1 : 0;
        }
        assertTrue(errors > cases / 20 && errors < cases / 2, "seed " + SEED + ": a mix, errors=" + errors);
    }

    @Test
    void shouldReadTheSameRecordsThroughReadsOfAnySize() throws IOException {
        String text = "arch,input\n\"conv(k=3,c=8) \"\"x\"\"\",8\r\n\n\"a\nb\" ,c\rlast";
        String expected = commons(text);
        for (int chunk = 1; chunk < text.length() + 2; chunk++) {
            assertEquals(expected, bytes(text.getBytes(StandardCharsets.UTF_8), chunk), "reads of " + chunk);
        }
    }

    @Test
    void shouldDropALeadingByteOrderMark() throws IOException {
        byte[] withMark = "\uFEFFarch,input\nrelu,8\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("[[arch, input], [relu, 8]]", bytes(withMark, 2));
    }

    @Test
    void shouldRejectBytesThatAreNotUtf8() {
        byte[] bad = {'a', ',', 'b', '\n', 'c', (byte) 0xff, '\n'};
        assertThrows(CharacterCodingException.class, () -> bytes(bad, 3));
        byte[] cut = {'a', ',', (byte) 0xc3};
        assertThrows(CharacterCodingException.class, () -> bytes(cut, 5));
    }

    @Test
    void shouldNameALineLongerThanTheCap() {
        String text = "a,b\nc,d\n" + "x".repeat(CsvBytes.MAX_LINE + 1) + ",e\n";
        CsvBytes.LineTooLong e = assertThrows(CsvBytes.LineTooLong.class,
            () -> bytes(text.getBytes(StandardCharsets.UTF_8), 1 << 16));
        assertEquals("line 3 is longer than 1,048,576 characters (the most a row may have)", e.getMessage());
        String whole = "a\n\"" + "y".repeat(CsvBytes.MAX_LINE) + "\"\n";
        assertThrows(CsvBytes.LineTooLong.class, () -> bytes(whole.getBytes(StandardCharsets.UTF_8), 1 << 22));
    }

    private static String commons(String text) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CSVParser parser = Csv.READ.parse(new StringReader(text))) {
            for (CSVRecord record : parser) {
                records.add(record.toList());
            }
        } catch (UncheckedIOException e) {
            return "error " + e.getCause().getMessage();
        } catch (IOException e) {
            return "error " + e.getMessage();
        }
        return records.toString();
    }

    private static String bytes(byte[] data, int readSize) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvBytes in = new CsvBytes(new Trickle(data, readSize), 256)) {
            while (in.next()) {
                List<String> fields = new ArrayList<>();
                for (int f = 0; f < in.fields(); f++) {
                    fields.add(in.text(f));
                }
                records.add(fields);
            }
        } catch (CharacterCodingException | CsvBytes.LineTooLong e) {
            throw e;
        } catch (IOException e) {
            return "error " + e.getMessage();
        }
        return records.toString();
    }

    /** Hands out at most {@code size} bytes per read, as a pipe may. */
    private static final class Trickle extends ByteArrayInputStream {
        private final int size;

        Trickle(byte[] data, int size) {
            super(data);
            this.size = size;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, size));
        }
    }
}
