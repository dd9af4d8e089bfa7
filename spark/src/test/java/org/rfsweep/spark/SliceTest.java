package org.rfsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SliceTest {
    @Test
    void shouldSplitARangeIntoContiguousNearEqualSlicesWithTheHeaderOnlyOnTheFirst() {
        long[][] cases = {{0, 100}, {7, 8}, {0, 0}, {5, 5_000_003}, {Long.MAX_VALUE - 1000, Long.MAX_VALUE}};
        for (long[] c : cases) {
            for (int parts : new int[] {1, 2, 3, 7, 64}) {
                List<Slice> slices = Slice.split(c[0], c[1], parts, true);
                assertEquals(parts, slices.size());
                long at = c[0];
                long min = Long.MAX_VALUE;
                long max = 0;
                for (Slice s : slices) {
                    assertEquals(at, s.from(), "contiguous");
                    assertEquals(s.part() == 0, s.header());
                    at = s.to();
                    min = Math.min(min, s.size());
                    max = Math.max(max, s.size());
                }
                assertEquals(c[1], at, "covers the range");
                assertTrue(max - min <= 1, "near equal: " + min + ".." + max);
            }
        }
    }

    @Test
    void shouldWriteNoHeaderWhenTheRangeDoesNotStartAtZero() {
        assertTrue(Slice.split(10, 20, 3, false).stream().noneMatch(Slice::header));
    }
}
