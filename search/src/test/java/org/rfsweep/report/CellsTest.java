package org.rfsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0", "999|999", "1000|1,000", "47044800|47,044,800", "-1234567|-1,234,567", "100000|100,000",
        "9223372036854775807|9,223,372,036,854,775,807", "-9223372036854775808|-9,223,372,036,854,775,808"})
    void shouldGroupDigitsByThousands(long value, String text) {
        assertEquals(text, Cells.count(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"13|13|13", "13|11|13x11", "1|2|1x2"})
    void shouldWriteOneValueWhenAxesAgree(long h, long w, String text) {
        assertEquals(text, Cells.axes(h, w));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"97|97|128|97x97x128", "1|2|3|1x2x3"})
    void shouldWriteShapesHeightFirst(int h, int w, int c, String text) {
        assertEquals(text, Cells.shape(h, w, c));
    }
}
