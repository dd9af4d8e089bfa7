package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.testkit.RandomStacks;
import org.rfsweep.core.testkit.RandomStacks.Sample;

/**
 * {@link StackEvaluator#evaluateVariants} writes, variant by variant and column by column, what
 * {@link StackEvaluator#evaluate} writes for the whole stack from scratch. Random prefixes (plain,
 * with branch blocks and global layers, some invalid), variants of one or two records of every
 * kind (windowed, elementwise, channel, global, adaptive, branch markers, an unknown op, values
 * at and beyond the bounds), with and without records after them; and the kept state stays
 * usable for the next {@link StackEvaluator#evaluateFrom}.
 */
class EvaluateVariantsProperties {
    private static final long SEED = 0x5EED_0010L;
    private static final int TRIALS = 4000;
    private static final int[] VARIANT_OPS = {Op.CONV, Op.CONV, Op.DWCONV, Op.SEPCONV, Op.MAXPOOL, Op.AVGPOOL,
        Op.BN, Op.RELU, Op.GELU, Op.GAP, Op.FC, Op.FLATTEN, Op.ADAPTIVEAVGPOOL, Op.CHUNK, Op.SHUFFLE, Op.ADD,
        Op.END, 20};
    private static final int[] SUFFIX_OPS = {Op.CONV, Op.RELU, Op.MAXPOOL, Op.GAP, Op.FC};

    private final RandomStacks gen = new RandomStacks(SEED);
    private final SplittableRandom rnd = gen.random();

    @Test
    void shouldEqualEvaluationFromScratchForEveryVariant() {
        Set<Integer> errors = new HashSet<>();
        int valid = 0;
        int variants = 0;
        int fastPath = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            boolean ignore1x1 = rnd.nextBoolean();
            int kind = rnd.nextInt(4);
            Sample prefix = kind == 0 ? gen.branched(4, 2)
                : kind == 1 ? blocks() : gen.plain(10, RandomStacks.PLAIN_OPS);
            int len = rnd.nextInt(4) == 0 ? 2 : 1;
            int suffix = rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(2);
            int n = 1 + rnd.nextInt(40);
            int[] table = variantTable(n, len);
            int at = prefix.count();
            int count = at + len + suffix;
            int[] stack = Arrays.copyOf(prefix.records(), count * Layer.INTS);
            for (int i = at + len; i < count; i++) {
                stack[i * Layer.INTS + Layer.OP] = SUFFIX_OPS[rnd.nextInt(SUFFIX_OPS.length)];
                gen.layer(stack, i * Layer.INTS, 0, false);
            }
            fastPath += len == 1 && suffix == 0 ? 1 : 0;
            Metrics expected = new Metrics(n);
            StackEvaluator scratch = new StackEvaluator(ignore1x1);
            for (int k = 0; k < n; k++) {
                System.arraycopy(table, k * len * Layer.INTS, stack, at * Layer.INTS, len * Layer.INTS);
                boolean ok = scratch.evaluate(stack, 0, count, prefix.h(), prefix.w(), prefix.c(), expected, k);
                valid += ok ? 1 : 0;
                errors.add(expected.error[k] * 256 + expected.errorDetail[k]);
            }
            variants += n;

            StackEvaluator reuse = new StackEvaluator(ignore1x1);
            Snapshots snaps = new Snapshots(count);
            Metrics actual = new Metrics(n);
            int h = prefix.h();
            int w = prefix.w();
            int c = prefix.c();
            // Variant 0 as enumeration reaches it: after another stack that shares only some records.
            System.arraycopy(table, 0, stack, at * Layer.INTS, len * Layer.INTS);
            int shared = rnd.nextInt(at + 1);
            reuse.evaluateFrom(other(stack, shared, count), 0, count, h, w, c, actual, 0, snaps, 0);
            reuse.evaluateFrom(stack, 0, count, h, w, c, actual, 0, snaps, shared);
            if (n > 1) {
                reuse.evaluateVariants(stack, 0, count, h, w, c, snaps, at, table, len * Layer.INTS,
                    len * Layer.INTS, n - 1, actual, 1);
            }
            String where = "seed " + SEED + " trial " + trial + " (" + count + " records, variants at " + at + ")";
            for (int k = 0; k < n; k++) {
                assertSameSlot(expected, actual, k, where + " variant " + k);
            }
            // The next candidate changes an earlier record: the kept state before it is still right.
            System.arraycopy(table, (n - 1) * len * Layer.INTS, stack, at * Layer.INTS, len * Layer.INTS);
            int changed = rnd.nextInt(count + 1);
            int[] next = other(stack, changed, count);
            Metrics fresh = new Metrics(1);
            scratch.evaluate(next, 0, count, h, w, c, fresh, 0);
            reuse.evaluateFrom(next, 0, count, h, w, c, actual, 0, snaps, changed);
            assertSameSlot(fresh, actual, 0, where + " then from record " + changed);
        }
        assertTrue(variants > 60_000, "variants " + variants);
        assertTrue(fastPath > TRIALS / 4, "one last record " + fastPath);
        assertTrue(valid > variants / 5 && valid < variants * 4 / 5, "valid " + valid + " of " + variants);
        assertTrue(errors.size() > 12, "error kinds " + errors);
    }

    /**
     * A valid prefix with branch blocks whose paths differ in RF (so the minimum RF lags), a
     * squeeze-excitation block or a concatenation, on a random input.
     */
    private Sample blocks() {
        String[] parts = {"conv(k=3,c=8) ", "add(conv(k=3,p=1,c=8) | ) ", "cat(conv(k=1,c=4) | maxpool(k=3,s=1,p=1)) ",
            "mul(gap conv(k=1,c=8) sigmoid | ) ", "add(conv(k=5,p=2,c=8) relu | conv(k=1,c=8)) ", "conv(k=1,c=8) "};
        StringBuilder arch = new StringBuilder("conv(k=3,c=8) ");
        for (int i = rnd.nextInt(4); i >= 0; i--) {
            String part = parts[rnd.nextInt(parts.length)];
            arch.append(part.startsWith("cat") ? part + "conv(k=1,c=8) " : part);
        }
        Network net = ArchParser.parse(arch.toString().trim());
        int h = 8 + rnd.nextInt(40);
        return new Sample(net.records(), net.count(), h, rnd.nextBoolean() ? h : 8 + rnd.nextInt(40),
            1 + rnd.nextInt(8));
    }

    /** {@code n} variants of {@code len} records each, back to back. */
    private int[] variantTable(int n, int len) {
        int[] table = new int[n * len * Layer.INTS];
        for (int r = 0; r < n * len; r++) {
            int at = r * Layer.INTS;
            int op = VARIANT_OPS[rnd.nextInt(VARIANT_OPS.length)];
            table[at + Layer.OP] = op;
            if (op == 20) {
                continue;
            }
            gen.layer(table, at, 0, rnd.nextInt(8) == 0);
            if (op == Op.ADAPTIVEAVGPOOL) {
                table[at + Layer.KH] = 1 + rnd.nextInt(4);
                table[at + Layer.KW] = 1 + rnd.nextInt(4);
            } else if (op == Op.CHUNK || op == Op.SHUFFLE) {
                table[at + Layer.G] = 1 + rnd.nextInt(4);
            }
        }
        return table;
    }

    /** A copy of {@code stack} whose records from {@code from} on are drawn anew. */
    private int[] other(int[] stack, int from, int count) {
        int[] copy = Arrays.copyOf(stack, count * Layer.INTS);
        for (int i = from; i < count; i++) {
            copy[i * Layer.INTS + Layer.OP] = RandomStacks.PLAIN_OPS[rnd.nextInt(RandomStacks.PLAIN_OPS.length)];
            gen.layer(copy, i * Layer.INTS, 0, false);
        }
        return copy;
    }

    private static void assertSameSlot(Metrics expected, Metrics actual, int k, String where) {
        assertEquals(expected.error[k], actual.error[k], where + ": error");
        assertEquals(expected.errorRecord[k], actual.errorRecord[k], where + ": errorRecord");
        assertEquals(expected.errorDetail[k], actual.errorDetail[k], where + ": errorDetail");
        if (expected.error[k] != ErrorCode.OK) {
            return;
        }
        long[][] e = {expected.rfH, expected.rfW, expected.rfMinH, expected.rfMinW, expected.strideH,
            expected.strideW, expected.padH, expected.padW, expected.params, expected.macs, expected.biasAdds,
            expected.acts, expected.actElements, expected.peakElements};
        long[][] a = {actual.rfH, actual.rfW, actual.rfMinH, actual.rfMinW, actual.strideH, actual.strideW,
            actual.padH, actual.padW, actual.params, actual.macs, actual.biasAdds, actual.acts, actual.actElements,
            actual.peakElements};
        for (int col = 0; col < e.length; col++) {
            assertEquals(e[col][k], a[col][k], where + ": long column " + col);
        }
        int[][] ei = {expected.outH, expected.outW, expected.outC, expected.unproductive};
        int[][] ai = {actual.outH, actual.outW, actual.outC, actual.unproductive};
        for (int col = 0; col < ei.length; col++) {
            assertEquals(ei[col][k], ai[col][k], where + ": int column " + col);
        }
    }
}
