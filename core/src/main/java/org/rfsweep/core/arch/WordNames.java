package org.rfsweep.core.arch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Names of up to 15 ASCII bytes, each held as two little-endian words (its first eight bytes and
 * the rest, zeros after the name), found by a perfect hash: one multiplication picks the only slot
 * the name may be in, then one comparison decides. The multiplier is searched for when the table
 * is built (from a fixed seed, so every run builds the same table). Immutable.
 */
final class WordNames {
    /** The longest name: the second word holds at most seven bytes, so that a name ends inside it. */
    static final int MAX_LENGTH = 15;
    private static final long SECOND = 0x9E3779B97F4A7C15L;
    private static final int TRIES = 10_000;

    private final long[] firsts;
    private final long[] seconds;
    private final int[] codes;
    private final long multiplier;
    private final int shift;

    private WordNames(long[] firsts, long[] seconds, int[] codes, long multiplier, int shift) {
        this.firsts = firsts;
        this.seconds = seconds;
        this.codes = codes;
        this.multiplier = multiplier;
        this.shift = shift;
    }

    /** The code of the name whose words are {@code first} and {@code second}, or -1. */
    int find(long first, long second) {
        final int slot = slot(first, second, multiplier, shift);
        return firsts[slot] == first & seconds[slot] == second ? codes[slot] : -1;
    }

    private static int slot(long first, long second, long multiplier, int shift) {
        return (int) (((first + second * SECOND) * multiplier) >>> shift);
    }

    /** The word of {@code bytes[from, to)} (at most eight bytes), the first in the lowest byte. */
    static long word(byte[] bytes, int from, int to) {
        long w = 0;
        for (int i = to - 1; i >= from; i--) {
            w = w << 8 | (bytes[i] & 0xff);
        }
        return w;
    }

    /** Collects names and their codes, then finds a multiplier without collisions. */
    static final class Builder {
        private final List<long[]> words = new ArrayList<>();
        private final List<Integer> codes = new ArrayList<>();

        /** Adds {@code name} (1 to {@link #MAX_LENGTH} ASCII characters, not added before) with {@code code}. */
        Builder add(String name, int code) {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0 || bytes.length > MAX_LENGTH || bytes[0] == 0) {
                throw new IllegalArgumentException("name '" + name + "' is not 1.." + MAX_LENGTH + " characters");
            }
            int split = Math.min(8, bytes.length);
            words.add(new long[] {word(bytes, 0, split), word(bytes, split, bytes.length)});
            codes.add(code);
            return this;
        }

        WordNames build() {
            SplittableRandom random = new SplittableRandom(0x5107_4A3EL);
            for (int bits = 32 - Integer.numberOfLeadingZeros(2 * words.size()); bits < 16; bits++) {
                for (int t = 0; t < TRIES; t++) {
                    long multiplier = random.nextLong() | 1;
                    WordNames table = fill(multiplier, 64 - bits, 1 << bits);
                    if (table != null) {
                        return table;
                    }
                }
            }
            throw new IllegalStateException("no perfect hash for " + words.size() + " names");
        }

        /** The table with this multiplier, or null when two names share a slot. */
        private WordNames fill(long multiplier, int shift, int slots) {
            long[] firsts = new long[slots];
            long[] seconds = new long[slots];
            int[] slotCodes = new int[slots];
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < words.size(); i++) {
                long[] w = words.get(i);
                int slot = slot(w[0], w[1], multiplier, shift);
                if (!used.add(slot)) {
                    return null;
                }
                firsts[slot] = w[0];
                seconds[slot] = w[1];
                slotCodes[slot] = codes.get(i);
            }
            return new WordNames(firsts, seconds, slotCodes, multiplier, shift);
        }
    }
}
