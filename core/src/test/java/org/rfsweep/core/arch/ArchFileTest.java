package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link ArchFile}: comments, multi-line layers, the {@code # input:} line and error positions. */
class ArchFileTest {
    @Test
    void shouldCutCommentsAndJoinLinesIntoOneNetwork() {
        ArchFile file = ArchFile.of("# a net\n# input: 32x32x3\nconv(k=3,\n  c=8)   # stem\nadd(relu\n| )\n");
        assertEquals("conv(k=3,c=8) res(relu)", ArchFormatter.format(file.network()));
        assertEquals(new InputShape(32, 32, 3), file.inputShape());
        assertEquals(2, file.inputLine());
    }

    @Test
    void shouldKeepLinesInPlaceSoErrorsPointIntoTheFile() {
        ArchFile file = ArchFile.of("# input: 8\r\nconv(k=3,c=8)\r\n  relu bogus\r\n");
        ArchSyntaxException e = assertThrows(ArchSyntaxException.class, file::network);
        assertEquals(3, file.line(e.column()));
        assertEquals(8, file.columnInLine(e.column()));
        assertEquals(new InputShape(8, 8, 3), file.inputShape());
    }

    @Test
    void shouldHaveNoInputWithoutAnInputLine() {
        ArchFile file = ArchFile.of("conv(k=3,c=8)");
        assertNull(file.input());
        assertNull(file.inputShape());
        assertEquals(0, file.inputLine());
    }

    @Test
    void shouldRejectASecondInputLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ArchFile.of("# input: 8\nrelu\n  #input : 9x9x1\n"));
        assertEquals("line 3: a second '# input:' line (the first is line 1)", e.getMessage());
    }

    @Test
    void shouldNameTheLineOfABadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ArchFile.of("relu\n# input: 8x8\n").inputShape());
        assertEquals("line 2: input '8x8': expected HxWxC like 224x224x3, or N for NxNx3", e.getMessage());
    }
}
