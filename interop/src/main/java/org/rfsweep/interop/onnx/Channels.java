package org.rfsweep.interop.onnx;

import java.util.ArrayList;
import java.util.List;

/** Split and Slice along the channels: equal parts become {@code chunk(n=N,i=I)}. */
final class Channels {
    private Channels() {
    }

    static List<Object> split(Node node, Flow x, List<Object> in) {
        Translator.need4d(node, x);
        long axis = node.integer("axis", 0);
        if (axis != 1 && axis != -3) {
            throw OnnxImportException.at(node, "splits axis " + axis + "; rfsweep splits channels (axis 1) only");
        }
        int n = node.outputs().size();
        long[] sizes = in.size() > 1 && in.get(1) != null ? Constants.need(node, (Tensor) in.get(1))
            : node.ints("split");
        long c = x.channels();
        if (sizes != null) {
            for (long s : sizes) {
                if (s * n != c) {
                    throw OnnxImportException.at(node, "parts of unequal size; rfsweep's chunk splits " + c
                        + " channels into " + n + " equal parts");
                }
            }
        } else if (c % n != 0) {
            throw OnnxImportException.at(node, c + " channels do not split into " + n + " equal parts");
        }
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Flow.layer(new long[] {x.dims[0], c / n, x.height(), x.width()}, x,
                "chunk(n=" + n + ",i=" + i + ")", node));
        }
        return out;
    }

    static Flow slice(Node node, Flow x, List<Object> in) {
        Translator.need4d(node, x);
        long[] starts = Constants.need(node, (Tensor) in.get(1));
        long[] ends = Constants.need(node, (Tensor) in.get(2));
        long[] axes = in.size() > 3 && in.get(3) != null ? Constants.need(node, (Tensor) in.get(3)) : new long[] {0};
        long[] steps = in.size() > 4 && in.get(4) != null ? Constants.need(node, (Tensor) in.get(4)) : new long[] {1};
        long axis = axes[0] < 0 ? axes[0] + 4 : axes[0];
        if (starts.length != 1 || axis != 1 || steps[0] != 1) {
            throw OnnxImportException.at(node, "rfsweep reads Slice on the channel axis with step 1 only (a chunk)");
        }
        long c = x.channels();
        long[] range = Shapes.sliceRange(c, starts[0], ends[0], 1);
        long part = range[1];
        if (part == 0 || c % part != 0 || range[0] % part != 0) {
            throw OnnxImportException.at(node, "channels " + range[0] + ".." + (range[0] + part - 1) + " of " + c
                + " are not one of equal parts (a chunk)");
        }
        return Flow.layer(new long[] {x.dims[0], part, x.height(), x.width()}, x,
            "chunk(n=" + (c / part) + ",i=" + (range[0] / part) + ")", node);
    }
}
