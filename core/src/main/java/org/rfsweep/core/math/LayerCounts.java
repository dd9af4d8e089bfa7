package org.rfsweep.core.math;

import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;

/**
 * The counts of one layer by kind, from the per-kind functions of {@link Counts}: the one place
 * that says which kind counts what. Holds the last layer's results; reused, not thread-safe.
 */
public final class LayerCounts {
    public long params;
    public long macs;
    public long biasAdds;
    public long acts;
    /** Output channels of the last windowed or fc layer. */
    public int channels;

    /** Sets every count to 0: a layer without parameters or compute. */
    public void clear() {
        params = 0;
        macs = 0;
        biasAdds = 0;
        acts = 0;
    }

    /** Counts an elementwise layer with {@code perChannel} parameters per channel of {@code c}. */
    public void elementwise(int perChannel, int c) {
        clear();
        params = Counts.channelParams(perChannel, c);
    }

    /**
     * Counts a windowed layer ({@code conv}, {@code dwconv}, {@code sepconv}, a pool) with
     * {@code spatial = out_h * out_w} outputs on {@code cIn} input channels; {@code cSet} is the
     * record's {@link Layer#C}.
     *
     * @return false when the MACs may reach {@link Limits#MAX_COUNT} ({@link #macs} is then
     *     {@link Counts#OVER})
     */
    public boolean window(int op, long spatial, int cIn, int cSet, int g, int kh, int kw, int bias) {
        if (op == Op.CONV || op == Op.DWCONV) {
            final boolean depthwise = op == Op.DWCONV;
            final int cOut = depthwise && cSet == Layer.SAME_CHANNELS ? cIn : cSet;
            final int cpg = depthwise ? 1 : Counts.groupWidth(cIn, g);
            macs = Counts.convMacs(spatial, cOut, cpg, kh, kw);
            params = Counts.convParams(cOut, cpg, kh, kw, bias);
            acts = Counts.elements(spatial, cOut);
            biasAdds = Counts.biasAdds(bias, spatial, cOut);
            channels = cOut;
        } else if (op == Op.SEPCONV) {
            macs = Counts.sepconvMacs(spatial, cIn, cSet, kh, kw);
            params = Counts.sepconvParams(cIn, cSet, kh, kw, bias);
            acts = Counts.sepconvActs(spatial, cIn, cSet);
            biasAdds = Counts.biasAdds(bias, spatial, cSet);
            channels = cSet;
        } else {
            clear();
            channels = cIn;
        }
        return fits();
    }

    /**
     * Counts a fully connected layer on an {@code nH x nW x cIn} map.
     *
     * @return false when the MACs may reach {@link Limits#MAX_COUNT}
     */
    public boolean fc(int nH, int nW, int cIn, int cOut, int bias) {
        macs = Counts.fcMacs(nH, nW, cIn, cOut);
        acts = Counts.elements(1, cOut);
        biasAdds = Counts.biasAdds(bias, 1, cOut);
        params = macs + biasAdds;
        channels = cOut;
        return fits();
    }

    /** False when the MACs were {@link Counts#OVER}; the other counts are then set to 0 (unknown). */
    private boolean fits() {
        if (macs == Counts.OVER) {
            params = 0;
            biasAdds = 0;
            acts = 0;
            return false;
        }
        return true;
    }
}
