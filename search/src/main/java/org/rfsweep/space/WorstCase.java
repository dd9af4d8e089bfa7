package org.rfsweep.space;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.layout.Rounding;
import org.rfsweep.core.math.Limits;

/**
 * The worst case of a whole space, checked once against {@link Limits} so that the evaluator's
 * bounds can never be reached by a candidate. It walks the stem, each stage's positions up to
 * the stage's maximum depth, and the head, keeping per quantity an upper bound over every
 * candidate: the largest input; per position the largest result of any entry; after a stage
 * the largest over its depths. Per layer (SPEC sections 2, 3, 6, 7, with groups taken as 1):
 *
 * <pre>
 *   out  &lt;= max(1, n + pad_before + pad_after - ek + 1)    (n for same and valid)
 *   r    += (ek - 1) * j        P += pad_before * j        j *= s
 *   macs += out_h * out_w * c_out * c_in * kh * kw          (sepconv: out^2 * c_in * (kh*kw + c_out))
 * </pre>
 *
 * Quantities are doubles: the check is conservative, never exact. Not thread-safe; used once.
 */
final class WorstCase {
    private double nH;
    private double nW;
    private double c;
    private double jH = 1;
    private double jW = 1;
    private double rH = 1;
    private double rW = 1;
    private double pH;
    private double pW;
    private double params;
    private double macs;
    private double acts;
    private final Deque<double[]> branches = new ArrayDeque<>();

    private WorstCase() {
    }

    private WorstCase copy() {
        WorstCase w = new WorstCase();
        w.nH = nH;
        w.nW = nW;
        w.c = c;
        w.jH = jH;
        w.jW = jW;
        w.rH = rH;
        w.rW = rW;
        w.pH = pH;
        w.pW = pW;
        w.params = params;
        w.macs = macs;
        w.acts = acts;
        return w;
    }

    private void max(WorstCase o) {
        nH = Math.max(nH, o.nH);
        nW = Math.max(nW, o.nW);
        c = Math.max(c, o.c);
        jH = Math.max(jH, o.jH);
        jW = Math.max(jW, o.jW);
        rH = Math.max(rH, o.rH);
        rW = Math.max(rW, o.rW);
        pH = Math.max(pH, o.pH);
        pW = Math.max(pW, o.pW);
        params = Math.max(params, o.params);
        macs = Math.max(macs, o.macs);
        acts = Math.max(acts, o.acts);
    }

    /** @throws SpecException naming the part of the space that could leave the bounds */
    static void check(CompiledSpace sp) {
        WorstCase w = new WorstCase();
        for (int x = 0; x < sp.inputCount(); x++) {
            w.nH = Math.max(w.nH, sp.inputH(x));
            w.nW = Math.max(w.nW, sp.inputW(x));
            w.c = Math.max(w.c, sp.inputC(x));
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
        int op = r[at + Layer.OP];
        if (Op.isWindowed(op)) {
            int kh = r[at + Layer.KH];
            int kw = r[at + Layer.KW];
            int ekH = r[at + Layer.DH] * (kh - 1) + 1;
            int ekW = r[at + Layer.DW] * (kw - 1) + 1;
            int mode = r[at + Layer.MODE];
            boolean derived = mode == Rounding.SAME || mode == Rounding.VALID;
            double oh = derived ? nH : Math.max(1, nH + r[at + Layer.PT] + r[at + Layer.PB] - ekH + 1);
            double ow = derived ? nW : Math.max(1, nW + r[at + Layer.PL] + r[at + Layer.PR] - ekW + 1);
            double beforeH = mode == Rounding.SAME ? ekH - 1 : r[at + Layer.PT];
            double beforeW = mode == Rounding.SAME ? ekW - 1 : r[at + Layer.PL];
            double cOut = c;
            double area = oh * ow;
            if (op == Op.CONV) {
                cOut = r[at + Layer.C];
                macs += area * cOut * c * kh * kw;
                params += cOut * c * kh * kw + cOut;
                acts += area * cOut;
            } else if (op == Op.DWCONV) {
                cOut = r[at + Layer.C] == Layer.SAME_CHANNELS ? c : r[at + Layer.C];
                macs += area * cOut * kh * kw;
                params += cOut * kh * kw + cOut;
                acts += area * cOut;
            } else if (op == Op.SEPCONV) {
                cOut = r[at + Layer.C];
                macs += area * c * ((double) kh * kw + cOut);
                params += c * ((double) kh * kw + cOut) + cOut;
                acts += area * (c + cOut);
            }
            rH += (ekH - 1) * jH;
            rW += (ekW - 1) * jW;
            pH += beforeH * jH;
            pW += beforeW * jW;
            jH *= r[at + Layer.SH];
            jW *= r[at + Layer.SW];
            nH = oh;
            nW = ow;
            c = cOut;
        } else if (Op.isGlobal(op) || op == Op.ADAPTIVEAVGPOOL) {
            rH += (nH - 1) * jH;
            rW += (nW - 1) * jW;
            if (op == Op.FLATTEN) {
                c *= nH * nW;
            } else if (op == Op.FC) {
                double cOut = r[at + Layer.C];
                macs += nH * nW * c * cOut;
                params += nH * nW * c * cOut + cOut;
                acts += cOut;
                c = cOut;
            }
            nH = op == Op.ADAPTIVEAVGPOOL ? r[at + Layer.KH] : 1;
            nW = op == Op.ADAPTIVEAVGPOOL ? r[at + Layer.KW] : 1;
        } else if (op == Op.BN) {
            params += 2 * c;
        } else if (op == Op.ADD || op == Op.CAT || op == Op.MUL) {
            branches.push(new double[] {op, nH, nW, c, jH, jW, rH, rW, pH, pW, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        } else if (op == Op.NEXT || op == Op.END) {
            double[] b = branches.peek();
            if (b == null) {
                return;
            }
            // b[10..18]: the running maximum over finished branches; b[19]: their channel sum.
            b[10] = Math.max(b[10], nH);
            b[11] = Math.max(b[11], nW);
            b[12] = Math.max(b[12], c);
            b[13] = Math.max(b[13], jH);
            b[14] = Math.max(b[14], jW);
            b[15] = Math.max(b[15], rH);
            b[16] = Math.max(b[16], rW);
            b[17] = Math.max(b[17], pH);
            b[18] = Math.max(b[18], pW);
            b[19] += c;
            if (op == Op.NEXT) {
                nH = b[1];
                nW = b[2];
                c = b[3];
                jH = b[4];
                jW = b[5];
                rH = b[6];
                rW = b[7];
                pH = b[8];
                pW = b[9];
            } else {
                branches.pop();
                nH = b[10];
                nW = b[11];
                c = b[0] == Op.CAT ? b[19] : b[12];
                jH = b[13];
                jW = b[14];
                rH = b[15];
                rW = b[16];
                pH = b[17];
                pW = b[18];
            }
        }
    }

    private void verify(String path) {
        over(path, "out_h", nH, Limits.MAX_EXTENT, Integer.toString(Limits.MAX_EXTENT));
        over(path, "out_w", nW, Limits.MAX_EXTENT, Integer.toString(Limits.MAX_EXTENT));
        over(path, "out_c", c, Limits.MAX_CHANNELS, Integer.toString(Limits.MAX_CHANNELS));
        over(path, "stride_h", jH, Limits.MAX_JUMP, "2^32");
        over(path, "stride_w", jW, Limits.MAX_JUMP, "2^32");
        over(path, "rf_h", rH, Limits.MAX_RF, "2^56");
        over(path, "rf_w", rW, Limits.MAX_RF, "2^56");
        over(path, "pad_h", pH, Limits.MAX_RF, "2^56");
        over(path, "pad_w", pW, Limits.MAX_RF, "2^56");
        // Counts must stay below MAX_COUNT; the margin covers double rounding.
        double countLimit = Limits.MAX_COUNT * (1 - 0x1p-40);
        over(path, "params", params, countLimit, "2^60");
        over(path, "macs", macs, countLimit, "2^60");
        over(path, "activations", acts, countLimit, "2^60");
    }

    private static void over(String path, String what, double value, double limit, String limitText) {
        if (value > limit) {
            throw new SpecException(path, "in the worst case " + what + " reaches about "
                + String.format(Locale.ROOT, "%.3g", value) + ", above the bound " + limitText
                + " (lower the kernels, strides, channels or depths)");
        }
    }
}
