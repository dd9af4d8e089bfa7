package org.rfsweep.core.lanes;

import java.util.Arrays;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;

/**
 * The stacks of a {@link StackBatch}, repacked once for the lanes: every stack whose first record
 * is plain ({@link #plainLayer}) takes a lane of a block of {@link #LANES} lanes, with one
 * {@code int} column per derived layer field (all in {@link #column}, indexed group by group:
 * {@link #at}), for its plain prefix ({@link #prefix}; the records after it, {@link #more},
 * are finished by the scalar evaluator from the lane's result); every other stack is listed for
 * the scalar evaluator. Layers past a lane's prefix, and the empty lanes, hold the identity layer,
 * which changes nothing (and is subtracted from the sum of outputs: {@link #tail}).
 *
 * <p>The columns hold what the kernel needs, derived from a record once by {@link #derive} (the one
 * place that defines them), in 44 bytes per layer: for a windowed layer {@code ek = d*(k-1)+1},
 * {@link #SPAN_H} {@code = pt + pb - ek} (so that the floor output is {@code (n + span) / s + 1}),
 * {@link #GROW_H} {@code = ek - 1}, and with {@code c} the input and {@code co} the output channels,
 * {@code m = M_CO*co + M_ONE}, MACs {@code = oh*ow*c*m}, params {@code = c*m + k*co} (the
 * {@link #PER_CHANNEL} field {@code k}: 1 for a bias, 2 for bn, whose {@code co} is {@code c}), bias
 * adds {@code = oh*ow*co} with {@link #BIT_BIAS}, activations {@code = oh*ow*co} with
 * {@link #BIT_ACT} plus a sepconv's depthwise {@code oh*ow*c} ({@link #BIT_SEP}). The memory walk of
 * docs/MEMORY.md needs {@link #BIT_NEW} (a new tensor, alive beside its input; else in place). That
 * is SPEC sections 6 and 7 for conv ({@code M_CO = kh*kw}), dwconv ({@code M_ONE = kh*kw}), sepconv
 * ({@code M_CO = 1, M_ONE = kh*kw}), pools (all 0) and bn ({@code k = 2}). A table for a
 * {@link #block} may join in-place records to the row before them ({@link #columns}): {@code k}
 * then sums theirs, and {@link #EXTRA_OUTPUTS} counts their outputs.
 *
 * <p>The kernel proves from these columns, step by step, that no lane can reach a bound, and
 * runs such steps without bound checks. {@link #pack} refills a batch in place; a {@link #block}
 * is refilled by its producer.
 */
public final class LaneBatch {
    /** Stacks per block. */
    public static final int LANES = 128;
    /**
     * Lanes whose columns lie side by side: a block stores group after group, and within a group
     * layer after layer ({@link #at}), so that a kernel that runs a group through every layer reads
     * each column front to back.
     */
    static final int GROUP = 8;

    static final int SPAN_H = 0;
    static final int SPAN_W = 1;
    static final int GROW_H = 2;
    static final int GROW_W = 3;
    static final int PAD_H = 4;
    static final int PAD_W = 5;
    /** Output channels; 0 keeps the input's. */
    static final int C_SET = 6;
    /** {@code sh | sw << 16} (both at most {@code Limits.MAX_WINDOW = 2^12}). */
    static final int STRIDES = 7;
    /** {@code M_CO} of {@code m = M_CO * co + M_ONE}: {@code kh*kw} for conv, 1 for sepconv, else 0. */
    static final int M_CO = 8;
    /** {@code M_ONE} of {@code m = M_CO * co + M_ONE}: {@code kh*kw} for dwconv and sepconv, else 0. */
    static final int M_ONE = 9;
    /** The bits below. */
    static final int FLAGS = 10;
    /** Columns per layer, and per row of a table for {@link #gather} ({@link #columns}). */
    public static final int COLUMNS = 11;
    /**
     * Most lanes times layers of one batch: its columns share one array, at a stride of at most
     * this plus 1,103 ints ({@link #columnStride(int)}).
     */
    static final int MAX_CELLS = (Integer.MAX_VALUE - 8) / COLUMNS - 1104;

    /** Sepconv: a depthwise intermediate of {@code oh*ow*c} elements, counted as activations too. */
    static final int BIT_SEP = 0;
    /** Activations counted: conv, dwconv, sepconv. */
    static final int BIT_ACT = 1;
    /** Two bits from here: parameters per output channel beside {@code c*m}: 1 for a bias, 2 for bn. */
    static final int PER_CHANNEL = 2;
    /** A bias: {@code PER_CHANNEL = 1}, and {@code oh*ow*co} bias adds. */
    static final int BIT_BIAS = PER_CHANNEL;
    /** Bn: {@code PER_CHANNEL = 2}. */
    static final int BIT_BN = PER_CHANNEL + 1;
    /** A windowed layer: writes a new tensor (the memory walk of docs/MEMORY.md); else it works in place. */
    static final int BIT_NEW = 4;
    /** May be unproductive; the next bit: may be unproductive when 1x1 kernels are ignored. */
    static final int BIT_UNPRODUCTIVE = 6;
    /** A dwconv with explicit channels, which must equal the input's (else the scalar path). */
    static final int BIT_DW_CHECK = 8;
    /**
     * The flags from here: in-place records joined to the row ({@link #columns}), each adding one
     * output of the row's size, {@code oh*ow*co}, to the sum of outputs; the highest flags, 0 from
     * {@link #derive}.
     */
    static final int EXTRA_OUTPUTS = 24;
    /**
     * Most joined records per row: with it a row adds at most {@code 5*oh*ow*co} outputs, within
     * the kernel's int products and the margin of its proof.
     */
    static final int MAX_EXTRA_OUTPUTS = 3;

    private static final int[] NONE = new int[0];

    /** Rows of the tables by kind: every op below 64 has one; a larger or negative op is not plain. */
    private static final int KINDS = 64;
    /** Bits of {@link #KIND}: what {@link #plainLayer} checks for a kind. */
    private static final int K_NOT_PLAIN = 1;
    private static final int K_WINDOWED = 2;
    private static final int K_NEEDS_CHANNELS = 4;
    private static final int K_ONE_GROUP = 8;
    private static final int K_POOL = 16;
    private static final int[] KIND = new int[KINDS];
    /** Per kind, for {@link #derive}: -1 for a windowed kind (its window fields are read), else 0. */
    private static final int[] WINDOW_MASK = new int[KINDS];
    /** -1 where the record's channels are the output's ({@link #C_SET}). */
    private static final int[] CHANNEL_MASK = new int[KINDS];
    /** -1 where {@link #M_CO} is {@code kh*kw} (conv); {@link #ONE_PER_CO}: where it is 1 (sepconv). */
    private static final int[] AREA_PER_CO_MASK = new int[KINDS];
    private static final int[] ONE_PER_CO = new int[KINDS];
    /** -1 where {@link #M_ONE} is {@code kh*kw} (dwconv, sepconv). */
    private static final int[] AREA_ONCE_MASK = new int[KINDS];
    /** The flags a kind always sets; {@link #BIAS_FLAG} where its bias counts; {@link #DW_CHECK_FLAG} for dwconv. */
    private static final int[] OP_FLAGS = new int[KINDS];
    private static final int[] BIAS_FLAG = new int[KINDS];
    private static final int[] DW_CHECK_FLAG = new int[KINDS];

    /** Bits of {@link #INFO} above the kind's ({@link #KIND}, bits 0 to 4), one per table of {@link #derive}. */
    static final int INFO_CHANNEL = 5;
    static final int INFO_AREA_PER_CO = 6;
    static final int INFO_ONE_PER_CO = 7;
    static final int INFO_AREA_ONCE = 8;
    static final int INFO_BIAS = 9;
    static final int INFO_DW_CHECK = 10;
    /** The bits of {@link #INFO} from which a kind's {@link #OP_FLAGS} are stored. */
    static final int INFO_OP_FLAGS = 16;
    /**
     * Per op below {@value #KINDS}, every table row of {@link #notPlain} and {@link #derive} in one
     * int, for the kernel's derivation in lanes ({@link LaneKernel#derive}): the {@link #KIND} bits,
     * one bit per mask table (set where the mask is -1 or the flag or {@link #ONE_PER_CO} non-zero),
     * and the {@link #OP_FLAGS} from bit {@value #INFO_OP_FLAGS}.
     */
    static final int[] INFO = new int[KINDS];

    static {
        Arrays.fill(KIND, K_NOT_PLAIN);
        for (int op = 0; op <= Op.LAST_ELEMENTWISE; op++) {
            KIND[op] = op == Op.GAP || op == Op.FC ? K_NOT_PLAIN : 0;
        }
        final int[] windowed = {Op.CONV, Op.DWCONV, Op.SEPCONV, Op.MAXPOOL, Op.AVGPOOL};
        for (int op : windowed) {
            KIND[op] = K_WINDOWED | (Op.isPool(op) ? K_POOL : 0);
            WINDOW_MASK[op] = -1;
            OP_FLAGS[op] = 1 << BIT_NEW | (Op.isPool(op) ? 0 : 1 << BIT_ACT);
            CHANNEL_MASK[op] = Op.isPool(op) ? 0 : -1;
            BIAS_FLAG[op] = Op.isPool(op) ? 0 : 1 << BIT_BIAS;
        }
        KIND[Op.CONV] |= K_NEEDS_CHANNELS | K_ONE_GROUP;
        KIND[Op.SEPCONV] |= K_NEEDS_CHANNELS;
        AREA_PER_CO_MASK[Op.CONV] = -1;
        ONE_PER_CO[Op.SEPCONV] = 1;
        AREA_ONCE_MASK[Op.DWCONV] = -1;
        AREA_ONCE_MASK[Op.SEPCONV] = -1;
        OP_FLAGS[Op.SEPCONV] |= 1 << BIT_SEP;
        OP_FLAGS[Op.BN] = 1 << BIT_BN;
        DW_CHECK_FLAG[Op.DWCONV] = 1 << BIT_DW_CHECK;
        for (int op = 0; op < KINDS; op++) {
            INFO[op] = KIND[op] | (CHANNEL_MASK[op] & 1) << INFO_CHANNEL
                | (AREA_PER_CO_MASK[op] & 1) << INFO_AREA_PER_CO
                | ONE_PER_CO[op] << INFO_ONE_PER_CO | (AREA_ONCE_MASK[op] & 1) << INFO_AREA_ONCE
                | (BIAS_FLAG[op] != 0 ? 1 : 0) << INFO_BIAS | (DW_CHECK_FLAG[op] != 0 ? 1 : 0) << INFO_DW_CHECK
                | OP_FLAGS[op] << INFO_OP_FLAGS;
        }
    }

    /** The batch packed last; null in a {@link #block}. */
    StackBatch source;
    /** The first stack of {@link #source} packed, and how many; stacks added later are not seen. */
    int first;
    int size;
    /**
     * The columns, in one array: column {@code f} of index {@code x} ({@link #at}) at
     * {@code column[f * columnStride + x]}. Reused by the next {@link #pack}, so they may be longer
     * than the blocks need.
     */
    int[] column = NONE;
    /** The ints of each column in {@link #column}: see {@link #columnStride(int)}. */
    int columnStride;
    int blocks;
    int[] blockStart = NONE;
    /**
     * Per step of lanes of the kernel (at most {@value #STEPS} per block: steps of 4 lanes or
     * more), what its proof of the step's bounds found: 0 not proven yet, 1 proven, 2 not
     * provable. The kernel proves a step the first time it runs it, so that a batch evaluated again
     * does not prove it again; packing and gathering reset it.
     */
    byte[] proof = new byte[0];
    /** Entries of {@link #proof} per block. */
    static final int STEPS = LANES / 4;
    /** Per block: the layers the kernel runs, those of its longest {@link #prefix}. */
    int[] blockLayers = NONE;
    /** Per block: the layers each group's columns hold ({@link #at}), at least {@link #blockLayers}. */
    int[] blockStride = NONE;
    /** Per lane ({@code block * LANES + lane}): the stack index, or -1 for an empty lane. */
    int[] stack = NONE;
    int[] inH = NONE;
    int[] inW = NONE;
    int[] inC = NONE;
    /**
     * Per lane: the identity layers that pad the stack to its block's layers. They work in place
     * on the last tensor, so the kernel's sum of outputs counts that tensor this many times too.
     */
    int[] tail = NONE;
    /**
     * Per lane of a packed batch: the stack's records that the lane holds, its plain prefix; the
     * records after it are finished by the scalar evaluator. 0 for an empty lane.
     */
    int[] prefix = NONE;
    /**
     * Per lane: the stack's records after its {@link #prefix}, which the scalar evaluator finishes;
     * 0 in a {@link #block} (its producer finishes them). The kernel leaves the results of a group
     * with such a lane to the evaluator.
     */
    int[] more = NONE;
    /** Per lane: the input's elements, {@link Long#MAX_VALUE} when they reach {@code 2^63}. */
    long[] inElements = new long[0];
    /** The stacks the lanes do not take, in index order (exactly as long as their number). */
    int[] scalar = NONE;
    /**
     * In a {@link #block}: per position of the columns ({@link #at}), the table row that
     * {@link #gather} copied there last ({@code -1}: none), and that table: a row already in place
     * is not copied again (consecutive blocks share many, such as the stem's).
     */
    private int[] lastRow;
    private int[] lastTable;
    /**
     * True when the table gathered last has a row that joins in-place records
     * ({@link #EXTRA_OUTPUTS}); the kernel counts their outputs only then, so that other batches
     * do not pay for them.
     */
    boolean joined;
    /** Per lane of a {@link #block}: the layers its producer wrote; null in a packed batch. */
    private final int[] laneLayers;
    /**
     * Scratch of {@link #fill} in lanes: per lane of the block being filled, its stack's first
     * record (in ints of the source's records) and its records (0 for an empty lane).
     */
    final int[] laneStart = new int[LANES];
    final int[] laneCount = new int[LANES];
    /** Scratch of the kernel's derivation: per layer, {@value #FIELD_ROWS} rows of the lanes' fields. */
    private int[] fields = NONE;
    /** Rows per layer of {@link #fields}: the record's fields that the derivation reads, and the op's {@link #INFO}. */
    static final int FIELD_ROWS = 16;

    /** The kernel that derives the columns of a packed block in lanes, or null: {@link #fillScalar}. */
    private LaneKernel deriver = Lanes.kernel();
    /** Lanes times layers of the columns that {@link #pack} filled last. */
    int cells;
    /** Scratch of {@link #pack}: the stacks that take no lane, while they are counted. */
    private int[] scalarScratch = NONE;
    /** The stacks in {@link #scalarScratch} while {@link #pack} runs. */
    private int scalars;

    /** An empty batch, for {@link #pack}. */
    public LaneBatch() {
        laneLayers = null;
    }

    /** Repacks every stack of {@code source}. */
    public LaneBatch(StackBatch source) {
        this();
        pack(source);
    }

    /**
     * Repacks every stack of {@code src} into this batch, reusing its arrays: nothing is allocated
     * once they are large enough, unless some stacks take no lanes. Returns this batch. Not
     * thread-safe while it packs; read-only while it is evaluated.
     *
     * <p>Stack {@code s} takes lane {@code s} when its first record is plain ({@link #plainLayer});
     * the lane holds its plain prefix, the records before the first one that is not plain
     * ({@link #prefix}), and the evaluator finishes the rest with the scalar evaluator from the
     * lane's state (a global head: {@code gap}, {@code fc}). A stack whose first record is not plain
     * leaves its lane empty and is listed for the scalar evaluator. One pass over the records: each
     * is checked and derived while it is read, group by group.
     */
    public LaneBatch pack(StackBatch src) {
        return pack(src, 0, src.size());
    }

    /**
     * As {@link #pack(StackBatch)}, for the stacks {@code from..to-1} of {@code src} only (a slice
     * small enough that its columns stay in the cache until they are evaluated); the results go to
     * the slots of the same indices.
     */
    public LaneBatch pack(StackBatch src, int from, int to) {
        if (laneLayers != null) {
            throw new IllegalStateException("a LaneBatch.block is filled by its producer, not packed");
        }
        if (from < 0 || to > src.size() || from > to) {
            throw new IllegalArgumentException("stacks " + from + ".." + to + " are not within 0.." + src.size());
        }
        this.source = src;
        this.first = from;
        final int n = to - from;
        this.size = n;
        blocks = (n + LANES - 1) / LANES;
        ensureBlocks(blocks);
        long ints = 0;
        for (int b = 0; b < blocks; b++) {
            int layers = 0;
            for (int s = from + b * LANES; s < Math.min(to, from + (b + 1) * LANES); s++) {
                layers = Math.max(layers, src.count(s));
            }
            blockStart[b] = (int) ints;
            blockStride[b] = layers;
            ints = cells(ints + (long) layers * LANES);
        }
        ensureColumns((int) ints);
        cells = (int) ints;
        Arrays.fill(proof, 0, blocks * STEPS, (byte) 0);
        scalars = 0;
        final int[] rec = src.records();
        for (int b = 0; b < blocks; b++) {
            fill(rec, b);
        }
        scalar = scalars == 0 ? NONE : Arrays.copyOf(scalarScratch, scalars);
        return this;
    }

    private void ensureBlocks(int n) {
        if (blockStart.length >= n) {
            return;
        }
        final int m = Math.max(n, blockStart.length + (blockStart.length >> 1));
        blockStart = new int[m];
        blockLayers = new int[m];
        blockStride = new int[m];
        proof = new byte[m * STEPS];
        stack = new int[m * LANES];
        inH = new int[m * LANES];
        inW = new int[m * LANES];
        inC = new int[m * LANES];
        tail = new int[m * LANES];
        prefix = new int[m * LANES];
        more = new int[m * LANES];
        inElements = new long[m * LANES];
    }

    private void ensureColumns(int ints) {
        if (columnStride >= ints) {
            return;
        }
        final long grown = Math.max(ints, (long) columnStride + (columnStride >> 1));
        columnStride = columnStride((int) Math.min(MAX_CELLS, grown));
        column = new int[COLUMNS * columnStride];
    }

    /**
     * {@code cells}, the lanes times layers of a batch's blocks, when one array holds all its
     * columns ({@link #MAX_CELLS}); else an exception that says to pack in slices.
     */
    static long cells(long cells) {
        if (cells > MAX_CELLS) {
            throw new IllegalArgumentException("a LaneBatch holds at most " + MAX_CELLS + " lanes times layers (its "
                + COLUMNS + " columns share one array), not " + cells
                + ": pack the stacks in slices, pack(src, from, to)");
        }
        return cells;
    }

    /**
     * The stride of columns of at least {@code ints} ints: a whole number of 4 KB pages and 320
     * bytes more. The kernel reads all columns at the same index at once; at a stride of whole
     * pages those reads fall into the same set of the L1 cache (4 KB of addresses per way), and
     * eleven of them do not fit its eight ways. Measured on the peers workload: the median pass
     * 0.86x and 0.92x of the arrays' in two sets of interleaved runs (docs/SPEED.md).
     */
    static int columnStride(int ints) {
        return (ints + 1023) / 1024 * 1024 + 80;
    }

    private LaneBatch(int maxLayers) {
        laneLayers = new int[LANES];
        size = LANES;
        blocks = 1;
        ensureBlocks(1);
        Arrays.fill(stack, -1);
        ensureColumns((int) cells((long) maxLayers * LANES));
        blockStride[0] = maxLayers;
        lastRow = new int[maxLayers * LANES];
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
     * The columns of the {@code count} records at {@code records[0...]}, one row per record, derived
     * exactly as a packed batch derives them: {@link #columns(int[], int[], int[], int[], int[])}
     * with a run per record.
     */
    public static int[] columns(int[] records, int count) {
        final int[] start = new int[count];
        final int[] one = new int[count];
        for (int r = 0; r < count; r++) {
            start[r] = r;
            one[r] = 1;
        }
        return columns(records, start, one, new int[count], new int[count]);
    }

    /**
     * The rows of a table for {@link #gather}: column {@code f} of row {@code r} at
     * {@code [r * COLUMNS + f]}, and after the last row one more, the identity, which
     * {@link #gather} puts past each lane's last layer. Run {@code u} is the {@code runCount[u]}
     * records from record {@code runStart[u]} on; its rows are the {@code rowCount[u]} rows from
     * {@code rowStart[u]} on (both written here). Each plain record ({@link #plainLayer}) is derived
     * as a packed batch derives it, except that an in-place record (bn, the elementwise kinds) joins
     * the row before it in its run when it can ({@link #joins}): the kernel then evaluates the
     * two as one layer, with the same results. Other records get the identity (they are never
     * gathered).
     */
    public static int[] columns(int[] records, int[] runStart, int[] runCount, int[] rowStart, int[] rowCount) {
        int total = 0;
        for (int n : runCount) {
            total += n;
        }
        final int[] table = new int[(total + 1) * COLUMNS];
        int rows = 0;
        for (int u = 0; u < runStart.length; u++) {
            rowStart[u] = rows;
            for (int r = runStart[u]; r < runStart[u] + runCount[u]; r++) {
                final int at = r * Layer.INTS;
                final boolean plain = plainLayer(records, at);
                if (plain && rows > rowStart[u] && joins(records, at, table, (rows - 1) * COLUMNS + FLAGS)) {
                    continue;
                }
                if (plain) {
                    derive(records, at, table, 1, rows * COLUMNS);
                } else {
                    identity(table, 1, rows * COLUMNS, 0);
                }
                rows++;
            }
            rowCount[u] = rows - rowStart[u];
        }
        identity(table, 1, rows * COLUMNS, 0);
        return Arrays.copyOf(table, (rows + 1) * COLUMNS);
    }

    /**
     * Joins the plain record at {@code rec[at...]} to the row whose flags are {@code flags[to]}
     * when it works in place (bn, the elementwise kinds: same shape, field and channels, nothing
     * but {@code k*co} params and one more output of the row's size, SPEC sections 6 and 7), and
     * the row's {@link #PER_CHANNEL} field and {@link #EXTRA_OUTPUTS} keep their widths and the
     * bias bit; returns whether it did.
     */
    private static boolean joins(int[] rec, int at, int[] flags, int to) {
        final int op = rec[at + Layer.OP];
        if (KIND[op] != 0) {
            return false;
        }
        final int f = flags[to];
        final int perChannel = (f >>> PER_CHANNEL & 3) + Kinds.channelParams(op);
        final int extra = (f >>> EXTRA_OUTPUTS) + 1;
        if (perChannel > 3 || ((perChannel ^ f >>> PER_CHANNEL) & 1) != 0 || extra > MAX_EXTRA_OUTPUTS) {
            return false;
        }
        flags[to] = f & ~(3 << PER_CHANNEL) & (1 << EXTRA_OUTPUTS) - 1 | perChannel << PER_CHANNEL
            | extra << EXTRA_OUTPUTS;
        return true;
    }

    /** Sets lane {@code lane} of a {@link #block} to a stack of {@code layers} layers on {@code h x w x c}. */
    public void lane(int lane, int h, int w, int c, int layers) {
        if (layers > blockStride[0]) {
            throw new IllegalArgumentException("layers=" + layers + " is above the block's " + blockStride[0]);
        }
        stack[lane] = lane;
        inH[lane] = h;
        inW[lane] = w;
        inC[lane] = c;
        final long spatial = (long) h * w;
        inElements[lane] = Math.multiplyHigh(spatial, c) != 0 ? Long.MAX_VALUE : spatial * c;
        laneLayers[lane] = layers;
    }

    /** Leaves lane {@code lane} of a {@link #block} empty: it is evaluated as nothing and gets no result. */
    public void empty(int lane) {
        lane(lane, 1, 1, 1, 0);
        stack[lane] = -1;
    }

    /**
     * Writes the columns of every lane of a {@link #block} in the order of {@link #at}: layer
     * {@code l} of lane {@code i} is record {@code ids[i * stride + l]} of {@code table} (from
     * {@link #columns}) below the lane's layers, the identity above them, up to the block's
     * longest stack.
     */
    public void gather(int[] table, int[] ids, int stride) {
        int layers = 0;
        for (int lane = 0; lane < LANES; lane++) {
            layers = Math.max(layers, laneLayers[lane]);
        }
        blockLayers[0] = layers;
        for (int lane = 0; lane < LANES; lane++) {
            tail[lane] = layers - laneLayers[lane];
        }
        if (table != lastTable) {
            Arrays.fill(lastRow, -1);
            lastTable = table;
            joined = false;
            for (int r = FLAGS; r < table.length; r += COLUMNS) {
                joined |= table[r] >>> EXTRA_OUTPUTS != 0;
            }
        }
        Arrays.fill(proof, 0, STEPS, (byte) 0);
        for (int g = 0; g < LANES; g += GROUP) {
            gatherGroup(table, ids, stride, g, layers);
        }
    }

    /**
     * Writes the columns of group {@code g} of a {@link #block}, lane by lane: each layer's row of
     * the table, and past the lane's layers the table's last row (the identity). A row that is
     * already in place is skipped.
     */
    private void gatherGroup(int[] table, int[] ids, int stride, int g, int layers) {
        final int[] c = column;
        final int cs = columnStride;
        final int[] own = laneLayers;
        final int[] last = lastRow;
        final int identity = table.length / COLUMNS - 1;
        for (int lane = g; lane < g + GROUP; lane++) {
            final int n = own[lane];
            for (int l = 0, x = at(0, 0, lane), id = lane * stride; l < layers; l++, x += GROUP) {
                final int r = (l < n ? ids[id + l] : identity) * COLUMNS;
                if (r == last[x]) {
                    continue;
                }
                last[x] = r;
                c[x + SPAN_H * cs] = table[r + SPAN_H];
                c[x + SPAN_W * cs] = table[r + SPAN_W];
                c[x + GROW_H * cs] = table[r + GROW_H];
                c[x + GROW_W * cs] = table[r + GROW_W];
                c[x + PAD_H * cs] = table[r + PAD_H];
                c[x + PAD_W * cs] = table[r + PAD_W];
                c[x + C_SET * cs] = table[r + C_SET];
                c[x + STRIDES * cs] = table[r + STRIDES];
                c[x + M_CO * cs] = table[r + M_CO];
                c[x + M_ONE * cs] = table[r + M_ONE];
                c[x + FLAGS * cs] = table[r + FLAGS];
            }
        }
    }

    /**
     * Packs with {@code kernel}'s derivation in lanes ({@link LaneKernel#derive}), or with the
     * scalar one ({@code null}), from now on; returns this batch. For tests: both write the same.
     */
    LaneBatch derivingWith(LaneKernel kernel) {
        deriver = kernel;
        return this;
    }

    /**
     * Writes the lanes of block {@code b}: each stack's plain prefix, the identity after it, and
     * its input; then the block's layers, those of its longest prefix. The columns and the prefixes
     * come from the kernel's derivation in lanes where the kernel runs ({@link LaneKernel#derive}),
     * else from {@link #fillScalar}; both write the same.
     */
    private void fill(int[] rec, int b) {
        final LaneKernel kernel = deriver;
        if (kernel == null) {
            fillScalar(rec, b);
            return;
        }
        final int base = b * LANES;
        laneSources(b);
        kernel.derive(this, rec, b, LANES);
        int layers = 0;
        for (int i = 0; i < LANES; i++) {
            final int lane = base + i;
            final int l = prefix[lane];
            layers = Math.max(layers, l);
            settle(lane, lane < size ? first + lane : -1, l, laneCount[i]);
        }
        settleBlock(b, layers);
    }

    /**
     * Lane {@code lane} holds the first {@code l} of the {@code count} records of stack {@code s}
     * ({@code -1}: none): its prefix, the records the scalar evaluator finishes, its stack and
     * input; a stack whose first record is not plain is listed for the scalar evaluator.
     */
    private void settle(int lane, int s, int l, int count) {
        prefix[lane] = l;
        more[lane] = count - l;
        stack[lane] = l == 0 ? -1 : s;
        input(lane, l == 0 ? -1 : s);
        if (s >= 0 && l == 0) {
            addScalar(s);
        }
    }

    /** Block {@code b} runs {@code layers} layers; each lane pads its prefix with identities to them. */
    private void settleBlock(int b, int layers) {
        blockLayers[b] = layers;
        final int base = b * LANES;
        for (int lane = base; lane < base + LANES; lane++) {
            tail[lane] = layers - prefix[lane];
        }
    }

    /** {@link #fields}, of at least {@code ints} ints: grown (and then kept) when shorter. */
    int[] fields(int ints) {
        if (fields.length < ints) {
            fields = new int[Math.max(ints, fields.length + (fields.length >> 1))];
        }
        return fields;
    }

    /** Sets {@link #laneStart} and {@link #laneCount} for the lanes of block {@code b}. */
    private void laneSources(int b) {
        final int base = b * LANES;
        final StackBatch src = source;
        for (int i = 0; i < LANES; i++) {
            final int s = base + i < size ? first + base + i : -1;
            laneStart[i] = s < 0 ? 0 : src.offset(s);
            laneCount[i] = s < 0 ? 0 : src.count(s);
        }
    }

    /**
     * Derives the columns of lanes {@code 0 .. lanes - 1} of block {@code b} of this packed batch
     * again with {@code kernel}, in lanes: the same values as the packing wrote ({@link LaneEvaluator#pack}
     * does this on a few lanes of a batch packed with the scalar derivation until C2 has compiled it).
     */
    void derive(LaneKernel kernel, int b, int lanes) {
        laneSources(b);
        kernel.derive(this, source.records(), b, lanes);
    }

    private void addScalar(int s) {
        if (scalars == scalarScratch.length) {
            scalarScratch = Arrays.copyOf(scalarScratch, Math.max(16, scalars * 2));
        }
        scalarScratch[scalars++] = s;
    }

    /**
     * {@link #fill} record by record: group by group and lane by lane, each stack's plain prefix
     * (checked and derived record by record) and the identity after it.
     */
    private void fillScalar(int[] rec, int b) {
        final int base = b * LANES;
        final int stride = blockStride[b];
        final StackBatch src = source;
        final int n = size;
        int layers = 0;
        for (int g = 0; g < LANES; g += GROUP) {
            final int groupStart = at(b, 0, g);
            for (int k = 0; k < GROUP; k++) {
                final int lane = base + g + k;
                final int s = lane < n ? first + lane : -1;
                final int count = s < 0 ? 0 : src.count(s);
                int l = 0;
                int to = groupStart + k;
                for (int at = s < 0 ? 0 : src.offset(s); l < count && notPlain(rec, at) == 0; l++, at += Layer.INTS) {
                    derive(rec, at, column, columnStride, to);
                    to += GROUP;
                }
                for (int i = l; i < stride; i++, to += GROUP) {
                    identity(column, columnStride, to, 0);
                }
                layers = Math.max(layers, l);
                settle(lane, s, l, count);
            }
        }
        settleBlock(b, layers);
    }

    /** The input of lane {@code lane}: stack {@code s}'s, or {@code 1x1x1} for an empty lane ({@code s < 0}). */
    private void input(int lane, int s) {
        final int h = s < 0 ? 1 : source.inputH(s);
        final int w = s < 0 ? 1 : source.inputW(s);
        final int c = s < 0 ? 1 : source.inputC(s);
        inH[lane] = h;
        inW[lane] = w;
        inC[lane] = c;
        final long spatial = (long) h * w;
        inElements[lane] = Math.multiplyHigh(spatial, c) != 0 ? Long.MAX_VALUE : spatial * c;
    }

    /** The index in every column of layer {@code l} of lane {@code lane} of block {@code b}. */
    int at(int b, int l, int lane) {
        return blockStart[b] + (lane / GROUP * blockStride[b] + l) * GROUP + lane % GROUP;
    }

    /** For tests: column {@code f} at the indices {@code from .. to - 1} ({@link #at}), a copy. */
    int[] column(int f, int from, int to) {
        return Arrays.copyOfRange(column, f * columnStride + from, f * columnStride + to);
    }

    /** The first stack packed: its index in the source. */
    public int first() {
        return first;
    }

    /** The stacks packed: those of the source when this was built, or of the slice packed. */
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
        return notPlain(rec, at) == 0;
    }

    /**
     * Non-zero when the record at {@code rec[at...]} is not plain ({@link #plain}), without a branch
     * on its kind: the kind's row of {@link #KIND} says which of the record's fields must be checked.
     */
    private static int notPlain(int[] rec, int at) {
        final int op = rec[at + Layer.OP];
        final int kind = op >>> 6 == 0 ? KIND[op] : K_NOT_PLAIN;
        final int halfH = rec[at + Layer.KH] >> 1;
        final int halfW = rec[at + Layer.KW] >> 1;
        final int poolPaddingTooLarge = halfH - rec[at + Layer.PT] | halfH - rec[at + Layer.PB]
            | halfW - rec[at + Layer.PL] | halfW - rec[at + Layer.PR];
        return kind & K_NOT_PLAIN
            | kind & K_WINDOWED & -nonZero(rec[at + Layer.MODE] ^ Rounding.FLOOR)
            | kind & K_NEEDS_CHANNELS & -isZero(rec[at + Layer.C] ^ Layer.SAME_CHANNELS)
            | kind & K_ONE_GROUP & -nonZero(rec[at + Layer.G] ^ 1)
            | kind & K_POOL & poolPaddingTooLarge >> 31;
    }

    /** 1 when {@code x} is not 0, else 0. */
    private static int nonZero(int x) {
        return (x | -x) >>> 31;
    }

    /** 1 when {@code x} is 0, else 0. */
    private static int isZero(int x) {
        return nonZero(x) ^ 1;
    }

    /**
     * Writes the columns of the plain record at {@code rec[at...]} to {@code c[f * cs + to]}: the one
     * derivation (see the class comment). Without a branch on the kind: the kind's rows of the
     * tables ({@link #WINDOW_MASK} ...) say which fields it reads and which flags it sets; a kind without a window
     * (bn, the elementwise kinds) reads as {@code k = s = d = 1} without padding, the identity with
     * its flags.
     */
    private static void derive(int[] rec, int at, int[] c, int cs, int to) {
        // In two parts, each small enough for C2 to inline into the packing loop (325 bytes of bytecode).
        final int window = WINDOW_MASK[rec[at + Layer.OP]];
        deriveWindow(rec, at, c, cs, to, window);
        deriveCounts(rec, at, c, cs, to, window);
    }

    /** The window's columns of {@link #derive}: spans, growths, pads and strides. */
    private static void deriveWindow(int[] rec, int at, int[] c, int cs, int to, int window) {
        final int ekH = (rec[at + Layer.DH] & window) * (rec[at + Layer.KH] - 1 & window) + 1;
        final int ekW = (rec[at + Layer.DW] & window) * (rec[at + Layer.KW] - 1 & window) + 1;
        final int pt = rec[at + Layer.PT] & window;
        final int pl = rec[at + Layer.PL] & window;
        c[SPAN_H * cs + to] = pt + (rec[at + Layer.PB] & window) - ekH;
        c[SPAN_W * cs + to] = pl + (rec[at + Layer.PR] & window) - ekW;
        c[GROW_H * cs + to] = ekH - 1;
        c[GROW_W * cs + to] = ekW - 1;
        c[PAD_H * cs + to] = pt;
        c[PAD_W * cs + to] = pl;
        c[STRIDES * cs + to] = 1 + (rec[at + Layer.SH] - 1 & window) | 1 + (rec[at + Layer.SW] - 1 & window) << 16;
    }

    /** The channel, count and flag columns of {@link #derive}. */
    private static void deriveCounts(int[] rec, int at, int[] c, int cs, int to, int window) {
        final int op = rec[at + Layer.OP];
        final int kh = 1 + (rec[at + Layer.KH] - 1 & window);
        final int kw = 1 + (rec[at + Layer.KW] - 1 & window);
        final int area = kh * kw;
        c[C_SET * cs + to] = rec[at + Layer.C] & CHANNEL_MASK[op];
        c[M_CO * cs + to] = (area & AREA_PER_CO_MASK[op]) + ONE_PER_CO[op];
        c[M_ONE * cs + to] = area & AREA_ONCE_MASK[op];
        final int unproductive = 1 << BIT_UNPRODUCTIVE | nonZero(kh - 1 | kw - 1) << BIT_UNPRODUCTIVE + 1;
        c[FLAGS * cs + to] = OP_FLAGS[op] | unproductive & window | BIAS_FLAG[op] & -nonZero(rec[at + Layer.BIAS])
            | DW_CHECK_FLAG[op] & -nonZero(rec[at + Layer.C] ^ Layer.SAME_CHANNELS);
    }

    /** The columns of a layer that changes nothing: {@code k = s = 1}, no padding, no counts. */
    private static void identity(int[] c, int cs, int to, int flags) {
        c[SPAN_H * cs + to] = -1;
        c[SPAN_W * cs + to] = -1;
        c[GROW_H * cs + to] = 0;
        c[GROW_W * cs + to] = 0;
        c[PAD_H * cs + to] = 0;
        c[PAD_W * cs + to] = 0;
        c[C_SET * cs + to] = 0;
        c[STRIDES * cs + to] = 1 | 1 << 16;
        c[M_CO * cs + to] = 0;
        c[M_ONE * cs + to] = 0;
        c[FLAGS * cs + to] = flags;
    }
}
