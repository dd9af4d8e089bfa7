package org.rfsweep.space;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Kinds.Key;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;

/**
 * The distinct layers one position can take, compiled from its choice sets: entry {@code i} is
 * a block of {@link Layer} records (the chosen layer, then the choice's fixed {@code after}
 * layers) at {@code data[start(i) .. start(i)+length(i))}, with its canonical architecture text.
 * A digit of a candidate index is an index into this table.
 *
 * <p>Entries are in expansion order: choice sets in order; per set, ops, then k, s, d, c, p,
 * bias, each in the order written; keys that do not apply to an op are not expanded, and a
 * block equal to an earlier one is dropped. Immutable and thread-safe.
 */
public final class ChoiceTable {
    private final int[] data;
    private final int[] start;
    private final int[] length;
    private final String[] text;
    private final byte[][] textBytes;
    private final boolean uniform;

    private ChoiceTable(List<int[]> blocks) {
        int total = 0;
        for (int[] b : blocks) {
            total += b.length;
        }
        data = new int[total];
        start = new int[blocks.size()];
        length = new int[blocks.size()];
        text = new String[blocks.size()];
        textBytes = new byte[blocks.size()][];
        int at = 0;
        boolean same = true;
        for (int i = 0; i < blocks.size(); i++) {
            int[] b = blocks.get(i);
            System.arraycopy(b, 0, data, at, b.length);
            start[i] = at;
            length[i] = b.length;
            StringBuilder sb = new StringBuilder();
            ArchFormatter.append(sb, b, 0, b.length / Layer.INTS);
            text[i] = sb.toString();
            textBytes[i] = text[i].getBytes(StandardCharsets.US_ASCII);
            same &= b.length == blocks.get(0).length;
            at += b.length;
        }
        uniform = same;
    }

    /**
     * Expands {@code choices}; when {@code stride} is not null it replaces the stride of every
     * windowed layer (a stage's first position).
     */
    static ChoiceTable compile(Values<LayerChoice> choices, Axes stride) {
        Map<Entry, int[]> distinct = new LinkedHashMap<>();
        for (LayerChoice choice : choices.items()) {
            for (String name : choice.ops.items()) {
                expand(choice, Op.layerCode(name), stride, distinct);
            }
        }
        return new ChoiceTable(new ArrayList<>(distinct.values()));
    }

    private static void expand(LayerChoice ch, int op, Axes strideOverride, Map<Entry, int[]> out) {
        // Which keys expand for which op, and their defaults, are the op's row in the kind table.
        final int keys = Kinds.choiceKeys(op);
        boolean windowed = Kinds.is(op, Kinds.WINDOWED);
        boolean pool = Kinds.is(op, Kinds.POOL);
        List<Axes> ks = expands(keys, Key.K) ? ch.kernels.items() : List.of(Axes.of(1));
        List<Axes> ds = expands(keys, Key.D) && ch.dilations != null ? ch.dilations.items() : List.of(Axes.of(1));
        List<Integer> cs = expands(keys, Key.C) ? ch.channels.items() : List.of(Layer.SAME_CHANNELS);
        List<PadRule> ps = expands(keys, Key.P) && ch.paddings != null ? ch.paddings.items() : List.of(PadRule.ZERO);
        List<Integer> bs = expands(keys, Key.BIAS) && ch.biases != null ? ch.biases.items()
            : List.of(Kinds.defaultBias(op));
        Network after = ch.afterNetwork();
        int afterCount = after == null ? 0 : after.count();
        for (Axes k : ks) {
            List<Axes> ss;
            if (!expands(keys, Key.S)) {
                ss = List.of(Axes.of(1));
            } else if (strideOverride != null) {
                ss = List.of(strideOverride);
            } else if (ch.strides != null) {
                ss = ch.strides.items();
            } else {
                ss = List.of(pool ? k : Axes.of(1));
            }
            for (Axes s : ss) {
                for (Axes d : ds) {
                    for (int c : cs) {
                        for (PadRule p : ps) {
                            for (int bias : bs) {
                                int[] block = new int[(1 + afterCount) * Layer.INTS];
                                Layer.clear(block, 0, op);
                                block[Layer.KH] = k.h();
                                block[Layer.KW] = k.w();
                                block[Layer.SH] = s.h();
                                block[Layer.SW] = s.w();
                                block[Layer.DH] = d.h();
                                block[Layer.DW] = d.w();
                                block[Layer.C] = c;
                                block[Layer.BIAS] = bias;
                                if (windowed) {
                                    p.apply(block, 0);
                                }
                                if (after != null) {
                                    after.copyTo(block, Layer.INTS);
                                }
                                out.putIfAbsent(new Entry(block), block);
                            }
                        }
                    }
                }
            }
        }
    }

    private static boolean expands(int keys, int key) {
        return (keys & Key.bit(key)) != 0;
    }

    /** Number of distinct entries: the radix of a digit. */
    public int size() {
        return start.length;
    }

    /** Int offset of entry {@code i} in {@link #data()}. */
    public int start(int i) {
        return start[i];
    }

    /** Ints of entry {@code i}: {@code Layer.INTS} times its record count. */
    public int length(int i) {
        return length[i];
    }

    /** Records of entry {@code i}. */
    public int records(int i) {
        return length[i] / Layer.INTS;
    }

    /** All entries' records back to back; do not modify. */
    public int[] data() {
        return data;
    }

    /** A copy of entry {@code i}'s records. */
    public int[] entry(int i) {
        return Arrays.copyOfRange(data, start[i], start[i] + length[i]);
    }

    /** Canonical architecture text of entry {@code i}. */
    public String text(int i) {
        return text[i];
    }

    /** Canonical architecture text of entry {@code i}, as ASCII bytes; do not modify. */
    public byte[] textBytes(int i) {
        return textBytes[i];
    }

    /** Longest text of any entry, in bytes. */
    int maxTextBytes() {
        int max = 0;
        for (byte[] b : textBytes) {
            max = Math.max(max, b.length);
        }
        return max;
    }

    /** True when every entry has the same number of records. */
    public boolean uniform() {
        return uniform;
    }

    /** Most records of any entry. */
    int maxRecords() {
        int max = 0;
        for (int len : length) {
            max = Math.max(max, len / Layer.INTS);
        }
        return max;
    }

    private record Entry(int[] block) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry && Arrays.equals(block, ((Entry) o).block);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(block);
        }

        @Override
        public String toString() {
            return Arrays.toString(block);
        }
    }
}
