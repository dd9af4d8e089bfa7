package org.rfsweep.core.eval;

import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.Limits;

/**
 * The running activation-memory totals of one stack, in elements (docs/MEMORY.md): the output
 * elements of every layer but {@code flatten} and {@code chunk} ({@link #act}, behind
 * {@code act_bytes}), and the most elements alive at once in an in-order inference walk
 * ({@link #peak}, behind {@code peak_act_bytes}).
 *
 * <p>The walk: each open branch block holds its input {@code X} until it merges, and the outputs of
 * its finished branches; {@code held} sums them over the open blocks. A layer that writes a new
 * tensor has alive {@code held + input + output} (the input counted once when it is the block's
 * {@code X}); elementwise layers and views work in place ({@code held + input}); {@code add} and
 * {@code mul} merge in place, {@code cat} into a new tensor. A {@code sepconv} is its depthwise
 * step, then its pointwise step.
 *
 * <p>Fixed-size arrays, reused: allocation-free; one instance per evaluator. Every value stays
 * below {@code 2^62}: the caller fails the stack once {@link #act} or {@link #peak} reaches
 * {@link Limits#MAX_COUNT}, and {@link #step} reports an output too large to count.
 */
final class MemoryState {
    /** Values {@link #save} writes. */
    static final int SAVED = 5;
    long act;
    long peak;
    private long held;
    /** The current tensor's elements; 0 while it is the innermost open block's input (already held). */
    private long cur;
    /** Channels of the evaluator after the last record: the next record's input channels. */
    private int channels;
    private int depth;
    private final long[] frameX = new long[Limits.MAX_DEPTH + 2];
    private final long[] frameAcc = new long[Limits.MAX_DEPTH + 2];
    private final boolean[] frameCat = new boolean[Limits.MAX_DEPTH + 2];

    /**
     * Starts a stack on an input of {@code h x w x c}. An input of {@link Limits#MAX_COUNT}
     * elements or more is held at that value, so the first layer fails the bound check.
     */
    void start(int h, int w, int c) {
        final long spatial = (long) h * w;
        final long elements = Math.multiplyHigh(spatial, c) != 0 ? Limits.MAX_COUNT : Math.min(spatial * c,
            Limits.MAX_COUNT);
        act = 0;
        held = 0;
        depth = 0;
        cur = elements;
        peak = elements;
        channels = c;
    }

    /**
     * Saves the totals into {@code row[at...]} ({@link #SAVED} values); only meaningful where no
     * block is open, as the frames are not saved.
     */
    void save(long[] row, int at) {
        row[at] = act;
        row[at + 1] = peak;
        row[at + 2] = held;
        row[at + 3] = cur;
        row[at + 4] = channels;
    }

    /** Restores the totals {@link #save} wrote, with no block open. */
    void restore(long[] row, int at) {
        act = row[at];
        peak = row[at + 1];
        held = row[at + 2];
        cur = row[at + 3];
        channels = (int) row[at + 4];
        depth = 0;
    }

    /**
     * Accounts for one record, after the evaluator stepped it: {@code op} and the evaluator's
     * shape after it, {@code nH x nW x c} (after a branch marker, the restored or merged shape).
     *
     * @return false when the output, {@link #act} or {@link #peak} reaches {@link Limits#MAX_COUNT}
     */
    boolean step(int op, int nH, int nW, int c) {
        final int cIn = channels;
        channels = c;
        final long spatial = (long) nH * nW;
        final long made = spatial * c;
        if (Math.multiplyHigh(spatial, c) != 0 || made >= Limits.MAX_COUNT) {
            return false;
        }
        final int step = Kinds.step(op);
        long live;
        if (step == Kinds.STEP_WINDOW || step == Kinds.STEP_REDUCE && op != Op.FLATTEN) {
            if (op == Op.SEPCONV) {
                final long depthwise = spatial * cIn;
                live = held + depthwise + Math.max(cur, made);
                act += depthwise + made;
            } else {
                live = held + cur + made;
                act += made;
            }
            cur = made;
        } else if (step != Kinds.STEP_MARKER) {
            live = held + cur;
            act += op == Op.FLATTEN || op == Op.CHUNK ? 0 : made;
        } else if (op == Op.NEXT || op == Op.END) {
            frameAcc[depth] += cur;
            held += cur;
            cur = 0;
            live = held;
            if (op == Op.END) {
                live += frameCat[depth] ? made : 0;
                held -= frameX[depth] + frameAcc[depth];
                depth--;
                cur = made;
            }
        } else {
            depth++;
            frameX[depth] = cur;
            frameAcc[depth] = 0;
            frameCat[depth] = op == Op.CAT;
            held += cur;
            cur = 0;
            live = held;
        }
        peak = Math.max(peak, live);
        return (act | peak) < Limits.MAX_COUNT;
    }
}
