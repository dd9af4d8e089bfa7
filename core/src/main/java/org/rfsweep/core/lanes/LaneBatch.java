package org.rfsweep.core.lanes;

import java.util.Arrays;
import org.rfsweep.core.eval.StackBatch;
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
 * sepconv ({@code M_B = kh*kw}, {@code SEP}), pools (all 0) and bn ({@code BN = 2}). A packed
 * batch is immutable after construction; a {@link #block} is refilled by its producer.
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
    /** The columns ({@link #gather} copies each by name: keep it in step). */
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

    final StackBatch source;
    /** The stacks of {@link #source} when this was packed; stacks added later are not seen. */
    final int size;
    final int[][] column = new int[COLUMNS][];
    final int blocks;
    final int[] blockStart;
    final int[] blockLayers;
    /** Per lane ({@code block * LANES + lane}): the stack index, or -1 for an empty lane. */
    final int[] stack;
    final int[] inH;
    final int[] inW;
    final int[] inC;
    /** The stacks the lanes do not take, in index order. */
    final int[] scalar;
    /** Per lane of a {@link #block}: the layers its producer wrote; null in a packed batch. */
    private final int[] laneLayers;

    /** Repacks every stack of {@code source}. */
    public LaneBatch(StackBatch source) {
        this.source = source;
        final int n = source.size();
        this.size = n;
        final int[] rec = source.records();
        int plainCount = 0;
        final boolean[] isPlain = new boolean[n];
        for (int s = 0; s < n; s++) {
            isPlain[s] = plain(rec, source.offset(s), source.count(s));
            plainCount += isPlain[s] ? 1 : 0;
        }
        blocks = (plainCount + LANES - 1) / LANES;
        blockStart = new int[blocks];
        blockLayers = new int[blocks];
        stack = new int[blocks * LANES];
        Arrays.fill(stack, -1);
        scalar = new int[n - plainCount];
        int lane = 0;
        int scalars = 0;
        for (int s = 0; s < n; s++) {
            if (isPlain[s]) {
                stack[lane++] = s;
            } else {
                scalar[scalars++] = s;
            }
        }
        int ints = 0;
        for (int b = 0; b < blocks; b++) {
            int layers = 0;
            for (int i = b * LANES; i < (b + 1) * LANES; i++) {
                layers = stack[i] < 0 ? layers : Math.max(layers, source.count(stack[i]));
            }
            blockStart[b] = ints;
            blockLayers[b] = layers;
            ints += layers * LANES;
        }
        for (int f = 0; f < COLUMNS; f++) {
            column[f] = new int[ints];
        }
        inH = new int[blocks * LANES];
        inW = new int[blocks * LANES];
        inC = new int[blocks * LANES];
        for (int b = 0; b < blocks; b++) {
            fill(rec, b);
        }
        laneLayers = null;
    }

    private LaneBatch(int maxLayers) {
        source = null;
        size = LANES;
        blocks = 1;
        blockStart = new int[1];
        blockLayers = new int[1];
        stack = new int[LANES];
        Arrays.fill(stack, -1);
        inH = new int[LANES];
        inW = new int[LANES];
        inC = new int[LANES];
        scalar = new int[0];
        laneLayers = new int[LANES];
        for (int f = 0; f < COLUMNS; f++) {
            column[f] = new int[maxLayers * LANES];
        }
    }

    /**
     * One reusable block of {@link #LANES} lanes of up to {@code maxLayers} layers that a producer
     * fills without records: the columns of every layer it can place are derived once, by
     * {@link #columns}, into one table, and each lane lists the table's records it takes (the
     * sweep's sampler does this for the layers of a design space):
     *
     * <pre>
     *   int[] table = LaneBatch.columns(records, count);      // once
     *   block.lane(i, h, w, c, n);  ids[i * stride + l] = r;   // lane i's layer l is record r, l < n
     *   block.empty(j);                                       // a lane without a stack
     *   block.gather(table, ids, stride);                     // once every lane is set
     *   laneEvaluator.evaluateFilled(block, out, redo);
     * </pre>
     *
     * Lane {@code i} is slot {@code i} of the results. A block has no source: a lane the kernel
     * flags is left to the producer, who holds the stack's records. Not thread-safe.
     */
    public static LaneBatch block(int maxLayers) {
        if (maxLayers < 1) {
            throw new IllegalArgumentException("maxLayers=" + maxLayers + " must be 1 or more");
        }
        return new LaneBatch(maxLayers);
    }

    /**
     * The columns of the {@code count} records at {@code records[0...]}, derived exactly as a
     * packed batch derives them, record by record: column {@code f} of record {@code r} at
     * {@code [r * COLUMNS + f]} (for {@link #gather}). Only records that {@link #plainLayer} takes
     * have meaningful columns.
     */
    public static int[] columns(int[] records, int count) {
        final int[][] c = new int[COLUMNS][count];
        for (int r = 0; r < count; r++) {
            if (plainLayer(records, r * Layer.INTS)) {
                derive(records, r * Layer.INTS, c, r);
            } else {
                identity(c, r, 0);
            }
        }
        final int[] rows = new int[count * COLUMNS];
        for (int r = 0; r < count; r++) {
            for (int f = 0; f < COLUMNS; f++) {
                rows[r * COLUMNS + f] = c[f][r];
            }
        }
        return rows;
    }

    /** Sets lane {@code lane} of a {@link #block} to a stack of {@code layers} layers on {@code h x w x c}. */
    public void lane(int lane, int h, int w, int c, int layers) {
        if (layers > column[0].length / LANES) {
            throw new IllegalArgumentException("layers=" + layers + " is above the block's "
                + column[0].length / LANES);
        }
        stack[lane] = lane;
        inH[lane] = h;
        inW[lane] = w;
        inC[lane] = c;
        laneLayers[lane] = layers;
    }

    /** Leaves lane {@code lane} of a {@link #block} empty: it is evaluated as nothing and gets no result. */
    public void empty(int lane) {
        lane(lane, 1, 1, 1, 0);
        stack[lane] = -1;
    }

    /**
     * Writes the columns of every lane of a {@link #block}, layer by layer (so that the writes run
     * along the columns): layer {@code l} of lane {@code i} is record {@code ids[i * stride + l]}
     * of {@code table} (from {@link #columns}) below the lane's layers, the identity above them,
     * up to the block's longest stack.
     */
    public void gather(int[] table, int[] ids, int stride) {
        int layers = 0;
        for (int lane = 0; lane < LANES; lane++) {
            layers = Math.max(layers, laneLayers[lane]);
        }
        blockLayers[0] = layers;
        final int[][] col = column;
        final int[] c0 = col[0];
        final int[] c1 = col[1];
        final int[] c2 = col[2];
        final int[] c3 = col[3];
        final int[] c4 = col[4];
        final int[] c5 = col[5];
        final int[] c6 = col[6];
        final int[] c7 = col[7];
        final int[] c8 = col[8];
        final int[] c9 = col[9];
        for (int l = 0; l < layers; l++) {
            for (int lane = 0, to = l * LANES; lane < LANES; lane++, to++) {
                if (l >= laneLayers[lane]) {
                    identity(col, to, 0);
                    continue;
                }
                final int r = ids[lane * stride + l] * COLUMNS;
                c0[to] = table[r];
                c1[to] = table[r + 1];
                c2[to] = table[r + 2];
                c3[to] = table[r + 3];
                c4[to] = table[r + 4];
                c5[to] = table[r + 5];
                c6[to] = table[r + 6];
                c7[to] = table[r + 7];
                c8[to] = table[r + 8];
                c9[to] = table[r + 9];
            }
        }
    }

    private void fill(int[] rec, int b) {
        final int first = b * LANES;
        for (int lane = 0; lane < LANES; lane++) {
            final int s = stack[first + lane];
            inH[first + lane] = s < 0 ? 1 : source.inputH(s);
            inW[first + lane] = s < 0 ? 1 : source.inputW(s);
            inC[first + lane] = s < 0 ? 1 : source.inputC(s);
        }
        for (int l = 0; l < blockLayers[b]; l++) {
            final int row = blockStart[b] + l * LANES;
            for (int lane = 0; lane < LANES; lane++) {
                final int s = stack[first + lane];
                if (s >= 0 && l < source.count(s)) {
                    derive(rec, source.offset(s) + l * Layer.INTS, column, row + lane);
                } else {
                    identity(column, row + lane, 0);
                }
            }
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
        for (int l = 0, at = base; l < count; l++, at += Layer.INTS) {
            if (!plainLayer(rec, at)) {
                return false;
            }
        }
        return true;
    }

    /** True when the lanes take the record at {@code rec[at...]} (see {@link #plain}). */
    public static boolean plainLayer(int[] rec, int at) {
        final int op = rec[at + Layer.OP];
        if (op > Op.LAST_ELEMENTWISE || op == Op.GAP || op == Op.FC) {
            return false;
        }
        if (op > Op.AVGPOOL) {
            return true;
        }
        if (rec[at + Layer.MODE] != Rounding.FLOOR) {
            return false;
        }
        if ((op == Op.CONV || op == Op.SEPCONV) && rec[at + Layer.C] == Layer.SAME_CHANNELS) {
            return false;
        }
        if (op == Op.CONV && rec[at + Layer.G] != 1) {
            return false;
        }
        return !Op.isPool(op) || poolPaddingFits(rec, at);
    }

    private static boolean poolPaddingFits(int[] rec, int at) {
        final int halfH = rec[at + Layer.KH] >> 1;
        final int halfW = rec[at + Layer.KW] >> 1;
        return rec[at + Layer.PT] <= halfH && rec[at + Layer.PB] <= halfH && rec[at + Layer.PL] <= halfW
            && rec[at + Layer.PR] <= halfW;
    }

    /** Writes the columns of the record at {@code rec[at...]} to {@code c[f][to]}: the one derivation. */
    private static void derive(int[] rec, int at, int[][] c, int to) {
        final int op = rec[at + Layer.OP];
        if (op > Op.AVGPOOL) {
            identity(c, to, (op == Op.BN ? 1 << BIT_BN : 0) | 1 << BIT_REAL);
            return;
        }
        final int kh = rec[at + Layer.KH];
        final int kw = rec[at + Layer.KW];
        final int ekH = rec[at + Layer.DH] * (kh - 1) + 1;
        final int ekW = rec[at + Layer.DW] * (kw - 1) + 1;
        final boolean pool = Op.isPool(op);
        c[SPAN_H][to] = rec[at + Layer.PT] + rec[at + Layer.PB] - ekH;
        c[SPAN_W][to] = rec[at + Layer.PL] + rec[at + Layer.PR] - ekW;
        c[GROW_H][to] = ekH - 1;
        c[GROW_W][to] = ekW - 1;
        c[PAD_H][to] = rec[at + Layer.PT];
        c[PAD_W][to] = rec[at + Layer.PL];
        c[C_SET][to] = pool ? 0 : rec[at + Layer.C];
        c[WINDOW][to] = kh * kw;
        c[STRIDES][to] = rec[at + Layer.SH] | rec[at + Layer.SW] << 16;
        int flags = (1 << BIT_UNPRODUCTIVE) | (kh == 1 && kw == 1 ? 0 : 2 << BIT_UNPRODUCTIVE) | 1 << BIT_REAL
            | 1 << BIT_NEW;
        flags |= op == Op.CONV ? 1 << BIT_M_A : 0;
        flags |= op == Op.DWCONV || op == Op.SEPCONV ? 1 << BIT_M_B : 0;
        flags |= op == Op.SEPCONV ? 1 << BIT_SEP : 0;
        flags |= pool ? 0 : 1 << BIT_ACT;
        flags |= !pool && rec[at + Layer.BIAS] != 0 ? 1 << BIT_BIAS : 0;
        flags |= op == Op.DWCONV && rec[at + Layer.C] != Layer.SAME_CHANNELS ? 1 << BIT_DW_CHECK : 0;
        c[FLAGS][to] = flags;
    }

    /** The columns of a layer that changes nothing: {@code k = s = 1}, no padding, no counts. */
    private static void identity(int[][] c, int to, int flags) {
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
