package org.rfsweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.LayerChoice;
import org.rfsweep.space.Space;
import org.rfsweep.space.Stage;
import org.rfsweep.constraint.ConstraintSet;

/**
 * The search's top-k and Pareto front equal exactly what exhaustive enumeration finds (the
 * sweep's decoder, {@code StackEvaluator} and the same {@link ConstraintSet}), on small spaces
 * with dilation, pools, separable and depthwise convs, stages, depth ranges, branches and
 * several inputs.
 */
class ExhaustiveCrossCheckTest {

    static void assertSameAsBruteForce(CompiledSpace space, List<String> where, Objective objective, int k,
                                       boolean ignore1x1, int threads) {
        ConstraintSet c = ConstraintSet.of(space.space(), where);
        SearchResult r = Search.run(space, SearchOptions.builder(c).objective(objective).top(k).pareto(true)
            .ignore1x1(ignore1x1).threads(threads).method(SearchOptions.Method.EXACT).build());
        String label = where + " minimize " + objective.column + " top " + k;
        assertTrue(r.proven(), "proven " + label);
        BruteForce all = BruteForce.run(space, c, objective, ignore1x1);
        assertEquals(all.top(k), describeSolutions(r.top()), "top " + label);
        assertEquals(all.front(), describeSolutions(r.front()), "front " + label);
    }

    static List<String> describeSolutions(List<Solution> sols) {
        List<String> out = new ArrayList<>();
        for (Solution s : sols) {
            out.add(s.index() + " " + s.cost() + " " + s.metrics().rfH[0] + "x" + s.metrics().rfW[0] + " " + s.arch());
        }
        return out;
    }

    @Test
    void shouldMatchBruteForceOnPlainConvSpace() {
        Space s = Space.builder().input("32x32x3")
            .body(1, 4, LayerChoice.builder().op("conv").k(1, 3, 5).s(1, 2).c(8, 16).p("keep").build())
            .build();
        CompiledSpace cs = CompiledSpace.compile(s);
        assertSameAsBruteForce(cs, List.of("rf >= 20"), Objective.MACS, 5, false, 1);
        assertSameAsBruteForce(cs, List.of("rf >= input", "params <= 3000"), Objective.MACS, 3, false, 2);
        assertSameAsBruteForce(cs, List.of("rf >= 9", "unproductive == 0"), Objective.PARAMS, 4, false, 1);
    }

    @Test
    void shouldMatchBruteForceWithDilationAndPools() {
        Space s = Space.builder().input("28x28x3")
            .stem("conv(k=3,p=1,c=8)")
            .body(1, 4,
                LayerChoice.builder().op("conv").k(3).d(1, 2, 3).c(8, 12).p("keep").after("relu").build(),
                LayerChoice.builder().op("maxpool", "avgpool").k(2, 3).s(1, 2).p("0", "1").build())
            .build();
        CompiledSpace cs = CompiledSpace.compile(s);
        assertTrue(cs.size().longValue() > 10_000, cs.size().toString());
        assertSameAsBruteForce(cs, List.of("rf >= input"), Objective.MACS, 6, false, 2);
        assertSameAsBruteForce(cs, List.of("rf >= 0.5*input", "out >= 4", "unproductive == 0"), Objective.FLOPS_SEED, 3,
            false, 1);
    }

    @Test
    void shouldMatchBruteForceOnSeparableStagesWithDepthRanges() {
        Space s = Space.builder().input("32x32x3")
            .stem("conv(k=3,s=2,p=1,c=8) bn relu")
            .stage(Stage.builder().depth(0, 2).stride(2)
                .layer(LayerChoice.builder().op("sepconv", "conv").k(3, 5).c(8, 16).p("keep").after("bn relu").build()))
            .stage(Stage.builder().depth(1, 3).stride(2).post("maxpool(k=2,ceil=1)")
                .layer(LayerChoice.builder().op("sepconv", "dwconv").k(3, 5).c(16, 24).p("keep").build()))
            .head("conv(k=1,c=32) gap fc(c=10)")
            .build();
        CompiledSpace cs = CompiledSpace.compile(s);
        assertTrue(cs.size().longValue() > 10_000, cs.size().toString());
        assertSameAsBruteForce(cs, List.of("rf_min >= 20"), Objective.MACS, 5, false, 2);
        assertSameAsBruteForce(cs, List.of("params <= 20K", "rf_min >= 10"), Objective.FLOPS_SEED_MADD, 4, false, 1);
    }

    @Test
    void shouldMatchBruteForceOnNonSquareKernelsAndTargets() {
        Space s = Space.builder().input("24x16x3")
            .body(1, 3, LayerChoice.builder().op("conv").k("3x1", "1x3", "3", "5x3").s("1", "2x1").c(4, 8)
                .p("keep", "same").build())
            .build();
        CompiledSpace cs = CompiledSpace.compile(s);
        assertSameAsBruteForce(cs, List.of("rf_h >= 20", "rf_w >= 12"), Objective.MACS, 5, false, 2);
        assertSameAsBruteForce(cs, List.of("rf_h >= input_h", "rf_w <= 9", "pad_w <= 4"), Objective.PARAMS, 3,
            false, 1);
    }

    @Test
    void shouldMatchBruteForceWithBranchesAndSeveralInputs() {
        Space s = Space.builder().input("20x20x3", "32x24x3")
            .stem("conv(k=3,p=1,c=8) res(conv(k=3,p=1,c=8) relu)")
            .body(1, 4,
                LayerChoice.builder().op("conv").k(1, 3).s(1, 2).c(8).p("keep").after("res(dwconv(k=3,p=1))").build(),
                LayerChoice.builder().op("maxpool").k(2, 3).build(),
                LayerChoice.builder().op("sepconv").k(3).c(8).p("same").build())
            .head("add(conv(k=1,c=8) | conv(k=3,p=1,c=8))")
            .build();
        CompiledSpace cs = CompiledSpace.compile(s);
        assertSameAsBruteForce(cs, List.of("rf >= input"), Objective.MACS, 4, false, 1);
        assertSameAsBruteForce(cs, List.of("rf_min >= 0.75*input", "activations <= 30000"), Objective.FLOPS_2MACS, 3,
            false, 2);
    }

    @Test
    void shouldMatchBruteForceOnUnproductiveLayersWithIgnore1x1() {
        Space s = Space.builder().input("16x16x3")
            .body(2, 5, LayerChoice.builder().op("conv").k(1, 3, 7).s(1, 2).c(4).p("keep").build())
            .build();
        CompiledSpace cs = CompiledSpace.compile(s);
        assertSameAsBruteForce(cs, List.of("rf >= input", "unproductive == 0"), Objective.MACS, 5, true, 2);
        assertSameAsBruteForce(cs, List.of("rf >= input", "unproductive <= 1"), Objective.MACS, 5, false, 1);
        assertSameAsBruteForce(cs, List.of("unproductive >= 2", "macs <= 40K"), Objective.PARAMS, 2, false, 1);
    }

    @Test
    void shouldMatchBruteForceOnSpaceOfTwoThirdsOfAMillionCandidates() {
        Space s = Space.builder().input("64x64x3")
            .stem("conv(k=3,s=2,p=1,c=16) bn relu")
            .stage(Stage.builder().depth(1, 3).stride(2)
                .layer(LayerChoice.builder().op("conv", "sepconv").k(3, 5).d(1, 2).c(16, 24).p("keep").build()))
            .stage(Stage.builder().depth(1, 2).stride(2)
                .layer(LayerChoice.builder().op("conv", "sepconv").k(3, 5).c(32, 48, 64).p("keep").build()))
            .build();
        CompiledSpace cs = CompiledSpace.compile(s);
        assertEquals("681408", cs.size().toString());
        assertSameAsBruteForce(cs, List.of("rf >= input", "unproductive == 0"), Objective.MACS, 10, false, 2);
    }

    @Test
    void shouldReturnNothingWhenNoCandidatePasses() {
        Space s = Space.builder().input("16x16x3")
            .body(1, 2, LayerChoice.builder().op("conv").k(3).c(4).p("keep").build()).build();
        CompiledSpace cs = CompiledSpace.compile(s);
        ConstraintSet c = ConstraintSet.of(s, List.of("rf >= 100"));
        SearchResult r = Search.run(cs, SearchOptions.builder(c).pareto(true).build());
        assertTrue(r.proven());
        assertEquals(List.of(), r.top());
        assertFalse(r.front().isEmpty());
        assertSameAsBruteForce(cs, List.of("rf >= 100"), Objective.MACS, 3, false, 1);
    }
}
