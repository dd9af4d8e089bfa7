package org.rfsweep.cli.analyze;

/**
 * One row of {@code rfsweep analyze}: the input, a layer, a collapsed branch block, or the total.
 * Shape, receptive field, effective stride and padding are those after the row (SPEC section 3);
 * the counts are the row's own (a block's: summed over its layers; the total's: the network's).
 * {@code topDownH/W} is the seed's top-down value on the row's output map ({@code 1} after the
 * last layer, the network's RF on the input row). Plain data; not thread-safe.
 */
final class AnalyzeRow {
    /** What a row describes. */
    enum Kind {
        INPUT, LAYER, BLOCK, TOTAL
    }

    final Kind kind;
    /** {@code input}, the 1-based layer number, {@code first-last} for a block, or {@code total}. */
    final String label;
    /** Canonical text of the layer, a block's summary, or empty. */
    final String op;
    /** Branch nesting depth, for indentation. */
    final int depth;
    int outH;
    int outW;
    int outC;
    long rfH;
    long rfW;
    long rfMinH;
    long rfMinW;
    long strideH;
    long strideW;
    long padH;
    long padW;
    long topDownH;
    long topDownW;
    long params;
    long macs;
    long biasAdds;
    long acts;
    /** Output elements of the row's layers (docs/MEMORY.md: {@code act_bytes} per byte of element). */
    long actElements;
    /** Elements alive while the row runs; on the total row the peak ({@code peak_act_bytes}). */
    long aliveElements;
    /** Bytes per element of the byte columns. */
    int bytes = 4;
    /** Unproductive layers in the row (0 or 1 for a layer). */
    int unproductive;
    /** Critical layers in the row (SPEC section 5: the layer whose minimum RF first exceeds the input). */
    int critical;

    /** The input shape, on the rows of a multi-input run. */
    String inputText = "";
    /** Why the network cannot be evaluated on this row's input, or null. */
    String error;

    AnalyzeRow(Kind kind, String label, String op, int depth) {
        this.kind = kind;
        this.label = label;
        this.op = op;
        this.depth = depth;
    }

    boolean hasCounts() {
        return kind != Kind.INPUT;
    }

    long flopsSeed() {
        return macs + biasAdds;
    }

    long flopsSeedMadd() {
        return 2 * macs + biasAdds;
    }

    long flops2Macs() {
        return 2 * macs;
    }

    /** Twice the centre of output feature 0 on H: {@code 2*(-P) + r - 1}. */
    long centre2H() {
        return rfH - 1 - 2 * padH;
    }

    long centre2W() {
        return rfW - 1 - 2 * padW;
    }
}
