package org.rfsweep.interop.onnx;

import java.util.List;
import org.rfsweep.interop.onnx.Flow.Pending;

/** Reshape, Transpose, Flatten and ReduceMean on flows: flatten, the channel shuffle, global pools. */
final class Reshapes {
    private Reshapes() {
    }

    static Flow reshape(Node node, Flow x, Tensor target) {
        if (target.values == null) {
            throw OnnxImportException.at(node, "the target shape must be a constant or shape arithmetic");
        }
        long[] out = Shapes.reshape(node, x.dims, target.values);
        if (x.pending == Pending.SHUFFLE_TRANSPOSED && out.length == 4) {
            Flow src = x.source;
            if (out[1] != src.channels() || out[2] != src.height() || out[3] != src.width()) {
                throw OnnxImportException.at(node, "does not undo the channel shuffle's 5-D reshape");
            }
            return Flow.layer(src.dims, src, "shuffle(g=" + x.detail[0] + ")", node);
        }
        Flow src = Translator.real(node, x);
        if (src.rank() == 4 && out.length == 5 && out[1] * out[2] == src.channels() && out[3] == src.height()
            && out[4] == src.width()) {
            return Flow.pending(out, Pending.SHUFFLE, src, new long[] {out[1]}, node);
        }
        if (out.length == 2 && src.rank() == 4) {
            return Flow.layer(out, src, "flatten", node);
        }
        if (out.length == src.rank() && sameDims(out, src.dims)) {
            return src;
        }
        throw OnnxImportException.at(node, "reshape of " + src.shape() + " to rank " + out.length + " is neither a "
            + "flatten to 2-D nor part of a channel shuffle");
    }

    private static boolean sameDims(long[] a, long[] b) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    static Flow transpose(Node node, Flow x) {
        long[] perm = node.ints("perm");
        if (x.pending == Pending.NONE && x.rank() == 4 && perm != null && perm.length == 4 && perm[0] == 0) {
            boolean toLast = perm[1] == 2 && perm[2] == 3 && perm[3] == 1;
            boolean toFirst = perm[1] == 3 && perm[2] == 1 && perm[3] == 2;
            if (toLast && !x.channelsLast || toFirst && x.channelsLast) {
                return Flow.relayout(x, toLast, node);
            }
        }
        boolean shuffle = perm != null && perm.length == 5 && perm[0] == 0 && perm[1] == 2 && perm[2] == 1
            && perm[3] == 3 && perm[4] == 4;
        if (x.pending != Pending.SHUFFLE || !shuffle) {
            throw OnnxImportException.at(node, "rfsweep reads Transpose only inside a channel shuffle (perm "
                + "[0,2,1,3,4] after a 5-D Reshape)");
        }
        long[] d = x.dims;
        return Flow.pending(new long[] {d[0], d[2], d[1], d[3], d[4]}, Pending.SHUFFLE_TRANSPOSED, x.source,
            x.detail, node);
    }

    static Flow flatten(Node node, Flow x) {
        long axis = node.integer("axis", 1);
        if (axis != 1) {
            throw OnnxImportException.at(node, "axis " + axis + "; rfsweep flattens from axis 1");
        }
        if (x.rank() == 2) {
            return x;
        }
        Translator.need4d(node, x);
        return Flow.layer(new long[] {x.dims[0], x.channels() * x.height() * x.width()}, x, "flatten", node);
    }

    /** {@code ReduceMean} over the spatial axes (2 and 3) is a global average pool. */
    static Flow reduceMean(Node node, Flow x, List<Object> in) {
        long[] axes = in.size() > 1 && in.get(1) != null ? Constants.need(node, (Tensor) in.get(1)) : node.ints("axes");
        Flow mean = Patterns.reduceMean(node, x, axes);
        if (mean != null) {
            return mean;
        }
        x = Translator.real(node, x);
        Translator.need4d(node, x);
        boolean spatial = axes != null && axes.length == 2;
        if (spatial) {
            long a = axes[0] < 0 ? axes[0] + 4 : axes[0];
            long b = axes[1] < 0 ? axes[1] + 4 : axes[1];
            spatial = Math.min(a, b) == 2 && Math.max(a, b) == 3;
        }
        if (!spatial) {
            throw OnnxImportException.at(node, "rfsweep reads ReduceMean over the spatial axes [2, 3] only (a global "
                + "average pool)");
        }
        boolean keep = node.integer("keepdims", 1) != 0;
        long[] dims = keep ? new long[] {x.dims[0], x.channels(), 1, 1} : new long[] {x.dims[0], x.channels()};
        return Flow.layer(dims, x, "gap", node);
    }
}
