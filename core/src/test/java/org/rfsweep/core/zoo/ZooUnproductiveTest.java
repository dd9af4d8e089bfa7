package org.rfsweep.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.eval.LayerTrace;

/**
 * The unproductive layers of every zoo net at its own input (SPEC section 5). The 1x1
 * convolutions inside squeeze-excitation branches (32 in EfficientNet-B0, 18 in
 * MobileNetV3-Small) see the pooled vector and are never flagged; what remains are 1x1
 * convolutions of the trunk after its minimum RF covers the 224x224 input.
 */
class ZooUnproductiveTest {
    @Test
    void shouldFlagOnlyTrunkLayersOfEveryZooNet() {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (String name : ZooNet.names()) {
            expected.put(name, 0L);
        }
        expected.put("efficientnet_b0", 5L);
        expected.put("mobilenet_v3_small", 2L);
        Map<String, Long> actual = new LinkedHashMap<>();
        for (String name : ZooNet.names()) {
            ZooNet z = ZooNet.load(name);
            actual.put(name, (long) z.totals().unproductive[0]);
            long flagged = 0;
            for (int i = 0; i < z.trace().rows; i++) {
                flagged += z.trace().flags[i] == LayerTrace.UNPRODUCTIVE ? 1 : 0;
            }
            assertEquals(actual.get(name), flagged, name + ": the trace flags as many layers as the total counts");
        }
        assertEquals(expected, actual);
    }
}
