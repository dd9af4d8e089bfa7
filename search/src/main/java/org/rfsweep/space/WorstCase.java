package org.rfsweep.space;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.AdaptiveWindows;
import org.rfsweep.core.math.Counts;
import org.rfsweep.core.math.Extents;
import org.rfsweep.core.math.Fields;
import org.rfsweep.core.math.LayerCounts;
import org.rfsweep.core.math.Limits;

/**
 * The worst case of a whole space, checked once against {@link Limits} so that the evaluator's
 * bounds can never be reached by a candidate. It walks the stem, each stage's positions up to
 * the stage's maximum depth, and the head, keeping per quantity an upper bound over every
 * candidate: the largest input; per position the largest result of any entry; after a stage
 * the largest over its depths. Each layer steps by the evaluator's own formulas
 * ({@link Extents}, {@link Fields}, {@link LayerCounts}) applied to these upper bounds, which is
 * an upper bound because each is monotone in its inputs; groups are taken as 1, a SAME padding
 * as its largest ({@link Extents#samePadBeforeMax}), an output extent as at least 1, and a global
 * or adaptive window as the whole map.
 *
 * <p>Every quantity is a long, exact: the walk stops at the first layer that leaves a bound, so
 * one step from values within the bounds cannot overflow, except a MAC count, which
 * {@link LayerCounts} reports as too large instead. Not thread-safe; used once.
 */
final class WorstCase {
    private Path path = new Path();
    private long params;
    private long macs;
    private long acts;
    private final Deque<Block> blocks = new ArrayDeque<>();
    private final LayerCounts counts = new LayerCounts();

    private WorstCase() {
    }

    /** The upper bounds of one path's state: extents, channels, and per axis the field. */
    private static final class Path {
        long nH;
        long nW;
        long c;
        long jH = 1;
        long jW = 1;
        long rH = 1;
        long rW = 1;
        long pH;
        long pW;

        Path copy() {
            Path p = new Path();
            p.max(this);
            return p;
        }

        void max(Path o) {
            nH = Math.max(nH, o.nH);
            nW = Math.max(nW, o.nW);
            c = Math.max(c, o.c);
            jH = Math.max(jH, o.jH);
            jW = Math.max(jW, o.jW);
            rH = Math.max(rH, o.rH);
            rW = Math.max(rW, o.rW);
            pH = Math.max(pH, o.pH);
            pW = Math.max(pW, o.pW);
        }
    }

    /** An open branch block: its input, the maximum over its finished branches, their channel sum. */
    private static final class Block {
        final int op;
        final Path input;
        Path merged;
        long channelSum;

        Block(int op, Path input) {
            this.op = op;
            this.input = input;
        }
    }

    private WorstCase copy() {
        WorstCase w = new WorstCase();
        w.path = path.copy();
        w.params = params;
        w.macs = macs;
        w.acts = acts;
        return w;
    }

    private void max(WorstCase o) {
        path.max(o.path);
        params = Math.max(params, o.params);
        macs = Math.max(macs, o.macs);
        acts = Math.max(acts, o.acts);
    }

    /** @throws SpecException naming the part of the space that could leave the bounds */
    static void check(CompiledSpace sp) {
        WorstCase w = new WorstCase();
        for (int x = 0; x < sp.inputCount(); x++) {
            w.path.nH = Math.max(w.path.nH, sp.inputH(x));
            w.path.nW = Math.max(w.path.nW, sp.inputW(x));
            w.path.c = Math.max(w.path.c, sp.inputC(x));
        }
        w.walk(sp.stemRecords(), 0, sp.stemRecords().length, "stem");
        List<Stage> stages = sp.space().stages();
        for (int s = 0; s < sp.stages(); s++) {
            String stagePath = sp.space().staged() ? "body.stages[" + s + "]" : "body";
            String layerPath = stages.get(s).layerPath();
            w.walk(sp.preRecords(s), 0, sp.preRecords(s).length, stagePath + ".pre");
            WorstCase acc = sp.depthMin(s) == 0 ? w.copy() : null;
            for (int p = 0; p < sp.depthMax(s); p++) {
                ChoiceTable t = sp.table(s, p);
                WorstCase next = null;
                for (int e = 0; e < t.size(); e++) {
                    WorstCase branch = w.copy();
                    branch.walk(t.data(), t.start(e), t.length(e), layerPath);
                    if (next == null) {
                        next = branch;
                    } else {
                        next.max(branch);
                    }
                }
                w = next;
                if (p + 1 >= sp.depthMin(s)) {
                    if (acc == null) {
                        acc = w.copy();
                    } else {
                        acc.max(w);
                    }
                }
            }
            w = acc;
            w.walk(sp.postRecords(s), 0, sp.postRecords(s).length, stagePath + ".post");
        }
        w.walk(sp.headRecords(), 0, sp.headRecords().length, "head");
    }

    private void walk(int[] r, int from, int ints, String path) {
        for (int at = from; at < from + ints; at += Layer.INTS) {
            layer(r, at);
            verify(path);
        }
    }

    private void layer(int[] r, int at) {
        final int op = r[at + Layer.OP];
        final Path x = path;
        final LayerCounts lc = counts;
        lc.clear();
        switch (Kinds.step(op)) {
            case Kinds.STEP_WINDOW: {
                final int kh = r[at + Layer.KH];
                final int kw = r[at + Layer.KW];
                final int ekH = Extents.effectiveKernel(kh, r[at + Layer.DH]);
                final int ekW = Extents.effectiveKernel(kw, r[at + Layer.DW]);
                final int mode = r[at + Layer.MODE];
                final long oh = Math.max(1, Extents.out((int) x.nH, ekH, r[at + Layer.SH], r[at + Layer.PT],
                    r[at + Layer.PB], mode));
                final long ow = Math.max(1, Extents.out((int) x.nW, ekW, r[at + Layer.SW], r[at + Layer.PL],
                    r[at + Layer.PR], mode));
                lc.window(op, oh * ow, (int) x.c, r[at + Layer.C], 1, kh, kw, r[at + Layer.BIAS]);
                x.rH = Fields.grow(x.rH, ekH, x.jH);
                x.rW = Fields.grow(x.rW, ekW, x.jW);
                x.pH = Fields.pad(x.pH, padBeforeMax((int) x.nH, ekH, r[at + Layer.SH], r[at + Layer.PT], mode), x.jH);
                x.pW = Fields.pad(x.pW, padBeforeMax((int) x.nW, ekW, r[at + Layer.SW], r[at + Layer.PL], mode), x.jW);
                x.jH = Fields.jump(x.jH, r[at + Layer.SH]);
                x.jW = Fields.jump(x.jW, r[at + Layer.SW]);
                x.nH = oh;
                x.nW = ow;
                x.c = lc.channels;
                break;
            }
            case Kinds.STEP_REDUCE:
                reduce(r, at, op);
                break;
            case Kinds.STEP_ELEMENTWISE:
                lc.params = Counts.channelParams(Kinds.channelParams(op), (int) x.c);
                break;
            case Kinds.STEP_MARKER:
                marker(op);
                break;
            default:
                // channel layers: chunk keeps at most c channels, shuffle all of them
                break;
        }
        add(lc);
    }

    /** A global layer (the whole map, {@code s = 1}) or an adaptive pool (at most the whole map). */
    private void reduce(int[] r, int at, int op) {
        final Path x = path;
        final boolean adaptive = Kinds.is(op, Kinds.ADAPTIVE);
        final int oh = adaptive ? r[at + Layer.KH] : 1;
        final int ow = adaptive ? r[at + Layer.KW] : 1;
        if (op == Op.FC) {
            counts.fc((int) x.nH, (int) x.nW, (int) x.c, r[at + Layer.C], r[at + Layer.BIAS]);
            x.c = counts.channels;
        } else if (op == Op.FLATTEN) {
            x.c = Counts.flatChannels(x.nH, x.nW, x.c);
        }
        x.rH = Fields.grow(x.rH, (int) x.nH, x.jH);
        x.rW = Fields.grow(x.rW, (int) x.nW, x.jW);
        x.jH = Fields.jump(x.jH, AdaptiveWindows.stride((int) x.nH, oh));
        x.jW = Fields.jump(x.jW, AdaptiveWindows.stride((int) x.nW, ow));
        x.nH = oh;
        x.nW = ow;
    }

    private void marker(int op) {
        if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
            blocks.push(new Block(op, path.copy()));
            return;
        }
        final Block b = blocks.peek();
        if (b == null) {
            return;
        }
        if (b.merged == null) {
            b.merged = path.copy();
        } else {
            b.merged.max(path);
        }
        b.channelSum += path.c;
        if (op == Op.NEXT) {
            path = b.input.copy();
        } else {
            blocks.pop();
            path = b.merged;
            path.c = b.op == Op.CAT ? b.channelSum : path.c;
        }
    }

    /** The largest padding before the input: the explicit one, SAME's largest, or 0 for VALID. */
    private static int padBeforeMax(int n, int ek, int s, int pl, int mode) {
        return mode == Rounding.SAME ? Extents.samePadBeforeMax(ek) : Extents.padBefore(n, ek, s, pl, mode);
    }

    /** Adds a layer's counts; a MAC count too large to form saturates the total. */
    private void add(LayerCounts lc) {
        params += lc.params;
        acts += lc.acts;
        macs = lc.macs == Counts.OVER ? Long.MAX_VALUE : macs + lc.macs;
    }

    private void verify(String where) {
        final Path x = path;
        over(where, "out_h", x.nH, Limits.MAX_EXTENT, Integer.toString(Limits.MAX_EXTENT));
        over(where, "out_w", x.nW, Limits.MAX_EXTENT, Integer.toString(Limits.MAX_EXTENT));
        over(where, "out_c", x.c, Limits.MAX_CHANNELS, Integer.toString(Limits.MAX_CHANNELS));
        over(where, "stride_h", x.jH, Limits.MAX_JUMP, "2^32");
        over(where, "stride_w", x.jW, Limits.MAX_JUMP, "2^32");
        over(where, "rf_h", x.rH, Limits.MAX_RF, "2^56");
        over(where, "rf_w", x.rW, Limits.MAX_RF, "2^56");
        over(where, "pad_h", x.pH, Limits.MAX_RF, "2^56");
        over(where, "pad_w", x.pW, Limits.MAX_RF, "2^56");
        // Counts must stay below MAX_COUNT.
        over(where, "params", params, Limits.MAX_COUNT - 1, "2^60");
        over(where, "macs", macs, Limits.MAX_COUNT - 1, "2^60");
        over(where, "activations", acts, Limits.MAX_COUNT - 1, "2^60");
    }

    private static void over(String where, String what, long value, long limit, String limitText) {
        if (value > limit) {
            String reaches = value == Long.MAX_VALUE ? "goes" : "reaches about "
                + String.format(Locale.ROOT, "%.3g", (double) value) + ",";
            throw new SpecException(where, "in the worst case " + what + " " + reaches + " above the bound "
                + limitText + " (lower the kernels, strides, channels or depths)");
        }
    }
}
