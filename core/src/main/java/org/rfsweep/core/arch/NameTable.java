package org.rfsweep.core.arch;

import java.util.Arrays;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Kinds.Key;

/**
 * Names matched against a span of the parsed characters in place (no substring, no new string):
 * bucketed by first character and length (a one-letter name by its character alone), then
 * compared character by character. Built from the kind table, so a new row of {@link Kinds} is
 * recognised without a parser change. Immutable.
 */
final class NameTable {
    /** The parser's codes of the branch items, beside the layer codes of {@link Kinds}. */
    static final int ADD = -2;
    static final int CAT = -3;
    static final int MUL = -4;
    static final int RES = -5;

    private static final int ASCII = 128;
    /** Lengths above this share the last bucket. */
    private static final int MAX_LENGTH = 31;

    private final int[] single = new int[ASCII];
    private final char[][][] names = new char[ASCII * (MAX_LENGTH + 1)][][];
    private final int[][] codes = new int[ASCII * (MAX_LENGTH + 1)][];

    private NameTable() {
        Arrays.fill(single, -1);
    }

    /** Every layer kind by its {@link Kinds} code, and the branch items by the codes above. */
    static NameTable items() {
        NameTable table = new NameTable();
        for (int op = 0; op < Kinds.SIZE; op++) {
            if (Kinds.known(op) && !Kinds.is(op, Kinds.MARKER)) {
                table.add(Kinds.name(op), op);
            }
        }
        table.add("add", ADD);
        table.add("cat", CAT);
        table.add("mul", MUL);
        table.add("res", RES);
        return table;
    }

    /** Every key of {@link Key} by its index. */
    static NameTable keys() {
        NameTable table = new NameTable();
        for (int key = 0; key < Key.count(); key++) {
            table.add(Key.name(key), key);
        }
        return table;
    }

    private static int bucket(char first, int length) {
        return Math.min(length, MAX_LENGTH) * ASCII + first;
    }

    private void add(String name, int code) {
        char first = name.charAt(0);
        if (name.length() == 1) {
            single[first] = code;
            return;
        }
        int b = bucket(first, name.length());
        int n = names[b] == null ? 0 : names[b].length;
        names[b] = n == 0 ? new char[1][] : Arrays.copyOf(names[b], n + 1);
        codes[b] = n == 0 ? new int[1] : Arrays.copyOf(codes[b], n + 1);
        names[b][n] = name.toCharArray();
        codes[b][n] = code;
    }

    /** The code of the name that is exactly {@code text[start, end)}, or -1. */
    int find(char[] text, int start, int end) {
        int length = end - start;
        if (length == 0) {
            return -1;
        }
        char first = text[start];
        if (first >= ASCII) {
            return -1;
        }
        if (length == 1) {
            return single[first];
        }
        int b = bucket(first, length);
        char[][] bucket = names[b];
        if (bucket == null) {
            return -1;
        }
        for (int i = 0; i < bucket.length; i++) {
            if (Arrays.equals(text, start, end, bucket[i], 0, length)) {
                return codes[b][i];
            }
        }
        return -1;
    }

    /** True when {@code text} holds {@code word} at {@code start} (the caller checked the length). */
    static boolean regionEquals(char[] text, int start, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (text[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
