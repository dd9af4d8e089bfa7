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

/**
 * An enumerating sweep writes the same bytes with and without prefix reuse, at 1, 2 and 3 threads,
 * on a space with layers after its last position and on one without.
 */
class PrefixReuseSweepTest {
    private static final CompiledSpace SMALL = TestSpaces.compile(TestSpaces.SMALL);
    /**
     * Three free layers and nothing after them, on two inputs: the last position's entries are the
     * stack's last record (the one-record path of {@code StackEvaluator.evaluateVariants}); many
     * candidates are invalid on the small input. 2 * 18^3 = 11,664 candidates.
     */
    private static final CompiledSpace TAIL = TestSpaces.compile(TestSpaces.json("""
        {'name': 'tail', 'input': ['20x20x3', '9x9x2'],
         'body': {'depth': 3, 'layer': {'op': ['conv', 'sepconv', 'maxpool'], 'k': [1, 3, 7], 's': [1, 2],
                                        'c': 4, 'p': 'keep'}}}
        """));
    private static final MetricColumns ALL_FLOPS =
        new MetricColumns(FlopsSelection.parse(List.of("seed,seed-madd,2macs")));

    @Test
    void shouldWriteTheSameBytesWithAndWithoutPrefixReuseAtAnyThreadCount() {
        for (CompiledSpace space : new CompiledSpace[] {SMALL, TAIL}) {
            String scratch = sweep(space, false, 1, SweepPlan.DEFAULT_CHUNK);
            assertTrue(scratch.lines().count() > 1000, "rows: " + scratch.lines().count());
            for (boolean reuse : new boolean[] {false, true}) {
                for (int threads = 1; threads <= 3; threads++) {
                    for (int chunk : new int[] {SweepPlan.DEFAULT_CHUNK, 37}) {
                        assertEquals(scratch, sweep(space, reuse, threads, chunk), space.space().name() + " reuse="
                            + reuse + " threads=" + threads + " chunk=" + chunk);
                    }
                }
            }
        }
    }

    @Test
    void shouldKeepTheSameRowsOfAFilteredSweepWithAndWithoutPrefixReuse() {
        ConstraintSet c = ConstraintSet.parse(List.of("rf >= input", "macs <= 3K"), TAIL.space().inputs());
        String scratch = withReuse(false, () -> SweepEngineTest.run(SweepPlan.builder(TAIL).enumerate()
            .constraints(c).threads(1).build()).csv());
        long rows = scratch.lines().count() - 1;
        assertTrue(rows > 50 && rows < TAIL.size().longValue() / 4, "rows " + rows);
        for (int threads = 1; threads <= 2; threads++) {
            final int t = threads;
            assertEquals(scratch, withReuse(true, () -> SweepEngineTest.run(SweepPlan.builder(TAIL).enumerate()
                .constraints(c).threads(t).chunk(101).build()).csv()), "threads " + threads);
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

    private static String sweep(CompiledSpace space, boolean reuse, int threads, int chunk) {
        return withReuse(reuse, () -> SweepEngineTest.run(SweepPlan.builder(space).columns(ALL_FLOPS).enumerate()
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
