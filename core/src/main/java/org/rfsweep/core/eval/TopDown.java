package org.rfsweep.core.eval;

import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.Extents;

/**
 * The top-down receptive-field method of SPEC section 3, for plain stacks of windowed and
 * elementwise layers: start with {@code r = 1} after the last layer and go back,
 * {@code r = (r - 1) * s + ek}. It must agree with the forward pass of {@link StackEvaluator};
 * the tests check that. Not used on the hot path.
 */
public final class TopDown {
    private TopDown() {
    }

    /**
     * RF along one axis after record {@code last}, computed backwards.
     *
     * @param kField {@link Layer#KH} or {@link Layer#KW}
     * @param sField {@link Layer#SH} or {@link Layer#SW}
     * @param dField {@link Layer#DH} or {@link Layer#DW}
     */
    public static long rf(Network net, int last, int kField, int sField, int dField) {
        long r = 1;
        for (int i = last; i >= 0; i--) {
            int op = net.op(i);
            if (!Op.isWindowed(op)) {
                if (Kinds.step(op) == Kinds.STEP_ELEMENTWISE || Kinds.step(op) == Kinds.STEP_CHANNEL) {
                    continue;
                }
                throw new IllegalArgumentException("top-down RF supports windowed and elementwise layers, not "
                    + Op.name(op));
            }
            long ek = Extents.effectiveKernel(net.get(i, kField), net.get(i, dField));
            r = (r - 1) * net.get(i, sField) + ek;
        }
        return r;
    }
}
