package org.rfsweep.core.testkit;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.Limits;

/**
 * Seeded random stacks written directly as {@link Layer} records, in the canonical form the
 * parser produces (neutral values in unused fields, pools' stride stored explicitly, SAME and
 * VALID with zero explicit padding, {@code ceil} only on pools with explicit padding).
 *
 * <p>Two flavours: {@link #plain} draws a realistic stack of windowed and elementwise layers on a
 * small input, with channel counts that divide by the groups, so most samples evaluate; {@link
 * #network} draws any record the grammar allows (values over the whole {@link Limits} range,
 * nested branch blocks with empty branches), for parser and formatter properties. Not
 * thread-safe: one instance per test, from a fixed seed.
 */
public final class RandomStacks {
    /** Windowed and elementwise layers: the ops every property over plain stacks draws from. */
    public static final int[] PLAIN_OPS = {Op.CONV, Op.DWCONV, Op.SEPCONV, Op.MAXPOOL, Op.AVGPOOL, Op.BN, Op.RELU};

    /** A stack of {@code count} records and an input {@code h x w x c}. */
    public record Sample(int[] records, int count, int h, int w, int c) {
        public Network network() {
            return Network.ofRecords(records, 0, count);
        }

        @Override
        public String toString() {
            return network() + " @ " + h + "x" + w + "x" + c;
        }
    }

    private final SplittableRandom rnd;
    private int[] buf = new int[Layer.INTS * 32];
    private int count;

    public RandomStacks(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    public SplittableRandom random() {
        return rnd;
    }

    /** 1 to {@code maxLayers} layers of {@code ops} on an input of 1..160 per axis. */
    public Sample plain(int maxLayers, int... ops) {
        count = 0;
        int h = extent();
        int w = rnd.nextInt(3) == 0 ? h : extent();
        int c = 1 + rnd.nextInt(16);
        int channels = c;
        int layers = 1 + rnd.nextInt(maxLayers);
        for (int i = 0; i < layers; i++) {
            int at = append(ops[rnd.nextInt(ops.length)]);
            layer(buf, at, channels, false);
            int set = buf[at + Layer.C];
            if (set != Layer.SAME_CHANNELS) {
                channels = set;
            }
        }
        return new Sample(Arrays.copyOf(buf, count * Layer.INTS), count, h, w, c);
    }

    /**
     * Any network of the grammar: up to {@code maxItems} items per stack, branch blocks nested up to
     * {@code maxDepth}, every key and value form, values over the whole allowed range.
     */
    public Network network(int maxItems, int maxDepth) {
        count = 0;
        stack(1 + rnd.nextInt(maxItems), maxItems, maxDepth);
        return Network.ofRecords(buf, 0, count);
    }

    /**
     * A network like {@link #network} on a small input whose layers are drawn like {@link #plain}
     * (so that many evaluate), with nested branch blocks; for batch properties.
     */
    public Sample branched(int maxItems, int maxDepth) {
        count = 0;
        int h = extent();
        int w = rnd.nextInt(3) == 0 ? h : extent();
        int c = 1 + rnd.nextInt(16);
        realisticStack(1 + rnd.nextInt(maxItems), maxItems, maxDepth, c);
        return new Sample(Arrays.copyOf(buf, count * Layer.INTS), count, h, w, c);
    }

    private void stack(int items, int maxItems, int depth) {
        for (int i = 0; i < items; i++) {
            if (depth > 0 && rnd.nextInt(4) == 0) {
                block(maxItems, depth - 1);
            } else {
                int op = rnd.nextInt(Op.RELU + 1);
                int at = append(op);
                layer(buf, at, 0, true);
            }
        }
    }

    private void block(int maxItems, int depth) {
        int kind = Op.ADD + rnd.nextInt(3);
        append(kind);
        int branches = 2 + (rnd.nextInt(3) == 0 ? rnd.nextInt(2) : 0);
        for (int b = 0; b < branches; b++) {
            if (b > 0) {
                append(Op.NEXT);
            }
            stack(rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(maxItems), maxItems, depth);
        }
        append(Op.END);
    }

    private int realisticStack(int items, int maxItems, int depth, int channels) {
        for (int i = 0; i < items; i++) {
            if (depth > 0 && rnd.nextInt(4) == 0) {
                int kind = Op.ADD + rnd.nextInt(3);
                append(kind);
                int out = channels;
                for (int b = 0; b < 2; b++) {
                    if (b > 0) {
                        append(Op.NEXT);
                    }
                    int branch = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(maxItems);
                    out = realisticStack(branch, maxItems, depth - 1, channels);
                }
                append(Op.END);
                channels = kind == Op.CAT ? channels + out : out;
            } else {
                int op = rnd.nextInt(12) == 0 ? (rnd.nextBoolean() ? Op.GAP : Op.FC)
                    : PLAIN_OPS[rnd.nextInt(PLAIN_OPS.length)];
                int at = append(op);
                layer(buf, at, channels, false);
                if (buf[at + Layer.C] != Layer.SAME_CHANNELS) {
                    channels = buf[at + Layer.C];
                }
            }
        }
        return channels;
    }

    /**
     * Writes a canonical record of the op already stored at {@code rec[at]}. {@code cIn} (0 when
     * unknown) lets small draws pick groups that divide the channels; {@code wide} draws values
     * over the whole allowed range.
     */
    public void layer(int[] rec, int at, int cIn, boolean wide) {
        int op = rec[at + Layer.OP];
        Layer.clear(rec, at, op);
        if (Op.isWindowed(op)) {
            window(rec, at, op, wide);
        }
        switch (op) {
            case Op.CONV: {
                int g = wide ? pick(1, Limits.MAX_CHANNELS, 8) : groups(cIn);
                rec[at + Layer.G] = g;
                rec[at + Layer.C] = wide ? pick(1, Limits.MAX_CHANNELS, 64)
                    : g * (1 + rnd.nextInt(Math.max(1, 24 / g)));
                rec[at + Layer.BIAS] = rnd.nextInt(2);
                break;
            }
            case Op.DWCONV:
                if (rnd.nextInt(3) == 0) {
                    rec[at + Layer.C] = wide ? pick(1, Limits.MAX_CHANNELS, 64)
                        : Math.max(cIn, 1) * (1 + rnd.nextInt(3));
                }
                rec[at + Layer.BIAS] = rnd.nextInt(2);
                break;
            case Op.SEPCONV:
            case Op.FC:
                rec[at + Layer.C] = wide ? pick(1, Limits.MAX_CHANNELS, 64) : 1 + rnd.nextInt(24);
                rec[at + Layer.BIAS] = rnd.nextInt(2);
                break;
            default:
                break;
        }
    }

    private void window(int[] rec, int at, int op, boolean wide) {
        boolean pool = Op.isPool(op);
        int kh = wide ? pick(1, Limits.MAX_WINDOW, 7) : 1 + rnd.nextInt(pool ? 4 : 7);
        int kw = rnd.nextInt(3) > 0 ? kh : wide ? pick(1, Limits.MAX_WINDOW, 7) : 1 + rnd.nextInt(pool ? 4 : 7);
        rec[at + Layer.KH] = kh;
        rec[at + Layer.KW] = kw;
        int sh = wide ? pick(1, Limits.MAX_WINDOW, 4) : 1 + rnd.nextInt(rnd.nextInt(3) == 0 ? 3 : 2);
        int sw = rnd.nextInt(3) > 0 ? sh : wide ? pick(1, Limits.MAX_WINDOW, 4) : 1 + rnd.nextInt(3);
        if (pool && rnd.nextBoolean()) {
            sh = kh;
            sw = kw;
        }
        rec[at + Layer.SH] = sh;
        rec[at + Layer.SW] = sw;
        if (op != Op.AVGPOOL && rnd.nextInt(4) == 0) {
            int dh = wide ? pick(1, Limits.MAX_WINDOW, 3) : 1 + rnd.nextInt(3);
            rec[at + Layer.DH] = dh;
            rec[at + Layer.DW] = rnd.nextInt(3) > 0 ? dh : wide ? pick(1, Limits.MAX_WINDOW, 3) : 1 + rnd.nextInt(3);
        }
        int form = rnd.nextInt(20);
        if (form < 2) {
            rec[at + Layer.MODE] = Rounding.SAME;
            return;
        }
        if (form < 4) {
            rec[at + Layer.MODE] = Rounding.VALID;
            return;
        }
        if (form < 8) {
            return;
        }
        int maxH = wide ? Limits.MAX_PADDING : pool ? kh >> 1 : 3;
        int maxW = wide ? Limits.MAX_PADDING : pool ? kw >> 1 : 3;
        int pt = pad(maxH, wide);
        int pb = form < 12 ? pt : pad(maxH, wide);
        int pl = form < 16 ? pt : pad(maxW, wide);
        int pr = form < 16 ? pb : pad(maxW, wide);
        if (!wide) {
            pl = Math.min(pl, maxW);
            pr = Math.min(pr, maxW);
        }
        rec[at + Layer.PT] = pt;
        rec[at + Layer.PB] = pb;
        rec[at + Layer.PL] = pl;
        rec[at + Layer.PR] = pr;
        if (pool && rnd.nextInt(3) == 0) {
            rec[at + Layer.MODE] = Rounding.CEIL;
        }
    }

    private int pad(int max, boolean wide) {
        return wide ? pick(0, max, 3) : rnd.nextInt(max + 1);
    }

    /** Mostly {@code lo..small}, sometimes anywhere up to {@code max}, sometimes {@code max}. */
    private int pick(int lo, int max, int small) {
        int r = rnd.nextInt(10);
        if (r == 0) {
            return max;
        }
        if (r == 1) {
            return lo + rnd.nextInt(max - lo + 1);
        }
        return lo + rnd.nextInt(small - lo + 1);
    }

    private int groups(int cIn) {
        if (cIn <= 1 || rnd.nextInt(4) > 0) {
            return 1;
        }
        int g = 1 + rnd.nextInt(cIn);
        while (cIn % g != 0) {
            g--;
        }
        return g;
    }

    private int extent() {
        return rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(16) : 16 + rnd.nextInt(145);
    }

    private int append(int op) {
        int at = count * Layer.INTS;
        if (at + Layer.INTS > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        Layer.clear(buf, at, op);
        count++;
        return at;
    }
}
