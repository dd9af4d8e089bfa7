package org.rfsweep.interop.onnx;

import com.google.protobuf.ByteString;
import org.rfsweep.interop.onnx.proto.Onnx.AttributeProto;
import org.rfsweep.interop.onnx.proto.Onnx.GraphProto;
import org.rfsweep.interop.onnx.proto.Onnx.ModelProto;
import org.rfsweep.interop.onnx.proto.Onnx.NodeProto;
import org.rfsweep.interop.onnx.proto.Onnx.OperatorSetIdProto;
import org.rfsweep.interop.onnx.proto.Onnx.TensorProto;
import org.rfsweep.interop.onnx.proto.Onnx.TensorShapeProto;
import org.rfsweep.interop.onnx.proto.Onnx.TypeProto;
import org.rfsweep.interop.onnx.proto.Onnx.ValueInfoProto;

/** Builds small ONNX models in tests, for the graphs PyTorch does not write. */
final class Graphs {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");

    /** A graph with input {@code x} of shape {@code [batch, c, h, w]}; a dim of -1 is symbolic. */
    static Graphs input(long c, long h, long w) {
        Graphs g = new Graphs();
        g.graph.addInput(info("x", -1, c, h, w));
        return g;
    }

    static ValueInfoProto info(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
            .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape)))
            .build();
    }

    Graphs weight(String name, long... dims) {
        graph.addInput(info(name, dims));
        return this;
    }

    Graphs constant(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(7).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return this;
    }

    Graphs node(String op, String name, String[] inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
            .setS(ByteString.copyFromUtf8(value)).build();
    }

    static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
            .build();
    }

    Graphs output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name));
        return this;
    }

    byte[] bytes() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("test").setGraph(graph)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13)).build().toByteArray();
    }

    ImportedNetwork load() {
        return OnnxImporter.parse(bytes(), "test.onnx");
    }
}
