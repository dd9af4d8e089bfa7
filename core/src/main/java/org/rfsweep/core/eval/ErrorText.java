package org.rfsweep.core.eval;

import static org.rfsweep.core.eval.ErrorCode.Axis.H;

import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.Extents;
import org.rfsweep.core.math.Limits;

/**
 * Renders the error of an invalid stack as the one line a user reads: the layer (1-based, branch
 * markers not counted, with its canonical text), the field, the value and the rule. Off the hot
 * path: it re-evaluates the stack with a {@link LayerTrace} to recover the failing layer's input.
 */
public final class ErrorText {
    private ErrorText() {
    }

    /** Where record {@code record} is, for the start of a message: {@code layer 3 conv(k=3,c=8): }. */
    private static String where(int[] records, int base, int record) {
        int at = base + record * Layer.INTS;
        int op = records[at + Layer.OP];
        StringBuilder where = new StringBuilder();
        if (op == Op.NEXT || op == Op.END) {
            int before = ordinal(records, base, record) - 1;
            where.append('\'').append(Op.name(op)).append(before == 0 ? "' at the start" : "' after layer " + before);
        } else if (Op.isMarker(op)) {
            int before = ordinal(records, base, record) - 1;
            where.append(Op.name(op)).append(before == 0 ? " block at the start" : " block after layer " + before);
        } else {
            where.append("layer ").append(ordinal(records, base, record)).append(' ');
            ArchFormatter.append(where, records, at, 1);
        }
        return where.append(": ").toString();
    }

    public static String describe(int[] records, int base, int count, int inH, int inW, int inC,
                                  int code, int record, int detail) {
        LayerTrace trace = new LayerTrace();
        StackEvaluator evaluator = new StackEvaluator();
        evaluator.trace(records, base, count, inH, inW, inC, new Metrics(1), 0, trace);
        int at = base + record * Layer.INTS;
        int op = records[at + Layer.OP];
        String where = where(records, base, record);
        if (code == ErrorCode.NOT_ALIGNED || code == ErrorCode.SHAPE_MISMATCH
            || (code == ErrorCode.EXCEEDS_BOUND && detail == ErrorCode.Bound.CHANNELS && Op.isMarker(op))) {
            return where + branchError(evaluator.branches(), code, detail);
        }
        boolean h = detail == H;
        String axis = h ? "h" : "w";
        switch (code) {
            case ErrorCode.OUTPUT_TOO_SMALL: {
                int n = h ? trace.inH[record] : trace.inW[record];
                int k = records[at + (h ? Layer.KH : Layer.KW)];
                int d = records[at + (h ? Layer.DH : Layer.DW)];
                int ek = Extents.effectiveKernel(k, d);
                if (records[at + Layer.MODE] == Rounding.VALID) {
                    return where + "output too small: out_" + axis + " < 1 because the input " + n
                        + " is smaller than the effective kernel " + ek + " (p=valid)";
                }
                int before = records[at + (h ? Layer.PT : Layer.PL)];
                int after = records[at + (h ? Layer.PB : Layer.PR)];
                int s = records[at + (h ? Layer.SH : Layer.SW)];
                if (records[at + Layer.MODE] == Rounding.CEIL) {
                    long out = 1L - Math.floorDiv(ek - n - before - after, s);
                    return where + "output too small: out_" + axis + " = ceil((" + n + " + " + before + " + " + after
                        + " - " + ek + ") / " + s + ") + 1 = " + out + " is below 1 (with ceil=1 the padded input "
                        + (n + before + after) + " must be at least ek - s + 1 = " + (ek - s + 1) + ")";
                }
                long out = Math.floorDiv(n + before + after - ek, s) + 1L;
                return where + "output too small: out_" + axis + " = floor((" + n + " + " + before + " + " + after
                    + " - " + ek + ") / " + s + ") + 1 = " + out + " is below 1 (the padded input "
                    + (n + before + after) + " is smaller than the effective kernel " + ek + ")";
            }
            case ErrorCode.POOL_PADDING: {
                int k = records[at + (h ? Layer.KH : Layer.KW)];
                int before = records[at + (h ? Layer.PT : Layer.PL)];
                int after = records[at + (h ? Layer.PB : Layer.PR)];
                return where + "pool padding p_" + axis + "=" + Math.max(before, after) + " exceeds half the kernel k_"
                    + axis + "=" + k + " (pools need p <= floor(k/2) = " + (k >> 1) + ")";
            }
            case ErrorCode.GROUPS: {
                int c = trace.inC[record];
                int g = records[at + Layer.G];
                if (op == Op.DWCONV) {
                    return where + "output channels c=" + records[at + Layer.C] + " are not a multiple of the input"
                        + " channels " + c + " (dwconv has one group per input channel)";
                }
                if (op == Op.CHUNK) {
                    return where + "input channels " + c + " are not divisible by n=" + g
                        + " (chunk splits the channels into n equal parts)";
                }
                if (op == Op.SHUFFLE) {
                    return where + "input channels " + c + " are not divisible by groups g=" + g
                        + " (shuffle needs equal groups)";
                }
                if (detail == ErrorCode.DETAIL_IN) {
                    return where + "input channels " + c + " are not divisible by groups g=" + g;
                }
                return where + "output channels c=" + records[at + Layer.C] + " are not divisible by groups g=" + g;
            }
            case ErrorCode.EXCEEDS_BOUND:
                if ((detail == ErrorCode.Bound.OUT_H || detail == ErrorCode.Bound.OUT_W) && Op.isWindowed(op)) {
                    boolean oh = detail == ErrorCode.Bound.OUT_H;
                    int k = records[at + (oh ? Layer.KH : Layer.KW)];
                    int d = records[at + (oh ? Layer.DH : Layer.DW)];
                    int out = Extents.out(oh ? trace.inH[record] : trace.inW[record], Extents.effectiveKernel(k, d),
                        records[at + (oh ? Layer.SH : Layer.SW)], records[at + (oh ? Layer.PT : Layer.PL)],
                        records[at + (oh ? Layer.PB : Layer.PR)], records[at + Layer.MODE]);
                    return where + (oh ? "out_h = " : "out_w = ") + out + " exceeds the bound " + Limits.MAX_EXTENT;
                }
                return where + bound(detail);
            case ErrorCode.MALFORMED:
                if (op == Op.NEXT || op == Op.END) {
                    return where + "no branch block is open (unbalanced branch markers)";
                }
                if (Op.name(op).startsWith("op#")) {
                    return where + "unknown op code " + op + " in the records";
                }
                if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
                    return where + "branch blocks nested deeper than " + Limits.MAX_DEPTH;
                }
                return where + "a branch block is still open at the end of the stack (unbalanced branch markers)";
            default:
                return where + ErrorCode.name(code);
        }
    }

    private static String branchError(BranchStack b, int code, int detail) {
        long[] r = b.rejected;
        long[] m = b.merged;
        int at = b.top();
        String branch = "branch " + b.branch();
        if (code == ErrorCode.NOT_ALIGNED) {
            boolean h = detail == H;
            int rf = h ? BranchStack.R_H : BranchStack.R_W;
            int j = h ? BranchStack.J_H : BranchStack.J_W;
            int p = h ? BranchStack.P_H : BranchStack.P_W;
            return branch + " is not aligned with the branches before it on the " + (h ? "height" : "width")
                + " axis: effective stride " + r[j] + " vs " + m[at + j] + ", centre shift (r-1)/2-P "
                + half(r[rf] - 1 - 2 * r[p]) + " vs " + half(m[at + rf] - 1 - 2 * m[at + p])
                + " (paths that meet must agree on both)";
        }
        String shape = r[BranchStack.N_H] + "x" + r[BranchStack.N_W] + "x" + r[BranchStack.C];
        String before = m[at + BranchStack.N_H] + "x" + m[at + BranchStack.N_W] + "x" + m[at + BranchStack.C];
        if (code == ErrorCode.EXCEEDS_BOUND) {
            return branch + " brings out_c above the bound " + Limits.MAX_CHANNELS;
        }
        String rule;
        switch (b.kind()) {
            case Op.CAT:
                rule = "cat needs equal extents";
                break;
            case Op.MUL:
                rule = "mul needs equal channels and equal extents or a 1x1 branch";
                break;
            default:
                rule = "add needs equal extents and channels";
        }
        return branch + " outputs " + shape + " but the branches before it output " + before + " (" + rule + ")";
    }

    private static String half(long twice) {
        long magnitude = Math.abs(twice);
        return (twice < 0 ? "-" : "") + magnitude / 2 + (magnitude % 2 == 0 ? "" : ".5");
    }

    private static String bound(int detail) {
        switch (detail) {
            case ErrorCode.Bound.OUT_H:
                return "out_h exceeds the bound " + Limits.MAX_EXTENT;
            case ErrorCode.Bound.OUT_W:
                return "out_w exceeds the bound " + Limits.MAX_EXTENT;
            case ErrorCode.Bound.RF_H:
                return "rf_h or pad_h exceeds the bound 2^56";
            case ErrorCode.Bound.RF_W:
                return "rf_w or pad_w exceeds the bound 2^56";
            case ErrorCode.Bound.STRIDE_H:
                return "stride_h exceeds the bound 2^32";
            case ErrorCode.Bound.STRIDE_W:
                return "stride_w exceeds the bound 2^32";
            case ErrorCode.Bound.CHANNELS:
                return "out_c exceeds the bound " + Limits.MAX_CHANNELS;
            default:
                return "params, MACs or activations reach the bound 2^60";
        }
    }

    private static int ordinal(int[] records, int base, int record) {
        int layers = 0;
        for (int i = 0; i < record; i++) {
            if (!Op.isMarker(records[base + i * Layer.INTS + Layer.OP])) {
                layers++;
            }
        }
        return layers + 1;
    }
}
