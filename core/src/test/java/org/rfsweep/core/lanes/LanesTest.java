package org.rfsweep.core.lanes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The run-time choice of path: SIMD lanes on Java 25+ with the module (Surefire adds it), else scalar. */
class LanesTest {
    @Test
    void shouldChooseThePathByJavaVersion() {
        int feature = Runtime.version().feature();
        if (feature < Lanes.MIN_FEATURE) {
            assertEquals("scalar (Java " + feature + " < " + Lanes.MIN_FEATURE + ")", Lanes.describe());
            assertFalse(Lanes.vectorised());
        } else {
            assertTrue(Lanes.describe().startsWith("vector (jdk.incubator.vector, 128-stack blocks, "),
                Lanes.describe());
            assertTrue(Lanes.vectorised());
        }
    }

    @Test
    void shouldDescribeTheLaneWidthOfTheKernel() {
        String lanes = Lanes.loadVectorKernel().toString();
        assertTrue(lanes.equals("8 x 64-bit lanes") || lanes.equals("4 x 64-bit lanes"), lanes);
    }
}
