package org.rfsweep.core.arch;

import org.rfsweep.core.layout.Layer;

/**
 * The records of recently parsed layer tokens, by their bytes: a file of architectures repeats a
 * small vocabulary of layers (a sweep draws each position from a few choices), so most layers of
 * a row were parsed before in an earlier row. A token is the bytes from a layer's start to the
 * next space or the end of the text, at most {@link #MAX_TOKEN} of them; the parser stores a
 * token only when {@link FastLayer} parsed it as exactly one layer, so a found record is the one
 * the fast path writes for these bytes. Direct mapped (a new token replaces the one in its slot),
 * so the memory stays fixed. Text whose tokens rarely repeat would pay for a lookup and a store
 * per layer and gain nothing, so the cache checks its hit rate in windows of {@value #WINDOW}
 * lookups and, below one in four, sits out the next {@value #REST} layers (twice as many after
 * each further such window in a row, up to 16 times as many); the parser then runs a loop without
 * it ({@link #resting}, {@link #rested}). Not thread-safe: one per parser.
 */
final class LayerCache {
    /** The longest token kept: its end must be seen within four words. */
    static final int MAX_TOKEN = 31;
    private static final int WORDS = 4;
    private static final int SLOT_BITS = 11;
    private static final int SLOTS = 1 << SLOT_BITS;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = ONES * 0x80;
    /** Lookups per check of the hit rate, and the hits of a window below which the cache rests. */
    static final int WINDOW = 256;
    private static final int MIN_HITS = WINDOW / 4;
    /**
     * Layers a resting cache sits out before the next window; each further window of few hits in
     * a row doubles the rest, up to {@code REST << MAX_BACKOFF} layers.
     */
    static final int REST = 4096;
    private static final int MAX_BACKOFF = 4;

    /** Per slot: the token's words (zeros after it), its length (0: empty), its record. */
    private final long[] words = new long[SLOTS * WORDS];
    private final int[] lengths = new int[SLOTS];
    private final int[] records = new int[SLOTS * Layer.INTS];
    /** The token of the last {@link #find} (its words, length and slot), for {@link #put}. */
    private final long[] token = new long[WORDS];
    private int tokenLength;
    private int tokenSlot;
    private int lookups;
    private int hits;
    /** Lookups still to answer -1 without looking, after a window of few hits. */
    private int resting;
    /** Windows of few hits in a row, up to {@link #MAX_BACKOFF}. */
    private int backoff;

    /**
     * Looks up the token at {@code b[p]} (with {@link FastLayer#SLACK} readable bytes after the
     * text): when it was stored, copies its record to {@code r[at...]} and returns its end;
     * else returns -1 and remembers the token for {@link #put}.
     */
    int find(byte[] b, int p, int[] r, int at) {
        return find(b, p, Integer.MAX_VALUE, r, at);
    }

    /**
     * {@link #find(byte[], int, int[], int)} for a text that ends at {@code limit} (the bytes after
     * it, at least {@link FastLayer#SLACK} of them, may be anything): the token ends there at the latest.
     */
    int find(byte[] b, int p, int limit, int[] r, int at) {
        if (resting > 0) {
            resting--;
            tokenLength = 0;
            return -1;
        }
        if (++lookups == WINDOW) {
            if (hits < MIN_HITS) {
                resting = REST << backoff;
                backoff = Math.min(backoff + 1, MAX_BACKOFF);
            } else {
                backoff = 0;
            }
            lookups = 0;
            hits = 0;
        }
        final long w0 = FastLayer.word(b, p);
        final long w1 = FastLayer.word(b, p + 8);
        final long w2 = FastLayer.word(b, p + 16);
        final long w3 = FastLayer.word(b, p + 24);
        final int stops = stops(w0) | stops(w1) << 8 | stops(w2) << 16 | stops(w3) << 24;
        final int length = Math.min(Integer.numberOfTrailingZeros(stops), limit - p);
        final long k0 = w0 & keep(length);
        final long k1 = w1 & keep(length - 8);
        final long k2 = w2 & keep(length - 16);
        final long k3 = w3 & keep(length - 24);
        final int slot = (int) ((k0 * 0x9E3779B97F4A7C15L + k1 * 0xC2B2AE3D27D4EB4FL + k2 * 0x165667B19E3779F9L
            + k3 * 0x27D4EB2F165667C5L + length) >>> (64 - SLOT_BITS));
        final int at4 = slot * WORDS;
        final long[] kept = words;
        if (lengths[slot] == length & kept[at4] == k0 & kept[at4 + 1] == k1 & kept[at4 + 2] == k2
            & kept[at4 + 3] == k3 & length > 0) {
            System.arraycopy(records, slot * Layer.INTS, r, at, Layer.INTS);
            hits++;
            return p + length;
        }
        token[0] = k0;
        token[1] = k1;
        token[2] = k2;
        token[3] = k3;
        tokenLength = length;
        tokenSlot = slot;
        return -1;
    }

    /** True while the cache sits out layers: {@link #find} would answer -1 without looking. */
    boolean resting() {
        return resting > 0;
    }

    /** Counts {@code layers} parsed without {@link #find} while {@link #resting}. */
    void rested(int layers) {
        resting = Math.max(0, resting - layers);
        tokenLength = 0;
    }

    /**
     * The length of the token of the last {@link #find} (above {@link #MAX_TOKEN}: too long to
     * keep; 0 while the cache rests).
     */
    int tokenLength() {
        return tokenLength;
    }

    /** Stores the record {@code r[at...]} as the one of the token of the last {@link #find}. */
    void put(int[] r, int at) {
        if (tokenLength == 0 || tokenLength > MAX_TOKEN) {
            return;
        }
        final int slot = tokenSlot;
        System.arraycopy(token, 0, words, slot * WORDS, WORDS);
        System.arraycopy(r, at, records, slot * Layer.INTS, Layer.INTS);
        lengths[slot] = tokenLength;
    }

    /**
     * One bit per byte of {@code w} (bit i for byte i) that is a space or zero
     * (bits above the lowest may be spurious).
     */
    private static int stops(long w) {
        final long stop = zeroBytes(w ^ ONES * ' ') | zeroBytes(w);
        return (int) (((stop >>> 7) * 0x0102040810204080L) >>> 56);
    }

    /** 0x80 in the lowest zero byte of {@code x} (and maybe in bytes above it), none when no byte is zero. */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGH;
    }

    /** A mask of the lowest {@code n} bytes: none for {@code n <= 0}, all for {@code n >= 8}. */
    private static long keep(int n) {
        final int bytes = Math.max(0, Math.min(n, 8));
        return bytes == 8 ? -1L : ~(-1L << 8 * bytes);
    }
}
