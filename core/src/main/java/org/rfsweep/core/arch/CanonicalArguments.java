package org.rfsweep.core.arch;

import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Kinds.Key;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.math.Limits;

/**
 * The first tier of {@link FastLayer}'s arguments: the keys {@code k, s, p, d, c} in the order the
 * canonical string writes them ({@link ArchFormatter}), each a slot that is either taken or skipped,
 * read straight through without a loop, with constant record fields and bounds. A slot looks at
 * the next two bytes: when they are its key and {@code =}, it reads one number ({@code N}) or two
 * ({@code HxW}; {@code p=TxL}) with word tricks and moves on; when not, it writes its default and
 * the next slot looks at the same bytes. Whatever follows the last slot ({@code g}, {@code bias},
 * keys out of order) is left to {@link FastLayer#arguments}; any value this tier does not take
 * ({@code p=1:2}, {@code p=same}, more than six digits, a bound broken) makes it give the whole
 * argument list back. Stateless.
 */
final class CanonicalArguments {
    /** In a result of {@link #parse}: more arguments follow at the returned position. */
    static final long MORE = 1L << 48;

    /** A slot's result: first value (bits 0-23), second value (24-47), bytes taken (48-55). */
    private static final int VALUE_BITS = 24;
    private static final int VALUE_MASK = (1 << VALUE_BITS) - 1;
    private static final int ADVANCE_SHIFT = 48;
    /** A slot's result: the next slot may take an argument (the list goes on). */
    private static final long OPEN = 1L << 56;
    /** A slot's result: the slot's key, as its {@link Key} bit shifted up by this. */
    private static final int SEEN_SHIFT = 57;

    /** A slot's result for a value this tier does not take: negative, nothing taken, the list closed. */
    private static final long BAD = Long.MIN_VALUE;
    private static final int K_EQUALS = 'k' | '=' << 8;
    private static final int S_EQUALS = 's' | '=' << 8;
    private static final int P_EQUALS = 'p' | '=' << 8;
    private static final int D_EQUALS = 'd' | '=' << 8;
    private static final int C_EQUALS = 'c' | '=' << 8;
    private static final int WINDOW_SPAN = Limits.MAX_WINDOW - 1;
    private static final int PADDING_SPAN = Limits.MAX_PADDING;
    private static final int CHANNEL_SPAN = Limits.MAX_CHANNELS - 1;
    private static final int[] BIAS = new int[Kinds.SIZE];

    static {
        for (int op = 0; op < Kinds.SIZE; op++) {
            BIAS[op] = Kinds.defaultBias(op);
        }
    }

    private CanonicalArguments() {
    }

    /**
     * The arguments at {@code b[q]} (after the opening parenthesis) of a layer of kind {@code op}:
     * writes the whole record at {@code r[at...]} (the canonical keys' values, every other field
     * its default) and returns the position after the closing parenthesis with the bits of the
     * keys seen above bit 32, or, with {@link #MORE}, the position of the next argument when the
     * list goes on past the slots; returns -1 (having maybe written the record) when
     * {@link FastLayer#arguments} must read the whole list.
     */
    static long parse(byte[] b, int q, int[] r, int at, int op) {
        int p = q;
        final long k = slot(b, p, OPEN, K_EQUALS, 1, WINDOW_SPAN, Key.K);
        p += advance(k);
        final long s = slot(b, p, k & OPEN, S_EQUALS, 1, WINDOW_SPAN, Key.S);
        p += advance(s);
        final long pad = slot(b, p, s & OPEN, P_EQUALS, 0, PADDING_SPAN, Key.P);
        p += advance(pad);
        final long d = slot(b, p, pad & OPEN, D_EQUALS, 1, WINDOW_SPAN, Key.D);
        p += advance(d);
        final long c = single(b, p, d & OPEN);
        p += advance(c);
        final long all = k | s | pad | d | c;
        final int seen = (int) (all >>> SEEN_SHIFT) & 0x1f;
        if (all < 0 || (seen & ~Kinds.keys(op)) != 0) {
            return -1;
        }
        r[at + Layer.INDEX] = 0;
        r[at + Layer.OP] = op;
        r[at + Layer.KH] = first(k, 1);
        r[at + Layer.KW] = second(k, 1);
        r[at + Layer.SH] = first(s, 1);
        r[at + Layer.SW] = second(s, 1);
        r[at + Layer.DH] = first(d, 1);
        r[at + Layer.DW] = second(d, 1);
        r[at + Layer.PT] = first(pad, 0);
        r[at + Layer.PB] = first(pad, 0);
        r[at + Layer.PL] = second(pad, 0);
        r[at + Layer.PR] = second(pad, 0);
        r[at + Layer.MODE] = 0;
        r[at + Layer.C] = first(c, 0);
        r[at + Layer.G] = 1;
        r[at + Layer.BIAS] = BIAS[op];
        return ((c & OPEN) != 0 ? MORE : 0) | (long) seen << 32 | p;
    }

    private static int advance(long slot) {
        return (int) (slot >>> ADVANCE_SHIFT) & 0xff;
    }

    /** The slot's first value, or {@code dflt} when it took no argument. */
    private static int first(long slot, int dflt) {
        return advance(slot) == 0 ? dflt : (int) slot & VALUE_MASK;
    }

    private static int second(long slot, int dflt) {
        return advance(slot) == 0 ? dflt : (int) (slot >>> VALUE_BITS) & VALUE_MASK;
    }

    /**
     * The slot of a key whose value is {@code N} or {@code HxW}, each number in {@code min..min+span}:
     * when {@code open} and the bytes at {@code b[q]} start with {@code keyEquals}, its values, the
     * bytes taken (with the comma or parenthesis after them) and whether the list goes on; else
     * nothing taken and {@code open} passed on; negative for a value this tier does not take.
     */
    private static long slot(byte[] b, int q, long open, int keyEquals, int min, int span, int key) {
        final long w = FastLayer.word(b, q);
        if (open == 0 || ((int) w & 0xffff) != keyEquals) {
            return open;
        }
        final long v = w >>> 16;
        final int n = Long.numberOfTrailingZeros(FastLayer.nonDigits(v)) >>> 3;
        final int x = FastLayer.number(v, n);
        final int sep = (int) (v >>> 8 * n) & 0xff;
        if (n == 0 || outside(x, min, span)) {
            return BAD;
        }
        if (sep == ',' || sep == ')') {
            return (sep == ',' ? OPEN : 0) | 1L << SEEN_SHIFT + key | (long) (n + 3) << ADVANCE_SHIFT
                | (long) x << VALUE_BITS | x;
        }
        return sep == 'x' ? pair(b, q + 3 + n, n, x, min, span, key) : BAD;
    }

    /** The rest of a slot's {@code HxW} value: {@code W} at {@code b[q]}, after {@code H} of {@code n} digits. */
    private static long pair(byte[] b, int q, int n, int x, int min, int span, int key) {
        final long w = FastLayer.word(b, q);
        final int n2 = FastLayer.digits(w);
        if (n2 == 0 || n2 > 7) {
            return BAD;
        }
        final int x2 = FastLayer.number(w, n2);
        final int sep = b[q + n2];
        if (outside(x2, min, span) || sep != ',' && sep != ')') {
            return BAD;
        }
        return (sep == ',' ? OPEN : 0) | 1L << SEEN_SHIFT + key | (long) (n + n2 + 4) << ADVANCE_SHIFT
            | (long) x2 << VALUE_BITS | x;
    }

    /** The slot of {@code c}: one number of channels. */
    private static long single(byte[] b, int q, long open) {
        final long w = FastLayer.word(b, q);
        if (open == 0 || ((int) w & 0xffff) != C_EQUALS) {
            return open;
        }
        final long v = w >>> 16;
        final int n = Long.numberOfTrailingZeros(FastLayer.nonDigits(v)) >>> 3;
        final int x = FastLayer.number(v, n);
        final int sep = (int) (v >>> 8 * n) & 0xff;
        if (n == 0 || outside(x, 1, CHANNEL_SPAN) || sep != ',' && sep != ')') {
            return BAD;
        }
        return (sep == ',' ? OPEN : 0) | 1L << SEEN_SHIFT + Key.C | (long) (n + 3) << ADVANCE_SHIFT | x;
    }

    /** True when {@code x} is outside {@code min..min+span} (one unsigned comparison). */
    private static boolean outside(int x, int min, int span) {
        return x - min + Integer.MIN_VALUE > span + Integer.MIN_VALUE;
    }
}
