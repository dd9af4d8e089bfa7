package org.rfsweep.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Rounding;

class SpaceBuilderTest {
    @Test
    void shouldBuildInJavaTheSpaceThatTheJsonDescribes() {
        Space built = Space.builder()
            .input("16x16x3", "12x10x2")
            .stem("conv(k=3,p=1,c=4)")
            .stage(Stage.builder().depth(0, 2).stride(2).layer(
                LayerChoice.builder().op("conv", "maxpool").k(1, 3).c(4, 8).p("keep").build(),
                LayerChoice.builder().op("sepconv").k(3).d(1, 2).c(8).p("same", "0").build()))
            .stage(Stage.builder().depth(1, 2).post("bn").layer(
                LayerChoice.builder().op("conv", "avgpool").k("3x1", "2").s(1, 2).c(6).p("valid").after("relu")
                    .build()))
            .head("gap")
            .build();
        CompiledSpace a = CompiledSpace.compile(built);
        CompiledSpace b = TestSpaces.compile(TestSpaces.SMALL);
        assertEquals(b.size(), a.size());
        Decoder da = a.decoder();
        Decoder db = b.decoder();
        for (long i = 0; i < a.size().longValueExact(); i += 3) {
            da.decode(i);
            db.decode(i);
            assertEquals(EnumerationTest.arch(db), EnumerationTest.arch(da), "index " + i);
            assertEquals(db.input(), da.input());
        }
    }

    @Test
    void shouldPadKeepAsHalfTheEffectiveKernelPerAxis() {
        CompiledSpace s = CompiledSpace.compile(Space.builder().input("64")
            .body(1, 1, LayerChoice.builder().op("conv").k("3x5", "2", "7x1").d("1", "3x2").c(8).p("keep").build())
            .build());
        ChoiceTable t = s.restTable(0);
        int[][] expected = {{1, 2}, {3, 4}, {0, 0}, {1, 1}, {3, 0}, {9, 0}};
        assertEquals(expected.length, t.size());
        for (int i = 0; i < t.size(); i++) {
            int[] r = t.entry(i);
            assertArrayEquals(new int[] {expected[i][0], expected[i][0], expected[i][1], expected[i][1]},
                new int[] {r[Layer.PT], r[Layer.PB], r[Layer.PL], r[Layer.PR]}, t.text(i));
            assertEquals(Rounding.FLOOR, r[Layer.MODE]);
        }
        assertEquals("conv(k=3x5,p=1x2,c=8)", t.text(0));
        assertEquals("conv(k=3x5,p=3x4,d=3x2,c=8)", t.text(1));
    }

    @Test
    void shouldNotExpandKeysThatAnOpDoesNotHave() {
        CompiledSpace s = CompiledSpace.compile(Space.builder().input("64")
            .body(1, 1, LayerChoice.builder().op("maxpool", "dwconv", "relu", "fc", "conv").k(3).d(1, 2).c(8, 16)
                .bias(0, 1).p("keep").build())
            .build());
        ChoiceTable t = s.restTable(0);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < t.size(); i++) {
            all.append(t.text(i)).append('\n');
        }
        assertEquals("""
            maxpool(k=3,p=1)
            dwconv(k=3,p=1,bias=0)
            dwconv(k=3,p=1)
            dwconv(k=3,p=2,d=2,bias=0)
            dwconv(k=3,p=2,d=2)
            relu
            fc(c=8,bias=0)
            fc(c=8)
            fc(c=16,bias=0)
            fc(c=16)
            conv(k=3,p=1,c=8,bias=0)
            conv(k=3,p=1,c=8)
            conv(k=3,p=1,c=16,bias=0)
            conv(k=3,p=1,c=16)
            conv(k=3,p=2,d=2,c=8,bias=0)
            conv(k=3,p=2,d=2,c=8)
            conv(k=3,p=2,d=2,c=16,bias=0)
            conv(k=3,p=2,d=2,c=16)
            """, all.toString());
    }

    @Test
    void shouldDropChoicesThatRepeatALayer() {
        CompiledSpace s = CompiledSpace.compile(Space.builder().input("64")
            .body(1, 1,
                LayerChoice.builder().op("conv").k(3).c(8).p("1", "keep").build(),
                LayerChoice.builder().op("conv").k(3, 5).c(8).p(1).build())
            .build());
        assertEquals(2, s.restTable(0).size());
        assertEquals("conv(k=3,p=1,c=8)", s.restTable(0).text(0));
        assertEquals("conv(k=5,p=1,c=8)", s.restTable(0).text(1));
    }
}
