package org.rfsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.eval.ErrorCode;

class SummaryTextTest {
    @Test
    void shouldWriteCountsRatesAndDurationsInTheSweepsWords() {
        assertEquals("1,234,567", SummaryText.count(1_234_567));
        assertEquals("402,669,288,768,856,477,614,113,920,779,288,576",
            SummaryText.count(new BigInteger("402669288768856477614113920779288576")));
        assertEquals("8.12M", SummaryText.si(8_123_456.7));
        assertEquals("1.50G", SummaryText.si(1.5e9));
        assertEquals("2.00K", SummaryText.si(1999.9));
        assertEquals("12", SummaryText.si(12.4));
        assertEquals("0.52 s", SummaryText.duration(0.52));
        assertEquals("1:02:03", SummaryText.duration(3723.9));
    }

    @Test
    void shouldNameEveryErrorCodeWithInvalidCandidatesInTheSummary() {
        long[] invalid = new long[ErrorCode.COUNT];
        invalid[1] = 156_974;
        invalid[2] = 3;
        String expected = "evaluated 2,985,984 in 0.61 s (4.90M candidates/s): kept 29,010, filtered 2,799,997,"
            + " invalid 156,977 (" + ErrorCode.name(1) + " 156,974, " + ErrorCode.name(2) + " 3)";
        assertEquals(expected, SummaryText.summary(2_985_984, 29_010, invalid, 610_000_000L));
    }

    @Test
    void shouldReportARateOfZeroForASweepOfNoTime() {
        assertEquals("evaluated 0 in 0.00 s (0 candidates/s): kept 0, filtered 0, invalid 0",
            SummaryText.summary(0, 0, new long[ErrorCode.COUNT], 0));
    }
}
