package org.rfsweep.sweep;

import java.math.BigInteger;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.Snapshots;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.space.Decoder;

/**
 * Evaluates candidates in index order, in blocks, reusing what consecutive candidates share.
 * Mixed-radix enumeration turns the last position fastest, so a block is a candidate and the
 * candidates after it that differ only in the entry of the last position ({@link Decoder#lastTurns}):
 * the first is evaluated from the first record that changed since the previous block
 * ({@link StackEvaluator#evaluateFrom}), the others from the state before the last position
 * ({@link StackEvaluator#evaluateVariants}, which reads their entries straight from the choice
 * table), so a candidate of a block costs the evaluation of its last position's records and what
 * follows them. Without reuse, a block is one candidate evaluated from scratch.
 *
 * <pre>
 *   PrefixEnumeration e = new PrefixEnumeration(space.decoder(), new StackEvaluator(), true);
 *   e.start(from);
 *   for (long i = from; i &lt; to; ) {
 *       int n = e.next(to - i);           // candidates i .. i+n-1 in slots 0 .. n-1 of e.metrics()
 *       ... e.select(k) puts the decoder on candidate i+k (k increasing within a block) ...
 *       i += n;
 *   }
 * </pre>
 * Results equal those of evaluating each candidate from scratch. No call allocates after the
 * first block. Not thread-safe: one per thread.
 */
public final class PrefixEnumeration {
    /** Candidates per block at most: the slots of {@link #metrics()}. */
    public static final int BLOCK = 64;

    private final Decoder decoder;
    private final StackEvaluator evaluator;
    /** The evaluation state per record, or null without reuse. */
    private final Snapshots snapshots;
    private final Metrics metrics = new Metrics(BLOCK);
    /** Candidates in the current block; 0 before the first block after {@link #start}. */
    private int size;
    /** The candidate of the block the decoder is on. */
    private int selected;

    /** Enumerates the candidates of {@code decoder}'s space; {@code reuse} false evaluates each from scratch. */
    public PrefixEnumeration(Decoder decoder, StackEvaluator evaluator, boolean reuse) {
        this.decoder = decoder;
        this.evaluator = evaluator;
        this.snapshots = reuse ? new Snapshots(Math.max(1, decoder.records().length / Layer.INTS)) : null;
    }

    /** The first block starts at candidate {@code index}, from scratch. */
    public void start(long index) {
        decoder.decode(index);
        size = 0;
    }

    /** As {@link #start(long)}, for an index of any size. */
    public void start(BigInteger index) {
        decoder.decode(index);
        size = 0;
    }

    /**
     * Evaluates the next block, of at most {@code max} (at least 1) candidates: the one after the
     * last block's (the started one at first) and the following ones that differ from it only in
     * the last position. Returns their number n; slot k of {@link #metrics()} holds candidate k.
     * The decoder is then on candidate 0.
     */
    public int next(long max) {
        final Decoder d = decoder;
        int changed = 0;
        if (size > 0) {
            d.turnLast(size - 1 - selected);
            d.next();
            changed = d.firstChanged();
        }
        final int[] records = d.records();
        final int count = d.count();
        final int h = d.inputH();
        final int w = d.inputW();
        final int c = d.inputC();
        selected = 0;
        if (snapshots == null) {
            evaluator.evaluate(records, 0, count, h, w, c, metrics, 0);
            size = 1;
            return 1;
        }
        evaluator.evaluateFrom(records, 0, count, h, w, c, metrics, 0, snapshots, changed);
        final int more = (int) Math.min(Math.min(d.lastTurns(), BLOCK - 1), max - 1);
        if (more > 0) {
            final int ints = d.lastInts();
            evaluator.evaluateVariants(records, 0, count, h, w, c, snapshots, d.lastRecord(), d.lastEntries(),
                d.lastEntry() + ints, ints, more, metrics, 1);
        }
        size = 1 + more;
        return size;
    }

    /** The results of the last block, candidate k in slot k. */
    public Metrics metrics() {
        return metrics;
    }

    /**
     * Puts the decoder on candidate {@code k} of the last block (for its architecture or input) and
     * returns it; {@code k} never below the last one selected in this block.
     */
    public Decoder select(int k) {
        if (k < selected || k >= size) {
            throw new IllegalArgumentException("k=" + k + " is outside " + selected + ".." + (size - 1));
        }
        decoder.turnLast(k - selected);
        selected = k;
        return decoder;
    }
}
