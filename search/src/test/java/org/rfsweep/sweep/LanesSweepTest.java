package org.rfsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.core.lanes.Lanes;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.search.RandomSpaces;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.LaneFill;
import org.rfsweep.space.LayerChoice;
import org.rfsweep.space.Readmes;
import org.rfsweep.space.Space;
import org.rfsweep.space.Stage;

/**
 * A sampled sweep through the lane blocks writes the bytes, and counts the kept and invalid
 * candidates, of the scalar sweep: on random spaces (plain and not, invalid candidates, branch
 * blocks and global layers in stems and heads), with random constraints, column selections,
 * thread counts and chunk sizes, and on the bundled spaces. On Java 17 every lane is handed
 * back to the scalar evaluator (the plumbing is tested); on Java 25 the vector kernel runs
 * (the search module's {@code tests-on-java-25} profile runs this class there).
 */
class LanesSweepTest {
    private static final MetricColumns ALL_FLOPS =
        new MetricColumns(FlopsSelection.parse(List.of("seed,seed-madd,2macs")));
    private static final int SPACES = 120;

    @Test
    void shouldTakeTheVectorKernelOnJava25() {
        String mode = System.getProperty(Lanes.PROPERTY, "auto");
        if (Runtime.version().feature() >= Lanes.MIN_FEATURE && "auto".equals(mode)) {
            assertTrue(Lanes.vectorised(), Lanes.describe());
        }
    }

    @Test
    void shouldWriteTheScalarBytesOnRandomSpaces() {
        SplittableRandom rnd = new SplittableRandom(20261129L);
        int inLanes = 0;
        long kept = 0;
        long invalid = 0;
        for (int n = 0; n < SPACES; n++) {
            CompiledSpace space = RandomSpaces.space(rnd, 1_000_000);
            SweepPlan.Builder b = SweepPlan.builder(space).columns(ALL_FLOPS)
                .samples(200 + rnd.nextInt(3000), rnd.nextLong())
                .threads(new int[] {1, 2, 4}[rnd.nextInt(3)])
                .chunk(new int[] {37, 128, 300, SweepPlan.DEFAULT_CHUNK}[rnd.nextInt(4)])
                .ignore1x1(rnd.nextBoolean());
            if (rnd.nextBoolean()) {
                b.constraints(ConstraintSet.parse(RandomSpaces.where(rnd), space.space().inputs()));
            }
            if (rnd.nextInt(4) == 0) {
                b.select(List.of("rf_h", "index", "macs", "arch", "unproductive", "input"));
            }
            SweepPlan plan = b.build();
            Output scalar = run(plan, false);
            Output lanes = run(plan, true);
            String what = "space " + n + ": " + space.space();
            assertArrayEquals(scalar.bytes, lanes.bytes, what);
            assertEquals(scalar.result.kept(), lanes.result.kept(), what);
            assertEquals(scalar.result.invalidTotal(), lanes.result.invalidTotal(), what);
            inLanes += LaneFill.of(space).anyPlain() ? 1 : 0;
            kept += scalar.result.kept();
            invalid += scalar.result.invalidTotal();
        }
        assertTrue(inLanes > SPACES / 4 && inLanes < SPACES, "spaces with plain candidates: " + inLanes);
        assertTrue(kept > 10_000 && invalid > 1_000, "kept " + kept + ", invalid " + invalid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench16.json", "default.json", "dilated.json", "vgg.json", "mobilenet.json"})
    void shouldWriteTheScalarBytesOnTheBundledSpaces(String file) {
        CompiledSpace space = Readmes.bundled(file);
        SweepPlan plan = SweepPlan.builder(space).columns(ALL_FLOPS).samples(3_000, 5).threads(2).chunk(1000)
            .build();
        Output scalar = run(plan, false);
        assertEquals(3_001, scalar.bytes.length == 0 ? 0 : new String(scalar.bytes).lines().count()
            + scalar.result.invalidTotal());
        assertArrayEquals(scalar.bytes, run(plan, true).bytes);
    }

    @Test
    void shouldWriteTheScalarBytesWhenAnEntryHoldsSeveralRows() {
        // A second bn cannot join a row that has one (k would pass 3), and a fourth in-place record
        // cannot join a row that has three: each entry below is two rows, and a stage's fixed parts
        // are rows of their own.
        Space space = Space.builder().input("24x24x3").stem("conv(k=3,s=2,p=1,c=8) bn relu")
            .stage(Stage.builder().depth(1, 3).pre("relu").post("maxpool(k=2)").layer(LayerChoice.builder()
                .op("conv", "sepconv").k("3", "5").c(new int[] {4, 8}).p("keep").bias(0, 1)
                .after("bn relu bn relu").build()))
            .stage(Stage.builder().depth(0, 2).layer(LayerChoice.builder().op("dwconv", "conv").k("1", "3")
                .c(new int[] {8}).p("keep").after("maxpool(k=3,s=1,p=1) relu6 dropout sigmoid relu").build()))
            .head("conv(k=1,c=16) bn relu gap fc(c=10)").build();
        CompiledSpace compiled = CompiledSpace.compile(space);
        SweepPlan plan = SweepPlan.builder(compiled).columns(ALL_FLOPS).samples(5_000, 3).threads(2).chunk(700)
            .build();
        Output scalar = run(plan, false);
        assertEquals(5_001, new String(scalar.bytes).lines().count() + scalar.result.invalidTotal());
        assertArrayEquals(scalar.bytes, run(plan, true).bytes);
    }

    private record Output(byte[] bytes, SweepResult result) {
    }

    private static Output run(SweepPlan plan, boolean lanes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SweepResult result = SweepEngine.run(plan, (bytes, length) -> out.write(bytes, 0, length),
            new AtomicBoolean(), SweepListener.NONE, lanes);
        assertTrue(result.failure() == null, () -> String.valueOf(result.failure()));
        return new Output(out.toByteArray(), result);
    }
}
