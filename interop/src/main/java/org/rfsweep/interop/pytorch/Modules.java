package org.rfsweep.interop.pytorch;

import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;

/**
 * The PyTorch module of one layer record. Explicit padding that differs before and after, and
 * TensorFlow SAME padding (worked out from the layer's input size), become a {@code ZeroPad2d}
 * (for max pools a {@code ConstantPad2d} of {@code -inf}) before an unpadded layer.
 */
final class Modules {
    private final Network net;
    private final LayerTrace trace;

    Modules(Network net, LayerTrace trace) {
        this.net = net;
        this.trace = trace;
    }

    int op(int record) {
        return net.op(record);
    }

    String text(int record) {
        int[] one = new int[Layer.INTS];
        System.arraycopy(net.records(), record * Layer.INTS, one, 0, Layer.INTS);
        StringBuilder sb = new StringBuilder();
        ArchFormatter.append(sb, one, 0, 1);
        return sb.toString();
    }

    private int f(int record, int field) {
        return net.get(record, field);
    }

    String module(int r) {
        int cin = trace.inC[r];
        int c = f(r, Layer.C) == Layer.SAME_CHANNELS ? cin : f(r, Layer.C);
        boolean bias = f(r, Layer.BIAS) != 0;
        switch (op(r)) {
            case Op.CONV: return windowed(r, conv(r, cin, c, f(r, Layer.G), bias), "0.0");
            case Op.DWCONV: return windowed(r, conv(r, cin, c, cin, bias), "0.0");
            case Op.SEPCONV: return windowed(r, "nn.Sequential(" + conv(r, cin, cin, cin, false)
                + ", nn.Conv2d(" + cin + ", " + c + ", 1, bias=" + py(bias) + "))", "0.0");
            case Op.MAXPOOL: return windowed(r, "nn.MaxPool2d(" + pair(r, Layer.KH, Layer.KW) + ", stride="
                + pair(r, Layer.SH, Layer.SW) + ", padding=" + padding(r) + ", dilation=" + pair(r, Layer.DH, Layer.DW)
                + ", ceil_mode=" + py(ceil(r)) + ")", "float(\"-inf\")");
            case Op.AVGPOOL: return windowed(r, "nn.AvgPool2d(" + pair(r, Layer.KH, Layer.KW) + ", stride="
                + pair(r, Layer.SH, Layer.SW) + ", padding=" + padding(r) + ", ceil_mode=" + py(ceil(r)) + ")", "0.0");
            case Op.GAP: return "nn.AdaptiveAvgPool2d(1)";
            case Op.ADAPTIVEAVGPOOL: return "nn.AdaptiveAvgPool2d(" + pair(r, Layer.KH, Layer.KW) + ")";
            case Op.FC: return "Linear(" + ((long) cin * trace.inH[r] * trace.inW[r]) + ", " + c + ", bias=" + py(bias)
                + ")";
            case Op.FLATTEN: return "Flatten()";
            case Op.BN: return "nn.BatchNorm2d(" + cin + ")";
            case Op.LAYERNORM: return "LayerNorm2d(" + cin + ")";
            case Op.SCALE: return "Scale(" + cin + ")";
            case Op.CHUNK: return "Chunk(" + f(r, Layer.G) + ", " + f(r, Layer.INDEX) + ")";
            case Op.SHUFFLE: return "Shuffle(" + f(r, Layer.G) + ")";
            default: return elementwise(op(r));
        }
    }

    private static String elementwise(int op) {
        switch (op) {
            case Op.RELU: return "nn.ReLU()";
            case Op.RELU6: return "nn.ReLU6()";
            case Op.HARDSWISH: return "nn.Hardswish()";
            case Op.HARDSIGMOID: return "nn.Hardsigmoid()";
            case Op.SIGMOID: return "nn.Sigmoid()";
            case Op.SILU: return "nn.SiLU()";
            case Op.DROPOUT: return "nn.Dropout()";
            case Op.DROPPATH: return "nn.Identity()";
            case Op.GELU: return "nn.GELU()";
            default: throw new IllegalArgumentException("no PyTorch module for " + Op.name(op));
        }
    }

    private String conv(int r, int cin, int c, int groups, boolean bias) {
        return "nn.Conv2d(" + cin + ", " + c + ", " + pair(r, Layer.KH, Layer.KW) + ", stride=" + pair(r, Layer.SH,
            Layer.SW) + ", padding=" + padding(r) + ", dilation=" + pair(r, Layer.DH, Layer.DW) + ", groups=" + groups
            + ", bias=" + py(bias) + ")";
    }

    /** The layer's pads: top, bottom, left, right, with SAME and VALID worked out at its input size. */
    private int[] pads(int r) {
        int mode = f(r, Layer.MODE);
        if (mode == Rounding.VALID) {
            return new int[4];
        }
        if (mode == Rounding.SAME) {
            int th = same(trace.inH[r], f(r, Layer.KH), f(r, Layer.SH), f(r, Layer.DH));
            int tw = same(trace.inW[r], f(r, Layer.KW), f(r, Layer.SW), f(r, Layer.DW));
            return new int[] {th / 2, th - th / 2, tw / 2, tw - tw / 2};
        }
        int[] p = {f(r, Layer.PT), f(r, Layer.PB), f(r, Layer.PL), f(r, Layer.PR)};
        if (mode == Rounding.CEIL && (p[0] != p[1] || p[2] != p[3])) {
            p[1] = floorPadAfter(trace.inH[r], trace.outH[r], f(r, Layer.KH), f(r, Layer.SH), f(r, Layer.DH), p[0]);
            p[3] = floorPadAfter(trace.inW[r], trace.outW[r], f(r, Layer.KW), f(r, Layer.SW), f(r, Layer.DW), p[2]);
        }
        return p;
    }

    /**
     * Ceil mode with padding that differs before and after cannot be written as a pad module and
     * a ceil-mode pool (PyTorch's "last window starts inside the input" rule would then count the
     * explicit padding as input), so such a pool is written in floor mode with the padding after
     * grown to give the same output extent.
     */
    private boolean ceil(int r) {
        boolean raw = f(r, Layer.PT) == f(r, Layer.PB) && f(r, Layer.PL) == f(r, Layer.PR);
        return f(r, Layer.MODE) == Rounding.CEIL && raw;
    }

    private static int floorPadAfter(int n, int out, int k, int s, int d, int before) {
        int ek = (k - 1) * d + 1;
        return Math.max((out - 1) * s + ek - n - before, 0);
    }

    private static int same(int n, int k, int s, int d) {
        int ek = (k - 1) * d + 1;
        int out = (n + s - 1) / s;
        return Math.max((out - 1) * s + ek - n, 0);
    }

    private boolean symmetric(int r) {
        int[] p = pads(r);
        return p[0] == p[1] && p[2] == p[3];
    }

    private String padding(int r) {
        int[] p = pads(r);
        return symmetric(r) ? "(" + p[0] + ", " + p[2] + ")" : "0";
    }

    /** The layer, behind an explicit pad module when its padding is not symmetric. */
    private String windowed(int r, String layer, String fill) {
        if (symmetric(r)) {
            return layer;
        }
        int[] p = pads(r);
        String pad = "nn.ConstantPad2d((" + p[2] + ", " + p[3] + ", " + p[0] + ", " + p[1] + "), " + fill + ")";
        return "nn.Sequential(" + pad + ", " + layer + ")";
    }

    private String pair(int r, int h, int w) {
        return "(" + f(r, h) + ", " + f(r, w) + ")";
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }
}
