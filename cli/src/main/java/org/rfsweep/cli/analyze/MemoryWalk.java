package org.rfsweep.cli.analyze;

import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.layout.Op;

/**
 * The memory figures of {@code docs/MEMORY.md} per record, from a {@link LayerTrace}: each
 * layer's own output elements ({@code act_bytes} per element) and the elements alive while it
 * runs ({@code peak_act_bytes} is their maximum). Written apart from the evaluator's own
 * running total, against the same definition, so the tests can compare the two.
 */
final class MemoryWalk {
    /** Output elements of record {@code i} (0 for markers, {@code flatten} and {@code chunk}). */
    final long[] outElements;
    /** Elements alive while record {@code i} runs. */
    final long[] alive;
    /** The largest of {@link #alive} and the input. */
    final long peak;

    private MemoryWalk(long[] outElements, long[] alive, long peak) {
        this.outElements = outElements;
        this.alive = alive;
        this.peak = peak;
    }

    static MemoryWalk of(Network net, LayerTrace trace, long inputElements) {
        int n = net.count();
        long[] out = new long[n];
        long[] alive = new long[n];
        long[] frameX = new long[n + 1];
        long[] frameAcc = new long[n + 1];
        int depth = 0;
        long held = 0;
        long cur = inputElements;
        boolean alias = false;
        long peak = cur;
        for (int i = 0; i < n; i++) {
            int op = net.op(i);
            long made = (long) trace.outH[i] * trace.outW[i] * trace.outC[i];
            long live;
            if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                depth++;
                frameX[depth] = alias ? 0 : cur;
                frameAcc[depth] = 0;
                held += frameX[depth];
                alias = true;
                live = held;
            } else if (op == Op.NEXT || op == Op.END) {
                if (!alias) {
                    frameAcc[depth] += cur;
                    held += cur;
                }
                alias = true;
                cur = frameX[depth];
                if (op == Op.END) {
                    live = held + (net.op(net.opening(i)) == Op.CAT ? made : 0);
                    held -= frameX[depth] + frameAcc[depth];
                    depth--;
                    cur = made;
                    alias = false;
                } else {
                    live = held;
                }
            } else if (makesTensor(op)) {
                long in = alias ? 0 : cur;
                if (op == Op.SEPCONV) {
                    long depthwise = (long) trace.outH[i] * trace.outW[i] * trace.inC[i];
                    live = Math.max(held + in + depthwise, held + depthwise + made);
                    out[i] = depthwise + made;
                } else {
                    live = held + in + made;
                    out[i] = made;
                }
                cur = made;
                alias = false;
            } else {
                live = held + (alias ? 0 : cur);
                out[i] = op == Op.FLATTEN || op == Op.CHUNK ? 0 : made;
            }
            alive[i] = live;
            peak = Math.max(peak, live);
        }
        return new MemoryWalk(out, alive, peak);
    }

    /** Layers that write a new tensor rather than working in place or viewing their input. */
    static boolean makesTensor(int op) {
        return Op.isWindowed(op) || op == Op.GAP || op == Op.FC || op == Op.ADAPTIVEAVGPOOL;
    }

}
