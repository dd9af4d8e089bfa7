package org.rfsweep.core.arch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Kinds.Key;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.Limits;

/**
 * The parser's fast path: the common form of one layer, read from ASCII bytes eight at a time (a
 * little-endian {@code long}) with bit tricks instead of a loop per character. The common form
 * is a lower-case name of a plain kind (no branch, not {@code chunk}), then optionally
 * {@code (key=value,...)} without white space: one-letter keys or {@code bias}, each value plain
 * digits (1 to 7 of them) within its bounds, {@code N} or {@code HxW}, and for {@code p} also
 * {@code before:after} sides; every required key given. Anything else (and any byte above 127)
 * makes {@link #layer} return -1, and the parser's exact path parses (or reports) the layer, so
 * both paths write the same records; {@code FastPathProperties} checks it on random strings.
 * The arguments go first to {@link CanonicalArguments} (the keys of the canonical order in
 * straight-line slots) and what they leave to the argument loop here ({@link #arguments}).
 * Stateless and immutable.
 */
final class FastLayer {
    /**
     * Bytes the caller keeps after the text (zeros, or for the parser's byte entry anything):
     * every read of eight bytes here stays inside them.
     */
    static final int SLACK = 40;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = ONES * 0x80;
    private static final long LOW7 = ONES * 0x7f;
    /** {@code "bias="} as the low five bytes of a little-endian word. */
    private static final long BIAS_EQUALS = 'b' | 'i' << 8 | 'a' << 16 | (long) 's' << 24 | (long) '=' << 32;
    private static final long FIVE_BYTES = (1L << 40) - 1;
    /** Digits of a value on this path: at most 7, so that every bound of {@link Limits} decides it. */
    private static final int MAX_DIGITS = 7;

    /** The value forms, per key: 0 (the exact path only), one number, HxW, or a padding. */
    private static final int ONE = 1;
    private static final int PAIR = 2;
    private static final int PADDING = 3;
    private static final int[] FORM = new int[Key.count()];
    private static final int[] MIN = new int[Key.count()];
    /**
     * Per key, the bit of a {@link CanonicalArguments#oneDigit} entry that a value of one digit
     * within the key's bounds has: {@link CanonicalArguments#AT_LEAST_ONE} or {@code AT_LEAST_ZERO}.
     */
    private static final int[] ONE_DIGIT_BIT = new int[Key.count()];
    /** The allowed values of a key are {@code MIN..MIN+SPAN}. */
    private static final int[] SPAN = new int[Key.count()];
    /**
     * The fields a value writes, per key: its four parts (first side, its after part, second side,
     * its after part) go to these record fields; a key of fewer parts repeats its fields.
     */
    private static final int[] FIELD1 = new int[Key.count()];
    private static final int[] FIELD2 = new int[Key.count()];
    private static final int[] FIELD3 = new int[Key.count()];
    private static final int[] FIELD4 = new int[Key.count()];
    /** Per key: -1 when its value may be two sides joined by {@code x}, or by {@code :} (a padding), else 0. */
    private static final int[] CROSS = new int[Key.count()];
    private static final int[] COLON = new int[Key.count()];
    /** The key of each one-letter key name, by its byte (0..255), or -1. */
    private static final int[] SINGLE_KEYS = new int[256];
    /** Per op code: the keys this path takes for it, the keys it requires, and 1 for a pool. */
    private static final int[] ALLOWED = new int[Kinds.SIZE];
    private static final int[] REQUIRED = new int[Kinds.SIZE];
    private static final int[] POOL = new int[Kinds.SIZE];
    /** Per op code, its fresh record ({@link Layer#clear}) with the default bias of its kind. */
    private static final int[] TEMPLATES = new int[Kinds.SIZE * Layer.INTS];
    private static final WordNames NAMES = fastNames();
    /** {@link #NAMES} in constants, so that the compiled lookup needs one bound check. */
    private static final long[] NAME_TABLE = NAMES.table();
    private static final long NAME_MULTIPLIER = NAMES.multiplier();
    private static final int NAME_SHIFT = NAMES.shift();

    static {
        Arrays.fill(SINGLE_KEYS, -1);
        int fastKeys = 0;
        for (int key = 0; key < Key.count(); key++) {
            if (Key.name(key).length() == 1) {
                SINGLE_KEYS[Key.name(key).charAt(0)] = key;
            }
        }
        form(Key.K, PAIR, 1, Limits.MAX_WINDOW, Layer.KH, Layer.KW);
        form(Key.S, PAIR, 1, Limits.MAX_WINDOW, Layer.SH, Layer.SW);
        form(Key.D, PAIR, 1, Limits.MAX_WINDOW, Layer.DH, Layer.DW);
        form(Key.P, PADDING, 0, Limits.MAX_PADDING, Layer.PT, Layer.PL);
        form(Key.C, ONE, 1, Limits.MAX_CHANNELS, Layer.C, Layer.C);
        form(Key.G, ONE, 1, Limits.MAX_CHANNELS, Layer.G, Layer.G);
        form(Key.BIAS, ONE, 0, 1, Layer.BIAS, Layer.BIAS);
        for (int key = 0; key < Key.count(); key++) {
            fastKeys |= FORM[key] != 0 ? 1 << key : 0;
        }
        for (int op = 0; op < Kinds.SIZE; op++) {
            Layer.clear(TEMPLATES, op * Layer.INTS, op);
            TEMPLATES[op * Layer.INTS + Layer.BIAS] = Kinds.defaultBias(op);
            ALLOWED[op] = Kinds.keys(op) & fastKeys;
            REQUIRED[op] = Kinds.requiredKeys(op);
            POOL[op] = Kinds.is(op, Kinds.POOL) ? 1 : 0;
        }
    }

    private FastLayer() {
    }

    private static void form(int key, int form, int min, int max, int first, int second) {
        FORM[key] = form;
        CROSS[key] = form == ONE ? 0 : -1;
        COLON[key] = form == PADDING ? -1 : 0;
        MIN[key] = min;
        SPAN[key] = max - min;
        if (max < 9 && Key.name(key).length() == 1) {
            throw new IllegalStateException("every digit must be within the bounds of key " + Key.name(key));
        }
        ONE_DIGIT_BIT[key] = min == 0 ? CanonicalArguments.AT_LEAST_ZERO : CanonicalArguments.AT_LEAST_ONE;
        FIELD1[key] = first;
        FIELD2[key] = form == PADDING ? first + 1 : first;
        FIELD3[key] = second;
        FIELD4[key] = form == PADDING ? second + 1 : second;
    }

    /** The names of the plain layer kinds this path parses (branches, markers and chunk take the exact path). */
    private static WordNames fastNames() {
        WordNames.Builder names = new WordNames.Builder();
        for (int op = 0; op < Kinds.SIZE; op++) {
            if (Kinds.known(op) && !Kinds.is(op, Kinds.MARKER) && op != Op.CHUNK) {
                names.add(Kinds.name(op), op);
            }
        }
        return names.build();
    }

    /** The eight bytes at {@code p}, the first in the lowest byte. */
    static long word(byte[] b, int p) {
        return (long) LONGS.get(b, p);
    }

    /** 0x80 in each byte of {@code x} that is zero, else 0. */
    static long zeroBytes(long x) {
        return ~(((x & LOW7) + LOW7) | x) & HIGH;
    }

    /**
     * 0x80 in the lowest byte of {@code v} that is above {@code '9'} (or not ASCII), and maybe in
     * bytes above it; 0 when there is none.
     */
    static long aboveNine(long v) {
        return ((v + ONES * (0x7f - '9')) | v) & HIGH;
    }

    /** 0x80 in each byte of {@code w} that is not an ASCII digit, else 0. */
    static long nonDigits(long w) {
        final long d = w ^ ONES * '0';
        return (((d & LOW7) + ONES * (0x80 - 10)) | d) & HIGH;
    }

    /** How many of the bytes of {@code w}, from the lowest, are ASCII digits: 0..8. */
    static int digits(long w) {
        return Long.numberOfTrailingZeros(nonDigits(w)) >>> 3;
    }

    /**
     * The number written by the lowest {@code n} (1..7) bytes of {@code w}, which are digits: the
     * digits move to the top (zeros before them), then pairs, quads and the two halves combine by
     * three multiplications.
     */
    static int number(long w, int n) {
        long v = (w & ONES * 0x0f) << (64 - 8 * n);
        v = v * 10 + (v >>> 8);
        v = ((v & 0x000000ff000000ffL) * (100 + (1000000L << 32))
            + ((v >>> 16) & 0x000000ff000000ffL) * (1 + (10000L << 32))) >>> 32;
        return (int) v;
    }

    /**
     * The length of the name at the start of {@code w}: its bytes before the first one below
     * {@code '0'} (the parenthesis, a space, the zeros after the text), 0..8. Other bytes that
     * cannot be in a name count too: then no name matches and the exact path reads the layer.
     */
    private static int nameLength(long w) {
        return Long.numberOfTrailingZeros((w - ONES * '0') & ~w & HIGH) >>> 3;
    }

    /** True when {@code x} is outside {@code min..min+span} (one unsigned comparison). */
    private static boolean outside(int x, int min, int span) {
        return x - min + Integer.MIN_VALUE > span + Integer.MIN_VALUE;
    }

    /**
     * Parses the common form of a layer at {@code b[p]} into the record {@code r[at, at + INTS)}
     * (which must exist) and returns the position after it; returns -1 for any other form, having
     * possibly written that record (which the exact path then writes again).
     */
    static int layer(byte[] b, int p, int[] r, int at) {
        final long w = word(b, p);
        int length = nameLength(w);
        long second = 0;
        if (length == 8) {
            final long w2 = word(b, p + 8);
            final int length2 = nameLength(w2);
            if (length2 == 8) {
                return -1;
            }
            second = w2 & ~(-1L << 8 * length2);
            length += length2;
        }
        final int op = length < 8
            ? WordNames.find(NAME_TABLE, NAME_MULTIPLIER, NAME_SHIFT, w & ~(-1L << 8 * length), 0)
            : WordNames.find(NAME_TABLE, NAME_MULTIPLIER, NAME_SHIFT, w, second);
        final int q = p + length;
        final int next = b[q];
        if (op < 0) {
            return -1;
        }
        if (next == '(' && b[q + 1] != ')') {
            final int end = CanonicalArguments.parse(b, q + 1, r, at, op);
            if (end != CanonicalArguments.AGAIN) {
                return end;
            }
            System.arraycopy(TEMPLATES, op * Layer.INTS, r, at, Layer.INTS);
            return finish(r, at, op, arguments(b, q + 1, r, at, op, 0));
        }
        System.arraycopy(TEMPLATES, op * Layer.INTS, r, at, Layer.INTS);
        return finish(r, at, op, next == '(' ? q + 2 : q);
    }

    /**
     * The end of a layer of kind {@code op} whose record {@code r[at...]} holds its arguments, from
     * {@code end} (the position after it, with the bits of the keys seen above bit 32, or -1): -1
     * when a required key is missing; a pool's stride defaults to its kernel.
     */
    static int finish(int[] r, int at, int op, long end) {
        final int seen = (int) (end >>> 32) & 0xffff;
        if (end < 0 || (REQUIRED[op] & ~seen) != 0) {
            return -1;
        }
        if ((seen & 1 << Key.S) == 0 && POOL[op] != 0) {
            r[at + Layer.SH] = r[at + Layer.KH];
            r[at + Layer.SW] = r[at + Layer.KW];
        }
        return (int) end;
    }

    /**
     * The arguments at {@code b[p]} (after the opening parenthesis, or after the arguments of the
     * keys {@code seenBefore}, which {@link CanonicalArguments} took) into the record at {@code at}:
     * returns the position after the closing parenthesis, with the bits of the keys seen above
     * bit 32, or returns -1. The end of an argument comes from its first eight bytes at once, so
     * the next argument's position waits for one load and a few bit operations, not for the
     * value's digits; a value of one number (the most common) is converted without a branch per
     * digit.
     */
    static long arguments(byte[] b, int p, int[] r, int at, int op, int seenBefore) {
        final int allowed = ALLOWED[op];
        int seen = seenBefore;
        while (true) {
            final long w = word(b, p);
            final int key = SINGLE_KEYS[(int) w & 0xff];
            final int one = CanonicalArguments.oneDigit(w);
            if ((w & 0xff00) == '=' << 8 && (allowed & ~seen & 1 << key) != 0 && (one & ONE_DIGIT_BIT[key]) != 0) {
                // the commonest form, one digit: a constant step, so the next read waits on no value
                final int x = one & CanonicalArguments.DIGIT;
                r[at + FIELD1[key]] = x;
                r[at + FIELD2[key]] = x;
                r[at + FIELD3[key]] = x;
                r[at + FIELD4[key]] = x;
                seen |= 1 << key;
                p += 4;
                if (one >>> CanonicalArguments.CLOSES_SHIFT != 0) {
                    return (long) seen << 32 | p;
                }
                continue;
            }
            // the first byte below '0' ends the argument (the key, '=' and a value's bytes are not)
            final int end = Long.numberOfTrailingZeros((w - ONES * '0') & ~w & HIGH) >>> 3;
            if ((w & 0xff00) != '=' << 8 || end == 8 || (allowed & ~seen & 1 << key) == 0) {
                final long slow = longArgument(b, p, r, at, allowed, seen);
                if (slow < 0) {
                    return -1;
                }
                seen = (int) (slow >>> 32);
                p = (int) slow;
                final int sep = b[p++];
                if (sep == ')') {
                    return (long) seen << 32 | p;
                }
                if (sep != ',') {
                    return -1;
                }
                continue;
            }
            seen |= 1 << key;
            final int length = end - 2;
            final long v = (w >>> 16) & ~(-1L << 8 * length);
            final long marks = aboveNine(v);
            final int x1;
            final int x2;
            final int mark;
            if (marks == 0) {
                x1 = number(v, length);
                x2 = x1;
                mark = 0;
            } else {
                final int i = Long.numberOfTrailingZeros(marks) >>> 3;
                mark = (int) (v >>> 8 * i) & 0xff;
                x1 = number(v, i);
                x2 = number(v >>> 8 * i + 8, length - i - 1);
                if ((mark != 'x' || FORM[key] == ONE) && (mark != ':' || FORM[key] != PADDING)
                    || i == 0 || i + 1 >= length || aboveNine(v >>> 8 * i + 8) != 0) {
                    return -1;
                }
            }
            final int min = MIN[key];
            final int span = SPAN[key];
            final int sep = (int) (w >>> 8 * end) & 0xff;
            if (length == 0 || outside(x1, min, span) || outside(x2, min, span) || sep != ',' && sep != ')') {
                return -1;
            }
            r[at + FIELD1[key]] = x1;
            r[at + FIELD2[key]] = mark == ':' ? x2 : x1;
            r[at + FIELD3[key]] = mark == 'x' ? x2 : x1;
            r[at + FIELD4[key]] = x2;
            p += end + 1;
            if (sep == ')') {
                return (long) seen << 32 | p;
            }
        }
    }

    /**
     * One argument at {@code b[p]} of any fast form, read a byte at a time: {@code bias}, and
     * values that do not end within the argument's first eight bytes. Returns the end of its
     * value with the bits of the keys seen (this one added) above bit 32, or -1.
     */
    private static long longArgument(byte[] b, int p, int[] r, int at, int allowed, int seen) {
        final long w = word(b, p);
        final int key;
        final int valueAt;
        if ((w & 0xff00) == '=' << 8) {
            key = SINGLE_KEYS[(int) w & 0xff];
            valueAt = 2;
        } else if ((w & FIVE_BYTES) == BIAS_EQUALS) {
            key = Key.BIAS;
            valueAt = 5;
        } else {
            return -1;
        }
        final int bit = 1 << key;
        if ((allowed & ~seen & bit) == 0) {
            return -1;
        }
        final int end = argumentValue(b, p + valueAt, r, at, key);
        return end < 0 ? -1 : (long) (seen | bit) << 32 | end;
    }

    /**
     * The value of {@code key} at {@code b[p]}: one number, or up to two sides joined by {@code x}
     * of up to two numbers joined by {@code :}, as the key's form allows; writes its four parts
     * and returns its end, or -1.
     */
    private static int argumentValue(byte[] b, int p, int[] r, int at, int key) {
        final int form = FORM[key];
        long w = word(b, p);
        int n = digits(w);
        if (n == 0 || n > MAX_DIGITS) {
            return -1;
        }
        final int x1 = number(w, n);
        p += n;
        int y1 = x1;
        int sep = b[p];
        if (sep == ':') {
            if (form != PADDING) {
                return -1;
            }
            w = word(b, ++p);
            n = digits(w);
            if (n == 0 || n > MAX_DIGITS) {
                return -1;
            }
            y1 = number(w, n);
            p += n;
            sep = b[p];
        }
        int x2 = x1;
        int y2 = y1;
        if (sep == 'x') {
            if (form == ONE) {
                return -1;
            }
            w = word(b, ++p);
            n = digits(w);
            if (n == 0 || n > MAX_DIGITS) {
                return -1;
            }
            x2 = number(w, n);
            y2 = x2;
            p += n;
            if (b[p] == ':' && form == PADDING) {
                w = word(b, ++p);
                n = digits(w);
                if (n == 0 || n > MAX_DIGITS) {
                    return -1;
                }
                y2 = number(w, n);
                p += n;
            }
        }
        final int min = MIN[key];
        final int span = SPAN[key];
        if (outside(x1, min, span) | outside(y1, min, span) | outside(x2, min, span) | outside(y2, min, span)) {
            return -1;
        }
        r[at + FIELD1[key]] = x1;
        r[at + FIELD2[key]] = y1;
        r[at + FIELD3[key]] = x2;
        r[at + FIELD4[key]] = y2;
        return p;
    }
}
