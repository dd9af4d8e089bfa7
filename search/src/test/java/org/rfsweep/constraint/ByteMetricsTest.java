package org.rfsweep.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.eval.Metrics;

/** {@code weight_bytes}, {@code act_bytes} and {@code peak_act_bytes} in the constraint language, per dtype. */
class ByteMetricsTest {
    private static final List<InputShape> ONE = List.of(new InputShape(224, 224, 3));

    @Test
    void shouldBoundTheElementsBehindEachByteMetricByTheBytesPerElement() {
        ConstraintSet fp32 = ConstraintSet.none(1).and("act_bytes <= 10M", ONE, 4)
            .and("peak_act_bytes < 4M", ONE, 4).and("weight_bytes <= 1001", ONE, 4);
        assertEquals(2_500_000, fp32.upper(Metric.ACT_ELEMENTS, 0));
        assertEquals(999_999, fp32.upper(Metric.PEAK_ELEMENTS, 0));
        assertEquals(250, fp32.upper(Metric.PARAMS, 0));
        ConstraintSet int8 = ConstraintSet.none(1).and("2M <= act_bytes", ONE, 1);
        assertEquals(2_000_000, int8.lower(Metric.ACT_ELEMENTS, 0));
        ConstraintSet fp16 = ConstraintSet.none(1).and("act_bytes >= 3", ONE, 2);
        assertEquals(2, fp16.lower(Metric.ACT_ELEMENTS, 0));
    }

    @Test
    void shouldTestASlotByItsElements() {
        Metrics m = new Metrics(1);
        m.actElements[0] = 2_500_000;
        m.peakElements[0] = 1_000_000;
        ConstraintSet c = ConstraintSet.none(1).and("act_bytes <= 10M", ONE, 4);
        assertEquals(true, c.test(m, 0, 0));
        assertEquals(false, ConstraintSet.none(1).and("peak_act_bytes < 4M", ONE, 4).test(m, 0, 0));
        assertEquals(2_500_000, Metric.ACT_ELEMENTS.value(m, 0));
    }
}
