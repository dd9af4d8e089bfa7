package org.rfsweep.cli.analyze;

import org.rfsweep.cli.UserError;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.ErrorText;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;

/**
 * The layer-by-layer view of one network: a {@link Metrics} whose slot {@code i} is layer
 * {@code i} (branch markers skipped) and whose last slot is the whole network.
 *
 * <p>In a layer slot, the shape, receptive field, effective stride and padding are those after
 * the layer (SPEC section 3 runs them through the stack), while params, MACs and bias adds are
 * the layer's own, and {@code unproductive} is 1 when the layer is unproductive (SPEC section 5).
 * The total slot holds the network's result: final shape and field, summed counts, and the
 * number of unproductive layers.
 */
final class LayerReport {
    final InputShape input;
    /** Canonical text of each layer. */
    final String[] ops;
    /** Branch nesting depth of each layer: 0 outside any {@code add}, {@code cat} or {@code mul}. */
    final int[] depths;
    /** Rows: {@link #layers} layer slots, then the total. */
    final Metrics rows;
    final int layers;

    private LayerReport(InputShape input, String[] ops, int[] depths, Metrics rows) {
        this.input = input;
        this.ops = ops;
        this.depths = depths;
        this.rows = rows;
        this.layers = ops.length;
    }

    /** Evaluates {@code net} on {@code input}; an invalid network is a {@link UserError} with the engine's message. */
    static LayerReport evaluate(Network net, InputShape input, boolean ignore1x1) {
        int[] records = net.records();
        int count = net.count();
        Metrics total = new Metrics(1);
        LayerTrace trace = new LayerTrace();
        if (!new StackEvaluator(ignore1x1).trace(records, 0, count, input.h, input.w, input.c, total, 0, trace)) {
            throw new UserError(ErrorText.describe(records, 0, count, input.h, input.w, input.c,
                total.error[0], total.errorRecord[0], total.errorDetail[0]));
        }
        int layers = net.layerCount();
        String[] ops = new String[layers];
        int[] depths = new int[layers];
        Metrics rows = new Metrics(layers + 1);
        StringBuilder sb = new StringBuilder();
        int slot = 0;
        int depth = 0;
        for (int i = 0; i < count; i++) {
            int op = net.op(i);
            if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                depth++;
            } else if (op == Op.END) {
                depth--;
            }
            if (Op.isMarker(op)) {
                continue;
            }
            depths[slot] = depth;
            sb.setLength(0);
            ArchFormatter.append(sb, records, i * Layer.INTS, 1);
            ops[slot] = sb.toString();
            rows.outH[slot] = trace.outH[i];
            rows.outW[slot] = trace.outW[i];
            rows.outC[slot] = trace.outC[i];
            rows.rfH[slot] = trace.rfH[i];
            rows.rfW[slot] = trace.rfW[i];
            rows.rfMinH[slot] = trace.rfMinH[i];
            rows.rfMinW[slot] = trace.rfMinW[i];
            rows.strideH[slot] = trace.strideH[i];
            rows.strideW[slot] = trace.strideW[i];
            rows.padH[slot] = trace.padH[i];
            rows.padW[slot] = trace.padW[i];
            rows.params[slot] = trace.params[i];
            rows.macs[slot] = trace.macs[i];
            rows.biasAdds[slot] = trace.biasAdds[i];
            rows.acts[slot] = trace.acts[i];
            rows.unproductive[slot] = (trace.flags[i] & LayerTrace.UNPRODUCTIVE) != 0 ? 1 : 0;
            slot++;
        }
        rows.copySlot(total, 0, layers);
        return new LayerReport(input, ops, depths, rows);
    }
}
