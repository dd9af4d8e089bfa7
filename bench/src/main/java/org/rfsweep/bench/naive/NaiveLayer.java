package org.rfsweep.bench.naive;

import org.rfsweep.bench.workload.Workload;

/**
 * One layer as an object, the way a straightforward Java implementation models a network: a
 * class per kind with the shared sliding-window arithmetic here. The comparison point for the
 * engine's record arrays, in the JMH suite and in {@code bench/peers/}. Immutable.
 */
public abstract class NaiveLayer {
    protected final int kh;
    protected final int kw;
    protected final int sh;
    protected final int sw;
    protected final int dh;
    protected final int dw;
    protected final int ph;
    protected final int pw;

    /** The sliding-window geometry of a layer, per axis: kernel, stride, dilation, padding. */
    public record Window(int kh, int kw, int sh, int sw, int dh, int dw, int ph, int pw) {
        /** The window of compact workload layer {@code layer} of stack {@code stack}. */
        public static Window of(Workload w, int stack, int layer) {
            return new Window(w.get(stack, layer, Workload.KH), w.get(stack, layer, Workload.KW),
                w.get(stack, layer, Workload.SH), w.get(stack, layer, Workload.SW),
                w.get(stack, layer, Workload.DH), w.get(stack, layer, Workload.DW),
                w.get(stack, layer, Workload.PH), w.get(stack, layer, Workload.PW));
        }

        /** The same window with dilation 1 on both axes. */
        public Window undilated() {
            return new Window(kh, kw, sh, sw, 1, 1, ph, pw);
        }
    }

    /** Copies the window into this layer's own fields, as a plain class per kind would hold them. */
    protected NaiveLayer(Window window) {
        this.kh = window.kh();
        this.kw = window.kw();
        this.sh = window.sh();
        this.sw = window.sw();
        this.dh = window.dh();
        this.dw = window.dw();
        this.ph = window.ph();
        this.pw = window.pw();
    }

    /** The layer of compact workload layer {@code layer} of stack {@code stack}. */
    public static NaiveLayer of(Workload w, int stack, int layer) {
        int op = w.get(stack, layer, Workload.OP);
        Window window = Window.of(w, stack, layer);
        int c = w.get(stack, layer, Workload.C);
        switch (op) {
            case Workload.CONV:
                return new Conv(window, c);
            case Workload.SEPCONV:
                return new SepConv(window, c);
            case Workload.MAXPOOL:
                return new MaxPool(window);
            default:
                throw new IllegalArgumentException("op=" + op + " is not in the reference workload");
        }
    }

    /** Applies this layer to the running result; false when the stack becomes invalid. */
    public abstract boolean apply(NaiveResult r);

    /** Output extents, receptive field, jump and padding; false when an output is below 1. */
    protected boolean window(NaiveResult r) {
        int ekH = dh * (kh - 1) + 1;
        int ekW = dw * (kw - 1) + 1;
        int oh = Math.floorDiv(r.h + 2 * ph - ekH, sh) + 1;
        int ow = Math.floorDiv(r.w + 2 * pw - ekW, sw) + 1;
        if (oh < 1 || ow < 1) {
            return false;
        }
        r.rfH += (long) (ekH - 1) * r.jumpH;
        r.rfW += (long) (ekW - 1) * r.jumpW;
        r.padH += (long) ph * r.jumpH;
        r.padW += (long) pw * r.jumpW;
        r.jumpH *= sh;
        r.jumpW *= sw;
        r.h = oh;
        r.w = ow;
        return true;
    }

    /** A convolution with bias. */
    public static final class Conv extends NaiveLayer {
        private final int cOut;

        public Conv(Window window, int cOut) {
            super(window);
            this.cOut = cOut;
        }

        @Override
        public boolean apply(NaiveResult r) {
            if (!window(r)) {
                return false;
            }
            long weights = (long) cOut * r.c * kh * kw;
            r.params += weights + cOut;
            r.macs += (long) r.h * r.w * weights;
            r.c = cOut;
            return true;
        }
    }

    /** A depthwise-separable convolution: depthwise without bias, pointwise with bias. */
    public static final class SepConv extends NaiveLayer {
        private final int cOut;

        public SepConv(Window window, int cOut) {
            super(window);
            this.cOut = cOut;
        }

        @Override
        public boolean apply(NaiveResult r) {
            if (!window(r)) {
                return false;
            }
            long perChannel = (long) kh * kw + cOut;
            r.params += r.c * perChannel + cOut;
            r.macs += (long) r.h * r.w * r.c * perChannel;
            r.c = cOut;
            return true;
        }
    }

    /** A max pool: no parameters, keeps the channels; padding must not exceed half the kernel. */
    public static final class MaxPool extends NaiveLayer {
        /** A max pool over {@code window}; its dilation is ignored (1). */
        public MaxPool(Window window) {
            super(window.undilated());
        }

        @Override
        public boolean apply(NaiveResult r) {
            return ph <= kh / 2 && pw <= kw / 2 && window(r);
        }
    }
}
