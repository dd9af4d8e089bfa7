package org.rfsweep.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reciprocal division of {@link Extents#divide} equals integer division over its whole domain. */
class ExtentsDivideTest {
    private static final int MAX_X = (1 << 23) - 1;

    @Test
    void shouldEqualIntegerDivisionAtEveryStrideNearMultiplesAndEdges() {
        SplittableRandom random = new SplittableRandom(20261128);
        for (int s = 1; s <= Limits.MAX_WINDOW; s++) {
            int[] edges = {0, 1, s - 1, s, s + 1, MAX_X, MAX_X - 1, MAX_X - MAX_X % s, MAX_X - MAX_X % s - 1};
            for (int x : edges) {
                if (x >= 0 && x <= MAX_X) {
                    assertEquals(x / s, Extents.divide(x, s), "x=" + x + " s=" + s);
                }
            }
            for (int t = 0; t < 200; t++) {
                int q = random.nextInt(MAX_X / s + 1);
                for (int x = q * s - 1; x <= q * s + 1; x++) {
                    if (x >= 0 && x <= MAX_X) {
                        assertEquals(x / s, Extents.divide(x, s), "x=" + x + " s=" + s);
                    }
                }
            }
        }
    }

    @Test
    void shouldEqualIntegerDivisionForEveryNumeratorAtSmallStrides() {
        for (int s = 1; s <= 8; s++) {
            for (int x = 0; x <= MAX_X; x += 1 + (x >> 12)) {
                assertEquals(x / s, Extents.divide(x, s), "x=" + x + " s=" + s);
            }
        }
    }
}
