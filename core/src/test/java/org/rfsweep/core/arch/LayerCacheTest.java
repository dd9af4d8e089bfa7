package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Layer;

/** The token cache finds what was stored, and sits out a stretch of text whose tokens do not repeat. */
class LayerCacheTest {
    private final LayerCache cache = new LayerCache();
    private final int[] record = new int[Layer.INTS];

    @Test
    void shouldFindAStoredTokenWithItsRecord() {
        int[] stored = new int[Layer.INTS];
        Arrays.fill(stored, 7);
        assertEquals(-1, find("conv(k=3,c=64) relu"));
        cache.put(stored, 0);
        assertEquals(14, find("conv(k=3,c=64) bn"));
        assertArrayEquals(stored, record);
        assertEquals(-1, find("conv(k=3,c=65)"));
    }

    @Test
    void shouldRestAfterAWindowOfFewHitsAndLookAgainAfterwards() {
        assertEquals(-1, find("relu"));
        cache.put(record, 0);
        for (int i = 1; i < LayerCache.WINDOW; i++) {
            assertEquals(-1, find("conv(c=" + i + ")"));
        }
        for (int i = 0; i < LayerCache.REST; i++) {
            assertEquals(-1, find("relu"), "lookup " + i + " while resting");
            assertEquals(0, cache.tokenLength());
        }
        assertEquals(4, find("relu"));
    }

    @Test
    void shouldKeepLookingWhileOneLookupInThreeHits() {
        assertEquals(-1, find("relu"));
        cache.put(record, 0);
        for (int i = 1; i < 3 * LayerCache.WINDOW; i++) {
            String token = i % 3 == 0 ? "relu" : "conv(c=" + i + ")";
            assertEquals(i % 3 == 0 ? 4 : -1, find(token), token);
        }
    }

    /** Looks up the token at the start of {@code text}, with the zero bytes the parser keeps after it. */
    private int find(String text) {
        byte[] b = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), text.length() + FastLayer.SLACK);
        return cache.find(b, 0, record, 0);
    }
}
