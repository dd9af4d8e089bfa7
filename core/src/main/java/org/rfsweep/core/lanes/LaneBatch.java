package org.rfsweep.core.lanes;

import java.util.Arrays;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;

/**
 * The stacks of a {@link StackBatch}, repacked once for the lanes: the plain stacks (see
 * {@link #plain}) go to blocks of {@link #LANES} lanes with one {@code int} column per derived
 * layer field ({@code column[f][blockStart + layer * LANES + lane]}); every other stack is listed
 * for the scalar evaluator. Lanes past a stack's last layer, and the empty lanes of the last
 * block, hold the identity layer (a {@code relu}), which changes nothing.
 *
 * <p>The columns hold what the kernel needs, derived from a record once, in 40 bytes per layer
 * (the kernel is bound by memory traffic once a batch leaves the L2 cache): for a windowed layer
 * {@code ek = d*(k-1)+1}, {@link #SPAN_H} {@code = pt + pb - ek} (so that the floor output is
 * {@code (n + span) / s + 1}), {@link #GROW_H} {@code = ek - 1}, and the count coefficients from
 * {@link #FLAGS}: with {@code c} the input and {@code co} the output channels,
 * {@code m = M_A*co + M_B + (SEP&co)}, MACs {@code = oh*ow*c*m}, params
 * {@code = c*m + (BIAS&co) + BN*c}, activations {@code = oh*ow*((ACT&co) + (SEP&c))}, bias adds
 * {@code = oh*ow*(BIAS&co)}, where {@code SEP}, {@code ACT} and {@code BIAS} are masks (0 or -1).
 * The memory walk of docs/MEMORY.md needs two more bits: {@link #BIT_REAL} (the output counts in
 * {@code act_bytes}) and {@link #BIT_NEW} (a new tensor, alive beside its input; else in place).
 * That is SPEC sections 6 and 7 for conv ({@code M_A = kh*kw}), dwconv ({@code M_B = kh*kw}),
 * sepconv ({@code M_B = kh*kw}, {@code SEP}), pools (all 0) and bn ({@code BN = 2}).
 *
 * <p>{@link #pack} refills a batch in place, so one batch per thread serves batch after batch
 * without allocating; not thread-safe while it is packed, read-only while it is evaluated.
 */
public final class LaneBatch {
    /** Stacks per block. */
    public static final int LANES = 128;

    static final int SPAN_H = 0;
    static final int SPAN_W = 1;
    static final int GROW_H = 2;
    static final int GROW_W = 3;
    static final int PAD_H = 4;
    static final int PAD_W = 5;
    /** Output channels; 0 keeps the input's. */
    static final int C_SET = 6;
    /** {@code kh * kw}. */
    static final int WINDOW = 7;
    /** {@code sh | sw << 16} (both at most {@code Limits.MAX_WINDOW = 2^12}). */
    static final int STRIDES = 8;
    /** The bits below. */
    static final int FLAGS = 9;
    static final int COLUMNS = 10;

    /** {@code M_A = kh*kw}: conv. */
    static final int BIT_M_A = 0;
    /** {@code M_B = kh*kw}: dwconv, sepconv. */
    static final int BIT_M_B = 1;
    static final int BIT_SEP = 2;
    /** Activations counted: conv, dwconv, sepconv. */
    static final int BIT_ACT = 3;
    static final int BIT_BIAS = 4;
    /** {@code BN = 2}: two parameters per channel. */
    static final int BIT_BN = 5;
    /** May be unproductive; the next bit: may be unproductive when 1x1 kernels are ignored. */
    static final int BIT_UNPRODUCTIVE = 6;
    /** A dwconv with explicit channels, which must equal the input's (else the scalar path). */
    static final int BIT_DW_CHECK = 8;
    /** A layer of the stack (not the identity that pads a block): its output counts in {@code act_bytes}. */
    static final int BIT_REAL = 9;
    /** A windowed layer: writes a new tensor (the memory walk of docs/MEMORY.md); else it works in place. */
    static final int BIT_NEW = 10;

    private static final int[] NONE = new int[0];

    /** {@link #KIND} bits: not a plain kind; windowed; needs set channels; needs one group; a pool. */
    private static final int K_NOT_PLAIN = 1;
    private static final int K_WINDOWED = 1 << 1;
    private static final int K_NEEDS_CHANNELS = 1 << 2;
    private static final int K_ONE_GROUP = 1 << 3;
    private static final int K_POOL = 1 << 4;
    /** Per op code, its kind bits (the checks of {@link #plain}, without a branch per layer). */
    private static final int[] KIND = new int[Kinds.SIZE];
    /** Per op code: the {@link #FLAGS} bits that depend on the kind alone. */
    private static final int[] OP_FLAGS = new int[Kinds.SIZE];
    /** Per op code: -1 where {@link #C_SET} takes the record's channels (convolutions), else 0. */
    private static final int[] CHANNEL_MASK = new int[Kinds.SIZE];
    /** Per op code: the flag set when the record's bias is on, and when its channels are explicit. */
    private static final int[] BIAS_FLAG = new int[Kinds.SIZE];
    private static final int[] DW_CHECK_FLAG = new int[Kinds.SIZE];

    static {
        Arrays.fill(KIND, K_NOT_PLAIN);
        final int conv = 1 << BIT_ACT | 1 << BIT_REAL | 1 << BIT_NEW;
        kind(Op.CONV, K_WINDOWED | K_NEEDS_CHANNELS | K_ONE_GROUP, conv | 1 << BIT_M_A);
        kind(Op.DWCONV, K_WINDOWED, conv | 1 << BIT_M_B);
        kind(Op.SEPCONV, K_WINDOWED | K_NEEDS_CHANNELS, conv | 1 << BIT_M_B | 1 << BIT_SEP);
        kind(Op.MAXPOOL, K_WINDOWED | K_POOL, 1 << BIT_REAL | 1 << BIT_NEW);
        kind(Op.AVGPOOL, K_WINDOWED | K_POOL, 1 << BIT_REAL | 1 << BIT_NEW);
        kind(Op.BN, 0, 1 << BIT_BN | 1 << BIT_REAL);
        for (int op = Op.BN + 1; op <= Op.LAST_ELEMENTWISE; op++) {
            kind(op, 0, 1 << BIT_REAL);
        }
        for (int op : new int[] {Op.CONV, Op.DWCONV, Op.SEPCONV}) {
            CHANNEL_MASK[op] = -1;
            BIAS_FLAG[op] = 1 << BIT_BIAS;
        }
        DW_CHECK_FLAG[Op.DWCONV] = 1 << BIT_DW_CHECK;
    }

    private static void kind(int op, int kind, int flags) {
        KIND[op] = kind;
        OP_FLAGS[op] = flags;
    }

    StackBatch source;
    /** The stacks of {@link #source} when this was packed; stacks added later are not seen. */
    int size;
    /** The columns; reused by the next {@link #pack}, so they may be longer than the blocks need. */
    final int[][] column = new int[COLUMNS][];
    int blocks;
    int[] blockStart = NONE;
    int[] blockLayers = NONE;
    /** Per lane ({@code block * LANES + lane}): the stack index, or -1 for an empty lane. */
    int[] stack = NONE;
    int[] inH = NONE;
    int[] inW = NONE;
    int[] inC = NONE;
    /** The stacks the lanes do not take, in index order (exactly as long as their number). */
    int[] scalar = NONE;
    /** Scratch of {@link #pack}: the stacks that are not plain, while they are counted. */
    private int[] scalarScratch = NONE;

    /** An empty batch, for {@link #pack}. */
    public LaneBatch() {
        for (int f = 0; f < COLUMNS; f++) {
            column[f] = NONE;
        }
    }

    /** Repacks every stack of {@code source}. */
    public LaneBatch(StackBatch source) {
        this();
        pack(source);
    }

    /**
     * Repacks every stack of {@code source} into this batch, reusing its arrays (nothing is
     * allocated once they are large enough, unless some stacks are not plain): one pass over the
     * records, each stack checked ({@link #plain}) and derived ({@link #derive}) while it is in
     * the cache. Returns this batch.
     */
    public LaneBatch pack(StackBatch src) {
        this.source = src;
        final int n = src.size();
        this.size = n;
        final int[] rec = src.records();
        int lane = 0;
        int scalars = 0;
        int ints = 0;
        int block = -1;
        for (int s = 0; s < n; s++) {
            final int count = src.count(s);
            final int l = lane & (LANES - 1);
            if (l == 0 && lane / LANES != block) {
                if (block >= 0) {
                    ints = close(block, ints);
                }
                block++;
                openBlock(block, ints);
            }
            if (count > blockLayers[block]) {
                blockLayers[block] = count;
                ensureColumns(ints + count * LANES);
            }
            // checked and derived in one pass while the records are in the cache; a stack that is not plain
            // leaves its lane to the next (its columns are overwritten, or made identity when the block closes)
            int bad = 0;
            for (int k = 0, at = src.offset(s), to = ints + l; k < count; k++, at += Layer.INTS, to += LANES) {
                final int op = rec[at + Layer.OP];
                if (op < 0 || op >= KIND.length) {
                    bad = 1;
                    break;
                }
                bad |= notPlain(rec, at, op);
                derive(rec, at, to);
            }
            if (bad != 0) {
                if (scalars == scalarScratch.length) {
                    scalarScratch = Arrays.copyOf(scalarScratch, Math.max(16, scalars * 2));
                }
                scalarScratch[scalars++] = s;
                continue;
            }
            stack[lane] = s;
            inH[lane] = src.inputH(s);
            inW[lane] = src.inputW(s);
            inC[lane] = src.inputC(s);
            lane++;
        }
        if (block >= 0 && lane == block * LANES) {
            block--;
        } else if (block >= 0) {
            close(block, ints);
        }
        blocks = block + 1;
        scalar = scalars == 0 ? NONE : Arrays.copyOf(scalarScratch, scalars);
        return this;
    }

    /** Starts block {@code b} at column offset {@code ints}: its lanes empty until stacks fill them. */
    private void openBlock(int b, int ints) {
        if (b >= blockStart.length) {
            final int n = Math.max(4, b * 2);
            blockStart = Arrays.copyOf(blockStart, n);
            blockLayers = Arrays.copyOf(blockLayers, n);
            stack = Arrays.copyOf(stack, n * LANES);
            inH = Arrays.copyOf(inH, n * LANES);
            inW = Arrays.copyOf(inW, n * LANES);
            inC = Arrays.copyOf(inC, n * LANES);
        }
        blockStart[b] = ints;
        blockLayers[b] = 0;
        final int first = b * LANES;
        Arrays.fill(stack, first, first + LANES, -1);
        Arrays.fill(inH, first, first + LANES, 1);
        Arrays.fill(inW, first, first + LANES, 1);
        Arrays.fill(inC, first, first + LANES, 1);
    }

    /**
     * Ends block {@code b} starting at {@code ints}: the layers past each stack's end, and the
     * empty lanes, get the identity layer. Returns where the next block starts.
     */
    private int close(int b, int ints) {
        final int layers = blockLayers[b];
        final int first = b * LANES;
        for (int lane = 0; lane < LANES; lane++) {
            final int s = stack[first + lane];
            final int from = s < 0 ? 0 : source.count(s);
            for (int l = from; l < layers; l++) {
                identity(ints + l * LANES + lane, 0);
            }
        }
        return ints + layers * LANES;
    }

    private void ensureColumns(int ints) {
        if (column[0].length >= ints) {
            return;
        }
        final int n = Math.max(ints, column[0].length + (column[0].length >> 1));
        for (int f = 0; f < COLUMNS; f++) {
            column[f] = Arrays.copyOf(column[f], n);
        }
    }

    /** The stacks packed: those of the source when this was built. */
    public int size() {
        return size;
    }

    /** Blocks of lanes. */
    public int blocks() {
        return blocks;
    }

    /** Stacks the lanes hand to the scalar evaluator from the start (not plain). */
    public int scalarStacks() {
        return scalar.length;
    }

    /** The batch this was packed from. */
    public StackBatch source() {
        return source;
    }

    /**
     * True when every record of the stack is a plain layer the lanes evaluate: conv with one group
     * and set channels, dwconv, sepconv with set channels, max/avg pool with padding at most half
     * the kernel (else an error the scalar path reports), bn, and the elementwise layers
     * {@code relu..droppath}; all windowed layers with floor rounding.
     */
    static boolean plain(int[] rec, int base, int count) {
        int bad = 0;
        for (int l = 0, at = base; l < count; l++, at += Layer.INTS) {
            final int op = rec[at + Layer.OP];
            if (op < 0 || op >= KIND.length) {
                return false;
            }
            bad |= notPlain(rec, at, op);
        }
        return bad == 0;
    }

    /** Nonzero when the layer record {@code rec[at]} of kind {@code op} is not plain ({@link #plain}); no branch. */
    private static int notPlain(int[] rec, int at, int op) {
        final int kind = KIND[op];
        final int halfH = rec[at + Layer.KH] >> 1;
        final int halfW = rec[at + Layer.KW] >> 1;
        final int poolPaddingTooLarge = (halfH - rec[at + Layer.PT] | halfH - rec[at + Layer.PB]
            | halfW - rec[at + Layer.PL] | halfW - rec[at + Layer.PR]) >>> 31;
        return kind & K_NOT_PLAIN
            | kind & K_WINDOWED & -(rec[at + Layer.MODE] != Rounding.FLOOR ? 1 : 0)
            | kind & K_NEEDS_CHANNELS & -(rec[at + Layer.C] == Layer.SAME_CHANNELS ? 1 : 0)
            | kind & K_ONE_GROUP & -(rec[at + Layer.G] != 1 ? 1 : 0)
            | kind & K_POOL & -poolPaddingTooLarge;
    }

    /**
     * The columns of the plain layer record {@code rec[at]} into lane position {@code to}
     * ({@code column[f][to]}): the one place where a record becomes lane columns (see the class
     * comment). Without a branch on the kind: a layer without a window (bn, the elementwise
     * kinds) reads as {@code k = s = d = 1} without padding, the identity with its flags.
     */
    void derive(int[] rec, int at, int to) {
        final int op = rec[at + Layer.OP];
        final int window = -(KIND[op] & K_WINDOWED) >> 31;
        final int kh = 1 + (rec[at + Layer.KH] - 1 & window);
        final int kw = 1 + (rec[at + Layer.KW] - 1 & window);
        final int ekH = (rec[at + Layer.DH] & window) * (kh - 1) + 1;
        final int ekW = (rec[at + Layer.DW] & window) * (kw - 1) + 1;
        final int pt = rec[at + Layer.PT] & window;
        final int pl = rec[at + Layer.PL] & window;
        final int[][] c = column;
        c[SPAN_H][to] = pt + (rec[at + Layer.PB] & window) - ekH;
        c[SPAN_W][to] = pl + (rec[at + Layer.PR] & window) - ekW;
        c[GROW_H][to] = ekH - 1;
        c[GROW_W][to] = ekW - 1;
        c[PAD_H][to] = pt;
        c[PAD_W][to] = pl;
        c[C_SET][to] = rec[at + Layer.C] & CHANNEL_MASK[op];
        c[WINDOW][to] = kh * kw;
        c[STRIDES][to] = 1 + (rec[at + Layer.SH] - 1 & window) | 1 + (rec[at + Layer.SW] - 1 & window) << 16;
        final int unproductive = 1 << BIT_UNPRODUCTIVE | ((kh | kw) == 1 ? 0 : 2 << BIT_UNPRODUCTIVE);
        c[FLAGS][to] = OP_FLAGS[op] | unproductive & window
            | BIAS_FLAG[op] & -(rec[at + Layer.BIAS] != 0 ? 1 : 0)
            | DW_CHECK_FLAG[op] & -(rec[at + Layer.C] != Layer.SAME_CHANNELS ? 1 : 0);
    }

    /** The columns of a layer that changes nothing: {@code k = s = 1}, no padding, no counts. */
    private void identity(int to, int flags) {
        final int[][] c = column;
        c[SPAN_H][to] = -1;
        c[SPAN_W][to] = -1;
        c[GROW_H][to] = 0;
        c[GROW_W][to] = 0;
        c[PAD_H][to] = 0;
        c[PAD_W][to] = 0;
        c[C_SET][to] = 0;
        c[WINDOW][to] = 1;
        c[STRIDES][to] = 1 | 1 << 16;
        c[FLAGS][to] = flags;
    }
}
