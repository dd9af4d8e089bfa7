package org.rfsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IndexRangeTest {
    @Test
    void shouldReadBothEndsOrEitherOne() {
        assertEquals(new IndexRange(10, 20), IndexRange.parseRange("10:20", 100, "x"));
        assertEquals(new IndexRange(10, 100), IndexRange.parseRange("10:", 100, "x"));
        assertEquals(new IndexRange(0, 20), IndexRange.parseRange(":20", 100, "x"));
        assertEquals(new IndexRange(0, 100), IndexRange.parseRange(":", 100, "x"));
        assertEquals(new IndexRange(7, 7), IndexRange.parseRange("7:7", 100, "x"));
    }

    @Test
    void shouldSplitShardsIntoConsecutiveNearEqualParts() {
        for (long total : new long[] {0, 1, 10, 1_000_003, Long.MAX_VALUE}) {
            for (int n = 1; n <= 9; n++) {
                long expectedFrom = 0;
                for (int i = 1; i <= n; i++) {
                    IndexRange r = IndexRange.parseShard(i + "/" + n, total);
                    assertEquals(expectedFrom, r.from(), total + " " + i + "/" + n);
                    long size = r.size();
                    long floor = total / n;
                    assertEquals(true, size == floor || size == floor + 1, total + " " + i + "/" + n + ": " + size);
                    expectedFrom = r.to();
                }
                assertEquals(total, expectedFrom);
            }
        }
    }
}
