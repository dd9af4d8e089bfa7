package org.rfsweep.cli.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void shouldAlignColumnsAndCutTrailingBlanks() {
        TextTable table = new TextTable()
            .column("name", TextTable.Align.LEFT)
            .column("n", TextTable.Align.RIGHT)
            .column("note", TextTable.Align.LEFT);
        table.row("a", "1,000", "x").row("long name", "7").rule().row("total", "1,007", "");
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out));
        assertEquals(""
            + "name           n  note\n"
            + "---------  -----  ----\n"
            + "a          1,000  x\n"
            + "long name      7\n"
            + "---------  -----  ----\n"
            + "total      1,007\n", out.toString());
    }

    @Test
    void shouldRejectARowWiderThanTheColumns() {
        TextTable table = new TextTable().column("a", TextTable.Align.LEFT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.row("1", "2"));
        assertEquals("row of 2 cells for 1 columns", e.getMessage());
    }
}
