package org.rfsweep.core.eval;

import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.Limits;

/**
 * The fixed-size, reused stack of branch states behind {@link StackEvaluator}'s evaluation of
 * {@code add}, {@code cat} and {@code mul} blocks (SPEC section 4).
 *
 * <p>Per open block it keeps the block's input state (each branch starts from it) and the merge
 * of the branches finished so far. A path state is, per axis, the extent {@code n}, the maximum
 * and minimum RF over paths {@code r}/{@code rMin}, the jump {@code j} and the effective padding
 * {@code P} of the maximum path, plus the channels and whether the path passed a global op.
 *
 * <p>Merging a branch:
 * <ul>
 *   <li>shapes: {@code add} needs equal extents and channels; {@code mul} equal channels and
 *       equal extents, or a 1x1 side that is broadcast; {@code cat} equal extents, channels add;</li>
 *   <li>a branch that passed a global op ({@code gap}, {@code fc}) is left out of the RF maximum,
 *       minimum and alignment check, and the block is flagged as having global context;</li>
 *   <li>other branches must agree on {@code j} and on the centre shift {@code (r-1)/2 - P}
 *       (compared doubled, {@code r - 1 - 2P}, to stay in integers), else the block is not aligned;
 *       the merge takes the maximum {@code r} with its {@code P}, and the minimum {@code rMin}.</li>
 * </ul>
 * Not thread-safe; owned by one evaluator.
 */
final class BranchStack {
    static final int N_H = 0;
    static final int N_W = 1;
    static final int C = 2;
    static final int R_H = 3;
    static final int R_W = 4;
    static final int RMIN_H = 5;
    static final int RMIN_W = 6;
    static final int J_H = 7;
    static final int J_W = 8;
    static final int P_H = 9;
    static final int P_W = 10;
    static final int GLOBAL = 11;
    static final int WIDTH = 12;

    /** Detail of a {@link ErrorCode#SHAPE_MISMATCH}: extents differ. */
    static final int EXTENTS = 0;
    /** Detail of a {@link ErrorCode#SHAPE_MISMATCH}: channels differ. */
    static final int CHANNELS = 1;

    final long[] input = new long[Limits.MAX_DEPTH * WIDTH];
    final long[] merged = new long[Limits.MAX_DEPTH * WIDTH];
    private final int[] kind = new int[Limits.MAX_DEPTH];
    private final int[] openRecord = new int[Limits.MAX_DEPTH];
    private final int[] branches = new int[Limits.MAX_DEPTH];
    private final boolean[] anyLocal = new boolean[Limits.MAX_DEPTH];
    private final boolean[] anyGlobal = new boolean[Limits.MAX_DEPTH];
    private int depth;
    /** Detail of the last failed merge. */
    int detail;
    /** The state of the branch that failed to merge, for error messages. */
    final long[] rejected = new long[WIDTH];

    void reset() {
        depth = 0;
    }

    int depth() {
        return depth;
    }

    /** Offset of the top block's state in {@link #input} and {@link #merged}. */
    int top() {
        return (depth - 1) * WIDTH;
    }

    int openRecord() {
        return openRecord[depth - 1];
    }

    int kind() {
        return kind[depth - 1];
    }

    /** 1-based number of the branch being merged or last merged. */
    int branch() {
        return branches[depth - 1];
    }

    boolean globalContext() {
        return anyGlobal[depth - 1];
    }

    /** Opens a block; false when nesting is too deep. */
    boolean open(int op, int record, long[] state) {
        if (depth == Limits.MAX_DEPTH) {
            return false;
        }
        kind[depth] = op;
        openRecord[depth] = record;
        branches[depth] = 0;
        anyLocal[depth] = false;
        anyGlobal[depth] = false;
        System.arraycopy(state, 0, input, depth * WIDTH, WIDTH);
        depth++;
        return true;
    }

    void close() {
        depth--;
    }

    /**
     * Merges a finished branch's {@code state} into the top block.
     *
     * @return {@link ErrorCode#OK}, or the error with {@link #detail} set
     */
    int merge(long[] state) {
        final int d = depth - 1;
        final int at = d * WIDTH;
        final long[] m = merged;
        final boolean global = state[GLOBAL] != 0;
        branches[d]++;
        if (branches[d] == 1) {
            System.arraycopy(state, 0, m, at, WIDTH);
            anyLocal[d] = !global;
            anyGlobal[d] = global;
            return ErrorCode.OK;
        }
        final int op = kind[d];
        final boolean sameExtent = state[N_H] == m[at + N_H] && state[N_W] == m[at + N_W];
        if (op == Op.CAT) {
            if (!sameExtent) {
                return reject(state, ErrorCode.SHAPE_MISMATCH, EXTENTS);
            }
            m[at + C] += state[C];
            if (m[at + C] > Limits.MAX_CHANNELS) {
                return reject(state, ErrorCode.EXCEEDS_BOUND, ErrorCode.Bound.CHANNELS);
            }
        } else {
            if (state[C] != m[at + C]) {
                return reject(state, ErrorCode.SHAPE_MISMATCH, CHANNELS);
            }
            if (!sameExtent) {
                boolean branchIsPoint = state[N_H] == 1 && state[N_W] == 1;
                boolean mergedIsPoint = m[at + N_H] == 1 && m[at + N_W] == 1;
                if (op != Op.MUL || !(branchIsPoint || mergedIsPoint)) {
                    return reject(state, ErrorCode.SHAPE_MISMATCH, EXTENTS);
                }
                if (mergedIsPoint) {
                    m[at + N_H] = state[N_H];
                    m[at + N_W] = state[N_W];
                }
            }
        }
        anyGlobal[d] |= global;
        if (global && anyLocal[d]) {
            return ErrorCode.OK;
        }
        if (!global && !anyLocal[d]) {
            anyLocal[d] = true;
            copyField(state, m, at);
            m[at + GLOBAL] = 0;
            return ErrorCode.OK;
        }
        if (!global) {
            if (!aligned(state, m, at, R_H, J_H, P_H)) {
                return reject(state, ErrorCode.NOT_ALIGNED, ErrorCode.Axis.H);
            }
            if (!aligned(state, m, at, R_W, J_W, P_W)) {
                return reject(state, ErrorCode.NOT_ALIGNED, ErrorCode.Axis.W);
            }
        }
        widen(state, m, at, R_H, RMIN_H, P_H);
        widen(state, m, at, R_W, RMIN_W, P_W);
        return ErrorCode.OK;
    }

    private int reject(long[] state, int code, int why) {
        System.arraycopy(state, 0, rejected, 0, WIDTH);
        detail = why;
        return code;
    }

    private static boolean aligned(long[] s, long[] m, int at, int r, int j, int p) {
        return s[j] == m[at + j] && s[r] - 1 - 2 * s[p] == m[at + r] - 1 - 2 * m[at + p];
    }

    private static void widen(long[] s, long[] m, int at, int r, int rMin, int p) {
        if (s[r] > m[at + r]) {
            m[at + r] = s[r];
            m[at + p] = s[p];
        }
        m[at + rMin] = Math.min(m[at + rMin], s[rMin]);
    }

    private static void copyField(long[] s, long[] m, int at) {
        for (int f = R_H; f <= P_W; f++) {
            m[at + f] = s[f];
        }
    }
}
