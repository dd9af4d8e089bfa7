package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.testkit.RandomStacks;

/**
 * The parser's fast path for the common layer form against its exact path (every layer through
 * {@code layer}), on canonical, verbose and randomly mutated strings: the same records, or the
 * same message. And the UTF-8 byte entry against the string entry.
 */
class FastPathProperties {
    private static final long SEED = 0x5EED_0010L;
    private static final int NETWORKS = 3000;
    private static final int MUTANTS = 6;
    /** Characters a mutation inserts: the syntax, digits around the bounds, letters, white space, non-ASCII. */
    private static final String ALPHABET = "()=,:x|- 0123456789kspdcgbiaoneluKX\t\u00e9\u2003\u0000";
    private static final String[] WORDS = {"4096", "4097", "1048576", "1048577", "16777216", "16777217", "999999999",
        "1234567890", "bias=", "ceil=1", "p=same", "p=1:2x0:3", "k=3x5", "relu", "chunk(n=2,i=1)", "res(", "|",
        "0", "00", "-1", "hardsigmoid", "Relu", "conv", "sepconv(k=3,c=8)", "adaptiveavgpool(o=7)"};

    @Test
    void shouldGiveTheSameRecordsOrMessageAsTheExactPath() {
        RandomStacks gen = new RandomStacks(SEED);
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        ArchParser fast = new ArchParser();
        ArchParser exact = new ArchParser(false);
        int failures = 0;
        int total = 0;
        for (int n = 0; n < NETWORKS; n++) {
            Network net = gen.network(4, 2);
            String canonical = ArchFormatter.format(net);
            String verbose = RoundTripProperties.verbose(net, rnd);
            for (String text : new String[] {canonical, verbose}) {
                String where = "seed " + SEED + ", network " + n + ": ";
                failures += compare(fast, exact, text, where) ? 0 : 1;
                total++;
                for (int m = 0; m < MUTANTS; m++) {
                    String mutant = mutate(text, rnd);
                    failures += compare(fast, exact, mutant, where + "mutant " + m + " ") ? 0 : 1;
                    total++;
                }
            }
        }
        assertTrue(failures > total / 2 && failures < total * 9 / 10,
            "seed " + SEED + ": a mix of good and bad strings, bad=" + failures + " of " + total);
    }

    /** True when {@code text} parses; asserts both paths (and the byte entry) agree either way. */
    private static boolean compare(ArchParser fast, ArchParser exact, String text, String where) {
        String expected = outcome(exact, text);
        String actual = outcome(fast, text);
        assertEquals(expected, actual, where + text);
        byte[] utf8 = ("<<" + text + ">>").getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, outcomeOfBytes(fast, utf8, 2, utf8.length - 2), where + "bytes of " + text);
        return !expected.startsWith("error");
    }

    private static String outcome(ArchParser parser, String text) {
        try {
            int count = parser.parseRecords(text);
            return records(parser, count);
        } catch (ArchSyntaxException e) {
            return "error " + e.getMessage();
        }
    }

    private static String outcomeOfBytes(ArchParser parser, byte[] bytes, int from, int to) {
        try {
            int count = parser.parseRecords(bytes, from, to);
            return records(parser, count);
        } catch (ArchSyntaxException e) {
            return "error " + e.getMessage();
        }
    }

    private static String records(ArchParser parser, int count) {
        return count + " " + Arrays.toString(Arrays.copyOf(parser.records(), count * Layer.INTS));
    }

    private static String mutate(String text, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : rnd.nextInt(sb.length() + 1);
            switch (rnd.nextInt(4)) {
                case 0:
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                    break;
                case 1:
                    sb.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                    break;
                case 2:
                    sb.insert(at, WORDS[rnd.nextInt(WORDS.length)]);
                    break;
                default:
                    if (at < sb.length()) {
                        sb.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                    }
            }
        }
        return sb.toString();
    }

    @Test
    void shouldParseNonAsciiBytesLikeTheString() {
        ArchParser parser = new ArchParser();
        String text = "conv(k=3,c=8)\u2003relu";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(2, parser.parseRecords(utf8, 0, utf8.length));
        int[] viaBytes = Arrays.copyOf(parser.records(), 2 * Layer.INTS);
        assertEquals(2, parser.parseRecords(text));
        assertArrayEquals(Arrays.copyOf(parser.records(), 2 * Layer.INTS), viaBytes);
        assertEquals(ArchParser.parse(text), Network.ofRecords(viaBytes, 0, 2));
    }
}
