package org.rfsweep.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.sweep.IndexSpan;

/** Indices of any size the space has: the decoder takes what the search prints, and ranges parse them. */
class BigIndexTest {
    private static final CompiledSpace ANYNET = CompiledSpace.compile(SpaceLoader.load(
        Path.of("..", "data", "spaces", "bench-anynet.json")));

    @Test
    void shouldDecodeIndicesAbove2To63AsTheInverseOfEncode() {
        assertTrue(ANYNET.size().bitLength() > 63, "the space needs more than 63 bits");
        Decoder d = ANYNET.decoder();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            BigInteger index = new BigInteger(ANYNET.size().bitLength(), new Random(random.nextLong()))
                .mod(ANYNET.size());
            d.decode(index);
            assertEquals(index, d.encode(), "index " + index);
        }
        d.decode(ANYNET.size().subtract(BigInteger.ONE));
        assertEquals(ANYNET.size().subtract(BigInteger.ONE), d.encode());
        assertThrows(IllegalArgumentException.class, () -> d.decode(ANYNET.size()));
    }

    @Test
    void shouldDecodeSmallIndicesAsThe64BitPathDoes() {
        Decoder big = ANYNET.decoder();
        Decoder small = ANYNET.decoder();
        for (long index : new long[] {0, 1, 12345, 1L << 40, Long.MAX_VALUE - 1}) {
            big.decode(BigInteger.valueOf(index));
            small.decode(index);
            assertArrayEquals(Arrays.copyOf(small.records(), small.ints()), Arrays.copyOf(big.records(), big.ints()));
        }
    }

    @Test
    void shouldParseRangesAndShardsOfAnySize() {
        BigInteger total = new BigInteger("15389375785205920105951497729024");
        assertEquals(new IndexSpan(new BigInteger("187066641751215020016161961"),
            new BigInteger("187066641751215020016161971")), IndexSpan.parseRange(
            "187066641751215020016161961:187066641751215020016161971", total, "candidates"));
        IndexSpan last = IndexSpan.parseShard("4/4", total);
        assertEquals(total, last.to());
        assertEquals(total.multiply(BigInteger.valueOf(3)).divide(BigInteger.valueOf(4)), last.from());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> IndexSpan.parseRange("1:" + total.add(BigInteger.ONE), total, "candidates of the space"));
        assertEquals("--range 1:15389375785205920105951497729025: the end 15389375785205920105951497729025 is beyond"
            + " the 15389375785205920105951497729024 candidates of the space", e.getMessage());
    }
}
