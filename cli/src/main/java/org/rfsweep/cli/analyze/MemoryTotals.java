package org.rfsweep.cli.analyze;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.rfsweep.report.Cells;
import org.rfsweep.report.DType;

/**
 * The memory totals that {@code rfsweep analyze} prints under its table, in MB (10^6 bytes, two
 * decimals, as torchinfo prints them), with torchinfo's own "Forward/backward pass size" beside
 * rfsweep's figures (docs/MEMORY.md explains the difference):
 *
 * <pre>
 * params: 78,720; weight_bytes: 0.31 MB (fp32)
 * input: 0.48 MB
 * act_bytes (every layer's output): 9.74 MB
 * peak_act_bytes (inference, in order): 7.23 MB
 * torchinfo's forward/backward pass size (2 x outputs of layers with parameters): 19.47 MB
 * torchinfo's estimated total size (input + forward/backward + params): 20.27 MB
 * </pre>
 */
final class MemoryTotals {
    private MemoryTotals() {
    }

    static void print(LayerReport report, DType dtype, PrintWriter out) {
        AnalyzeRow total = report.total();
        long b = dtype.bytes;
        long input = (long) report.input.h * report.input.w * report.input.c * b;
        long withParams = 0;
        for (AnalyzeRow layer : report.layers) {
            if (layer.params > 0) {
                withParams += layer.actElements;
            }
        }
        long torchinfo = 2 * b * withParams;
        long weights = total.params * b;
        out.print("\nparams: " + Cells.count(total.params) + "; weight_bytes: " + mb(weights) + " (" + dtype + ")\n");
        out.print("input: " + mb(input) + "\n");
        out.print("act_bytes (every layer's output): " + mb(total.actElements * b) + "\n");
        out.print("peak_act_bytes (inference, in order): " + mb(total.aliveElements * b) + "\n");
        out.print("torchinfo's forward/backward pass size (2 x outputs of layers with parameters): " + mb(torchinfo)
            + "\n");
        out.print("torchinfo's estimated total size (input + forward/backward + params): "
            + mb(input + torchinfo + weights) + "\n");
    }

    /** {@code bytes} in MB with two decimals. */
    static String mb(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1_000_000), 2, RoundingMode.HALF_EVEN)
            .toPlainString() + " MB";
    }
}
