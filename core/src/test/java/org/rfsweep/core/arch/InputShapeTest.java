package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Input shapes {@code HxWxC} and {@code N} (SPEC section 9). */
class InputShapeTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " -> ", quoteCharacter = '"', textBlock = """
        224x224x3 -> 224x224x3
        224 -> 224x224x3
        " 32x16x4 " -> 32x16x4
        1x1x1 -> 1x1x1
        1048576x1048576x16777216 -> 1048576x1048576x16777216
        """)
    void shouldParseHeightWidthAndChannels(String text, String shape) {
        assertEquals(shape, InputShape.parse(text).toString());
        assertEquals(InputShape.parse(shape), InputShape.parse(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', textBlock = """
        224x224 => input '224x224': expected HxWxC like 224x224x3, or N for NxNx3
        5x5x3x => input '5x5x3x': expected HxWxC like 224x224x3, or N for NxNx3
        abc => input 'abc': expected HxWxC like 224x224x3, or N for NxNx3
        -3 => input '-3': expected HxWxC like 224x224x3, or N for NxNx3
        32X32X3 => input '32X32X3': expected HxWxC like 224x224x3, or N for NxNx3
        0x5x3 => input '0x5x3': height 0 is outside 1..1048576
        5x0x3 => input '5x0x3': width 0 is outside 1..1048576
        224x224x0 => input '224x224x0': channels 0 is outside 1..16777216
        2000000 => input '2000000': height 2000000 is outside 1..1048576
        9999999999 => input '9999999999': height 9999999999 is outside 1..1048576
        8x8x16777217 => input '8x8x16777217': channels 16777217 is outside 1..16777216
        """)
    void shouldNameTheValueAndTheRuleOfABadInput(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> InputShape.parse(text)).getMessage());
    }

    @Test
    void shouldRejectAnEmptyInput() {
        assertEquals("input '': expected HxWxC like 224x224x3, or N for NxNx3",
            assertThrows(IllegalArgumentException.class, () -> InputShape.parse("")).getMessage());
    }
}
