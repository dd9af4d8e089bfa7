package org.rfsweep.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.Snapshots;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.sweep.PrefixEnumeration;

/**
 * Evaluating enumerated candidates with prefix reuse ({@link StackEvaluator#evaluateFrom}) gives
 * every column, error code, record and detail that evaluating each from scratch gives, over
 * ranges of random spaces (invalid candidates and branch blocks included); so does
 * {@link PrefixEnumeration}, block by block, and its decoder is on the selected candidate.
 */
class PrefixReuseProperties {
    private static final int SPACES = 300;

    @Test
    void shouldMatchEvaluationFromScratchOverEnumeratedRangesOfRandomSpaces() {
        SplittableRandom rnd = new SplittableRandom(20261129L);
        Set<Integer> errorRecords = new HashSet<>();
        long invalid = 0;
        long resumed = 0;
        long checked = 0;
        for (int n = 0; n < SPACES; n++) {
            CompiledSpace space = RandomSpaces.space(rnd, 20_000);
            Decoder dec = space.decoder();
            long size = space.size().longValueExact();
            long from = rnd.nextLong(size);
            long to = Math.min(size, from + 1 + rnd.nextInt(3000));
            boolean ignore1x1 = rnd.nextBoolean();
            StackEvaluator reuse = new StackEvaluator(ignore1x1);
            StackEvaluator scratch = new StackEvaluator(ignore1x1);
            Snapshots snaps = new Snapshots(dec.records().length / Layer.INTS);
            Metrics a = new Metrics(1);
            Metrics b = new Metrics(1);
            int[] previous = new int[0];
            dec.decode(from);
            for (long i = from; i < to; i++) {
                if (i != from) {
                    dec.next();
                }
                int changed = i == from ? 0 : dec.firstChanged();
                int[] rec = dec.records();
                int prefix = changed * Layer.INTS;
                assertTrue(prefix <= previous.length && prefix <= dec.ints(), "prefix " + changed + " at " + i);
                assertArrayEquals(Arrays.copyOf(previous, prefix), Arrays.copyOf(rec, prefix), "prefix at " + i);
                boolean ok = reuse.evaluateFrom(rec, 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), a, 0,
                    snaps, changed);
                boolean expected = scratch.evaluate(rec, 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), b,
                    0);
                assertEquals(expected, ok, "valid at " + i);
                assertSame(b, a, "space " + n + " index " + i);
                if (!ok) {
                    invalid++;
                    errorRecords.add(b.errorRecord[0]);
                }
                resumed += changed > 0 ? 1 : 0;
                checked++;
                previous = Arrays.copyOf(rec, dec.ints());
            }
        }
        assertTrue(checked > 60_000, "checked " + checked);
        assertTrue(resumed > checked / 2, "resumed " + resumed + " of " + checked);
        assertTrue(invalid > 1000, "invalid " + invalid);
        assertTrue(errorRecords.size() > 5, "error records " + errorRecords);
    }

    @Test
    void shouldMatchEvaluationFromScratchInBlocksOfThePrefixEnumeration() {
        SplittableRandom rnd = new SplittableRandom(20261130L);
        long checked = 0;
        long inBlocks = 0;
        long invalid = 0;
        for (int n = 0; n < SPACES; n++) {
            CompiledSpace space = RandomSpaces.space(rnd, 20_000);
            long size = space.size().longValueExact();
            long from = rnd.nextLong(size);
            long to = Math.min(size, from + 1 + rnd.nextInt(3000));
            boolean ignore1x1 = rnd.nextBoolean();
            Decoder order = space.decoder();
            PrefixEnumeration blocks = new PrefixEnumeration(space.decoder(), new StackEvaluator(ignore1x1),
                rnd.nextInt(8) != 0);
            StackEvaluator scratch = new StackEvaluator(ignore1x1);
            Metrics b = new Metrics(1);
            Metrics one = new Metrics(1);
            order.decode(from);
            blocks.start(from);
            for (long i = from; i < to; ) {
                int size1 = blocks.next(to - i);
                assertTrue(size1 >= 1 && size1 <= Math.min(PrefixEnumeration.BLOCK, to - i), "block of " + size1);
                for (int k = 0; k < size1; k++) {
                    if (i + k != from) {
                        order.next();
                    }
                    boolean expected = scratch.evaluate(order.records(), 0, order.count(), order.inputH(),
                        order.inputW(), order.inputC(), b, 0);
                    one.copySlot(blocks.metrics(), k, 0);
                    assertSame(b, one, "space " + n + " index " + (i + k));
                    invalid += expected ? 0 : 1;
                    if (rnd.nextInt(4) == 0) {
                        Decoder at = blocks.select(k);
                        assertEquals(order.encode(), at.encode(), "selected " + k + " at " + i);
                        assertArrayEquals(Arrays.copyOf(order.records(), order.ints()),
                            Arrays.copyOf(at.records(), at.ints()), "records of " + (i + k));
                    }
                }
                inBlocks += size1 - 1;
                checked += size1;
                i += size1;
            }
        }
        assertTrue(checked > 60_000, "checked " + checked);
        assertTrue(inBlocks > checked / 3, "in blocks " + inBlocks + " of " + checked);
        assertTrue(invalid > 1000, "invalid " + invalid);
    }

    private static void assertSame(Metrics expected, Metrics actual, String where) {
        long[][] longs = {expected.rfH, expected.rfW, expected.rfMinH, expected.rfMinW, expected.strideH,
            expected.strideW, expected.padH, expected.padW, expected.params, expected.macs, expected.biasAdds,
            expected.acts, expected.actElements, expected.peakElements};
        long[][] got = {actual.rfH, actual.rfW, actual.rfMinH, actual.rfMinW, actual.strideH, actual.strideW,
            actual.padH, actual.padW, actual.params, actual.macs, actual.biasAdds, actual.acts, actual.actElements,
            actual.peakElements};
        int[][] ints = {expected.outH, expected.outW, expected.outC, expected.unproductive, expected.error,
            expected.errorRecord, expected.errorDetail};
        int[][] gotInts = {actual.outH, actual.outW, actual.outC, actual.unproductive, actual.error,
            actual.errorRecord, actual.errorDetail};
        assertEquals(expected.error[0], actual.error[0], where + " error");
        assertEquals(expected.errorRecord[0], actual.errorRecord[0], where + " error record");
        assertEquals(expected.errorDetail[0], actual.errorDetail[0], where + " error detail");
        if (expected.error[0] != 0) {
            return;
        }
        for (int k = 0; k < longs.length; k++) {
            assertEquals(longs[k][0], got[k][0], where + " long column " + k);
        }
        for (int k = 0; k < ints.length; k++) {
            assertEquals(ints[k][0], gotInts[k][0], where + " int column " + k);
        }
    }
}
