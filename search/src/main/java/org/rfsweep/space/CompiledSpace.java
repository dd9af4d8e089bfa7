package org.rfsweep.space;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.math.Limits;

/**
 * A {@link Space} compiled for sweeping: the stem, head and fixed stage layers as records, and
 * per stage two {@link ChoiceTable}s (the first position, which carries the stage's stride, and
 * the others). Candidates are numbered by a mixed-radix index; {@link Decoder} turns an index
 * into records without allocating.
 *
 * <h2>Candidate index</h2>
 * A candidate is an input {@code x}, and per stage {@code s} a depth {@code d_s} and one digit per
 * position. Stage {@code s} has {@code N_s = sum over d of count_s(d)} local choices, with
 * {@code count_s(0) = 1} and {@code count_s(d) = first_s * rest_s^(d-1)}. The index is
 *
 * <pre>
 *   index = ((x * N_1 + j_1) * N_2 + j_2) ... * N_S + j_S          (the last stage varies fastest)
 *   j_s   = offset_s(d_s) + digits of positions 0..d_s-1 in mixed radix (position 0 most significant)
 *   offset_s(d) = sum over depths e below d (from the stage's minimum) of count_s(e)
 * </pre>
 *
 * so enumeration runs like an odometer: the last position of the last stage turns fastest,
 * depths grow within each stage, and the input turns slowest. The size, {@code inputs * prod N_s},
 * is exact ({@link #size()}); indices are longs, so a space above {@code 2^63 - 1} candidates is
 * swept by ranges below that.
 *
 * <p>Compiling checks the worst case of the whole space against {@link Limits} (see
 * {@link WorstCase}), so no candidate can overflow the evaluator. Immutable and thread-safe.
 */
public final class CompiledSpace {
    private final Space space;
    private final int[] inH;
    private final int[] inW;
    private final int[] inC;
    private final String[] inputText;
    private final Block stem;
    private final Block head;
    private final int stages;
    private final int[] depthMin;
    private final int[] depthMax;
    private final ChoiceTable[] first;
    private final ChoiceTable[] rest;
    private final Block[] pre;
    private final Block[] post;
    private final int[] stageBase;
    private final int positions;
    private final BigInteger size;
    private final BigInteger[] stageSize;
    private final BigInteger[][] depthOffset;
    private final long[] stageRadix;
    private final long[][] depthOffsetLong;
    private final int maxInts;
    private final int maxArchBytes;
    private final boolean uniform;

    private CompiledSpace(Space space) {
        this.space = space;
        List<InputShape> inputs = space.inputs();
        int n = inputs.size();
        inH = new int[n];
        inW = new int[n];
        inC = new int[n];
        inputText = new String[n];
        for (int i = 0; i < n; i++) {
            inH[i] = inputs.get(i).h;
            inW[i] = inputs.get(i).w;
            inC[i] = inputs.get(i).c;
            inputText[i] = inputs.get(i).toString();
        }
        stem = Block.of(space.stem());
        head = Block.of(space.head());
        List<Stage> list = space.stages();
        stages = list.size();
        depthMin = new int[stages];
        depthMax = new int[stages];
        first = new ChoiceTable[stages];
        rest = new ChoiceTable[stages];
        pre = new Block[stages];
        post = new Block[stages];
        stageBase = new int[stages];
        stageSize = new BigInteger[stages];
        depthOffset = new BigInteger[stages][];
        stageRadix = new long[stages];
        depthOffsetLong = new long[stages][];
        int base = 0;
        long ints = (long) stem.records.length + head.records.length;
        long text = stem.bytes.length + head.bytes.length + 2L;
        BigInteger total = BigInteger.valueOf(n);
        boolean same = true;
        for (int s = 0; s < stages; s++) {
            Stage st = list.get(s);
            depthMin[s] = st.depthMin;
            depthMax[s] = st.depthMax;
            rest[s] = ChoiceTable.compile(st.choices(), null);
            first[s] = st.stride == null ? rest[s] : ChoiceTable.compile(st.choices(), st.stride);
            same &= rest[s].uniform() && first[s].uniform();
            pre[s] = Block.of(st.preNetwork());
            post[s] = Block.of(st.postNetwork());
            stageBase[s] = base;
            base += st.depthMax;
            int span = st.depthMax - st.depthMin + 1;
            depthOffset[s] = new BigInteger[span + 1];
            depthOffsetLong[s] = new long[span + 1];
            BigInteger sum = BigInteger.ZERO;
            for (int k = 0; k <= span; k++) {
                depthOffset[s][k] = sum;
                depthOffsetLong[s][k] = saturate(sum);
                if (k < span) {
                    sum = sum.add(count(s, st.depthMin + k));
                }
            }
            stageSize[s] = sum;
            stageRadix[s] = saturate(sum);
            total = total.multiply(sum);
            text += pre[s].bytes.length + post[s].bytes.length + 2L
                + (long) st.depthMax * (Math.max(first[s].maxTextBytes(), rest[s].maxTextBytes()) + 1);
            int widest = Math.max(first[s].maxRecords(), rest[s].maxRecords());
            ints += (long) Layer.INTS * ((long) widest * st.depthMax + (pre[s].records.length + post[s].records.length)
                / Layer.INTS);
        }
        positions = base;
        size = total;
        uniform = same;
        if (ints > (long) Limits.MAX_LAYERS * Layer.INTS) {
            throw new SpecException("body", "the deepest candidate has " + ints / Layer.INTS
                + " layers, above the largest stack of " + Limits.MAX_LAYERS);
        }
        maxInts = (int) ints;
        if (text > Integer.MAX_VALUE - 16) {
            throw new SpecException("body", "the longest candidate's architecture string has " + text
                + " characters, too many for one CSV field");
        }
        maxArchBytes = (int) text;
    }

    /**
     * Compiles {@code space}, checking its worst case against {@link Limits}.
     *
     * @throws SpecException naming the file and the part of the space that could leave the bounds
     */
    public static CompiledSpace compile(Space space) {
        try {
            CompiledSpace compiled = new CompiledSpace(space);
            compiled.checkNotEmpty();
            WorstCase.check(compiled);
            return compiled;
        } catch (SpecException e) {
            throw e.in(space.source());
        }
    }

    private void checkNotEmpty() {
        if (stem.count() > 0 || head.count() > 0) {
            return;
        }
        for (int s = 0; s < stages; s++) {
            if (depthMin[s] > 0 || pre[s].count() > 0 || post[s].count() > 0) {
                return;
            }
        }
        throw new SpecException("body", "the shallowest candidate has no layers (add a stem or a head, or raise a depth"
            + " minimum above 0)");
    }

    private BigInteger count(int s, int depth) {
        if (depth == 0) {
            return BigInteger.ONE;
        }
        return BigInteger.valueOf(first[s].size()).multiply(BigInteger.valueOf(rest[s].size()).pow(depth - 1));
    }

    private static long saturate(BigInteger v) {
        return v.bitLength() > 63 ? Long.MAX_VALUE : v.longValue();
    }

    /** A decoder of candidates of this space; one per thread. */
    public Decoder decoder() {
        return new Decoder(this);
    }

    /** The space this was compiled from. */
    public Space space() {
        return space;
    }

    /** Number of candidates, exactly. */
    public BigInteger size() {
        return size;
    }

    /** Number of candidates of stage {@code s} alone (over all its depths). */
    public BigInteger stageSize(int s) {
        return stageSize[s];
    }

    public int inputCount() {
        return inH.length;
    }

    public int inputH(int x) {
        return inH[x];
    }

    public int inputW(int x) {
        return inW[x];
    }

    public int inputC(int x) {
        return inC[x];
    }

    /** Input {@code x} as {@code HxWxC}. */
    public String inputText(int x) {
        return inputText[x];
    }

    public int stages() {
        return stages;
    }

    public int depthMin(int s) {
        return depthMin[s];
    }

    public int depthMax(int s) {
        return depthMax[s];
    }

    /** The choices of stage {@code s}'s first position (with the stage's stride). */
    public ChoiceTable firstTable(int s) {
        return first[s];
    }

    /** The choices of stage {@code s}'s other positions. */
    public ChoiceTable restTable(int s) {
        return rest[s];
    }

    /** The table of position {@code p} of stage {@code s}. */
    public ChoiceTable table(int s, int p) {
        return p == 0 ? first[s] : rest[s];
    }

    /** The stem's records (possibly empty); do not modify. */
    public int[] stemRecords() {
        return stem.records;
    }

    public int[] headRecords() {
        return head.records;
    }

    public int[] preRecords(int s) {
        return pre[s].records;
    }

    public int[] postRecords(int s) {
        return post[s].records;
    }

    String stemText() {
        return stem.text;
    }

    String headText() {
        return head.text;
    }

    String preText(int s) {
        return pre[s].text;
    }

    String postText(int s) {
        return post[s].text;
    }

    byte[] stemBytes() {
        return stem.bytes;
    }

    byte[] headBytes() {
        return head.bytes;
    }

    byte[] preBytes(int s) {
        return pre[s].bytes;
    }

    byte[] postBytes(int s) {
        return post[s].bytes;
    }

    /**
     * True when no candidate's architecture string holds any of {@code chars}: none of the texts
     * it is joined from (with single spaces) does. The sweep asks once whether its rows' arch
     * needs more than the delimiter test to be quoted (a quote, CR or LF never appears in the
     * canonical text).
     */
    public boolean archFreeOf(String chars) {
        List<byte[]> parts = new ArrayList<>(List.of(stem.bytes, head.bytes, " ".getBytes(StandardCharsets.US_ASCII)));
        for (int s = 0; s < stages; s++) {
            parts.add(pre[s].bytes);
            parts.add(post[s].bytes);
            for (ChoiceTable t : new ChoiceTable[] {first[s], rest[s]}) {
                for (int e = 0; e < t.size(); e++) {
                    parts.add(t.textBytes(e));
                }
            }
        }
        for (byte[] part : parts) {
            for (byte b : part) {
                if (chars.indexOf(b) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Index of stage {@code s}'s first position in a digit vector. */
    int stageBase(int s) {
        return stageBase[s];
    }

    /** Positions over all stages at their maximum depths: the length of a digit vector. */
    public int positions() {
        return positions;
    }

    /** Ints the deepest candidate needs. */
    public int maxInts() {
        return maxInts;
    }

    /** Bytes the longest architecture string can take. */
    public int maxArchBytes() {
        return maxArchBytes;
    }

    boolean uniform() {
        return uniform;
    }

    long stageRadix(int s) {
        return stageRadix[s];
    }

    /** Offset of depth {@code d} within stage {@code s}'s local index, saturated at {@code Long.MAX_VALUE}. */
    long depthOffsetLong(int s, int d) {
        return depthOffsetLong[s][d - depthMin[s]];
    }

    BigInteger depthOffset(int s, int d) {
        return depthOffset[s][d - depthMin[s]];
    }

    /** Fixed records with their canonical text. */
    private static final class Block {
        private static final Block EMPTY = new Block(new int[0], "");
        final int[] records;
        final String text;
        final byte[] bytes;

        private Block(int[] records, String text) {
            this.records = records;
            this.text = text;
            this.bytes = text.getBytes(StandardCharsets.US_ASCII);
        }

        static Block of(Network network) {
            return network == null ? EMPTY : new Block(network.records(), network.toString());
        }

        int count() {
            return records.length / Layer.INTS;
        }
    }
}
