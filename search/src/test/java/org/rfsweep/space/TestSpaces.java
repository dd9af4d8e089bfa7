package org.rfsweep.space;

import java.util.List;

/** Small design spaces shared by the space and sweep tests. */
public final class TestSpaces {
    /**
     * Two inputs; a stem; stage A (depth 0..2, stride 2 on its first position, a union of a
     * conv/maxpool set and a dilated sepconv set); stage B (depth 1..2, conv/avgpool with
     * per-axis kernels, valid padding, a fixed relu after each layer, a fixed bn after the
     * stage); a gap head. 2 * (1 + 10 + 10*10) * (8 + 8*8) = 15,984 candidates.
     */
    public static final String SMALL = json("""
        {
          'name': 'small',
          'input': ['16x16x3', '12x10x2'],
          'stem': 'conv(k=3,p=1,c=4)',
          'body': {'stages': [
            {'depth': [0, 2], 'stride': 2, 'layer': [
              {'op': ['conv', 'maxpool'], 'k': [1, 3], 'c': [4, 8], 'p': 'keep'},
              {'op': 'sepconv', 'k': 3, 'd': [1, 2], 'c': 8, 'p': ['same', 0]}]},
            {'depth': [1, 2], 'layer': {'op': ['conv', 'avgpool'], 'k': ['3x1', 2], 's': [1, 2], 'c': 6,
                                        'p': 'valid', 'after': 'relu'}, 'post': 'bn'}
          ]},
          'head': 'gap'
        }
        """);

    /** Stage A's entries at its first position (stride 2), in table order. */
    public static final List<String> SMALL_A_FIRST = List.of(
        "conv(k=1,s=2,c=4)", "conv(k=1,s=2,c=8)", "conv(k=3,s=2,p=1,c=4)", "conv(k=3,s=2,p=1,c=8)",
        "maxpool(k=1,s=2)", "maxpool(k=3,s=2,p=1)",
        "sepconv(k=3,s=2,p=same,c=8)", "sepconv(k=3,s=2,c=8)", "sepconv(k=3,s=2,p=same,d=2,c=8)",
        "sepconv(k=3,s=2,d=2,c=8)");

    /** Stage A's entries at its other positions, in table order. */
    public static final List<String> SMALL_A_REST = List.of(
        "conv(k=1,c=4)", "conv(k=1,c=8)", "conv(k=3,p=1,c=4)", "conv(k=3,p=1,c=8)",
        "maxpool(k=1)", "maxpool(k=3,p=1)",
        "sepconv(k=3,p=same,c=8)", "sepconv(k=3,c=8)", "sepconv(k=3,p=same,d=2,c=8)", "sepconv(k=3,d=2,c=8)");

    /** Stage B's entries (every position), in table order. */
    public static final List<String> SMALL_B = List.of(
        "conv(k=3x1,p=valid,c=6) relu", "conv(k=3x1,s=2,p=valid,c=6) relu",
        "conv(k=2,p=valid,c=6) relu", "conv(k=2,s=2,p=valid,c=6) relu",
        "avgpool(k=3x1,s=1,p=valid) relu", "avgpool(k=3x1,s=2,p=valid) relu",
        "avgpool(k=2,s=1,p=valid) relu", "avgpool(k=2,p=valid) relu");

    private TestSpaces() {
    }

    /** JSON written with single quotes, for readable Java text blocks. */
    public static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    public static CompiledSpace compile(String json) {
        return CompiledSpace.compile(SpaceLoader.parse(json, "t.json"));
    }
}
