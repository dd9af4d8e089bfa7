package org.rfsweep.interop.onnx;

import java.util.List;

/**
 * How a {@link Flow} is made: a layer on one input ({@link #text} is its architecture string), a
 * join of several inputs ({@link #block}: {@code add}, {@code cat} or {@code mul}), or the
 * network's input (neither).
 */
final class Step {
    final String text;
    final String block;
    final List<Flow> inputs;
    final Node node;

    Step(String text, String block, List<Flow> inputs, Node node) {
        this.text = text;
        this.block = block;
        this.inputs = inputs;
        this.node = node;
    }

    boolean isInput() {
        return text == null && block == null;
    }
}
