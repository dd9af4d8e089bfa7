package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The word tricks of {@link FastLayer}: digit runs and their values, checked number by number. */
class FastLayerTest {

    private static long wordOf(String text) {
        byte[] b = Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1), text.length() + FastLayer.SLACK);
        return FastLayer.word(b, 0);
    }

    @Test
    void shouldReadEveryNumberOfUpToSevenDigitsWithLeadingZeros() {
        for (int v = 0; v < 10_000_000; v += v < 20_000 ? 1 : 997) {
            String digits = Integer.toString(v);
            for (String text : new String[] {digits, "0" + digits, digits + ",", digits + "x1"}) {
                long w = wordOf(text);
                int n = FastLayer.digits(w);
                if (text.length() - (text.endsWith(",") ? 1 : text.endsWith("x1") ? 2 : 0) > 7) {
                    continue;
                }
                assertEquals(text.replaceAll("[^0-9].*", "").length(), n, text);
                assertEquals(v, FastLayer.number(w, n), text);
            }
        }
    }

    @Test
    void shouldCountNoDigitsBeforeANonDigitOrAByteAbove127() {
        assertEquals(0, FastLayer.digits(wordOf("x12")));
        assertEquals(0, FastLayer.digits(wordOf("\u00e912")));
        assertEquals(2, FastLayer.digits(wordOf("12\u00e93")));
        assertEquals(2, FastLayer.digits(wordOf("12:3")));
        assertEquals(8, FastLayer.digits(wordOf("123456789")));
    }

    @Test
    void shouldFlagTheFirstByteAboveNineIncludingNonAscii() {
        assertEquals(0, FastLayer.aboveNine(wordOf("0123") & 0xffffffffL));
        assertEquals(0x80L << 8, FastLayer.aboveNine(wordOf("1x2") & 0xffffffL) & 0xffffL);
        assertEquals(0x80L << 8, FastLayer.aboveNine(wordOf("1\u00e92") & 0xffffffL) & 0xffffL);
    }
}
