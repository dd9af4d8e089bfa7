package org.rfsweep.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Layer;

class DecoderTest {
    private static final String BIG = TestSpaces.json("""
        {'input': ['224', '160x128x3'], 'stem': 'conv(k=3,s=2,p=1,c=16)',
         'body': {'layer': {'op': ['conv', 'sepconv', 'maxpool'], 'k': [1, 3, 5, 7], 's': [1, 2], 'd': [1, 2],
                            'c': [16, 32, 64, 128, 256], 'p': 'keep'},
                  'stages': [{'depth': [0, 9], 'stride': 2}, {'depth': [3, 12]}, {'depth': [2, 2], 'stride': 2}]}}
        """);

    @Test
    void shouldTurnTheLastPositionInPlaceAsNextDoes() {
        // SMALL's last table (stage B, relu after each entry) is uniform: 2 records per entry.
        CompiledSpace space = TestSpaces.compile(TestSpaces.SMALL);
        Decoder turned = space.decoder();
        Decoder stepped = space.decoder();
        int blocks = 0;
        for (long i = 0; i < space.size().longValueExact(); i++) {
            turned.decode(i);
            int turns = turned.lastTurns();
            if (turns == 0) {
                continue;
            }
            blocks++;
            int at = turned.lastRecord();
            int ints = turned.lastInts();
            assertEquals(2 * Layer.INTS, ints, "ints at " + i);
            int[] entries = turned.lastEntries();
            int entry = turned.lastEntry();
            assertArrayEquals(Arrays.copyOfRange(entries, entry, entry + ints),
                Arrays.copyOfRange(turned.records(), at * Layer.INTS, at * Layer.INTS + ints), "entry at " + i);
            int k = 1 + (int) (i % turns);
            stepped.decode(i);
            for (int step = 0; step < k; step++) {
                stepped.next();
            }
            turned.turnLast(k);
            assertEquals(stepped.encode(), turned.encode(), "index " + i + " turned " + k);
            assertEquals(at, turned.firstChanged(), "changed at " + i);
            assertArrayEquals(Arrays.copyOf(stepped.records(), stepped.ints()),
                Arrays.copyOf(turned.records(), turned.ints()), "records at " + i);
            assertEquals(turns - k, turned.lastTurns(), "turns left at " + i);
        }
        assertTrue(blocks > space.size().longValueExact() / 2, "blocks " + blocks);
        Decoder d = space.decoder();
        d.decode(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.turnLast(d.lastTurns() + 1));
        assertEquals("k=" + (d.lastTurns() + 1) + " is outside 0.." + d.lastTurns(), e.getMessage());
    }

    @Test
    void shouldInvertDecodingByEncodingOnTheSmallSpace() {
        CompiledSpace space = TestSpaces.compile(TestSpaces.SMALL);
        Decoder dec = space.decoder();
        for (long i = 0; i < space.size().longValueExact(); i++) {
            dec.decode(i);
            assertEquals(BigInteger.valueOf(i), dec.encode(), "index " + i);
        }
    }

    @Test
    void shouldInvertDecodingByEncodingBeyondTwoToTheSixtyThree() {
        CompiledSpace space = TestSpaces.compile(BIG);
        assertTrue(space.size().bitLength() > 100, space.size().toString());
        Decoder dec = space.decoder();
        SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 20_000; n++) {
            long i = n < 10 ? Long.MAX_VALUE - 1 - n : n < 20 ? n - 10 : random.nextLong(Long.MAX_VALUE);
            dec.decode(i);
            assertEquals(BigInteger.valueOf(i), dec.encode(), "seed 11, index " + i);
        }
    }

    @Test
    void shouldEncodeWhatItIsSetToAndDecodeItBack() {
        CompiledSpace space = TestSpaces.compile(BIG);
        Decoder set = space.decoder();
        Decoder back = space.decoder();
        SplittableRandom random = new SplittableRandom(5);
        int[] depths = new int[space.stages()];
        int[] digits = new int[space.positions()];
        int base = 0;
        for (int trial = 0; trial < 5_000; trial++) {
            base = 0;
            for (int s = 0; s < space.stages(); s++) {
                depths[s] = random.nextInt(space.depthMin(s), space.depthMax(s) + 1);
                for (int p = 0; p < depths[s]; p++) {
                    digits[base + p] = random.nextInt(space.table(s, p).size());
                }
                base += space.depthMax(s);
            }
            set.set(random.nextInt(space.inputCount()), depths, digits);
            BigInteger index = set.encode();
            if (index.bitLength() <= 63) {
                back.decode(index.longValueExact());
                assertArrayEquals(Arrays.copyOf(set.records(), set.ints()), Arrays.copyOf(back.records(), back.ints()),
                    "seed 5, trial " + trial);
                assertEquals(set.input(), back.input());
            }
            assertTrue(index.signum() >= 0 && index.compareTo(space.size()) < 0, "seed 5, trial " + trial);
        }
    }

    @Test
    void shouldSampleAPureFunctionOfSeedAndIndex() {
        CompiledSpace space = TestSpaces.compile(BIG);
        Decoder a = space.decoder();
        Decoder b = space.decoder();
        for (long k = 0; k < 2_000; k++) {
            a.sample(99, k);
            b.sample(99, 1_999 - k);
            b.sample(99, k);
            assertArrayEquals(Arrays.copyOf(a.records(), a.ints()), Arrays.copyOf(b.records(), b.ints()),
                "sample " + k);
            assertEquals(a.input(), b.input());
            assertEquals(a.encode(), b.encode());
        }
    }

    @Test
    void shouldSampleDifferentCandidatesForDifferentSeeds() {
        CompiledSpace space = TestSpaces.compile(BIG);
        Decoder a = space.decoder();
        Decoder b = space.decoder();
        int same = 0;
        for (long k = 0; k < 1_000; k++) {
            a.sample(1, k);
            b.sample(2, k);
            same += a.encode().equals(b.encode()) ? 1 : 0;
        }
        assertEquals(0, same);
    }

    @Test
    void shouldSampleEveryDepthAndEveryEntryOfASmallSpace() {
        CompiledSpace space = TestSpaces.compile(TestSpaces.SMALL);
        Decoder dec = space.decoder();
        boolean[][] depthSeen = new boolean[2][3];
        boolean[] inputSeen = new boolean[2];
        boolean[] firstSeen = new boolean[space.firstTable(0).size()];
        for (long k = 0; k < 5_000; k++) {
            dec.sample(3, k);
            depthSeen[0][dec.depth(0)] = true;
            depthSeen[1][dec.depth(1)] = true;
            inputSeen[dec.input()] = true;
            if (dec.depth(0) > 0) {
                firstSeen[dec.digit(0, 0)] = true;
            }
        }
        assertArrayEquals(new boolean[] {true, true, true}, depthSeen[0]);
        assertArrayEquals(new boolean[] {false, true, true}, depthSeen[1]);
        assertArrayEquals(new boolean[] {true, true}, inputSeen);
        boolean[] all = new boolean[firstSeen.length];
        Arrays.fill(all, true);
        assertArrayEquals(all, firstSeen);
    }

    @Test
    void shouldRejectAnIndexBeyondTheSpace() {
        CompiledSpace space = TestSpaces.compile(TestSpaces.SMALL);
        Decoder dec = space.decoder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dec.decode(15_984));
        assertEquals("index=15984 is outside 0..15983", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dec.decode(-1));
    }

    @Test
    void shouldNotAllocateWhenDecodingSteppingOrSampling() {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        CompiledSpace space = TestSpaces.compile(BIG);
        Decoder dec = space.decoder();
        byte[] arch = new byte[space.maxArchBytes()];
        long sum = 0;
        for (int warm = 0; warm < 3; warm++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            for (long k = 0; k < 100_000; k++) {
                dec.sample(7, k);
                sum += dec.arch(arch);
            }
            dec.decode(123_456_789L);
            for (int k = 0; k < 100_000; k++) {
                dec.next();
                sum += dec.ints();
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (warm == 2) {
                assertTrue(allocated < 1024, "allocated " + allocated + " bytes (sum " + sum + ")");
            }
        }
    }
}
