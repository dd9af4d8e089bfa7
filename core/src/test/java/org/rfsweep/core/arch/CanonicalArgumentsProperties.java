package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfsweep.core.arch.ByteFastPathProperties.outcome;
import static org.rfsweep.core.arch.ByteFastPathProperties.outcomeOfBytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Kinds.Key;

/**
 * The slots of {@link CanonicalArguments} against the exact path, on layers drawn near their edges:
 * keys in canonical order or shuffled (a third of the layers: the argument loop's one-digit form),
 * given twice, left out; values of one digit, of several, at and beyond the bounds, two numbers,
 * paddings with sides, words; a closing parenthesis too early and arguments after it. Every string
 * gives the same records (or the same message) through the fast parser, its byte entry (from a
 * copy, and where the text is, whatever bytes follow it) and the exact parser.
 */
class CanonicalArgumentsProperties {
    private static final long SEED = 0x5EED_C0A5L;
    private static final int STRINGS = 30_000;
    private static final String[] NAMES = {"conv", "sepconv", "dwconv", "maxpool", "avgpool", "relu", "bn", "fc"};
    private static final String[] KEYS = {"k", "s", "p", "d", "c", "g", "bias"};
    private static final String[] VALUES = {"0", "1", "2", "3", "7", "9", "00", "03", "10", "64", "999", "4096",
        "4097", "99999", "999999", "1000000", "1048576", "1048577", "16777215", "16777216", "1x7", "3x5", "0x3",
        "1:2", "1:2x0:3", "same", "valid", "", "x", "-1", "1x", "7 "};
    private static final String[] AFTER = {"", "", "", "s=2,", "c=3)", ")", ",", "k=3)", " ", "x"};

    @Test
    void shouldGiveTheSameRecordsOrMessageAsTheExactPath() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        ArchParser fast = new ArchParser();
        ArchParser exact = new ArchParser(false);
        int parsed = 0;
        for (int i = 0; i < STRINGS; i++) {
            StringBuilder text = new StringBuilder();
            int layers = 1 + rnd.nextInt(3);
            for (int l = 0; l < layers; l++) {
                text.append(l == 0 ? "" : rnd.nextInt(20) == 0 ? "  " : " ").append(layer(rnd));
            }
            String where = "seed " + SEED + ", string " + i + ": " + text;
            String expected = outcome(exact, text.toString());
            assertEquals(expected, outcome(fast, text.toString()), where);
            byte[] utf8 = ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
            assertEquals(expected, outcomeOfBytes(fast, utf8, 1, utf8.length - 1), "bytes of " + where);
            String junk = junk(rnd);
            byte[] inPlace = ("[" + text + junk).getBytes(StandardCharsets.UTF_8);
            int to = inPlace.length - junk.getBytes(StandardCharsets.UTF_8).length;
            assertEquals(expected, outcomeOfBytes(fast, inPlace, 1, to), "bytes of " + where + " before " + junk);
            parsed += expected.startsWith("error") ? 0 : 1;
        }
        assertTrue(parsed > STRINGS / 5 && parsed < STRINGS * 4 / 5,
            "seed " + SEED + ": a mix of good and bad strings, good=" + parsed + " of " + STRINGS);
    }

    /**
     * What may follow the text in the caller's array (at least {@link FastLayer#SLACK} bytes, so
     * that the parser reads the text where it is): bytes that could continue a layer, or end one.
     */
    private static String junk(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        String[] pieces = {",", ")", "(", " ", "\"", "\n", "0", "7", "x", "=", "c=3)", ",s=2)", "relu", "\u0000", "k"};
        while (sb.length() < FastLayer.SLACK + 8) {
            sb.append(pieces[rnd.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    /** One layer: mostly canonical keys with plain values, sometimes anything of the lists above. */
    private static String layer(SplittableRandom rnd) {
        String name = NAMES[rnd.nextInt(NAMES.length)];
        int op = Kinds.layerCode(name);
        List<String> args = new ArrayList<>();
        for (String key : KEYS) {
            int bit = Key.bit(Key.index(key));
            boolean take = (Kinds.requiredKeys(op) & bit) != 0 ? rnd.nextInt(30) != 0
                : (Kinds.keys(op) & bit) != 0 ? rnd.nextInt(3) != 0 : rnd.nextInt(60) == 0;
            if (take) {
                args.add(key + "=" + value(rnd, key));
            }
        }
        if (rnd.nextInt(16) == 0) {
            args.add(KEYS[rnd.nextInt(KEYS.length)] + "=" + value(rnd, "k"));
        }
        if (rnd.nextInt(3) == 0) {
            for (int i = args.size() - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                String t = args.get(i);
                args.set(i, args.get(j));
                args.set(j, t);
            }
        }
        if (args.isEmpty() && rnd.nextBoolean()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : rnd.nextInt(40) == 0 ? ")" : ",").append(args.get(i));
        }
        sb.append(rnd.nextInt(40) == 0 ? "," : ")");
        return sb.append(rnd.nextInt(10) == 0 ? AFTER[rnd.nextInt(AFTER.length)] : "").toString();
    }

    /** Mostly what the canonical string holds for {@code key}, else any value of the list. */
    private static String value(SplittableRandom rnd, String key) {
        if (rnd.nextInt(12) == 0) {
            return VALUES[rnd.nextInt(VALUES.length)];
        }
        switch (key) {
            case "c":
            case "g":
                return Integer.toString(1 + rnd.nextInt(rnd.nextBoolean() ? 300 : 20_000));
            case "bias":
                return Integer.toString(rnd.nextInt(2));
            case "p":
                return Integer.toString(rnd.nextInt(rnd.nextInt(4) == 0 ? 30 : 6));
            default:
                return Integer.toString(1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 20 : 7));
        }
    }
}
