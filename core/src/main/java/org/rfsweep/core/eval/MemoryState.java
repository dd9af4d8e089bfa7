package org.rfsweep.core.eval;

import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.Limits;

/**
 * The activation-memory walk of one stack, in elements (docs/MEMORY.md): the output elements of
 * every layer but {@code flatten} and {@code chunk} ({@link #act}, behind {@code act_bytes}), and
 * the most elements alive at once in an in-order inference walk ({@link #peak}, behind
 * {@code peak_act_bytes}).
 *
 * <p>The walk: each open branch block holds its input {@code X} until it merges, and the outputs of
 * its finished branches; {@link #held} sums them over the open blocks. A layer that writes a new
 * tensor has alive {@code held + input + output} (the input counted once when it is the block's
 * {@code X}); elementwise layers and views work in place ({@code held + input}); {@code add} and
 * {@code mul} merge in place, {@code cat} into a new tensor. A {@code sepconv} is its depthwise
 * step, then its pointwise step.
 *
 * <p>{@link StackEvaluator} walks the common records (windowed, elementwise and channel layers)
 * on locals of its loop, as {@link #window} and {@link #inPlace} say, and hands the rare ones
 * (global and adaptive layers, branch markers) to {@link #step} with the four totals stored in
 * these fields; only {@link #step} needs the frames of the open blocks.
 *
 * <p>Fixed-size arrays, reused: allocation-free; one instance per evaluator. Every value stays
 * below {@code 2^62}: the caller fails the stack once {@link #act}, {@link #peak} or a record's output
 * elements reach {@link Limits#MAX_COUNT} ({@link #fits}).
 */
final class MemoryState {
    long act;
    long peak;
    long held;
    /** The current tensor's elements; 0 while it is the innermost open block's input (already held). */
    long cur;
    private int depth;
    private final long[] frameX = new long[Limits.MAX_DEPTH + 2];
    private final long[] frameAcc = new long[Limits.MAX_DEPTH + 2];
    private final boolean[] frameCat = new boolean[Limits.MAX_DEPTH + 2];

    /**
     * The elements of an {@code h x w x c} input, the walk's first {@code cur} and {@code peak}; an
     * input of {@link Limits#MAX_COUNT} elements or more is held at that value, so the first layer
     * fails the bound check.
     */
    static long input(int h, int w, int c) {
        final long spatial = (long) h * w;
        return Math.multiplyHigh(spatial, c) != 0 ? Limits.MAX_COUNT : Math.min(spatial * c, Limits.MAX_COUNT);
    }

    /** True when {@code spatial * c}, a record's output elements, is below {@link Limits#MAX_COUNT}. */
    static boolean fits(long spatial, int c) {
        return Math.multiplyHigh(spatial, c) == 0 && spatial * c < Limits.MAX_COUNT;
    }

    /**
     * What a windowed layer adds to {@link #act}: its output elements {@code made}, and for a
     * {@code sepconv} also its depthwise output, {@code spatial * cIn}.
     */
    static long windowAct(int op, long spatial, int cIn, long made) {
        return op == Op.SEPCONV ? spatial * cIn + made : made;
    }

    /**
     * The elements alive while a windowed layer runs: everything held, its input {@code cur} and its
     * output {@code made}; a {@code sepconv} first writes its depthwise output, then frees the
     * input before its pointwise output is written.
     */
    static long window(int op, long held, long cur, long spatial, int cIn, long made) {
        return op == Op.SEPCONV ? held + spatial * cIn + Math.max(cur, made) : held + cur + made;
    }

    /** What an elementwise or channel layer adds to {@link #act}: its output, but nothing for a view. */
    static long inPlaceAct(int op, long made) {
        return op == Op.CHUNK || op == Op.FLATTEN ? 0 : made;
    }

    /** Starts a stack: no block open. The totals are set by the caller. */
    void reset() {
        depth = 0;
    }

    /**
     * Accounts for one record of any kind, after the evaluator stepped it, on the totals in these
     * fields: {@code op}, the evaluator's shape after it, {@code nH x nW x c} (after a branch marker,
     * the restored or merged shape), and the channels before it, {@code cIn}. The caller has checked
     * that {@code nH * nW * c} {@link #fits}.
     */
    void step(int op, int nH, int nW, int c, int cIn) {
        final long spatial = (long) nH * nW;
        final long made = spatial * c;
        final int step = Kinds.step(op);
        long live;
        if (step == Kinds.STEP_WINDOW || step == Kinds.STEP_REDUCE && op != Op.FLATTEN) {
            live = window(op, held, cur, spatial, cIn, made);
            act += windowAct(op, spatial, cIn, made);
            cur = made;
        } else if (step != Kinds.STEP_MARKER) {
            live = held + cur;
            act += inPlaceAct(op, made);
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
    }
}
