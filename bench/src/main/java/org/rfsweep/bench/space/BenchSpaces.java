package org.rfsweep.bench.space;

import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.LayerChoice;
import org.rfsweep.space.Space;

/**
 * The design spaces of the decode and generate benchmarks: plain bodies of 16 positions on
 * 224x224x3, no stem or head, padding "keep" ({@code (ek-1)/2}).
 *
 * <ul>
 *   <li>{@link #reference()}: the reference workload's choice sets: op conv, sepconv or maxpool;
 *       k 1, 3, 5, 7 (square); s 1, 2; d 1, 2 (convs); c 16, 32, 64, 128, 256 (convs): 168 layers
 *       per position, 168^16 (about 4e35) candidates. Sampled, not enumerated (issue 5 draws ops
 *       and kw with non-uniform weights, a space samples uniformly per position, so the stacks
 *       differ from the workload file).</li>
 *   <li>{@link #enumerable()}: op conv, sepconv or maxpool; k 3, 5; s 1, 2; c 64 (convs): 12 layers
 *       per position, 12^16 (about 1.8e17) candidates, so every index fits a long.</li>
 * </ul>
 */
public final class BenchSpaces {
    public static final int POSITIONS = 16;

    private BenchSpaces() {
    }

    public static CompiledSpace reference() {
        return CompiledSpace.compile(Space.builder().name("bench-reference").input("224x224x3")
            .body(POSITIONS, POSITIONS, LayerChoice.builder().op("conv", "sepconv", "maxpool").k(1, 3, 5, 7)
                .s(1, 2).d(1, 2).c(16, 32, 64, 128, 256).p("keep").build())
            .build());
    }

    public static CompiledSpace enumerable() {
        return CompiledSpace.compile(Space.builder().name("bench-enumerable").input("224x224x3")
            .body(POSITIONS, POSITIONS, LayerChoice.builder().op("conv", "sepconv", "maxpool").k(3, 5).s(1, 2)
                .c(64).p("keep").build())
            .build());
    }
}
