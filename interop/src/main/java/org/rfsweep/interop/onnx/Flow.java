package org.rfsweep.interop.onnx;

import java.util.List;

/**
 * A tensor that flows from the network's input, with its dims (NCHW, or NC after a flatten;
 * {@link Shapes#BATCH} for the symbolic batch) and the step that produces it.
 *
 * <p>Some ONNX nodes only mean a layer together with the node after them: a {@code Pad} before a
 * conv or pool, the 5-D {@code Reshape} and {@code Transpose} of a channel shuffle, a
 * {@code MatMul} before the {@code Add} of its bias. Their outputs are pending flows: {@link #pending}
 * says what they wait for, {@link #source} is the real flow they came from.
 */
final class Flow {
    enum Pending {
        NONE, PAD, SHUFFLE, SHUFFLE_TRANSPOSED, MATMUL,
        /** A layer norm written out: mean, centred, squared, variance (+ eps), deviation, normalised, scaled. */
        MEAN, CENTRED, SQUARED, VARIANCE, DEVIATION, NORMALISED, NORMALISED_SCALED,
        /** GELU's erf form: x / sqrt(2), erf of it, + 1, times x. */
        GELU_DIV, GELU_ERF, GELU_ADD, GELU_MUL
    }

    final long[] dims;
    final Step step;
    final Pending pending;
    final Flow source;
    /** PAD: top, bottom, left, right. SHUFFLE: the groups. MATMUL: the output features. */
    final long[] detail;
    /** The node behind a pending flow, for messages. */
    final Node node;
    /**
     * True for a tensor PyTorch permuted to NHWC ({@code x.permute(0, 2, 3, 1)}, as ConvNeXt does
     * around its layer norms and linear layers); {@link #dims} are NCHW all the same.
     */
    final boolean channelsLast;

    private Flow(long[] dims, Step step, Pending pending, Flow source, long[] detail, Node node, boolean last) {
        this.dims = dims;
        this.step = step;
        this.pending = pending;
        this.source = source;
        this.detail = detail;
        this.node = node;
        this.channelsLast = last;
    }

    static Flow input(long[] dims) {
        return new Flow(dims, new Step(null, null, List.of(), null), Pending.NONE, null, null, null, false);
    }

    static Flow layer(long[] dims, Flow in, String text, Node node) {
        return new Flow(dims, new Step(text, null, List.of(in), node), Pending.NONE, null, null, node, in.channelsLast);
    }

    /** The same tensor in the other memory layout (a permute): a step that writes no layer. */
    static Flow relayout(Flow in, boolean channelsLast, Node node) {
        return new Flow(in.dims, new Step("", null, List.of(in), node), Pending.NONE, null, null, node, channelsLast);
    }

    static Flow join(long[] dims, String block, List<Flow> in, Node node) {
        return new Flow(dims, new Step(null, block, in, node), Pending.NONE, null, null, node, in.get(0).channelsLast);
    }

    static Flow pending(long[] dims, Pending pending, Flow source, long[] detail, Node node) {
        return new Flow(dims, null, pending, source, detail, node, source.channelsLast);
    }

    int rank() {
        return dims.length;
    }

    long channels() {
        return dims[1];
    }

    long height() {
        return dims[2];
    }

    long width() {
        return dims[3];
    }

    String shape() {
        return rank() == 4 ? height() + "x" + width() + "x" + channels() : "1x1x" + dims[1];
    }
}
