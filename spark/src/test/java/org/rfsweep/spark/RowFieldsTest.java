package org.rfsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowFieldsTest {
    @Test
    void shouldReadNumbersAndUnquoteTextLineByLine() {
        byte[] bytes = "12,\"conv(k=3,c=8) \"\"x\"\"\",8x8x3,-4\n13,gap,1x1x1,0\n".getBytes(StandardCharsets.US_ASCII);
        RowFields row = new RowFields(4);
        int next = row.parse(bytes, 0, bytes.length);
        assertEquals(12, row.number(0));
        assertEquals("conv(k=3,c=8) \"x\"", row.text(1));
        assertEquals("8x8x3", row.text(2));
        assertEquals(-4, row.number(3));
        assertEquals("12,\"conv(k=3,c=8) \"\"x\"\"\",8x8x3,-4\n", new String(row.line(), StandardCharsets.US_ASCII));
        assertEquals(bytes.length, row.parse(bytes, next, bytes.length));
        assertEquals(13, row.number(0));
        assertEquals("gap", row.text(1));
    }

    @Test
    void shouldRefuseALineWithAnotherNumberOfFields() {
        byte[] bytes = "1,2\n".getBytes(StandardCharsets.US_ASCII);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RowFields(3).parse(bytes, 0, 4));
        assertEquals("row at byte 0 does not have 3 fields", e.getMessage());
    }
}
