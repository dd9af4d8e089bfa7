package org.rfsweep.search;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.HashMap;
import java.util.Map;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;

/**
 * Measures the {@link Effect} of a {@link Block} on a feature map of shape
 * {@code nH x nW x c} with {@link StackEvaluator#trace}, so the search uses the evaluator's own
 * arithmetic, and memoises it per block and shape. Runs once per distinct (block, shape) while
 * the search graph is built, never per label. Not thread-safe.
 */
final class BlockEvaluator {
    private final boolean ignore1x1;
    private final StackEvaluator evaluator = new StackEvaluator();
    private final Metrics metrics = new Metrics(1);
    private final LayerTrace trace = new LayerTrace();
    private final Map<Key, Effect> memo = new HashMap<>();

    BlockEvaluator(boolean ignore1x1) {
        this.ignore1x1 = ignore1x1;
    }

    private record Key(Block block, int nH, int nW, int c, boolean global) {
    }

    /**
     * The effect of {@code block} on an {@code nH x nW x c} map; {@code global} says whether the
     * incoming path already passed a global op.
     *
     * @throws UnsupportedSpaceException for a branch block after a global op on a map larger
     *     than 1x1, which the local measurement cannot reproduce
     */
    Effect effect(Block block, int nH, int nW, int c, boolean global) {
        Key key = new Key(block, nH, nW, c, global);
        Effect e = memo.get(key);
        if (e == null) {
            e = measure(block, nH, nW, c, global);
            memo.put(key, e);
        }
        return e;
    }

    private Effect measure(Block block, int nH, int nW, int c, boolean global) {
        if (block.count == 0) {
            return Effect.identity(nH, nW, c, global);
        }
        int[] records = block.records;
        int skip = 0;
        if (global && block.hasMarkers) {
            if (nH != 1 || nW != 1) {
                throw new UnsupportedSpaceException("a branch block follows a global layer on a " + nH + "x" + nW
                    + " map");
            }
            // A leading gap on a 1x1 map changes nothing but marks every branch global, as the
            // whole stack would.
            records = new int[block.records.length + Layer.INTS];
            Layer.clear(records, 0, Op.GAP);
            System.arraycopy(block.records, 0, records, Layer.INTS, block.records.length);
            skip = 1;
        }
        int count = records.length / Layer.INTS;
        if (!evaluator.trace(records, 0, count, nH, nW, c, metrics, 0, trace)) {
            return Effect.INVALID;
        }
        LongArrayList checks = new LongArrayList();
        for (int i = skip, at = skip * Layer.INTS; i < count; i++, at += Layer.INTS) {
            int op = records[at + Layer.OP];
            if (!Op.isWindowed(op) || (ignore1x1 && records[at + Layer.KH] == 1 && records[at + Layer.KW] == 1)) {
                continue;
            }
            checks.add(i == 0 ? 0 : trace.rfMinH[i - 1] - 1);
            checks.add(i == 0 ? 0 : trace.rfMinW[i - 1] - 1);
            checks.add(trace.rfMinH[i] - 1);
            checks.add(trace.rfMinW[i] - 1);
        }
        return new Effect(metrics, block.globalAfter(global), checks.toLongArray());
    }
}
