package org.rfsweep.interop.onnx;

/**
 * Conv and pool attributes of an ONNX node (kernel, strides, dilations, pads, {@code auto_pad},
 * {@code ceil_mode}), with a {@code Pad} before the node folded in, written as rfsweep keys and
 * applied to a shape.
 */
final class Windows {
    final long kh;
    final long kw;
    final long sh;
    final long sw;
    final long dh;
    final long dw;
    /** Top, bottom, left, right. */
    final long[] pads;
    /** "NOTSET" (explicit pads), "SAME_UPPER", "VALID"; SAME_LOWER is turned into explicit pads. */
    final String autoPad;
    final boolean ceil;

    private Windows(long[] k, long[] s, long[] d, long[] pads, String autoPad, boolean ceil) {
        this.kh = k[0];
        this.kw = k[1];
        this.sh = s[0];
        this.sw = s[1];
        this.dh = d[0];
        this.dw = d[1];
        this.pads = pads;
        this.autoPad = autoPad;
        this.ceil = ceil;
    }

    /**
     * Reads the window of {@code node} on input {@code in}; {@code kernel} is the weight's spatial
     * size for a conv (null for a pool); {@code before} the folded {@code Pad} (null for none).
     */
    static Windows of(Node node, Flow in, long[] kernel, long[] before) {
        long[] k = node.ints("kernel_shape");
        if (k == null) {
            k = kernel;
        }
        if (k == null || k.length != 2) {
            throw OnnxImportException.at(node, "kernel_shape must have 2 axes (rfsweep imports 2-D layers)");
        }
        if (kernel != null && (kernel[0] != k[0] || kernel[1] != k[1])) {
            throw OnnxImportException.at(node, "kernel_shape " + k[0] + "x" + k[1] + " differs from the weight's "
                + kernel[0] + "x" + kernel[1]);
        }
        long[] s = pair(node, "strides");
        long[] d = pair(node, "dilations");
        long[] p = node.ints("pads");
        long[] pads = p == null ? new long[4] : new long[] {p[0], p[2], p[1], p[3]};
        if (p != null && p.length != 4) {
            throw OnnxImportException.at(node, "pads must have 4 entries for a 2-D layer");
        }
        String auto = node.string("auto_pad", "NOTSET");
        boolean ceil = node.integer("ceil_mode", 0) != 0;
        if (!auto.equals("NOTSET") && before != null) {
            throw OnnxImportException.at(node, "a Pad before a layer with auto_pad " + auto + " cannot be folded");
        }
        if (before != null) {
            for (int i = 0; i < 4; i++) {
                pads[i] += before[i];
            }
        }
        if (auto.equals("SAME_LOWER")) {
            long[] ph = sameLower(in.height(), (k[0] - 1) * d[0] + 1, s[0]);
            long[] pw = sameLower(in.width(), (k[1] - 1) * d[1] + 1, s[1]);
            pads = new long[] {ph[0], ph[1], pw[0], pw[1]};
            auto = "NOTSET";
        } else if (!auto.equals("NOTSET") && !auto.equals("SAME_UPPER") && !auto.equals("VALID")) {
            throw OnnxImportException.at(node, "auto_pad " + auto + " is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
        }
        return new Windows(k, s, d, pads, auto, ceil && auto.equals("NOTSET"));
    }

    private static long[] pair(Node node, String key) {
        long[] v = node.ints(key);
        if (v == null) {
            return new long[] {1, 1};
        }
        if (v.length != 2) {
            throw OnnxImportException.at(node, key + " must have 2 entries for a 2-D layer");
        }
        return v;
    }

    /** SAME_LOWER: the total padding of SAME, the larger half before. */
    private static long[] sameLower(long n, long ek, long s) {
        long out = (n + s - 1) / s;
        long total = Math.max((out - 1) * s + ek - n, 0);
        return new long[] {total - total / 2, total / 2};
    }

    long[] out(long[] in, long channels) {
        return new long[] {in[0], channels, extent(in[2], kh, sh, dh, pads[0], pads[1]),
            extent(in[3], kw, sw, dw, pads[2], pads[3])};
    }

    private long extent(long n, long k, long s, long d, long pb, long pa) {
        long ek = (k - 1) * d + 1;
        if (autoPad.equals("SAME_UPPER")) {
            return (n + s - 1) / s;
        }
        if (autoPad.equals("VALID")) {
            return Shapes.extent(n, ek, s, 0, 0, false);
        }
        return Shapes.extent(n, ek, s, pb, pa, ceil);
    }

    /** The keys {@code k=..,s=..,p=..,d=..} (dilation only when {@code dilation}). */
    String keys(boolean dilation) {
        StringBuilder sb = new StringBuilder();
        sb.append("k=").append(kh).append('x').append(kw);
        sb.append(",s=").append(sh).append('x').append(sw);
        if (autoPad.equals("SAME_UPPER")) {
            sb.append(",p=same");
        } else if (autoPad.equals("VALID")) {
            sb.append(",p=valid");
        } else {
            sb.append(",p=").append(pads[0]).append(':').append(pads[1]).append('x').append(pads[2]).append(':')
                .append(pads[3]);
        }
        if (dilation) {
            sb.append(",d=").append(dh).append('x').append(dw);
        }
        return sb.toString();
    }
}
