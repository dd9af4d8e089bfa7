package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.math.Limits;

/**
 * The byte-level fast path ({@link FastLayer}) against the exact path, on strings drawn to hit
 * its edges: every value form, numbers of 1 to 12 digits, values at and beyond every bound of
 * {@link Limits}, leading zeros, upper case, non-ASCII bytes, and single-byte corruptions
 * (changed, inserted, deleted). One fast parser parses every string through both entries; the
 * result must be the exact path's records or its message.
 */
class ByteFastPathProperties {
    private static final long SEED = 0x5EED_0A17L;
    private static final int STRINGS = 20_000;
    private static final String[] NAMES = {"conv", "dwconv", "sepconv", "maxpool", "avgpool", "fc", "bn", "relu",
        "relu6", "hardsigmoid", "adaptiveavgpool", "shuffle", "gap", "Conv", "convx", "conv3"};
    private static final String[] KEYS = {"k", "s", "p", "d", "c", "g", "bias", "ceil", "o", "K", "x", "bia"};
    private static final int[] BOUNDS = {0, 1, 2, Limits.MAX_WINDOW, Limits.MAX_PADDING, Limits.MAX_CHANNELS,
        Limits.MAX_EXTENT};
    private static final String ODD = "(),=:x| \t-éĀ\u2003\u0000A9";

    @Test
    void shouldMatchTheExactPathOnDrawnAndCorruptedStrings() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        ArchParser fast = new ArchParser();
        ArchParser exact = new ArchParser(false);
        int good = 0;
        for (int n = 0; n < STRINGS; n++) {
            String text = corrupt(rnd.nextInt(3) == 0 ? draw(rnd) : drawPlain(rnd), rnd);
            String expected = outcome(exact, text);
            String where = "seed " + SEED + ", string " + n + ": " + text;
            assertEquals(expected, outcome(fast, text), where);
            byte[] utf8 = ("\"" + text + "\",").getBytes(StandardCharsets.UTF_8);
            assertEquals(expected, outcomeOfBytes(fast, utf8, 1, utf8.length - 2), "bytes of " + where);
            good += expected.startsWith("error") ? 0 : 1;
        }
        assertTrue(good > STRINGS / 5 && good < STRINGS * 4 / 5, "a mix of good and bad strings, good=" + good);
    }

    @Test
    void shouldParseRepeatedTokensFromTheCacheLikeTheExactPath() {
        ArchParser fast = new ArchParser();
        ArchParser exact = new ArchParser(false);
        String[] texts = {"conv(k=3,c=8) conv(k=3,c=8) conv(k=3,c=8)", "conv(k=3,c=8)", "conv(k=3,c=8)x",
            "conv(k=3,c=8)) conv(k=3,c=8)", "conv(k=3,c=8)\u0000conv(k=3,c=8)", "conv(k=3,c=8)  conv(k=3,c=8)",
            "relu relu relu", "relu", "reluX relu",
            "sepconv(k=7x5,s=2,p=6x4,d=2,c=256) sepconv(k=7x5,s=2,p=6x4,d=2,c=256)",
            "conv(k=3,c=8)\u00e9 conv(k=3,c=8)", "maxpool(k=3) maxpool(k=3,s=1) maxpool(k=3)"};
        for (int round = 0; round < 3; round++) {
            for (String text : texts) {
                assertEquals(outcome(exact, text), outcome(fast, text), text);
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                assertEquals(outcome(exact, text), outcomeOfBytes(fast, utf8, 0, utf8.length), "bytes of " + text);
            }
        }
    }

    @Test
    void shouldReadNoFurtherThanItsBuffersWhateverTheLength() {
        ArchParser fast = new ArchParser();
        ArchParser exact = new ArchParser(false);
        StringBuilder sb = new StringBuilder("relu");
        while (sb.length() < 1200) {
            String text = sb.toString();
            assertEquals(outcome(exact, text), outcome(fast, text), text);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(outcome(exact, text), outcomeOfBytes(fast, utf8, 0, utf8.length), "bytes of " + text);
            sb.append(sb.length() % 3 == 0 ? " bn" : " r");
        }
    }

    private static String draw(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int layers = 1 + rnd.nextInt(4);
        for (int l = 0; l < layers; l++) {
            if (l > 0) {
                sb.append(' ');
            }
            sb.append(NAMES[rnd.nextInt(NAMES.length)]);
            if (rnd.nextInt(8) == 0) {
                continue;
            }
            sb.append('(');
            int args = rnd.nextInt(5);
            for (int a = 0; a < args; a++) {
                if (a > 0) {
                    sb.append(',');
                }
                sb.append(rnd.nextInt(3) == 0 ? KEYS[rnd.nextInt(KEYS.length)] : "kspdc".charAt(rnd.nextInt(5)));
                sb.append('=').append(value(rnd));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** Layers of the common forms (conv, sepconv, maxpool with their keys in order), values mostly in bounds. */
    private static String drawPlain(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int layers = 1 + rnd.nextInt(6);
        for (int l = 0; l < layers; l++) {
            int kind = rnd.nextInt(4);
            sb.append(l > 0 ? " " : "").append(new String[] {"conv", "sepconv", "maxpool", "dwconv"}[kind]);
            sb.append("(k=").append(small(rnd)).append(rnd.nextInt(5) == 0 ? "x" + small(rnd) : "");
            sb.append(rnd.nextBoolean() ? ",s=" + small(rnd) : "");
            sb.append(rnd.nextBoolean() ? ",p=" + (rnd.nextInt(6) == 0 ? value(rnd) : small(rnd)) : "");
            sb.append(rnd.nextInt(4) == 0 ? ",d=" + small(rnd) : "");
            sb.append(kind == 2 ? "" : ",c=" + (rnd.nextInt(4) == 0 ? number(rnd) : 1 + rnd.nextInt(512)));
            sb.append(rnd.nextInt(8) == 0 ? ",bias=" + rnd.nextInt(3) : "").append(')');
        }
        return sb.toString();
    }

    private static int small(SplittableRandom rnd) {
        return rnd.nextInt(10) == 0 ? rnd.nextInt(5000) : 1 + rnd.nextInt(7);
    }

    private static String value(SplittableRandom rnd) {
        String first = number(rnd);
        switch (rnd.nextInt(8)) {
            case 0:
                return first + "x" + number(rnd);
            case 1:
                return first + ":" + number(rnd);
            case 2:
                return first + ":" + number(rnd) + "x" + number(rnd) + ":" + number(rnd);
            case 3:
                return first + "x" + number(rnd) + ":" + number(rnd);
            default:
                return first;
        }
    }

    private static String number(SplittableRandom rnd) {
        switch (rnd.nextInt(6)) {
            case 0: {
                long bound = BOUNDS[rnd.nextInt(BOUNDS.length)];
                return Long.toString(Math.max(0, bound + rnd.nextInt(3) - 1));
            }
            case 1: {
                StringBuilder digits = new StringBuilder();
                int n = 1 + rnd.nextInt(12);
                for (int i = 0; i < n; i++) {
                    digits.append((char) ('0' + rnd.nextInt(10)));
                }
                return digits.toString();
            }
            case 2:
                return "0" + rnd.nextInt(100);
            default:
                return Integer.toString(1 + rnd.nextInt(rnd.nextBoolean() ? 9 : 300));
        }
    }

    private static String corrupt(String text, SplittableRandom rnd) {
        if (rnd.nextInt(3) != 0 || text.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        int at = rnd.nextInt(sb.length());
        char odd = ODD.charAt(rnd.nextInt(ODD.length()));
        switch (rnd.nextInt(3)) {
            case 0:
                sb.setCharAt(at, odd);
                break;
            case 1:
                sb.insert(at, odd);
                break;
            default:
                sb.deleteCharAt(at);
        }
        return sb.toString();
    }

    /** The records a parse gives, or its message: what two entries must agree on. */
    static String outcome(ArchParser parser, String text) {
        try {
            return records(parser, parser.parseRecords(text));
        } catch (ArchSyntaxException e) {
            return "error " + e.getMessage();
        }
    }

    static String outcomeOfBytes(ArchParser parser, byte[] bytes, int from, int to) {
        try {
            return records(parser, parser.parseRecords(bytes, from, to));
        } catch (ArchSyntaxException e) {
            return "error " + e.getMessage();
        }
    }

    private static String records(ArchParser parser, int count) {
        return count + " " + Arrays.toString(Arrays.copyOf(parser.records(), count * Layer.INTS));
    }
}
