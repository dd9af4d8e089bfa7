package org.rfsweep.interop.onnx;

import java.util.List;
import org.rfsweep.interop.onnx.proto.Onnx.AttributeProto;
import org.rfsweep.interop.onnx.proto.Onnx.NodeProto;
import org.rfsweep.interop.onnx.proto.Onnx.TensorProto;

/** A graph node with typed attribute access and a stable name for messages. */
final class Node {
    private final NodeProto proto;
    private final String name;

    Node(NodeProto proto, int index) {
        this.proto = proto;
        this.name = proto.getName().isEmpty() ? proto.getOpType() + "_" + index : proto.getName();
    }

    String name() {
        return name;
    }

    String op() {
        return proto.getOpType();
    }

    String domain() {
        return proto.getDomain();
    }

    List<String> inputs() {
        return proto.getInputList();
    }

    List<String> outputs() {
        return proto.getOutputList();
    }

    /** Input {@code i}, or the empty string when absent (ONNX marks skipped optional inputs with ""). */
    String input(int i) {
        return i < proto.getInputCount() ? proto.getInput(i) : "";
    }

    String output(int i) {
        return proto.getOutput(i);
    }

    private AttributeProto attribute(String key) {
        for (AttributeProto a : proto.getAttributeList()) {
            if (a.getName().equals(key)) {
                return a;
            }
        }
        return null;
    }

    boolean has(String key) {
        return attribute(key) != null;
    }

    long integer(String key, long fallback) {
        AttributeProto a = attribute(key);
        return a == null ? fallback : a.getI();
    }

    float real(String key, float fallback) {
        AttributeProto a = attribute(key);
        return a == null ? fallback : a.getF();
    }

    String string(String key, String fallback) {
        AttributeProto a = attribute(key);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** The ints of {@code key}, or null when the attribute is absent. */
    long[] ints(String key) {
        AttributeProto a = attribute(key);
        if (a == null) {
            return null;
        }
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInts(i);
        }
        return v;
    }

    List<Float> floats(String key) {
        AttributeProto a = attribute(key);
        return a == null ? null : a.getFloatsList();
    }

    TensorProto tensor(String key) {
        AttributeProto a = attribute(key);
        return a == null || !a.hasT() ? null : a.getT();
    }
}
