package org.rfsweep.core.eval;

import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.AdaptiveWindows;
import org.rfsweep.core.math.Extents;
import org.rfsweep.core.math.Fields;
import org.rfsweep.core.math.Limits;

/**
 * The state of one axis along the current path (SPEC section 3): the extent {@code n}, the
 * receptive field {@code r} (maximum over paths), the jump {@code j} and the effective padding
 * {@code p} of the maximum path. The minimum RF over paths is kept as its {@code lag} behind the
 * maximum: the lag only changes where branches merge, so a layer updates one RF instead of two.
 * The same code steps H and W. Owned by one {@link StackEvaluator}; not thread-safe.
 */
final class AxisState {
    int n;
    long r;
    long lag;
    long j;
    long p;

    /** The state of an input of extent {@code extent}: {@code r = 1, j = 1, P = 0}. */
    void start(int extent) {
        n = extent;
        r = 1;
        lag = 0;
        j = 1;
        p = 0;
    }

    /** The minimum RF over paths. */
    long rMin() {
        return r - lag;
    }

    /** The output extent of a window, or {@link Extents#TOO_SMALL}. */
    int out(int ek, int s, int pl, int pr, int mode) {
        return Extents.out(n, ek, s, pl, pr, mode);
    }

    /** Steps through a window with effective kernel {@code ek}, stride {@code s} and output {@code out}. */
    void window(int out, int ek, int s, int pl, int mode) {
        r = Fields.grow(r, ek, j);
        p = Fields.pad(p, Extents.padBefore(n, ek, s, pl, mode), j);
        j = Fields.jump(j, s);
        n = out;
    }

    /**
     * Steps through a window derived from the map and an output size {@code o}: the whole map
     * ({@code ek = n, s = 1}) for a global layer, {@link AdaptiveWindows} for an adaptive pool.
     */
    void reduce(int o, boolean adaptive) {
        window(o, adaptive ? AdaptiveWindows.kernel(n, o) : n, AdaptiveWindows.stride(n, o), 0, Rounding.VALID);
    }

    /** True when the receptive field and the effective padding are within {@link Limits#MAX_RF}. */
    boolean fieldWithin() {
        return Fields.within(r, p);
    }

    boolean jumpWithin() {
        return j <= Limits.MAX_JUMP;
    }

    /** Writes this axis into a {@link BranchStack} state; {@code axis} 0 is H, 1 is W. */
    void save(long[] s, int axis) {
        s[BranchStack.N_H + axis] = n;
        s[BranchStack.R_H + axis] = r;
        s[BranchStack.RMIN_H + axis] = r - lag;
        s[BranchStack.J_H + axis] = j;
        s[BranchStack.P_H + axis] = p;
    }

    /** Reads this axis from a {@link BranchStack} state at offset {@code at}. */
    void restore(long[] s, int at, int axis) {
        n = (int) s[at + BranchStack.N_H + axis];
        r = s[at + BranchStack.R_H + axis];
        lag = r - s[at + BranchStack.RMIN_H + axis];
        j = s[at + BranchStack.J_H + axis];
        p = s[at + BranchStack.P_H + axis];
    }
}
