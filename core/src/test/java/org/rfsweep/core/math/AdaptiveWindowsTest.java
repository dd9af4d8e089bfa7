package org.rfsweep.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link AdaptiveWindows} against PyTorch's window definition, {@code [floor(i*n/o), ceil((i+1)*n/o))}. */
class AdaptiveWindowsTest {
    @Test
    void shouldGiveTheLargestOfPyTorchsWindows() {
        for (int n = 1; n <= 80; n++) {
            for (int o = 1; o <= 80; o++) {
                int largest = 0;
                for (int i = 0; i < o; i++) {
                    int start = Math.floorDiv(i * n, o);
                    int end = -Math.floorDiv(-(i + 1) * n, o);
                    largest = Math.max(largest, end - start);
                }
                assertEquals(largest, AdaptiveWindows.kernel(n, o), "n=" + n + " o=" + o);
            }
        }
    }

    @Test
    void shouldGiveUniformWindowsWhenTheOutputDividesTheInput() {
        for (int o = 1; o <= 40; o++) {
            for (int q = 1; q <= 40; q++) {
                int n = q * o;
                assertEquals(q, AdaptiveWindows.kernel(n, o), "n=" + n + " o=" + o);
                assertEquals(o == 1 ? 1 : q, AdaptiveWindows.stride(n, o), "n=" + n + " o=" + o);
            }
        }
    }

    @Test
    void shouldGiveTheFloorStrideAndNeverZero() {
        assertEquals(3, AdaptiveWindows.stride(11, 3));
        assertEquals(2, AdaptiveWindows.stride(10, 4));
        assertEquals(1, AdaptiveWindows.stride(3, 7));
        assertEquals(1, AdaptiveWindows.stride(224, 1));
        assertEquals(5, AdaptiveWindows.kernel(11, 3));
    }
}
