package org.rfsweep.core.arch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Names of up to 15 ASCII bytes, each held as two little-endian words (its first eight bytes and
 * the rest, zeros after the name), found by a perfect hash: one multiplication picks the only slot
 * the name may be in, then one comparison decides. The multiplier is searched for when the table
 * is built (from a fixed seed, so every run builds the same table). The table is one array of two
 * words per slot, the name's code in the top byte of the second (a second word has at most seven
 * bytes), so that a caller may keep it, its multiplier and shift in constants and find a name with
 * one bound check ({@link #find(long[], long, int, long, long)}). Immutable.
 */
final class WordNames {
    /** The longest name: the second word holds at most seven bytes, so that a name ends inside it. */
    static final int MAX_LENGTH = 15;
    private static final long SECOND = 0x9E3779B97F4A7C15L;
    private static final int TRIES = 10_000;

    /** The bits of a second word that hold name bytes; the byte above them holds the code. */
    private static final long SECOND_BYTES = (1L << 56) - 1;
    /** An empty slot's first word: no name has it (its bytes are not ASCII). */
    private static final long EMPTY = -1L;

    private final long[] table;
    private final long multiplier;
    private final int shift;

    private WordNames(long[] table, long multiplier, int shift) {
        this.table = table;
        this.multiplier = multiplier;
        this.shift = shift;
    }

    /** The code of the name whose words are {@code first} and {@code second}, or -1. */
    int find(long first, long second) {
        return find(table, multiplier, shift, first, second);
    }

    /** The table: per slot its first word, then its second word with the code (0..255) in the top byte. */
    long[] table() {
        return table.clone();
    }

    long multiplier() {
        return multiplier;
    }

    int shift() {
        return shift;
    }

    /** {@link #find(long, long)} in the table of {@link #table()}, {@link #multiplier()} and {@link #shift()}. */
    static int find(long[] table, long multiplier, int shift, long first, long second) {
        final int at = slot(first, second, multiplier, shift) << 1;
        final long rest = table[at + 1];
        return table[at] == first & (rest & SECOND_BYTES) == second ? (int) (rest >>> 56) : -1;
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

        /**
         * Adds {@code name} (1 to {@link #MAX_LENGTH} ASCII characters, not added before) with
         * {@code code} (0..255).
         */
        Builder add(String name, int code) {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("code " + code + " of '" + name + "' is not 0..255");
            }
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
            long[] table = new long[2 * slots];
            Arrays.fill(table, EMPTY);
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < words.size(); i++) {
                long[] w = words.get(i);
                int slot = slot(w[0], w[1], multiplier, shift);
                if (!used.add(slot)) {
                    return null;
                }
                table[2 * slot] = w[0];
                table[2 * slot + 1] = w[1] | (long) codes.get(i) << 56;
            }
            return new WordNames(table, multiplier, shift);
        }
    }
}
