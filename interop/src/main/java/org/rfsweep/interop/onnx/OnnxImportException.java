package org.rfsweep.interop.onnx;

/**
 * An ONNX model that rfsweep cannot import: one line naming the node, its op and why, such as
 * {@code node '/layer1/Conv' (Conv): kernel_shape has 3 axes; rfsweep imports 2-D convolutions}.
 */
public final class OnnxImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OnnxImportException(String message) {
        super(message);
    }

    /** The message for a node: {@code node 'NAME' (OP): why}. */
    static OnnxImportException at(Node node, String why) {
        return new OnnxImportException("node '" + node.name() + "' (" + node.op() + "): " + why);
    }
}
