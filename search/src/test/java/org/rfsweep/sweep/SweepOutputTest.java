package org.rfsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepOutputTest {
    @TempDir
    Path dir;

    private static void write(SweepOutput out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        out.write(b, b.length);
    }

    private long parts() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).count();
        }
    }

    @Test
    void shouldShowTheFileOnlyWhenCommittedReplacingAnOldOne() throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old\n");
        try (SweepOutput out = SweepOutput.file(target, false)) {
            assertFalse(out.appendsToContent());
            write(out, "a,b\n");
            assertEquals("old\n", Files.readString(target));
            assertEquals(1, parts());
            assertEquals(target, out.commit());
        }
        assertEquals("a,b\n", Files.readString(target));
        assertEquals(0, parts());
    }

    @Test
    void shouldAppendToAnExistingFile() throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "h\n1\n");
        try (SweepOutput out = SweepOutput.file(target, true)) {
            assertTrue(out.appendsToContent());
            write(out, "2\n");
            write(out, "3\n");
            out.commit();
        }
        assertEquals("h\n1\n2\n3\n", Files.readString(target));
        assertEquals(0, parts());
    }

    @Test
    void shouldCreateTheFileWhenAppendingToNothing() throws IOException {
        Path target = dir.resolve("new.csv");
        try (SweepOutput out = SweepOutput.file(target, true)) {
            assertFalse(out.appendsToContent());
            write(out, "h\n");
            out.commit();
        }
        assertEquals("h\n", Files.readString(target));
    }

    @Test
    void shouldLeaveNothingWhenClosedWithoutCommit() throws IOException {
        Path target = dir.resolve("out.csv");
        try (SweepOutput out = SweepOutput.file(target, false)) {
            write(out, "a\n");
        }
        assertFalse(Files.exists(target));
        assertEquals(0, parts());
    }

    @Test
    void shouldFailTheNextWriteOnceStandardOutputIsClosed() throws IOException {
        StringWriter text = new StringWriter();
        SweepOutput open = SweepOutput.writer(new PrintWriter(text));
        write(open, "a\n");
        open.commit();
        assertEquals("a\n", text.toString());
        Writer broken = new Writer() {
            @Override
            public void write(char[] c, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        SweepOutput closed = SweepOutput.writer(new PrintWriter(broken));
        IOException e = assertThrows(IOException.class, () -> write(closed, "a\n"));
        assertEquals("standard output is closed (a closed pipe or a full disk)", e.getMessage());
    }
}
