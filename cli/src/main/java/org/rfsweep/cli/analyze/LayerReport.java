package org.rfsweep.cli.analyze;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rfsweep.cli.UserError;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.ErrorText;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.eval.TopDown;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.report.DType;

/**
 * The layer-by-layer view of one network: an {@code input} row, one row per layer (branch
 * markers skipped) or per collapsed branch block, and a {@code total} row.
 *
 * <p>With a depth limit {@code N}, a branch block opened at nesting level {@code N + 1} or deeper
 * becomes one row: its layers' counts summed, the shape and field after the block, and the op
 * {@code add(2 branches, 7 layers)}; {@code N = 0} collapses every top-level block.
 */
final class LayerReport {
    /** No depth limit. */
    static final int ALL_DEPTHS = Integer.MAX_VALUE;

    final InputShape input;
    /** Every row: input, layers or blocks, total. */
    final List<AnalyzeRow> rows;
    /** The layer rows only, never collapsed (for {@code --by-op}). */
    final List<AnalyzeRow> layers;
    /** The op code of each row of {@link #layers}. */
    final int[] layerOps;

    private LayerReport(InputShape input, List<AnalyzeRow> rows, List<AnalyzeRow> layers, int[] layerOps) {
        this.input = input;
        this.rows = Collections.unmodifiableList(rows);
        this.layers = Collections.unmodifiableList(layers);
        this.layerOps = layerOps;
    }

    AnalyzeRow total() {
        return rows.get(rows.size() - 1);
    }

    /** Evaluates {@code net} on {@code input}; an invalid network is a {@link UserError} with the engine's message. */
    static LayerReport evaluate(Network net, InputShape input, boolean ignore1x1, int maxDepth) {
        return evaluate(net, input, ignore1x1, maxDepth, DType.FP32);
    }

    /** As above, with the byte columns at {@code dtype}. */
    static LayerReport evaluate(Network net, InputShape input, boolean ignore1x1, int maxDepth, DType dtype) {
        int[] records = net.records();
        int count = net.count();
        Metrics total = new Metrics(1);
        LayerTrace trace = new LayerTrace();
        if (!new StackEvaluator(ignore1x1).trace(records, 0, count, input.h, input.w, input.c, total, 0, trace)) {
            throw new UserError(ErrorText.describe(records, 0, count, input.h, input.w, input.c,
                total.error[0], total.errorRecord[0], total.errorDetail[0]));
        }
        long[] tdH = TopDown.trace(net, trace, true);
        long[] tdW = TopDown.trace(net, trace, false);
        MemoryWalk memory = MemoryWalk.of(net, trace, (long) input.h * input.w * input.c);
        List<AnalyzeRow> rows = new ArrayList<>();
        List<AnalyzeRow> layers = new ArrayList<>();
        int[] layerOps = new int[net.layerCount()];
        rows.add(inputRow(input, tdH[count], tdW[count], dtype));
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        int number = 0;
        AnalyzeRow block = null;
        int blockDepth = 0;
        int blockFirst = 0;
        int blockBranches = 0;
        for (int i = 0; i < count; i++) {
            int op = net.op(i);
            if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                depth++;
                if (block == null && depth > maxDepth) {
                    block = new AnalyzeRow(AnalyzeRow.Kind.BLOCK, "", Op.name(op), depth - 1);
                    block.aliveElements = memory.alive[i];
                    blockDepth = depth;
                    blockFirst = number + 1;
                    blockBranches = 1;
                }
                continue;
            }
            if (op == Op.NEXT) {
                if (block != null && depth == blockDepth) {
                    blockBranches++;
                }
                continue;
            }
            if (op == Op.END) {
                depth--;
                if (block != null && depth == blockDepth - 1) {
                    int n = number - blockFirst + 1;
                    AnalyzeRow done = new AnalyzeRow(AnalyzeRow.Kind.BLOCK,
                        n == 0 ? "-" : n == 1 ? Integer.toString(blockFirst) : blockFirst + "-" + number,
                        block.op + "(" + blockBranches + " branches, " + n + (n == 1 ? " layer)" : " layers)"),
                        block.depth);
                    addCounts(done, block);
                    done.aliveElements = Math.max(block.aliveElements, memory.alive[i]);
                    done.bytes = dtype.bytes;
                    field(done, trace, i, tdH, tdW);
                    rows.add(done);
                    block = null;
                }
                continue;
            }
            sb.setLength(0);
            ArchFormatter.append(sb, records, i * Layer.INTS, 1);
            number++;
            AnalyzeRow row = layerRow(Integer.toString(number), sb.toString(), depth, trace, i, tdH, tdW, memory,
                dtype);
            layerOps[number - 1] = op;
            layers.add(row);
            if (block != null) {
                addCounts(block, row);
                block.aliveElements = Math.max(block.aliveElements, row.aliveElements);
            } else {
                rows.add(row);
            }
        }
        rows.add(totalRow(total, tdH[count], tdW[count], dtype, layers));
        return new LayerReport(input, rows, layers, layerOps);
    }

    /** The {@code input} row: the input shape, a 1x1 field and stride 1. */
    private static AnalyzeRow inputRow(InputShape input, long topDownH, long topDownW, DType dtype) {
        AnalyzeRow in = new AnalyzeRow(AnalyzeRow.Kind.INPUT, "input", "", 0);
        in.outH = input.h;
        in.outW = input.w;
        in.outC = input.c;
        in.rfH = 1;
        in.rfW = 1;
        in.rfMinH = 1;
        in.rfMinW = 1;
        in.strideH = 1;
        in.strideW = 1;
        in.topDownH = topDownH;
        in.topDownW = topDownW;
        in.aliveElements = (long) input.h * input.w * input.c;
        in.bytes = dtype.bytes;
        return in;
    }

    /** The row of the layer at record {@code i}: its field, its own counts and its memory. */
    private static AnalyzeRow layerRow(String number, String arch, int depth, LayerTrace trace, int i,
                                       long[] tdH, long[] tdW, MemoryWalk memory, DType dtype) {
        AnalyzeRow row = new AnalyzeRow(AnalyzeRow.Kind.LAYER, number, arch, depth);
        field(row, trace, i, tdH, tdW);
        row.params = trace.params[i];
        row.macs = trace.macs[i];
        row.biasAdds = trace.biasAdds[i];
        row.acts = trace.acts[i];
        row.actElements = memory.outElements[i];
        row.aliveElements = memory.alive[i];
        row.bytes = dtype.bytes;
        row.unproductive = (trace.flags[i] & LayerTrace.UNPRODUCTIVE) != 0 ? 1 : 0;
        row.critical = (trace.flags[i] & LayerTrace.CRITICAL) != 0 ? 1 : 0;
        return row;
    }

    /** The {@code total} row: the whole network's metrics, with the critical layers counted. */
    private static AnalyzeRow totalRow(Metrics total, long topDownH, long topDownW, DType dtype,
                                       List<AnalyzeRow> layers) {
        AnalyzeRow sum = new AnalyzeRow(AnalyzeRow.Kind.TOTAL, "total", "", 0);
        sum.outH = total.outH[0];
        sum.outW = total.outW[0];
        sum.outC = total.outC[0];
        sum.rfH = total.rfH[0];
        sum.rfW = total.rfW[0];
        sum.rfMinH = total.rfMinH[0];
        sum.rfMinW = total.rfMinW[0];
        sum.strideH = total.strideH[0];
        sum.strideW = total.strideW[0];
        sum.padH = total.padH[0];
        sum.padW = total.padW[0];
        sum.topDownH = topDownH;
        sum.topDownW = topDownW;
        sum.params = total.params[0];
        sum.macs = total.macs[0];
        sum.biasAdds = total.biasAdds[0];
        sum.acts = total.acts[0];
        sum.unproductive = total.unproductive[0];
        sum.actElements = total.actElements[0];
        sum.aliveElements = total.peakElements[0];
        sum.bytes = dtype.bytes;
        for (AnalyzeRow layer : layers) {
            sum.critical += layer.critical;
        }
        return sum;
    }

    private static void field(AnalyzeRow row, LayerTrace trace, int i, long[] tdH, long[] tdW) {
        row.outH = trace.outH[i];
        row.outW = trace.outW[i];
        row.outC = trace.outC[i];
        row.rfH = trace.rfH[i];
        row.rfW = trace.rfW[i];
        row.rfMinH = trace.rfMinH[i];
        row.rfMinW = trace.rfMinW[i];
        row.strideH = trace.strideH[i];
        row.strideW = trace.strideW[i];
        row.padH = trace.padH[i];
        row.padW = trace.padW[i];
        row.topDownH = tdH[i];
        row.topDownW = tdW[i];
    }

    private static void addCounts(AnalyzeRow into, AnalyzeRow from) {
        into.params += from.params;
        into.macs += from.macs;
        into.biasAdds += from.biasAdds;
        into.acts += from.acts;
        into.actElements += from.actElements;
        into.unproductive += from.unproductive;
        into.critical += from.critical;
    }
}
