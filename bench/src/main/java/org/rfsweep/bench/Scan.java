package org.rfsweep.bench;

import org.rfsweep.core.layout.Layer;

/**
 * The baseline beside every evaluation benchmark: the same loop over the same records, reading
 * every field the evaluator reads and folding them into one int, with no arithmetic of its own.
 * The gap between a benchmark and its scan is the cost of the arithmetic and its branches.
 */
final class Scan {
    private Scan() {
    }

    static int stack(int[] rec, int base, int count) {
        int acc = 0;
        for (int i = 0, at = base; i < count; i++, at += Layer.INTS) {
            acc += rec[at + Layer.OP] ^ rec[at + Layer.KH] ^ rec[at + Layer.KW] ^ rec[at + Layer.SH]
                ^ rec[at + Layer.SW] ^ rec[at + Layer.DH] ^ rec[at + Layer.DW] ^ rec[at + Layer.PT]
                ^ rec[at + Layer.PB] ^ rec[at + Layer.PL] ^ rec[at + Layer.PR] ^ rec[at + Layer.MODE]
                ^ rec[at + Layer.C] ^ rec[at + Layer.G] ^ rec[at + Layer.BIAS];
        }
        return acc;
    }
}
