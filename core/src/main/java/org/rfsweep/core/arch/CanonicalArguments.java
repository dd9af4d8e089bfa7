package org.rfsweep.core.arch;

import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Kinds.Key;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.math.Limits;

/**
 * The first tier of {@link FastLayer}'s arguments: the keys {@code k, s, p, d, c} in the order the
 * canonical string writes them ({@link ArchFormatter}), each a slot that takes its key's argument
 * when the next bytes are that argument in its common form, or else leaves the bytes to the next
 * slot. Straight-line code, no loop: the common form of {@code k}, {@code s}, {@code p} and
 * {@code d} is one digit and a comma or a closing parenthesis, taken with a constant step of four
 * bytes (so the next slot's read does not wait for this value: the branch is predicted), and
 * {@code c} takes up to six digits by word tricks. Whatever the slots do not take (a value of two
 * numbers or more digits, {@code g}, {@code bias}, keys out of order) stays at the returned position
 * for {@link FastLayer#arguments}, which reads every fast form and checks keys already seen. The
 * values the slots take need no bound checks: one digit (at least 1 where the rule says so) and six
 * digits are within every bound of {@link Limits}. Stateless.
 */
final class CanonicalArguments {
    /** The result of {@link #parse} when {@link FastLayer#arguments} must read the whole list. */
    static final int AGAIN = -2;

    /** The bytes of an argument of one digit with its comma or parenthesis: {@code k=3,}. */
    private static final int SMALL = 4;
    /**
     * By the two bytes after {@code key=} (the low one first): a digit and then a comma or a closing
     * parenthesis give the digit ({@link #DIGIT}), {@link #AT_LEAST_ZERO}, {@link #AT_LEAST_ONE}
     * unless the digit is 0, and 1 at {@link #CLOSES_SHIFT} for the parenthesis; anything else 0.
     */
    private static final byte[] ONE_DIGIT = new byte[1 << 16];
    static final int DIGIT = 0xf;
    static final int AT_LEAST_ONE = 0x10;
    static final int AT_LEAST_ZERO = 0x20;
    static final int CLOSES_SHIFT = 6;
    /** A slot's value of one number in both halves, the default 1 in both, the low half. */
    private static final int BOTH = 1 << 16 | 1;
    private static final int ONES = BOTH;
    private static final int LOW = 0xffff;
    /** The bytes of an argument of two digits joined by {@code x}, with its comma or parenthesis: {@code k=1x7,}. */
    private static final int PAIR = 6;
    private static final int K_EQUALS = 'k' | '=' << 8;
    private static final int S_EQUALS = 's' | '=' << 8;
    private static final int P_EQUALS = 'p' | '=' << 8;
    private static final int D_EQUALS = 'd' | '=' << 8;
    private static final int C_EQUALS = 'c' | '=' << 8;
    /** Per op code: its default bias, its keys, the keys it requires, and 1 for a pool. */
    private static final int[] BIAS = new int[Kinds.SIZE];
    private static final int[] KEYS = new int[Kinds.SIZE];
    private static final int[] REQUIRED = new int[Kinds.SIZE];
    private static final int[] POOL = new int[Kinds.SIZE];

    static {
        for (int op = 0; op < Kinds.SIZE; op++) {
            BIAS[op] = Kinds.defaultBias(op);
            KEYS[op] = Kinds.keys(op);
            REQUIRED[op] = Kinds.requiredKeys(op);
            POOL[op] = Kinds.is(op, Kinds.POOL) ? 1 : 0;
        }
        for (int digit = 0; digit <= 9; digit++) {
            ONE_DIGIT['0' + digit | ',' << 8] = (byte) (digit | AT_LEAST_ZERO | (digit > 0 ? AT_LEAST_ONE : 0));
            ONE_DIGIT['0' + digit | ')' << 8] = (byte) (digit | AT_LEAST_ZERO | (digit > 0 ? AT_LEAST_ONE : 0)
                | 1 << CLOSES_SHIFT);
        }
    }

    private CanonicalArguments() {
    }

    /** The {@link #ONE_DIGIT} entry of bytes 2 and 3 of {@code w} (the value after {@code key=}). */
    static int oneDigit(long w) {
        return ONE_DIGIT[(int) w >>> 16];
    }

    /**
     * The arguments at {@code b[q]} (after the opening parenthesis) of a layer of kind {@code op}:
     * writes its whole record at {@code r[at...]} (the values of the slots taken, then those of
     * {@link FastLayer#arguments} for the arguments after them, every other field its default) and
     * returns the position after the closing parenthesis, like {@link FastLayer#layer}; returns -1
     * for a form the fast path does not take, or {@link #AGAIN} (having maybe written the record)
     * when {@link FastLayer#arguments} must read the whole list.
     */
    static int parse(byte[] b, int q, int[] r, int at, int op) {
        int p = q;
        int seen = 0;
        int closes = 0;
        long w = FastLayer.word(b, p);
        int k = ONES;
        if (((int) w & 0xffff) == K_EQUALS) {
            final int e = ONE_DIGIT[(int) w >>> 16];
            if ((e & AT_LEAST_ONE) != 0) {
                k = (e & DIGIT) * BOTH;
                closes += e >>> CLOSES_SHIFT;
                seen |= 1 << Key.K;
                p += SMALL;
                w = FastLayer.word(b, p);
            } else if (digits(w, 1)) {
                k = digit(w) | ((int) (w >>> 32) & 0xff) - '0' << 16;
                closes += (int) (~w >>> 42) & 1;
                seen |= 1 << Key.K;
                p += PAIR;
                w = FastLayer.word(b, p);
            }
        }
        int s = ONES;
        if (((int) w & 0xffff) == S_EQUALS) {
            final int e = ONE_DIGIT[(int) w >>> 16];
            if ((e & AT_LEAST_ONE) != 0) {
                s = (e & DIGIT) * BOTH;
                closes += e >>> CLOSES_SHIFT;
                seen |= 1 << Key.S;
                p += SMALL;
                w = FastLayer.word(b, p);
            } else if (digits(w, 1)) {
                s = digit(w) | ((int) (w >>> 32) & 0xff) - '0' << 16;
                closes += (int) (~w >>> 42) & 1;
                seen |= 1 << Key.S;
                p += PAIR;
                w = FastLayer.word(b, p);
            }
        }
        int pad = 0;
        if (((int) w & 0xffff) == P_EQUALS) {
            final int e = ONE_DIGIT[(int) w >>> 16];
            if ((e & AT_LEAST_ZERO) != 0) {
                pad = (e & DIGIT) * BOTH;
                closes += e >>> CLOSES_SHIFT;
                seen |= 1 << Key.P;
                p += SMALL;
                w = FastLayer.word(b, p);
            } else if (digits(w, 0)) {
                pad = digit(w) | ((int) (w >>> 32) & 0xff) - '0' << 16;
                closes += (int) (~w >>> 42) & 1;
                seen |= 1 << Key.P;
                p += PAIR;
                w = FastLayer.word(b, p);
            }
        }
        int d = ONES;
        if (((int) w & 0xffff) == D_EQUALS) {
            final int e = ONE_DIGIT[(int) w >>> 16];
            if ((e & AT_LEAST_ONE) != 0) {
                d = (e & DIGIT) * BOTH;
                closes += e >>> CLOSES_SHIFT;
                seen |= 1 << Key.D;
                p += SMALL;
                w = FastLayer.word(b, p);
            } else if (digits(w, 1)) {
                d = digit(w) | ((int) (w >>> 32) & 0xff) - '0' << 16;
                closes += (int) (~w >>> 42) & 1;
                seen |= 1 << Key.D;
                p += PAIR;
                w = FastLayer.word(b, p);
            }
        }
        int c = 0;
        if (((int) w & 0xffff) == C_EQUALS) {
            final long v = w >>> 16;
            final int n = Long.numberOfTrailingZeros(FastLayer.nonDigits(v)) >>> 3;
            final int x = FastLayer.number(v, n);
            final int sep = (int) (v >>> 8 * n) & 0xff;
            if (n != 0 && x != 0 && (sep == ',' | sep == ')')) {
                c = x;
                closes += ~sep >>> 2 & 1;
                seen |= 1 << Key.C;
                p += n + 3;
            }
        }
        if ((seen & ~KEYS[op]) != 0 || closes > 1 || closes == 1 && b[p - 1] != ')') {
            return AGAIN;
        }
        if (closes == 0) {
            write(r, at, op, k, s, pad, d, c);
            return FastLayer.finish(r, at, op, FastLayer.arguments(b, p, r, at, op, seen));
        }
        if ((REQUIRED[op] & ~seen) != 0) {
            return -1;
        }
        write(r, at, op, k, (seen & 1 << Key.S) == 0 && POOL[op] != 0 ? k : s, pad, d, c);
        return p;
    }

    /**
     * Writes the record of the slots' values (each its two numbers in one int: the first, for the
     * height or the top and bottom, in the low half), every other field its default.
     */
    private static void write(int[] r, int at, int op, int k, int s, int pad, int d, int c) {
        r[at + Layer.OP] = op;
        r[at + Layer.KH] = k & LOW;
        r[at + Layer.KW] = k >>> 16;
        r[at + Layer.SH] = s & LOW;
        r[at + Layer.SW] = s >>> 16;
        r[at + Layer.DH] = d & LOW;
        r[at + Layer.DW] = d >>> 16;
        r[at + Layer.PT] = pad & LOW;
        r[at + Layer.PB] = pad & LOW;
        r[at + Layer.PL] = pad >>> 16;
        r[at + Layer.PR] = pad >>> 16;
        r[at + Layer.MODE] = 0;
        r[at + Layer.C] = c;
        r[at + Layer.G] = 1;
        r[at + Layer.BIAS] = BIAS[op];
        r[at + Layer.INDEX] = 0;
    }

    /**
     * True when bytes 2 to 5 of {@code w} are two digits (each at least {@code min}) joined by
     * {@code x} and then a comma or a closing parenthesis: {@code k=1x7,}.
     */
    private static boolean digits(long w, int min) {
        final int x1 = ((int) (w >>> 16) & 0xff) - '0' - min + Integer.MIN_VALUE;
        final int x2 = ((int) (w >>> 32) & 0xff) - '0' - min + Integer.MIN_VALUE;
        final int sep = (int) (w >>> 40) & 0xff;
        final int top = 9 - min + Integer.MIN_VALUE;
        return x1 <= top & x2 <= top & ((int) (w >>> 24) & 0xff) == 'x' & (sep == ',' | sep == ')');
    }

    /** The digit at byte 2 of {@code w}. */
    private static int digit(long w) {
        return ((int) (w >>> 16) & 0xff) - '0';
    }

}
