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
    /** In a result of {@link #parse}: more arguments follow at the returned position. */
    static final long MORE = 1L << 48;

    /** The bytes of an argument of one digit with its comma or parenthesis: {@code k=3,}. */
    private static final int SMALL = 4;
    private static final int K_EQUALS = 'k' | '=' << 8;
    private static final int S_EQUALS = 's' | '=' << 8;
    private static final int P_EQUALS = 'p' | '=' << 8;
    private static final int D_EQUALS = 'd' | '=' << 8;
    private static final int C_EQUALS = 'c' | '=' << 8;
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
     * writes the whole record at {@code r[at...]} (the values of the slots taken, every other field
     * its default) and returns the position after the closing parenthesis with the bits of the
     * keys seen above bit 32, or, with {@link #MORE}, the position of the first argument the slots
     * did not take; returns -1 (having maybe written the record) when {@link FastLayer#arguments}
     * must read the whole list.
     */
    static long parse(byte[] b, int q, int[] r, int at, int op) {
        int p = q;
        int seen = 0;
        int closes = 0;
        long w = FastLayer.word(b, p);
        int k = 1;
        if (((int) w & 0xffff) == K_EQUALS && digit(w, 1)) {
            k = digit(w);
            closes += closes(w);
            seen |= 1 << Key.K;
            p += SMALL;
            w = FastLayer.word(b, p);
        }
        int s = 1;
        if (((int) w & 0xffff) == S_EQUALS && digit(w, 1)) {
            s = digit(w);
            closes += closes(w);
            seen |= 1 << Key.S;
            p += SMALL;
            w = FastLayer.word(b, p);
        }
        int pad = 0;
        if (((int) w & 0xffff) == P_EQUALS && digit(w, 0)) {
            pad = digit(w);
            closes += closes(w);
            seen |= 1 << Key.P;
            p += SMALL;
            w = FastLayer.word(b, p);
        }
        int d = 1;
        if (((int) w & 0xffff) == D_EQUALS && digit(w, 1)) {
            d = digit(w);
            closes += closes(w);
            seen |= 1 << Key.D;
            p += SMALL;
            w = FastLayer.word(b, p);
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
        r[at + Layer.OP] = op;
        r[at + Layer.KH] = k;
        r[at + Layer.KW] = k;
        r[at + Layer.SH] = s;
        r[at + Layer.SW] = s;
        r[at + Layer.DH] = d;
        r[at + Layer.DW] = d;
        r[at + Layer.PT] = pad;
        r[at + Layer.PB] = pad;
        r[at + Layer.PL] = pad;
        r[at + Layer.PR] = pad;
        r[at + Layer.MODE] = 0;
        r[at + Layer.C] = c;
        r[at + Layer.G] = 1;
        r[at + Layer.BIAS] = BIAS[op];
        r[at + Layer.INDEX] = 0;
        if ((seen & ~Kinds.keys(op)) != 0 || closes > 1 || closes == 1 && b[p - 1] != ')') {
            return -1;
        }
        return (closes == 0 ? MORE : 0) | (long) seen << 32 | p;
    }

    /**
     * True when byte 2 of {@code w} is a digit of at least {@code min} and byte 3 a comma or a
     * closing parenthesis: the value of one digit that a slot takes with a constant step.
     */
    private static boolean digit(long w, int min) {
        final int x = ((int) (w >>> 16) & 0xff) - '0' - min;
        final int sep = (int) (w >>> 24) & 0xff;
        return x + Integer.MIN_VALUE <= 9 - min + Integer.MIN_VALUE & (sep == ',' | sep == ')');
    }

    /** The digit at byte 2 of {@code w}. */
    private static int digit(long w) {
        return ((int) (w >>> 16) & 0xff) - '0';
    }

    /** 1 when byte 3 of {@code w}, a comma or a closing parenthesis, is the parenthesis. */
    private static int closes(long w) {
        return (int) (~w >>> 26) & 1;
    }
}
