package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.testkit.RandomStacks;

/**
 * {@code parse(format(x)) == x} and canonical formatting, over random networks drawn as records:
 * every op and key, per-axis values, asymmetric padding, SAME and VALID, ceil, values up to the
 * limits, and branch blocks (add, cat, mul, res) nested with empty branches.
 */
class RoundTripProperties {
    private static final long SEED = 0x5EED_0003L;
    private static final int NETWORKS = 3000;

    @Test
    void shouldParseTheFormattedStringBackToTheSameRecords() {
        RandomStacks gen = new RandomStacks(SEED);
        int blocks = 0;
        for (int n = 0; n < NETWORKS; n++) {
            Network net = gen.network(4, 3);
            String text = ArchFormatter.format(net);
            String where = "seed " + SEED + ", network " + n + ": " + text;
            Network back = ArchParser.parse(text);
            assertEquals(net, back, where);
            assertEquals(text, ArchFormatter.format(back), where + ": format(parse(s)) is not a fixed point");
            blocks += text.contains("(") && (text.contains("|") || text.contains("res(")) ? 1 : 0;
        }
        assertTrue(blocks > NETWORKS / 4, "seed " + SEED + ": only " + blocks + " networks with branches");
    }

    @Test
    void shouldFormatEveryWayOfWritingANetworkToTheSameCanonicalString() {
        RandomStacks gen = new RandomStacks(SEED + 1);
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (int n = 0; n < NETWORKS; n++) {
            Network net = gen.network(4, 3);
            String canonical = ArchFormatter.format(net);
            String verbose = verbose(net, rnd);
            String where = "seed " + (SEED + 1) + "/" + (SEED + 2) + ", network " + n + ": " + verbose;
            Network parsed = ArchParser.parse(verbose);
            assertEquals(net, parsed, where);
            assertEquals(canonical, ArchFormatter.format(parsed), where);
        }
    }

    @Test
    void shouldAppendTheSameTextAsFormatAtAnyOffset() {
        RandomStacks gen = new RandomStacks(SEED + 3);
        for (int n = 0; n < 500; n++) {
            Network net = gen.network(4, 2);
            int[] padded = new int[net.count() * Layer.INTS + 3 * Layer.INTS];
            net.copyTo(padded, 3 * Layer.INTS);
            StringBuilder sb = new StringBuilder("x=");
            ArchFormatter.append(sb, padded, 3 * Layer.INTS, net.count());
            assertEquals("x=" + ArchFormatter.format(net), sb.toString(), "seed " + (SEED + 3) + ", network " + n);
        }
    }

    /** A non-canonical but equivalent text: defaults spelled out, keys shuffled, every value form, extra spaces. */
    static String verbose(Network net, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(space(rnd));
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < net.count(); i++) {
            int op = net.op(i);
            switch (op) {
                case Op.ADD:
                case Op.CAT:
                case Op.MUL:
                    open.add(sb.length());
                    sb.append(Op.name(op)).append('(').append(space(rnd));
                    break;
                case Op.NEXT:
                    sb.append(space(rnd)).append('|').append(space(rnd));
                    break;
                case Op.END:
                    sb.append(space(rnd)).append(')').append(' ').append(space(rnd));
                    open.remove(open.size() - 1);
                    break;
                default:
                    layer(sb, net, i, rnd);
                    sb.append(' ').append(space(rnd));
            }
        }
        return sb.toString();
    }

    private static void layer(StringBuilder sb, Network net, int i, SplittableRandom rnd) {
        int op = net.op(i);
        List<String> keys = new ArrayList<>();
        if (Op.isWindowed(op)) {
            keys.add("k=" + pair(net.get(i, Layer.KH), net.get(i, Layer.KW), rnd));
            boolean pool = Op.isPool(op);
            boolean defaultS = pool
                ? net.get(i, Layer.SH) == net.get(i, Layer.KH) && net.get(i, Layer.SW) == net.get(i, Layer.KW)
                : net.get(i, Layer.SH) == 1 && net.get(i, Layer.SW) == 1;
            if (!defaultS || rnd.nextBoolean()) {
                keys.add("s=" + pair(net.get(i, Layer.SH), net.get(i, Layer.SW), rnd));
            }
            if (op != Op.AVGPOOL && (net.get(i, Layer.DH) != 1 || net.get(i, Layer.DW) != 1 || rnd.nextBoolean())) {
                keys.add("d=" + pair(net.get(i, Layer.DH), net.get(i, Layer.DW), rnd));
            }
            String p = padding(net, i, rnd);
            if (p != null) {
                keys.add("p=" + p);
            }
            if (pool) {
                int mode = net.get(i, Layer.MODE);
                if (mode == Rounding.CEIL || rnd.nextBoolean()) {
                    keys.add("ceil=" + (mode == Rounding.CEIL ? 1 : 0));
                }
            }
        }
        if (net.get(i, Layer.C) != Layer.SAME_CHANNELS) {
            keys.add("c=" + net.get(i, Layer.C));
        }
        if (op == Op.CONV && (net.get(i, Layer.G) != 1 || rnd.nextBoolean())) {
            keys.add("g=" + net.get(i, Layer.G));
        }
        if ((op == Op.CONV || op == Op.DWCONV || op == Op.SEPCONV || op == Op.FC)
            && (net.get(i, Layer.BIAS) == 0 || rnd.nextBoolean())) {
            keys.add("bias=" + net.get(i, Layer.BIAS));
        }
        Collections.shuffle(keys, new Random(rnd.nextLong()));
        sb.append(Op.name(op));
        if (keys.isEmpty() && rnd.nextBoolean()) {
            return;
        }
        sb.append('(').append(space(rnd));
        for (int k = 0; k < keys.size(); k++) {
            String kv = keys.get(k);
            int eq = kv.indexOf('=');
            sb.append(k > 0 ? space(rnd) + "," + space(rnd) : "")
                .append(kv, 0, eq).append(space(rnd)).append('=').append(space(rnd)).append(kv.substring(eq + 1));
        }
        sb.append(space(rnd)).append(')');
    }

    private static String padding(Network net, int i, SplittableRandom rnd) {
        int mode = net.get(i, Layer.MODE);
        if (mode == Rounding.SAME) {
            return "same";
        }
        if (mode == Rounding.VALID) {
            return "valid";
        }
        int t = net.get(i, Layer.PT);
        int b = net.get(i, Layer.PB);
        int l = net.get(i, Layer.PL);
        int r = net.get(i, Layer.PR);
        List<String> forms = new ArrayList<>();
        forms.add(t + ":" + b + "x" + l + ":" + r);
        if (t == b && l == r) {
            forms.add(t + "x" + l);
        }
        if (t == b) {
            forms.add(t + "x" + l + ":" + r);
        }
        if (l == r) {
            forms.add(t + ":" + b + "x" + l);
        }
        if (t == l && b == r) {
            forms.add(t + ":" + b);
        }
        if (t == b && t == l && l == r) {
            forms.add(String.valueOf(t));
            if (t == 0) {
                forms.add(null);
            }
        }
        return forms.get(rnd.nextInt(forms.size()));
    }

    private static String pair(int h, int w, SplittableRandom rnd) {
        return h == w && rnd.nextBoolean() ? String.valueOf(h) : h + "x" + w;
    }

    private static String space(SplittableRandom rnd) {
        return rnd.nextInt(4) == 0 ? " ".repeat(1 + rnd.nextInt(2)) : "";
    }
}
