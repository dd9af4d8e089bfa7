package org.rfsweep.space;

import java.math.BigInteger;
import org.rfsweep.core.layout.Layer;

/**
 * Turns candidate indices of a {@link CompiledSpace} into a stack of {@link Layer} records in a
 * reused buffer: stem, then per stage its {@code pre} layers, the chosen entry of each position
 * and its {@code post} layers, then the head. No call allocates.
 *
 * <pre>
 *   Decoder dec = space.decoder();
 *   dec.decode(i);                                   // any index below space.size()
 *   evaluator.evaluate(dec.records(), 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0);
 *   dec.next();                                      // candidate i + 1, copying only changed records
 *   dec.sample(seed, k);                             // sample k of the seeded sampler
 * </pre>
 *
 * <h2>Sampler</h2>
 * {@link #sample} draws candidate {@code k} from the SplitMix64 stream seeded with
 * {@code SplitMix.at(seed, k)}: the input uniformly, then per stage in order its depth uniformly
 * in {@code min..max}, then each of its positions' entries uniformly (as pycls samples AnyNet
 * spaces: uniform per depth, not per candidate). Each draw is {@link SplitMix#below}.
 *
 * <p>Not thread-safe: one decoder per thread.
 */
public final class Decoder {
    private final CompiledSpace sp;
    private final int stages;
    private final ChoiceTable[] first;
    private final ChoiceTable[] rest;
    private final int[] depthMin;
    private final int[] depthMax;
    private final int[] stageBase;
    private final long sizeLong;
    private final boolean uniform;
    private final int[] buf;
    private final int[] depth;
    private final int[] digit;
    private final int[] at;
    /** Scratch for the current candidate's choices in the layout of {@link #choiceInts()}. */
    private final int[] choice;
    private int ints;
    private int input;
    /** The first record that differs from the previous candidate's; 0 after a decode or sample. */
    private int changed;
    /**
     * The position that {@link #next} turns first, in {@link #digit} and {@link #at}, when its step is
     * the common one (see {@link #findLast}); -1 when {@link #next} must take the general path.
     */
    private int last = -1;
    /** The choice table of position {@link #last}. */
    private ChoiceTable lastTable;

    Decoder(CompiledSpace sp) {
        this.sp = sp;
        this.stages = sp.stages();
        this.first = new ChoiceTable[stages];
        this.rest = new ChoiceTable[stages];
        this.depthMin = new int[stages];
        this.depthMax = new int[stages];
        this.stageBase = new int[stages];
        for (int s = 0; s < stages; s++) {
            first[s] = sp.firstTable(s);
            rest[s] = sp.restTable(s);
            depthMin[s] = sp.depthMin(s);
            depthMax[s] = sp.depthMax(s);
            stageBase[s] = sp.stageBase(s);
        }
        this.sizeLong = sp.size().bitLength() > 63 ? Long.MAX_VALUE : sp.size().longValue();
        this.uniform = sp.uniform();
        this.buf = new int[sp.maxInts()];
        this.depth = new int[stages];
        this.digit = new int[sp.positions()];
        this.at = new int[sp.positions()];
        this.choice = new int[1 + stages + sp.positions()];
        System.arraycopy(depthMin, 0, depth, 0, stages);
        layout();
    }

    /**
     * Decodes candidate {@code index}.
     *
     * @throws IllegalArgumentException when {@code index} is negative or not below the size
     */
    public void decode(long index) {
        if (index < 0 || (index >= sizeLong && sizeLong != Long.MAX_VALUE)) {
            throw new IllegalArgumentException("index=" + index + " is outside 0.."
                + sp.size().subtract(BigInteger.ONE));
        }
        long idx = index;
        for (int s = stages - 1; s >= 0; s--) {
            long radix = sp.stageRadix(s);
            long j = idx % radix;
            idx /= radix;
            int d = depthMin[s];
            while (d < depthMax[s] && j >= sp.depthOffsetLong(s, d + 1)) {
                d++;
            }
            j -= sp.depthOffsetLong(s, d);
            depth[s] = d;
            int base = stageBase[s];
            int radixRest = rest[s].size();
            for (int p = d - 1; p >= 1; p--) {
                digit[base + p] = (int) (j % radixRest);
                j /= radixRest;
            }
            if (d > 0) {
                digit[base] = (int) j;
            }
        }
        if (idx >= sp.inputCount()) {
            throw new IllegalArgumentException("index=" + index + " is outside 0.."
                + sp.size().subtract(BigInteger.ONE));
        }
        input = (int) idx;
        changed = 0;
        layout();
    }

    /**
     * Decodes candidate {@code index} of any size (the inverse of {@link #encode()}); indices
     * below 2^63 take the 64-bit path.
     *
     * @throws IllegalArgumentException when {@code index} is negative or not below the size
     */
    public void decode(BigInteger index) {
        if (index.bitLength() < 63) {
            decode(index.longValue());
            return;
        }
        if (index.signum() < 0 || index.compareTo(sp.size()) >= 0) {
            throw new IllegalArgumentException("index=" + index + " is outside 0.."
                + sp.size().subtract(BigInteger.ONE));
        }
        BigInteger idx = index;
        for (int s = stages - 1; s >= 0; s--) {
            BigInteger[] qr = idx.divideAndRemainder(sp.stageSize(s));
            idx = qr[0];
            BigInteger j = qr[1];
            int d = depthMin[s];
            while (d < depthMax[s] && j.compareTo(sp.depthOffset(s, d + 1)) >= 0) {
                d++;
            }
            j = j.subtract(sp.depthOffset(s, d));
            depth[s] = d;
            int base = stageBase[s];
            BigInteger radixRest = BigInteger.valueOf(rest[s].size());
            for (int p = d - 1; p >= 1; p--) {
                BigInteger[] digitAndRest = j.divideAndRemainder(radixRest);
                digit[base + p] = digitAndRest[1].intValueExact();
                j = digitAndRest[0];
            }
            if (d > 0) {
                digit[base] = j.intValueExact();
            }
        }
        input = idx.intValueExact();
        changed = 0;
        layout();
    }

    /**
     * Moves to the next candidate in index order, copying only the records that change when
     * the layout stays the same.
     *
     * @return false when the index wrapped around to 0
     */
    public boolean next() {
        final int p = last;
        if (p >= 0) {
            // The common step: the last position turns without wrapping; the layout stays.
            final int v = digit[p] + 1;
            final ChoiceTable t = lastTable;
            if (v < t.size()) {
                digit[p] = v;
                changed = at[p] / Layer.INTS;
                place(t, v, p);
                return true;
            }
        }
        return advance();
    }

    /**
     * How many more times {@link #next} turns only the last position (the last of the last stage
     * that has any), moving no record: the entries after the current one in its table; 0 when
     * {@link #next} takes the general path. Those candidates differ from the current one only in
     * the {@link #lastInts()} ints from record {@link #lastRecord()} on, which are the successive
     * entries of {@link #lastEntries()} from {@link #lastEntry()} on ({@code lastInts()} apart).
     */
    public int lastTurns() {
        return last < 0 ? 0 : lastTable.size() - 1 - digit[last];
    }

    /** The first record of the last position; meaningful when {@link #lastTurns()} is above 0. */
    public int lastRecord() {
        return at[last] / Layer.INTS;
    }

    /**
     * The entries of the last position's table, back to back; meaningful when {@link #lastTurns()}
     * is above 0. Do not modify.
     */
    public int[] lastEntries() {
        return lastTable.data();
    }

    /** Where the current candidate's entry of the last position starts in {@link #lastEntries()}. */
    public int lastEntry() {
        return lastTable.start(digit[last]);
    }

    /** Ints of every entry of the last position. */
    public int lastInts() {
        return lastTable.length(0);
    }

    /** As {@code k} calls of {@link #next} that turn only the last position ({@code k <= lastTurns()}). */
    public void turnLast(int k) {
        final int p = last;
        if (k < 0 || k > lastTurns()) {
            throw new IllegalArgumentException("k=" + k + " is outside 0.." + lastTurns());
        }
        if (k > 0) {
            digit[p] += k;
            changed = at[p] / Layer.INTS;
            place(lastTable, digit[p], p);
        }
    }

    /** {@link #next} in general: the positions turn like the digits of a mixed-radix counter. */
    private boolean advance() {
        boolean dirty = false;
        for (int s = stages - 1; s >= 0; s--) {
            int d = depth[s];
            int base = stageBase[s];
            for (int p = d - 1; p >= 0; p--) {
                ChoiceTable t = p == 0 ? first[s] : rest[s];
                int v = digit[base + p] + 1;
                if (v < t.size()) {
                    digit[base + p] = v;
                    changed = at[base + p] / Layer.INTS;
                    if (dirty || !uniform) {
                        layout();
                    } else {
                        place(t, v, base + p);
                    }
                    return true;
                }
                digit[base + p] = 0;
                if (uniform) {
                    place(t, 0, base + p);
                }
            }
            if (depthMin[s] == depthMax[s]) {
                continue;
            }
            changed = 0;
            if (d < depthMax[s]) {
                depth[s] = d + 1;
                digit[base + d] = 0;
                layout();
                return true;
            }
            depth[s] = depthMin[s];
            dirty = true;
        }
        changed = 0;
        if (++input == sp.inputCount()) {
            input = 0;
            layout();
            return false;
        }
        layout();
        return true;
    }

    /** Decodes sample {@code k} of the seeded sampler (see the class comment). */
    public void sample(long seed, long k) {
        sampleChoices(seed, k, choice, 0);
        loadChoices(choice, 0);
    }

    /**
     * Ints of a candidate's choices, as {@link #sampleChoices} writes them: the input's index,
     * then the depth of each stage, then the digit of each position ({@code base(s) + p}).
     */
    public int choiceInts() {
        return choice.length;
    }

    /**
     * Draws the choices of sample {@code k} of the seeded sampler into {@code dst[off...]}
     * ({@link #choiceInts()} ints) without changing the current candidate; {@link #loadChoices}
     * makes them the current candidate, {@link #arch(int[], int, byte[])} writes their string.
     */
    public void sampleChoices(long seed, long k, int[] dst, int off) {
        long state = SplitMix.at(seed, k);
        state += SplitMix.GOLDEN;
        dst[off] = SplitMix.below(SplitMix.mix(state), sp.inputCount());
        final int digits = off + 1 + stages;
        for (int s = 0; s < stages; s++) {
            state += SplitMix.GOLDEN;
            int d = depthMin[s] + SplitMix.below(SplitMix.mix(state), depthMax[s] - depthMin[s] + 1);
            dst[off + 1 + s] = d;
            int base = digits + stageBase[s];
            for (int p = 0; p < d; p++) {
                state += SplitMix.GOLDEN;
                ChoiceTable t = p == 0 ? first[s] : rest[s];
                dst[base + p] = SplitMix.below(SplitMix.mix(state), t.size());
            }
        }
    }

    /** Makes the choices at {@code src[off...]} (from {@link #sampleChoices}) the current candidate. */
    public void loadChoices(int[] src, int off) {
        input = src[off];
        System.arraycopy(src, off + 1, depth, 0, stages);
        System.arraycopy(src, off + 1 + stages, digit, 0, digit.length);
        changed = 0;
        layout();
    }

    /**
     * Sets the candidate from its parts: input {@code x}, a depth per stage, and the digits of
     * each stage's positions at {@code digits[base(s) + p]} (see {@link #digit(int, int)}).
     */
    public void set(int x, int[] depths, int[] digits) {
        if (x < 0 || x >= sp.inputCount()) {
            throw new IllegalArgumentException("input=" + x + " is outside 0.." + (sp.inputCount() - 1));
        }
        for (int s = 0; s < stages; s++) {
            if (depths[s] < depthMin[s] || depths[s] > depthMax[s]) {
                throw new IllegalArgumentException("depth[" + s + "]=" + depths[s] + " is outside " + depthMin[s] + ".."
                    + depthMax[s]);
            }
            for (int p = 0; p < depths[s]; p++) {
                int v = digits[stageBase[s] + p];
                int radix = p == 0 ? first[s].size() : rest[s].size();
                if (v < 0 || v >= radix) {
                    throw new IllegalArgumentException("digit[" + s + "][" + p + "]=" + v + " is outside 0.."
                        + (radix - 1));
                }
            }
        }
        input = x;
        System.arraycopy(depths, 0, depth, 0, stages);
        System.arraycopy(digits, 0, digit, 0, digit.length);
        changed = 0;
        layout();
    }

    /** The index of the current candidate. */
    public BigInteger encode() {
        BigInteger idx = BigInteger.valueOf(input);
        for (int s = 0; s < stages; s++) {
            BigInteger j = BigInteger.ZERO;
            int base = stageBase[s];
            for (int p = 0; p < depth[s]; p++) {
                int radix = p == 0 ? first[s].size() : rest[s].size();
                j = j.multiply(BigInteger.valueOf(radix)).add(BigInteger.valueOf(digit[base + p]));
            }
            idx = idx.multiply(sp.stageSize(s)).add(sp.depthOffset(s, depth[s]).add(j));
        }
        return idx;
    }

    /**
     * The first record of the current candidate that may differ from the previous one's: after
     * {@link #next}, the record of the position that turned (0 when a depth or the input changed);
     * 0 after {@link #decode}, {@link #sample} and {@link #set}. Records before it are unchanged.
     */
    public int firstChanged() {
        return changed;
    }

    private void layout() {
        int pos = copy(sp.stemRecords(), 0);
        for (int s = 0; s < stages; s++) {
            pos = copy(sp.preRecords(s), pos);
            int base = stageBase[s];
            for (int p = 0; p < depth[s]; p++) {
                at[base + p] = pos;
                pos = copyEntry(p == 0 ? first[s] : rest[s], digit[base + p], pos);
            }
            pos = copy(sp.postRecords(s), pos);
        }
        ints = copy(sp.headRecords(), pos);
        findLast();
    }

    /**
     * Sets {@link #last}: the last position of the last stage that has any, provided every stage
     * after it has a fixed depth (else {@link #next} would change a depth before that position) and
     * every entry of its table has the same length (so turning it moves no record); else -1.
     */
    private void findLast() {
        last = -1;
        for (int s = stages - 1; s >= 0; s--) {
            final int d = depth[s];
            if (d > 0) {
                final ChoiceTable t = d == 1 ? first[s] : rest[s];
                if (t.uniform()) {
                    last = stageBase[s] + d - 1;
                    lastTable = t;
                }
                return;
            }
            if (depthMin[s] != depthMax[s]) {
                return;
            }
        }
    }

    private void place(ChoiceTable t, int e, int position) {
        copyEntry(t, e, at[position]);
    }

    /** Copies entry {@code e} of {@code t} to {@code buf[pos...]}; returns the position after it. */
    private int copyEntry(ChoiceTable t, int e, int pos) {
        final int[] data = t.data();
        final int from = t.start(e);
        final int len = t.length(e);
        if (len == Layer.INTS) {
            // One record: a constant length lets the JIT inline the copy as a few vector moves.
            System.arraycopy(data, from, buf, pos, Layer.INTS);
        } else {
            System.arraycopy(data, from, buf, pos, len);
        }
        return pos + len;
    }

    private int copy(int[] records, int pos) {
        if (records.length == 0) {
            return pos;
        }
        System.arraycopy(records, 0, buf, pos, records.length);
        return pos + records.length;
    }

    /** Appends the candidate's canonical architecture string, built from precomputed texts. */
    public void appendArch(StringBuilder sb) {
        int start = sb.length();
        part(sb, start, sp.stemText());
        for (int s = 0; s < stages; s++) {
            part(sb, start, sp.preText(s));
            int base = stageBase[s];
            for (int p = 0; p < depth[s]; p++) {
                part(sb, start, (p == 0 ? first[s] : rest[s]).text(digit[base + p]));
            }
            part(sb, start, sp.postText(s));
        }
        part(sb, start, sp.headText());
    }

    /**
     * Writes the candidate's canonical architecture string as ASCII into {@code dst} (at least
     * {@link CompiledSpace#maxArchBytes()} long); returns its length.
     */
    public int arch(byte[] dst) {
        choice[0] = input;
        System.arraycopy(depth, 0, choice, 1, stages);
        System.arraycopy(digit, 0, choice, 1 + stages, digit.length);
        return arch(choice, 0, dst);
    }

    /** As {@link #arch(byte[])}, for the candidate whose choices are at {@code choices[off...]}. */
    public int arch(int[] choices, int off, byte[] dst) {
        final int digits = off + 1 + stages;
        int pos = part(dst, 0, sp.stemBytes());
        for (int s = 0; s < stages; s++) {
            pos = part(dst, pos, sp.preBytes(s));
            int base = digits + stageBase[s];
            int d = choices[off + 1 + s];
            for (int p = 0; p < d; p++) {
                pos = part(dst, pos, (p == 0 ? first[s] : rest[s]).textBytes(choices[base + p]));
            }
            pos = part(dst, pos, sp.postBytes(s));
        }
        return part(dst, pos, sp.headBytes());
    }

    private static int part(byte[] dst, int pos, byte[] text) {
        int n = text.length;
        if (n == 0) {
            return pos;
        }
        if (pos > 0) {
            dst[pos++] = ' ';
        }
        System.arraycopy(text, 0, dst, pos, n);
        return pos + n;
    }

    private static void part(StringBuilder sb, int start, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (sb.length() > start) {
            sb.append(' ');
        }
        sb.append(text);
    }

    /** The records buffer; valid up to {@link #ints()}. Do not modify. */
    public int[] records() {
        return buf;
    }

    /** Ints in use. */
    public int ints() {
        return ints;
    }

    /** Records in use. */
    public int count() {
        return ints / Layer.INTS;
    }

    /** The input's index in the space's list. */
    public int input() {
        return input;
    }

    public int inputH() {
        return sp.inputH(input);
    }

    public int inputW() {
        return sp.inputW(input);
    }

    public int inputC() {
        return sp.inputC(input);
    }

    /** The depth of stage {@code s}. */
    public int depth(int s) {
        return depth[s];
    }

    /** The entry chosen at position {@code p} of stage {@code s}; meaningful below its depth. */
    public int digit(int s, int p) {
        return digit[stageBase[s] + p];
    }

    /** The compiled space. */
    public CompiledSpace space() {
        return sp;
    }
}
