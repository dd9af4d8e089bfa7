package org.rfsweep.core.arch;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Kinds.Key;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.Limits;

/**
 * Parses the architecture string of SPEC section 9 into a {@link Network}.
 *
 * <pre>
 *   stack  := item (space+ item)*                       items separated by white space
 *   item   := layer | add( stack | stack ) | cat( stack | stack ...) | mul( stack | stack ) | res( stack )
 *   layer  := op | op( key=value, ... )
 *   value  := N | HxW                                    k, s, d, o (per axis)
 *   pad    := side | side x side | same | valid          side := N | before:after
 * </pre>
 *
 * Every value is checked against {@link Limits} here, once. Errors are {@link ArchSyntaxException}s
 * that give the column and what was expected. Not thread-safe: use one parser per thread, or the
 * static {@link #parse(String)}.
 */
public final class ArchParser {
    private static final int K = Key.K;
    private static final int S = Key.S;
    private static final int P = Key.P;
    private static final int D = Key.D;
    private static final int C = Key.C;
    private static final int G = Key.G;
    private static final int BIAS = Key.BIAS;
    private static final int CEIL = Key.CEIL;
    private static final int O = Key.O;
    private static final int N = Key.N;
    private static final int I = Key.I;

    /** Branch item codes, beside the layer codes of {@link Kinds}. */
    private static final int ADD = NameTable.ADD;
    private static final int CAT = NameTable.CAT;
    private static final int MUL = NameTable.MUL;
    private static final int RES = NameTable.RES;
    /** Layer names from the kind table (and the branch names), matched in place without a substring. */
    private static final NameTable ITEMS = NameTable.items();
    /** Key names from the kind table's keys. */
    private static final NameTable KEYS = NameTable.keys();

    /** Zeros after the characters, so that a number may look a few characters ahead without a bound check. */
    private static final int SENTINELS = 8;
    /** Per op code, its fresh record ({@link Layer#clear}) with the default bias of its kind. */
    private static final int[] TEMPLATES = new int[Kinds.SIZE * Layer.INTS];

    static {
        for (int op = 0; op < Kinds.SIZE; op++) {
            Layer.clear(TEMPLATES, op * Layer.INTS, op);
            TEMPLATES[op * Layer.INTS + Layer.BIAS] = Kinds.defaultBias(op);
        }
    }

    /**
     * The text as one byte per character (a reused buffer), {@link FastLayer#SLACK} zeros after
     * it: the fast path reads it eight bytes at a time. A character above 127 is a byte above 127
     * here, which no fast form accepts.
     */
    private byte[] bytes = new byte[256];
    /**
     * The characters of the text (a reused buffer: scanning an array beats {@link String#charAt}),
     * for the exact path; filled from {@link #bytes} only when a layer needs that path.
     */
    private char[] chars = new char[256];
    /** {@link #chars} and {@link #bytes} as buffers, and an encoder that copies the one to the other. */
    private CharBuffer charView = CharBuffer.wrap(chars);
    private ByteBuffer byteView = ByteBuffer.wrap(bytes);
    private final CharsetEncoder latin1 = StandardCharsets.ISO_8859_1.newEncoder();
    /** True when {@link #chars} holds the text being parsed. */
    private boolean charsReady;
    private int length;
    private int pos;
    private int[] records = new int[Layer.INTS * 16];
    private int count;
    private int depth;
    /** False only in tests: every layer takes the exact path, to compare both. */
    private final boolean fast;

    /** A parser with its own reused buffers. */
    public ArchParser() {
        this(true);
    }

    ArchParser(boolean fast) {
        this.fast = fast;
    }

    /** Parses {@code text}; throws {@link ArchSyntaxException} on any error. */
    public static Network parse(String text) {
        return new ArchParser().parseNetwork(text);
    }

    /** Parses {@code text} reusing this parser's buffers. */
    public Network parseNetwork(String text) {
        final int n = parseRecords(text);
        return new Network(records, n);
    }

    /**
     * Parses {@code text} into this parser's record buffer without a {@link Network}: returns the
     * number of records, which {@link #records()} then holds from index 0 until the next parse.
     */
    public int parseRecords(String text) {
        final int n = text.length();
        ensureCapacity(n);
        text.getChars(0, n, chars, 0);
        Arrays.fill(chars, n, n + SENTINELS, '\0');
        if (charView.capacity() != chars.length) {
            charView = CharBuffer.wrap(chars);
        }
        if (byteView.capacity() != bytes.length) {
            byteView = ByteBuffer.wrap(bytes);
        }
        // Latin-1 encoding copies the characters as bytes with the JDK's vectorised loop; it stops
        // at the first character above 255, and then each character is narrowed one by one.
        latin1.reset();
        charView.clear().limit(n);
        byteView.clear();
        if (latin1.encode(charView, byteView, true).isError() || charView.position() != n) {
            narrow(n);
        }
        charsReady = true;
        return run(n);
    }

    /**
     * Parses the UTF-8 text {@code bytes[from, to)} (which must be valid UTF-8) like
     * {@link #parseRecords(String)}, reading the bytes themselves: characters are made only when a
     * layer needs the exact path (ASCII widened in place, other text decoded). When the array holds
     * {@link FastLayer#SLACK} bytes after the text (whatever they are), the fast path reads the text
     * where it is, and the text is copied only when some layer needs another path.
     */
    public int parseRecords(byte[] bytes, int from, int to) {
        if (fast && to < bytes.length - FastLayer.SLACK && inPlace(bytes, from, to)) {
            return count;
        }
        final int n = to - from;
        ensureCapacity(n);
        System.arraycopy(bytes, from, this.bytes, 0, n);
        charsReady = false;
        return run(n);
    }

    /**
     * The records of the last {@link #parseRecords} ({@link Layer#INTS} ints each, from index 0);
     * the buffer is reused by the next parse.
     */
    public int[] records() {
        return records;
    }

    private void ensureCapacity(int n) {
        if (bytes.length < n + FastLayer.SLACK) {
            bytes = new byte[Math.max(n + FastLayer.SLACK, bytes.length * 2)];
        }
        if (chars.length < n + SENTINELS) {
            chars = new char[Math.max(n + SENTINELS, chars.length * 2)];
        }
    }

    /** {@link #bytes} from the first {@code n} {@link #chars}: ASCII as is, any other character as a byte above 127. */
    private void narrow(int n) {
        final char[] t = chars;
        final byte[] b = bytes;
        for (int i = 0; i < n; i++) {
            final int ch = t[i];
            b[i] = (byte) (ch | (0x7f - ch) >> 31 & 0x80);
        }
    }

    private int run(int n) {
        this.length = n;
        Arrays.fill(bytes, n, n + FastLayer.SLACK, (byte) 0);
        this.pos = 0;
        this.count = 0;
        this.depth = 0;
        if (fast) {
            fastLayers();
            if (pos == length && count > 0) {
                return count;
            }
        }
        prepareChars();
        if (count == 0) {
            skipSpace();
            if (pos == length) {
                throw error(pos, "expected a layer, found an empty architecture");
            }
        }
        stack(false, count == 0);
        if (pos < length) {
            throw error(pos, "expected white space or end of input, found " + found());
        }
        return count;
    }

    /**
     * Parses the common case of a whole text: layers of the fast form separated by one space.
     * Stops at the end of the text, or where the next layer or separator is another form, with
     * {@link #pos} after the last layer parsed (or at 0), where {@link #stack} goes on.
     */
    private void fastLayers() {
        final byte[] b = bytes;
        final int n = length;
        int p = 0;
        int c = count;
        while (c < Limits.MAX_LAYERS) {
            final int at = c * Layer.INTS;
            if (at + Layer.INTS > records.length) {
                records = Arrays.copyOf(records, records.length * 2);
            }
            final int end = FastLayer.layer(b, p, records, at);
            if (end < 0) {
                break;
            }
            c++;
            pos = end;
            if (end == n || b[end] != ' ') {
                break;
            }
            p = end + 1;
        }
        count = c;
    }

    /**
     * The fast path over the text {@code b[from, to)} where it is (the bytes after it may be
     * anything): true, with {@link #count} set, when every layer of the text took the fast path;
     * false when some layer or separator needs another (a layer that reaches past {@code to} too),
     * and then the caller parses the whole text again from a copy.
     */
    private boolean inPlace(byte[] b, int from, int to) {
        int p = from;
        int c = 0;
        while (c < Limits.MAX_LAYERS && p < to) {
            final int at = c * Layer.INTS;
            if (at + Layer.INTS > records.length) {
                records = Arrays.copyOf(records, records.length * 2);
            }
            final int end = FastLayer.layer(b, p, records, at);
            if (end < 0 || end > to) {
                return false;
            }
            c++;
            if (end == to) {
                count = c;
                return true;
            }
            if (b[end] != ' ') {
                return false;
            }
            p = end + 1;
        }
        return false;
    }

    /**
     * Makes {@link #chars} hold the text for the exact path, if it does not yet: the bytes widened
     * when they are ASCII, else decoded from UTF-8 (then {@link #bytes} is narrowed again, so that
     * both index characters alike). The fast path read only ASCII before {@link #pos}, so
     * {@link #pos} counts characters either way.
     */
    private void prepareChars() {
        if (charsReady) {
            return;
        }
        final byte[] b = bytes;
        final int n = length;
        int high = 0;
        for (int i = 0; i < n; i++) {
            high |= b[i];
        }
        if (high < 0) {
            String text = new String(b, 0, n, StandardCharsets.UTF_8);
            final int decoded = text.length();
            ensureCapacity(decoded);
            text.getChars(0, decoded, chars, 0);
            narrow(decoded);
            length = decoded;
            Arrays.fill(bytes, decoded, decoded + FastLayer.SLACK, (byte) 0);
        } else {
            final char[] t = chars;
            for (int i = 0; i < n; i++) {
                t[i] = (char) b[i];
            }
        }
        Arrays.fill(chars, length, length + SENTINELS, '\0');
        charsReady = true;
    }

    /** Parses items until end of input, or until '|' or ')' when inside a branch. */
    private void stack(boolean inBranch, boolean firstItem) {
        boolean first = firstItem;
        while (true) {
            int before = pos;
            skipSpace();
            if (pos == length) {
                return;
            }
            char ch = chars[pos];
            if (inBranch && (ch == '|' || ch == ')')) {
                return;
            }
            if (!first && before == pos) {
                throw error(pos, "expected white space between layers, found " + found());
            }
            item();
            first = false;
        }
    }

    private void item() {
        if (fast && fastLayer()) {
            return;
        }
        int start = pos;
        int end = opNameEnd();
        if (end == start) {
            throw error(pos, "expected a layer name, found " + found());
        }
        pos = end;
        int code = ITEMS.find(chars, start, end);
        switch (code) {
            case ADD:
                branch(start, Op.ADD, "add", false);
                return;
            case CAT:
                branch(start, Op.CAT, "cat", false);
                return;
            case MUL:
                branch(start, Op.MUL, "mul", false);
                return;
            case RES:
                branch(start, Op.ADD, "res", true);
                return;
            default:
                if (code < 0) {
                    throw error(start, "unknown op '" + new String(chars, start, end - start) + "' (expected "
                        + Op.layerNames() + ", add, cat, mul or res)");
                }
                layer(start, code);
        }
    }

    private void branch(int start, int marker, String name, boolean residual) {
        if (peek() != '(') {
            throw error(pos, "expected '(' after " + name + ", found " + found());
        }
        pos++;
        if (++depth > Limits.MAX_DEPTH) {
            throw error(start, "branches nested deeper than " + Limits.MAX_DEPTH);
        }
        append(start, marker);
        stack(true, true);
        if (residual) {
            append(pos, Op.NEXT);
        } else {
            int branches = 1;
            while (peek() == '|') {
                pos++;
                append(pos, Op.NEXT);
                stack(true, true);
                branches++;
            }
            if (branches < 2) {
                throw error(pos, "expected '|' and a second branch in " + name + "(, found " + found());
            }
        }
        if (peek() != ')') {
            throw error(pos, "expected ')' to close " + name + "( at column " + (start + 1) + ", found " + found());
        }
        pos++;
        append(pos, Op.END);
        depth--;
    }

    /**
     * The exact path for one layer: any white space, any value form, every error with its
     * message. {@link #fastLayer} takes the common form first.
     */
    private void layer(int start, int op) {
        String name = Kinds.name(op);
        int at = append(start, op);
        int seen = 0;
        if (peek() == '(') {
            pos++;
            skipSpace();
            if (peek() != ')') {
                while (true) {
                    seen |= argument(op, name, at, seen);
                    skipSpace();
                    if (peek() == ',') {
                        pos++;
                        skipSpace();
                    } else if (peek() == ')') {
                        break;
                    } else {
                        throw error(pos, "expected ',' or ')' in " + name + "(, found " + found());
                    }
                }
            }
            pos++;
        }
        int missing = Kinds.requiredKeys(op) & ~seen;
        if (missing != 0) {
            String key = Key.name(Integer.numberOfTrailingZeros(missing));
            throw error(start, name + " needs " + key + " (" + describe(key) + ")");
        }
        if (Kinds.is(op, Kinds.POOL) && (seen & Key.bit(S)) == 0) {
            records[at + Layer.SH] = records[at + Layer.KH];
            records[at + Layer.SW] = records[at + Layer.KW];
        }
        if (op == Op.CHUNK && records[at + Layer.INDEX] >= records[at + Layer.G]) {
            throw error(start, "chunk part i=" + records[at + Layer.INDEX] + " is outside 0.."
                + (records[at + Layer.G] - 1)
                + " (i is the 0-based part of n=" + records[at + Layer.G] + ")");
        }
    }

    /**
     * The common form of a layer at {@link #pos} ({@link FastLayer}): appends its record and
     * returns true; returns false, having appended nothing, for any other form, which
     * {@link #layer} then parses (or reports) exactly.
     */
    private boolean fastLayer() {
        if (count == Limits.MAX_LAYERS) {
            return false;
        }
        final int at = count * Layer.INTS;
        if (at + Layer.INTS > records.length) {
            records = Arrays.copyOf(records, records.length * 2);
        }
        final int end = FastLayer.layer(bytes, pos, records, at);
        if (end < 0) {
            return false;
        }
        count++;
        pos = end;
        return true;
    }

    /** Parses one key=value into the record at {@code at}; returns the key's bit. */
    private int argument(int op, String name, int at, int seen) {
        int keyStart = pos;
        int keyEnd = wordEnd();
        pos = keyEnd;
        int index = KEYS.find(chars, keyStart, keyEnd);
        String key = index >= 0 ? Key.name(index) : new String(chars, keyStart, keyEnd - keyStart);
        int allowed = Kinds.keys(op);
        if (keyEnd == keyStart) {
            throw error(pos, allowed == 0 ? "expected ')' after " + name + "( (it takes no arguments), found " + found()
                : "expected a key of " + name + " (" + Key.list(allowed) + "), found " + found());
        }
        if (index < 0 || (allowed & Key.bit(index)) == 0) {
            throw error(keyStart, "key '" + key + "' does not apply to " + name
                + (allowed == 0 ? " (it takes no arguments)" : " (keys: " + Key.list(allowed) + ")"));
        }
        if ((seen & Key.bit(index)) != 0) {
            throw error(keyStart, "key '" + key + "' of " + name + " given twice (each key may appear once)");
        }
        skipSpace();
        if (peek() != '=') {
            throw error(pos, "expected '=' after key '" + key + "', found " + found());
        }
        pos++;
        skipSpace();
        switch (index) {
            case K:
                pair(key, at + Layer.KH, 1, Limits.MAX_WINDOW, "a positive kernel");
                break;
            case S:
                pair(key, at + Layer.SH, 1, Limits.MAX_WINDOW, "a positive stride");
                break;
            case D:
                pair(key, at + Layer.DH, 1, Limits.MAX_WINDOW, "a positive dilation");
                break;
            case P:
                padding(at);
                break;
            case C:
                records[at + Layer.C] = number(key, 1, Limits.MAX_CHANNELS, "a positive channel count");
                break;
            case G:
                records[at + Layer.G] = number(key, 1, Limits.MAX_CHANNELS, "a positive group count");
                break;
            case BIAS:
                records[at + Layer.BIAS] = number(key, 0, 1, "0 or 1");
                break;
            case O:
                pair(key, at + Layer.KH, 1, Limits.MAX_EXTENT, "a positive output size");
                break;
            case N:
                records[at + Layer.G] = number(key, 1, Limits.MAX_CHANNELS, "a positive number of parts");
                break;
            case I:
                records[at + Layer.INDEX] = number(key, 0, Limits.MAX_CHANNELS - 1, "a part index of 0 or more");
                break;
            case CEIL: {
                int ceil = number(key, 0, 1, "0 or 1");
                if (records[at + Layer.MODE] == Rounding.FLOOR) {
                    records[at + Layer.MODE] = ceil == 1 ? Rounding.CEIL : Rounding.FLOOR;
                } else if (ceil == 1) {
                    throw error(keyStart, "ceil=1 applies to explicit padding, not to p="
                        + (records[at + Layer.MODE] == Rounding.SAME ? "same" : "valid"));
                }
                break;
            }
            default:
                throw new AssertionError(key);
        }
        return Key.bit(index);
    }

    private void pair(String key, int offset, int min, int max, String rule) {
        int h = number(key, min, max, rule);
        int w = h;
        if (peek() == 'x') {
            pos++;
            w = number(key, min, max, rule);
        }
        records[offset] = h;
        records[offset + 1] = w;
    }

    private void padding(int at) {
        if (isAsciiLetter(peek())) {
            int start = pos;
            pos = wordEnd();
            String mode = matches(start, pos, "same") ? "same" : matches(start, pos, "valid") ? "valid"
                : new String(chars, start, pos - start);
            int code;
            if (mode.equals("same")) {
                code = Rounding.SAME;
            } else if (mode.equals("valid")) {
                code = Rounding.VALID;
            } else {
                throw error(start, "p=" + mode + " is not a padding (expected N, HxW, before:after, same or valid)");
            }
            if (records[at + Layer.MODE] == Rounding.CEIL) {
                throw error(start, "ceil=1 applies to explicit padding, not to p=" + mode);
            }
            records[at + Layer.MODE] = code;
            return;
        }
        side(at + Layer.PT);
        if (peek() == 'x') {
            pos++;
            side(at + Layer.PL);
        } else {
            records[at + Layer.PL] = records[at + Layer.PT];
            records[at + Layer.PR] = records[at + Layer.PB];
        }
    }

    private void side(int offset) {
        int before = number("p", 0, Limits.MAX_PADDING, "a padding of 0 or more");
        int after = before;
        if (peek() == ':') {
            pos++;
            after = number("p", 0, Limits.MAX_PADDING, "a padding of 0 or more");
        }
        records[offset] = before;
        records[offset + 1] = after;
    }

    private int number(String key, int min, int max, String rule) {
        final char[] t = chars;
        final int end = length;
        int start = pos;
        int p = start;
        boolean negative = p < end && t[p] == '-' && p + 1 < end && Character.isDigit(t[p + 1]);
        if (negative) {
            p++;
        }
        long value;
        int d0 = t[p] - '0';
        int d1 = t[p + 1] - '0';
        int d2 = t[p + 2] - '0';
        int a = digitBit(d0);
        int b = a & digitBit(d1);
        int c = b & digitBit(d2);
        if (c == 0 || digitBit(t[p + 3] - '0') == 0) {
            // up to three digits without a branch per digit (the sentinel zeros after the text end the run)
            value = (long) ((d0 * a * (1 + 9 * b) + d1 * b) * (1 + 9 * c) + d2 * c);
            p += a + b + c;
        } else {
            value = 0;
            while (p < end && digitBit(t[p] - '0') == 1) {
                // Saturates far above any bound (2^40), so long digit strings never wrap around.
                value = Math.min(value * 10 + (t[p] - '0'), 1L << 40);
                p++;
            }
        }
        pos = p;
        if (start == p) {
            throw error(p, "expected a number for " + key + ", found " + found());
        }
        if (negative) {
            value = -1;
        }
        if (value < min || value > max) {
            String digits = p - start <= 24 ? new String(chars, start, p - start)
                : new String(chars, start, 20) + "... (" + (p - start) + " digits)";
            throw error(start, key + "=" + digits + " is not " + rule + " (allowed " + min + ".." + max + ")");
        }
        return (int) value;
    }

    private int append(int column, int op) {
        if (count == Limits.MAX_LAYERS) {
            throw error(column, "more than " + Limits.MAX_LAYERS + " layers");
        }
        int at = count * Layer.INTS;
        if (at + Layer.INTS > records.length) {
            records = Arrays.copyOf(records, records.length * 2);
        }
        System.arraycopy(TEMPLATES, op * Layer.INTS, records, at, Layer.INTS);
        count++;
        return at;
    }

    /** The end of the op name at {@code pos}: letters, then letters or digits ({@code relu6}). */
    private int opNameEnd() {
        final char[] t = chars;
        final int start = pos;
        final int end = length;
        int p = start;
        while (p < end && (isAsciiLetter(t[p]) || (p > start && isDigit(t[p])))) {
            p++;
        }
        return p;
    }

    /** The end of the run of ASCII letters at {@code pos}. */
    private int wordEnd() {
        final char[] t = chars;
        final int end = length;
        int p = pos;
        while (p < end && isAsciiLetter(t[p])) {
            p++;
        }
        return p;
    }

    private boolean matches(int start, int end, String word) {
        return end - start == word.length() && NameTable.regionEquals(chars, start, word);
    }

    /** 1 when {@code digit} (a character minus '0') is 0..9, else 0; no branch. */
    private static int digitBit(int digit) {
        return ((digit | (9 - digit)) >>> 31) ^ 1;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    private void skipSpace() {
        final char[] t = chars;
        final int end = length;
        int p = pos;
        while (p < end && isSpace(t[p])) {
            p++;
        }
        pos = p;
    }

    /** {@link Character#isWhitespace}, with printable ASCII decided without the lookup. */
    private static boolean isSpace(char ch) {
        return (ch <= ' ' || ch >= 0x7f) && Character.isWhitespace(ch);
    }

    private char peek() {
        return pos < length ? chars[pos] : '\0';
    }

    private String found() {
        if (pos >= length) {
            return "end of input";
        }
        char ch = chars[pos];
        return Character.isWhitespace(ch) ? "white space" : "'" + ch + "'";
    }

    private ArchSyntaxException error(int at, String message) {
        return new ArchSyntaxException(at + 1, message);
    }

    private static String describe(String key) {
        switch (key) {
            case "k":
                return "the kernel, like k=3";
            case "c":
                return "the output channels, like c=64";
            case "g":
                return "the groups, like g=2";
            case "o":
                return "the output size, like o=7";
            case "n":
                return "the number of channel parts, like n=2";
            case "i":
                return "the 0-based part to keep, like i=0";
            default:
                return key;
        }
    }
}
