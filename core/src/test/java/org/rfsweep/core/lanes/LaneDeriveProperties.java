package org.rfsweep.core.lanes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;

/**
 * The kernel's derivation of a packed block's columns in lanes ({@link LaneKernel#derive}) against
 * {@link LaneBatch}'s scalar one, on records drawn field by field: every op code (and codes past
 * the table, negative ones), every rounding mode, same and set channels, groups, pool padding
 * above half the kernel, and fields anywhere in the int range, so that both agree on which records
 * are plain and on every column of every one that is, whatever the values.
 */
class LaneDeriveProperties {
    private static final long SEED = 0x5EED_D371L;

    @Test
    void shouldDeriveTheColumnsOfTheScalarPackingOnRecordsDrawnFieldByField() {
        LaneKernel kernel = Lanes.loadVectorKernel();
        assertNotNull(kernel, "the SIMD kernel must load in tests (Surefire adds jdk.incubator.vector)");
        SplittableRandom rnd = new SplittableRandom(SEED);
        int plainLanes = 0;
        int cut = 0;
        for (int round = 0; round < 60; round++) {
            StackBatch batch = new StackBatch();
            int stacks = round % 5 == 0 ? rnd.nextInt(1, 40) : rnd.nextInt(100, 700);
            for (int s = 0; s < stacks; s++) {
                int count = rnd.nextInt(8) == 0 ? 0 : rnd.nextInt(1, 24);
                int[] rec = new int[Math.max(1, count) * Layer.INTS];
                // mostly plain records, so that prefixes are long; a drawn record is plain or not at random
                for (int l = 0; l < count; l++) {
                    record(rnd, rec, l * Layer.INTS, rnd.nextInt(6) == 0);
                }
                batch.add(rec, 0, count, rnd.nextInt(1, 300), rnd.nextInt(1, 300), rnd.nextInt(1, 64));
            }
            int from = rnd.nextInt(Math.max(1, stacks / 3));
            int to = from + rnd.nextInt(stacks - from + 1);
            String where = "seed " + SEED + ", round " + round + ", stacks " + from + ".." + to;
            LaneBatch scalar = new LaneBatch().derivingWith(null).pack(batch, from, to);
            LaneBatch lanes = new LaneBatch().derivingWith(kernel).pack(batch, from, to);
            assertSamePacking(scalar, lanes, where);
            for (int lane = 0; lane < scalar.blocks() * LaneBatch.LANES; lane++) {
                plainLanes += scalar.prefix[lane] > 0 ? 1 : 0;
                cut += scalar.prefix[lane] > 0 && scalar.more[lane] > 0 ? 1 : 0;
            }
        }
        assertTrue(plainLanes > 2_000, "lanes with a plain prefix: " + plainLanes);
        assertTrue(cut > 1_000, "lanes whose prefix ends before the stack: " + cut);
    }

    /**
     * A record at {@code rec[at...]}: with {@code wild}, any op code and fields anywhere in the int
     * range; else an op that the lanes may take, with fields mostly in range, sometimes not.
     */
    private static void record(SplittableRandom rnd, int[] rec, int at, boolean wild) {
        if (wild) {
            for (int f = 0; f < Layer.INTS; f++) {
                rec[at + f] = rnd.nextInt(4) == 0 ? rnd.nextInt() : rnd.nextInt(-2, 80);
            }
            return;
        }
        final int[] ops = {Op.CONV, Op.DWCONV, Op.SEPCONV, Op.MAXPOOL, Op.AVGPOOL, Op.BN, Op.RELU, Op.SILU,
            Op.DROPPATH, Op.GAP, Op.FC, Op.LAYERNORM, Op.ADD};
        rec[at + Layer.OP] = ops[rnd.nextInt(ops.length)];
        rec[at + Layer.KH] = rnd.nextInt(1, 8);
        rec[at + Layer.KW] = rnd.nextInt(1, 8);
        rec[at + Layer.SH] = rnd.nextInt(1, 4);
        rec[at + Layer.SW] = rnd.nextInt(1, 4);
        rec[at + Layer.DH] = rnd.nextInt(1, 3);
        rec[at + Layer.DW] = rnd.nextInt(1, 3);
        for (int f : new int[] {Layer.PT, Layer.PB, Layer.PL, Layer.PR}) {
            rec[at + f] = rnd.nextInt(0, 5);
        }
        rec[at + Layer.MODE] = rnd.nextInt(10) == 0 ? rnd.nextInt(4) : Rounding.FLOOR;
        rec[at + Layer.C] = rnd.nextInt(6) == 0 ? Layer.SAME_CHANNELS : rnd.nextInt(1, 1 << 12);
        rec[at + Layer.G] = rnd.nextInt(10) == 0 ? 2 : 1;
        rec[at + Layer.BIAS] = rnd.nextInt(2);
        rec[at + Layer.INDEX] = rnd.nextInt(100);
    }

    private static void assertSamePacking(LaneBatch expected, LaneBatch actual, String where) {
        assertEquals(expected.blocks(), actual.blocks(), where);
        assertArrayEquals(expected.scalar, actual.scalar, where + ": scalar stacks");
        int lanes = expected.blocks() * LaneBatch.LANES;
        assertLanes(expected.stack, actual.stack, lanes, where + ": stack");
        assertLanes(expected.prefix, actual.prefix, lanes, where + ": prefix");
        assertLanes(expected.more, actual.more, lanes, where + ": more");
        assertLanes(expected.tail, actual.tail, lanes, where + ": tail");
        assertLanes(expected.inH, actual.inH, lanes, where + ": inH");
        assertLanes(expected.inW, actual.inW, lanes, where + ": inW");
        assertLanes(expected.inC, actual.inC, lanes, where + ": inC");
        assertArrayEquals(Arrays.copyOf(expected.inElements, lanes), Arrays.copyOf(actual.inElements, lanes),
            where + ": inElements");
        for (int b = 0; b < expected.blocks(); b++) {
            assertEquals(expected.blockStart[b], actual.blockStart[b], where + ": block " + b);
            assertEquals(expected.blockStride[b], actual.blockStride[b], where + ": block " + b);
            assertEquals(expected.blockLayers[b], actual.blockLayers[b], where + ": block " + b);
            int from = expected.blockStart[b];
            int to = from + expected.blockStride[b] * LaneBatch.LANES;
            for (int f = 0; f < LaneBatch.COLUMNS; f++) {
                assertArrayEquals(expected.column(f, from, to), actual.column(f, from, to),
                    where + ": block " + b + ", column " + f);
            }
        }
    }

    private static void assertLanes(int[] expected, int[] actual, int lanes, String where) {
        assertArrayEquals(Arrays.copyOf(expected, lanes), Arrays.copyOf(actual, lanes), where);
    }
}
