package org.rfsweep.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;

class EnumerationTest {
    private final CompiledSpace space = TestSpaces.compile(TestSpaces.SMALL);

    /** Every candidate of the small space, built by nested loops from the hand-written layer texts. */
    private static List<String> nestedLoops() {
        List<String> all = new ArrayList<>();
        for (String input : List.of("16x16x3", "12x10x2")) {
            for (String a : stage(TestSpaces.SMALL_A_FIRST, TestSpaces.SMALL_A_REST, 0, 2)) {
                for (String b : stage(TestSpaces.SMALL_B, TestSpaces.SMALL_B, 1, 2)) {
                    String arch = "conv(k=3,p=1,c=4)" + (a.isEmpty() ? "" : " " + a) + " " + b + " bn gap";
                    all.add(input + " " + arch);
                }
            }
        }
        return all;
    }

    private static List<String> stage(List<String> first, List<String> rest, int min, int max) {
        List<String> out = new ArrayList<>();
        for (int depth = min; depth <= max; depth++) {
            if (depth == 0) {
                out.add("");
            } else if (depth == 1) {
                out.addAll(first);
            } else {
                for (String f : first) {
                    for (String r : rest) {
                        out.add(f + " " + r);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void shouldCountTheSpaceExactly() {
        assertEquals(BigInteger.valueOf(2L * (1 + 10 + 100) * (8 + 64)), space.size());
        assertEquals(nestedLoops().size(), space.size().intValueExact());
    }

    @Test
    void shouldCompileTheTablesToTheDistinctLayersInOrder() {
        assertEquals(TestSpaces.SMALL_A_FIRST, texts(space.firstTable(0)));
        assertEquals(TestSpaces.SMALL_A_REST, texts(space.restTable(0)));
        assertEquals(TestSpaces.SMALL_B, texts(space.firstTable(1)));
        assertEquals(TestSpaces.SMALL_B, texts(space.restTable(1)));
    }

    private static List<String> texts(ChoiceTable t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.text(i));
        }
        return out;
    }

    @Test
    void shouldVisitEveryCandidateExactlyOnceInNestedLoopOrder() {
        List<String> expected = nestedLoops();
        Decoder dec = space.decoder();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            dec.decode(i);
            String got = space.inputText(dec.input()) + " " + arch(dec);
            assertEquals(expected.get(i), got, "index " + i);
            seen.merge(got, 1, Integer::sum);
        }
        assertEquals(expected.size(), seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1));
    }

    @Test
    void shouldStepWithNextExactlyAsDecodeDoes() {
        Decoder stepping = space.decoder();
        Decoder direct = space.decoder();
        stepping.decode(0);
        int n = space.size().intValueExact();
        for (int i = 1; i < n; i++) {
            assertTrue(stepping.next(), "index " + i);
            direct.decode(i);
            assertEquals(direct.ints(), stepping.ints(), "index " + i);
            assertArrayEquals(Arrays.copyOf(direct.records(), direct.ints()),
                Arrays.copyOf(stepping.records(), stepping.ints()), "index " + i);
            assertEquals(direct.input(), stepping.input(), "index " + i);
        }
        assertFalse(stepping.next());
        direct.decode(0);
        assertEquals(arch(direct), arch(stepping));
    }

    @Test
    void shouldStepLikeDecodeThroughFixedDepthsAndEntriesOfDifferentLengths() {
        CompiledSpace mixed = TestSpaces.compile(TestSpaces.json("""
            {'input': ['16', '20x24x1'], 'body': {'stages': [
              {'depth': 2, 'layer': [{'op': 'conv', 'k': [1, 3], 'c': 4, 'p': 'keep'},
                                     {'op': 'conv', 'k': 3, 'c': 8, 'p': 'keep', 'after': 'bn relu'}]},
              {'depth': [0, 1], 'stride': 2, 'layer': {'op': 'maxpool', 'k': [2, 3]}},
              {'depth': 2, 'layer': {'op': ['relu', 'bn']}, 'pre': 'relu'}
            ]}}
            """));
        assertFalse(mixed.firstTable(0).uniform());
        assertEquals(2 * 9 * 3 * 4, mixed.size().intValueExact());
        Decoder stepping = mixed.decoder();
        Decoder direct = mixed.decoder();
        stepping.decode(0);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < mixed.size().intValueExact(); i++) {
            if (i > 0) {
                assertTrue(stepping.next(), "index " + i);
            }
            direct.decode(i);
            assertArrayEquals(Arrays.copyOf(direct.records(), direct.ints()),
                Arrays.copyOf(stepping.records(), stepping.ints()), "index " + i);
            assertEquals(direct.input(), stepping.input(), "index " + i);
            assertTrue(seen.add(direct.input() + " " + arch(direct)), "index " + i + " repeats " + arch(direct));
        }
        assertFalse(stepping.next());
    }

    @Test
    void shouldDecodeRecordsThatTheArchitectureStringParsesBackTo() {
        Decoder dec = space.decoder();
        for (int i = 0; i < space.size().intValueExact(); i += 7) {
            dec.decode(i);
            assertArrayEquals(ArchParser.parse(arch(dec)).records(), Arrays.copyOf(dec.records(), dec.ints()),
                "index " + i);
        }
    }

    @Test
    void shouldWriteTheSameArchitectureAsBytesAsAsText() {
        Decoder dec = space.decoder();
        byte[] bytes = new byte[space.maxArchBytes()];
        for (int i = 0; i < space.size().intValueExact(); i += 5) {
            dec.decode(i);
            int n = dec.arch(bytes);
            assertEquals(arch(dec), new String(bytes, 0, n, StandardCharsets.US_ASCII));
        }
    }

    static String arch(Decoder dec) {
        StringBuilder sb = new StringBuilder();
        dec.appendArch(sb);
        return sb.toString();
    }
}
