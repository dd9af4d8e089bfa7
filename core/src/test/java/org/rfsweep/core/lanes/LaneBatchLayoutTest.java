package org.rfsweep.core.lanes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Where {@link LaneBatch} puts its columns in their one array, and how large that array may get. */
class LaneBatchLayoutTest {
    @Test
    void shouldStartEveryColumnInItsOwnSetOfTheL1CacheAtAnySize() {
        SplittableRandom rnd = new SplittableRandom(20261130L);
        for (int n = 0; n < 10_000; n++) {
            int cells = n < 3 ? new int[] {1, 1024, LaneBatch.MAX_CELLS}[n] : 1 + rnd.nextInt(LaneBatch.MAX_CELLS);
            int stride = LaneBatch.columnStride(cells);
            assertTrue(stride >= cells && stride - cells < 1104, cells + " cells: stride " + stride);
            assertTrue((long) stride * LaneBatch.COLUMNS <= Integer.MAX_VALUE - 8, cells + " cells: one array");
            Set<Long> lines = new HashSet<>();
            for (int f = 0; f < LaneBatch.COLUMNS; f++) {
                // The 64-byte line, within a 4 KB page, at which column f starts (relative to column 0).
                lines.add((long) f * stride * Integer.BYTES % 4096 / 64);
            }
            assertEquals(LaneBatch.COLUMNS, lines.size(), cells + " cells: lines " + lines);
        }
    }

    @Test
    void shouldRejectABlockWhoseColumnsDoNotFitOneArray() {
        int layers = LaneBatch.MAX_CELLS / LaneBatch.LANES + 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LaneBatch.block(layers));
        assertEquals("a LaneBatch holds at most " + LaneBatch.MAX_CELLS + " lanes times layers (its 11 columns share"
            + " one array), not " + (long) layers * LaneBatch.LANES
            + ": pack the stacks in slices, pack(src, from, to)", e.getMessage());
    }
}
