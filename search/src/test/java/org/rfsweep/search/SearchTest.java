package org.rfsweep.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.LayerChoice;
import org.rfsweep.space.Space;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.space.Stage;
import org.rfsweep.constraint.ConstraintSet;

/** Behaviour of {@link Search} beyond exhaustive agreement: determinism, limits, fallback, the benchmark space. */
class SearchTest {
    private static CompiledSpace anynet() {
        Space s = Space.builder().input("96x96x3")
            .stem("conv(k=3,s=2,p=1,c=16,bias=0) bn relu")
            .stage(Stage.builder().depth(1, 3).stride(2)
                .layer(LayerChoice.builder().op("conv", "sepconv").k(3, 5, 7).d(1, 2).c(16, 24, 32).p("keep")
                    .bias(0).after("bn relu").build()))
            .stage(Stage.builder().depth(1, 3).stride(2)
                .layer(LayerChoice.builder().op("conv", "sepconv").k(3, 5, 7).d(1, 2).c(32, 48, 64).p("keep")
                    .bias(0).after("bn relu").build()))
            .stage(Stage.builder().depth(1, 3).stride(2)
                .layer(LayerChoice.builder().op("conv", "sepconv").k(3, 5, 7).d(1, 2).c(64, 96).p("keep")
                    .bias(0).after("bn relu").build()))
            .build();
        return CompiledSpace.compile(s);
    }

    private static SearchResult run(CompiledSpace cs, List<String> where, int threads, SearchOptions.Method method) {
        ConstraintSet c = ConstraintSet.of(cs.space(), where);
        return Search.run(cs, SearchOptions.builder(c).top(8).pareto(true).threads(threads).method(method).build());
    }

    private static List<String> rows(List<Solution> sols) {
        return ExhaustiveCrossCheckTest.describeSolutions(sols);
    }

    @Test
    void shouldGiveTheSameResultAndCountsAtAnyThreadCount() {
        CompiledSpace cs = anynet();
        List<String> where = List.of("rf >= input", "unproductive == 0", "params <= 40K");
        SearchResult one = run(cs, where, 1, SearchOptions.Method.EXACT);
        assertEquals(8, one.top().size());
        for (int threads : new int[] {2, 3, 4}) {
            SearchResult r = run(cs, where, threads, SearchOptions.Method.EXACT);
            assertEquals(rows(one.top()), rows(r.top()), "threads " + threads);
            assertEquals(rows(one.front()), rows(r.front()), "threads " + threads);
            assertEquals(one.stats().expanded(), r.stats().expanded(), "threads " + threads);
            assertEquals(one.stats().generated(), r.stats().generated(), "threads " + threads);
            for (String rule : SearchStats.rules()) {
                assertEquals(one.stats().pruned(rule), r.stats().pruned(rule), rule + " at threads " + threads);
            }
        }
    }

    @Test
    void shouldReportMetricsEqualToTheEvaluatorOnTheParsedArchitecture() {
        CompiledSpace cs = anynet();
        SearchResult r = run(cs, List.of("rf >= input", "macs <= 5M"), 2, SearchOptions.Method.EXACT);
        assertFalse(r.top().isEmpty());
        StackEvaluator ev = new StackEvaluator();
        for (Solution s : concat(r.top(), r.front())) {
            Network net = ArchParser.parse(s.arch());
            InputShape in = InputShape.parse(s.inputText());
            Metrics m = new Metrics(1);
            assertTrue(ev.evaluate(net.records(), 0, net.count(), in.h, in.w, in.c, m, 0), s.arch());
            Metrics got = s.metrics();
            assertArrayEquals(new long[] {m.outH[0], m.outW[0], m.outC[0], m.rfH[0], m.rfW[0], m.rfMinH[0], m.rfMinW[0],
                m.strideH[0], m.strideW[0], m.padH[0], m.padW[0], m.params[0], m.macs[0], m.biasAdds[0], m.acts[0],
                m.unproductive[0]}, new long[] {got.outH[0], got.outW[0], got.outC[0], got.rfH[0], got.rfW[0],
                got.rfMinH[0], got.rfMinW[0], got.strideH[0], got.strideW[0], got.padH[0], got.padW[0], got.params[0],
                got.macs[0], got.biasAdds[0], got.acts[0], got.unproductive[0]}, s.arch());
            assertEquals(m.macs[0], s.cost(), s.arch());
        }
    }

    private static List<Solution> concat(List<Solution> a, List<Solution> b) {
        ArrayList<Solution> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void shouldFinishAsABeamAndSayNotProvenWhenMaxNodesStopsIt() {
        CompiledSpace cs = anynet();
        ConstraintSet c = ConstraintSet.of(cs.space(), List.of("rf >= input"));
        SearchOptions o = SearchOptions.builder(c).top(5).maxNodes(3).beamWidth(4).build();
        SearchResult r = Search.run(cs, o);
        assertFalse(r.proven());
        assertEquals("max-nodes", r.stopReason());
        assertEquals(5, r.top().size());
        for (Solution s : r.top()) {
            assertTrue(s.metrics().rfH[0] >= 96, s.arch());
        }
        assertEquals(rows(r.top()), rows(Search.run(cs, SearchOptions.builder(c).top(5).maxNodes(3).beamWidth(4)
            .threads(2).build()).top()));
        SearchResult exact = Search.run(cs, SearchOptions.builder(c).top(5).build());
        assertTrue(exact.proven());
        assertTrue(exact.top().get(0).cost() <= r.top().get(0).cost());
    }

    @Test
    void shouldStopBeforeALevelOutgrowsItsLabelBudget() {
        CompiledSpace cs = anynet();
        ConstraintSet c = ConstraintSet.of(cs.space(), List.of("rf >= input"));
        SearchOptions.Builder o = SearchOptions.builder(c).top(4).probe(false).maxTableCells(0).maxLevelLabels(100);
        SearchResult r = Search.run(cs, o.build());
        assertFalse(r.proven());
        assertEquals("memory", r.stopReason());
        assertEquals(4, r.top().size());
        assertEquals(rows(r.top()), rows(Search.run(cs, o.threads(2).build()).top()));
    }

    @Test
    void shouldFindTheSameNetsWithoutTheProbeOrTheRfTables() {
        CompiledSpace cs = anynet();
        List<String> where = List.of("rf >= input", "unproductive == 0");
        ConstraintSet c = ConstraintSet.of(cs.space(), where);
        SearchResult plain = Search.run(cs, SearchOptions.builder(c).top(8).pareto(true).probe(false).maxTableCells(0)
            .build());
        SearchResult full = run(cs, where, 1, SearchOptions.Method.EXACT);
        assertTrue(plain.proven());
        assertEquals(rows(full.top()), rows(plain.top()));
        assertEquals(rows(full.front()), rows(plain.front()));
        assertTrue(plain.stats().expanded() > full.stats().expanded());
    }

    @Test
    void shouldSayNotProvenWhenTheTimeLimitStopsIt() {
        CompiledSpace cs = anynet();
        ConstraintSet c = ConstraintSet.of(cs.space(), List.of("rf >= input"));
        SearchResult r = Search.run(cs, SearchOptions.builder(c).top(3).timeLimitNanos(1).build());
        assertFalse(r.proven());
        assertEquals("time-limit", r.stopReason());
    }

    /**
     * A branch block after a global op on a map larger than 1x1 cannot be measured alone: gap,
     * then a padded 1x1 conv (3x3 again), then the head's residual block.
     */
    private static CompiledSpace unsupported() {
        Space s = Space.builder().input("16x16x3")
            .stem("conv(k=3,p=1,c=8)")
            .body(1, 3, LayerChoice.builder().op("conv").k(1, 3).c(8).p(1).build(),
                LayerChoice.builder().op("gap").build())
            .head("res(conv(k=3,p=1,c=8))")
            .build();
        return CompiledSpace.compile(s);
    }

    @Test
    void shouldFailTheExactMethodOnASpaceItCannotModel() {
        UnsupportedSpaceException e = assertThrows(UnsupportedSpaceException.class,
            () -> run(unsupported(), List.of(), 1, SearchOptions.Method.EXACT));
        assertEquals("a branch block follows a global layer on a 3x3 map", e.getMessage());
    }

    @Test
    void shouldFallBackToSamplingAndSayNotProven() {
        CompiledSpace cs = unsupported();
        List<String> where = List.of("params <= 1500");
        SearchResult r = run(cs, where, 2, SearchOptions.Method.AUTO);
        assertEquals("sampling", r.method());
        assertFalse(r.proven());
        assertEquals("a branch block follows a global layer on a 3x3 map", r.fallbackReason());
        assertTrue(r.evaluated() > 0);
        ConstraintSet c = ConstraintSet.of(cs.space(), where);
        BruteForce all = BruteForce.run(cs, c, Objective.MACS, false);
        // The space is small enough for the samples to find the true optimum.
        assertEquals(all.top(8), rows(r.top()));
        assertEquals(rows(r.top()), rows(run(cs, where, 1, SearchOptions.Method.SAMPLE).top()));
    }

    @Test
    void shouldFindPassingCandidatesBySamplingOnALargeSpace() {
        CompiledSpace cs = anynet();
        ConstraintSet c = ConstraintSet.of(cs.space(), List.of("rf >= input", "macs <= 6M"));
        SearchResult r = Search.run(cs, SearchOptions.builder(c).top(3).samples(3000).threads(2)
            .method(SearchOptions.Method.SAMPLE).build());
        assertFalse(r.proven());
        assertNull(r.stopReason());
        assertEquals(3, r.top().size());
        SearchResult exact = run(cs, List.of("rf >= input", "macs <= 6M"), 2, SearchOptions.Method.EXACT);
        for (int i = 0; i < 3; i++) {
            assertTrue(r.top().get(i).cost() >= exact.top().get(i).cost());
            assertTrue(r.top().get(i).metrics().rfH[0] >= 96 && r.top().get(i).metrics().macs[0] <= 6_000_000);
        }
    }

    @Test
    void shouldSolveTheBenchmarkSpaceToProvenOptimality() {
        CompiledSpace cs = CompiledSpace.compile(SpaceLoader.load(Path.of("../data/spaces/bench-anynet.json")));
        assertTrue(cs.size().compareTo(BigInteger.TEN.pow(15)) >= 0);
        ConstraintSet c = ConstraintSet.of(cs.space(), List.of());
        SearchResult r = Search.run(cs, SearchOptions.builder(c).top(10).threads(2).build());
        assertTrue(r.proven());
        assertEquals(10, r.top().size());
        assertEquals(23_488_640L, r.top().get(0).cost());
        assertTrue(r.stats().expanded() < 10_000, "expanded " + r.stats().expanded());
    }
}
