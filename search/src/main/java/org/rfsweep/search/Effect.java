package org.rfsweep.search;

import org.rfsweep.core.eval.Metrics;

/**
 * What a {@link Block} does to a feature map of a given shape, measured alone (from
 * {@code r = 1, j = 1, P = 0}). Applied after a prefix with jump {@code j}, it adds
 * {@code (r - 1) * j} to the RF, {@code (rMin - 1) * j} to the minimum RF and {@code P * j} to
 * the effective padding, multiplies the jump by its own, and adds its counts: every rule of
 * SPEC sections 3 and 4 is linear in the incoming jump, and branch alignment compares
 * {@code r - 1 - 2P} and {@code j} of branches that share the same incoming state, so validity
 * is a property of the shape alone.
 *
 * <p>{@link #checks} holds, per windowed layer that can be flagged unproductive (SPEC section 5),
 * its local minimum RF minus 1 before and after it, per axis: {@code {bH, bW, aH, aW}}. After a
 * prefix with minimum RF {@code m} and jump {@code j}, the layer is unproductive iff on both axes
 * {@code m + b*j >= input} and {@code m + a*j > input}. Immutable.
 */
final class Effect {
    static final Effect INVALID = new Effect();

    final boolean valid;
    final int outH;
    final int outW;
    final int outC;
    final boolean global;
    final long rH;
    final long rW;
    final long rmH;
    final long rmW;
    final long jH;
    final long jW;
    final long pH;
    final long pW;
    final long params;
    final long macs;
    final long bias;
    final long acts;
    final long[] checks;

    private Effect() {
        valid = false;
        outH = outW = outC = 0;
        global = false;
        rH = rW = rmH = rmW = jH = jW = pH = pW = params = macs = bias = acts = 0;
        checks = new long[0];
    }

    /** No layers: the map passes unchanged ({@code r = 1, j = 1, P = 0}, no counts). */
    private Effect(int outH, int outW, int outC, boolean global) {
        this.valid = true;
        this.outH = outH;
        this.outW = outW;
        this.outC = outC;
        this.global = global;
        rH = rW = rmH = rmW = jH = jW = 1;
        pH = pW = params = macs = bias = acts = 0;
        checks = new long[0];
    }

    /**
     * The effect measured in slot 0 of {@code m}, a valid result evaluated from
     * {@code r = 1, j = 1, P = 0}; {@code global} is whether the map is global after the block.
     */
    Effect(Metrics m, boolean global, long[] checks) {
        this.valid = true;
        this.outH = m.outH[0];
        this.outW = m.outW[0];
        this.outC = m.outC[0];
        this.global = global;
        this.rH = m.rfH[0];
        this.rW = m.rfW[0];
        this.rmH = m.rfMinH[0];
        this.rmW = m.rfMinW[0];
        this.jH = m.strideH[0];
        this.jW = m.strideW[0];
        this.pH = m.padH[0];
        this.pW = m.padW[0];
        this.params = m.params[0];
        this.macs = m.macs[0];
        this.bias = m.biasAdds[0];
        this.acts = m.acts[0];
        this.checks = checks;
    }

    /** The effect of a block without layers on an {@code outH x outW x outC} map. */
    static Effect identity(int outH, int outW, int outC, boolean global) {
        return new Effect(outH, outW, outC, global);
    }
}
