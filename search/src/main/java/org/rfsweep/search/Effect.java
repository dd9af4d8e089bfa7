package org.rfsweep.search;

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

    Effect(int outH, int outW, int outC, boolean global, long[] field, long[] counts, long[] checks) {
        this.valid = true;
        this.outH = outH;
        this.outW = outW;
        this.outC = outC;
        this.global = global;
        this.rH = field[0];
        this.rW = field[1];
        this.rmH = field[2];
        this.rmW = field[3];
        this.jH = field[4];
        this.jW = field[5];
        this.pH = field[6];
        this.pW = field[7];
        this.params = counts[0];
        this.macs = counts[1];
        this.bias = counts[2];
        this.acts = counts[3];
        this.checks = checks;
    }
}
