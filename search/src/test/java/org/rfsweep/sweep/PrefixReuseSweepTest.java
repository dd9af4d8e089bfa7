package org.rfsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.TestSpaces;

/** An enumerating sweep writes the same bytes with and without prefix reuse, at 1, 2 and 3 threads. */
class PrefixReuseSweepTest {
    private static final CompiledSpace SMALL = TestSpaces.compile(TestSpaces.SMALL);
    private static final MetricColumns ALL_FLOPS =
        new MetricColumns(FlopsSelection.parse(List.of("seed,seed-madd,2macs")));

    @Test
    void shouldWriteTheSameBytesWithAndWithoutPrefixReuseAtAnyThreadCount() {
        String scratch = sweep(false, 1, SweepPlan.DEFAULT_CHUNK);
        assertTrue(scratch.lines().count() > 1000, "rows: " + scratch.lines().count());
        for (boolean reuse : new boolean[] {false, true}) {
            for (int threads = 1; threads <= 3; threads++) {
                for (int chunk : new int[] {SweepPlan.DEFAULT_CHUNK, 37}) {
                    assertEquals(scratch, sweep(reuse, threads, chunk),
                        "reuse=" + reuse + " threads=" + threads + " chunk=" + chunk);
                }
            }
        }
    }

    @Test
    void shouldCountTheSameInvalidCandidatesWithAndWithoutPrefixReuse() {
        ConstraintSet c = ConstraintSet.parse(List.of("rf >= 0.5*input", "macs <= 30K"), SMALL.space().inputs());
        SweepResult off = result(false, c);
        SweepResult on = result(true, c);
        assertEquals(off.kept(), on.kept());
        assertTrue(off.invalidTotal() > 0, "invalid " + off.invalidTotal());
        assertEquals(off.invalidTotal(), on.invalidTotal());
    }

    private static String sweep(boolean reuse, int threads, int chunk) {
        return withReuse(reuse, () -> SweepEngineTest.run(SweepPlan.builder(SMALL).columns(ALL_FLOPS).enumerate()
            .threads(threads).chunk(chunk).build()).csv());
    }

    private static SweepResult result(boolean reuse, ConstraintSet c) {
        return withReuse(reuse, () -> SweepEngineTest.run(SweepPlan.builder(SMALL).enumerate().constraints(c)
            .threads(2).chunk(101).build()).result());
    }

    private static <T> T withReuse(boolean reuse, Supplier<T> run) {
        String before = System.getProperty(Chunk.PREFIX_REUSE);
        System.setProperty(Chunk.PREFIX_REUSE, Boolean.toString(reuse));
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty(Chunk.PREFIX_REUSE);
            } else {
                System.setProperty(Chunk.PREFIX_REUSE, before);
            }
        }
    }
}
