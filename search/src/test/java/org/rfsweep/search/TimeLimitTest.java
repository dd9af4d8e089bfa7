package org.rfsweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.LayerChoice;
import org.rfsweep.space.Space;
import org.rfsweep.space.Stage;

/** {@code --time-limit} holds from the start: graph, bounds and probes stop too, not only the expansion. */
class TimeLimitTest {
    private static CompiledSpace space() {
        Space s = Space.builder().input("96x96x3")
            .stem("conv(k=3,s=2,p=1,c=16,bias=0) bn relu")
            .stage(Stage.builder().depth(1, 3).stride(2)
                .layer(LayerChoice.builder().op("conv", "sepconv").k(3, 5, 7).d(1, 2).c(16, 24, 32).p("keep")
                    .bias(0).after("bn relu").build()))
            .stage(Stage.builder().depth(1, 3).stride(2)
                .layer(LayerChoice.builder().op("conv", "sepconv").k(3, 5, 7).c(32, 48, 64).p("keep")
                    .bias(0).after("bn relu").build()))
            .build();
        return CompiledSpace.compile(s);
    }

    @Test
    void shouldExpandNothingWhenTheTimeLimitHasAlreadyPassed() {
        CompiledSpace cs = space();
        ConstraintSet c = ConstraintSet.of(cs.space(), List.of("rf >= input"));
        for (int threads : new int[] {1, 2}) {
            SearchResult r = Search.run(cs, SearchOptions.builder(c).top(5).pareto(true).threads(threads)
                .timeLimitNanos(1).build());
            assertFalse(r.proven());
            assertEquals("time-limit", r.stopReason());
            assertEquals(0, r.stats().expanded(), "no node is expanded after the limit");
            assertEquals(0, r.probe().expanded(), "no probe runs after the limit");
        }
    }

    @Test
    void shouldStillBeProvenWithAGenerousLimit() {
        CompiledSpace cs = space();
        ConstraintSet c = ConstraintSet.of(cs.space(), List.of("rf >= input"));
        SearchResult r = Search.run(cs, SearchOptions.builder(c).top(5).timeLimitNanos(600_000_000_000L).build());
        assertEquals(null, r.stopReason());
        assertEquals(5, r.top().size());
    }
}
