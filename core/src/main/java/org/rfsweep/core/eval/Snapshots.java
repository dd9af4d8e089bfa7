package org.rfsweep.core.eval;

import org.rfsweep.core.math.Limits;

/**
 * The evaluation state before each record of the last stack that {@link StackEvaluator#evaluateFrom}
 * ran, so that the next stack, which shares a prefix of records with it, resumes after the prefix
 * instead of starting from scratch (mixed-radix enumeration changes the last positions fastest).
 *
 * <p>Row {@code k} holds the state before record {@code k}: per axis the extent, RF, minimum
 * RF, jump and effective padding, the channels, the global flag, the four count totals,
 * the unproductive count and the totals of the {@link MemoryState} walk. A row is kept only where no branch
 * block is open (the {@link BranchStack} is then empty and need not be copied); resuming inside a
 * block goes back to the last row before the block opened.
 *
 * <p>Fixed size, reused: allocation-free. Owned by one evaluator's caller; not thread-safe.
 */
public final class Snapshots {
    // The path state first, in the layout of BranchStack: a row is also the evaluator's packed state.
    static final int N_H = BranchStack.N_H;
    static final int N_W = BranchStack.N_W;
    static final int C = BranchStack.C;
    static final int R_H = BranchStack.R_H;
    static final int R_W = BranchStack.R_W;
    static final int RMIN_H = BranchStack.RMIN_H;
    static final int RMIN_W = BranchStack.RMIN_W;
    static final int J_H = BranchStack.J_H;
    static final int J_W = BranchStack.J_W;
    static final int P_H = BranchStack.P_H;
    static final int P_W = BranchStack.P_W;
    static final int GLOBAL = BranchStack.GLOBAL;
    static final int PARAMS = BranchStack.WIDTH;
    static final int MACS = PARAMS + 1;
    static final int BIAS_ADDS = PARAMS + 2;
    static final int ACTS = PARAMS + 3;
    static final int UNPRODUCTIVE = PARAMS + 4;
    /** The totals of the {@link MemoryState} walk ({@code held} is 0 in a kept row: no block is open). */
    static final int ACT = PARAMS + 5;
    static final int PEAK = PARAMS + 6;
    static final int HELD = PARAMS + 7;
    static final int CUR = PARAMS + 8;
    static final int WIDTH = PARAMS + 9;

    final long[] rows;
    private final boolean[] usable;
    /** Rows written by the last run: the records it reached. */
    private int limit;
    private int inH;
    private int inW;
    private int inC;

    /** Snapshots for stacks of up to {@code maxRecords} records (at most {@link Limits#MAX_LAYERS}). */
    public Snapshots(int maxRecords) {
        if (maxRecords < 1 || maxRecords > Limits.MAX_LAYERS) {
            throw new IllegalArgumentException("maxRecords=" + maxRecords + " is outside 1.." + Limits.MAX_LAYERS);
        }
        rows = new long[maxRecords * WIDTH];
        usable = new boolean[maxRecords];
    }

    /** Forgets every row: the next evaluation starts from scratch. */
    public void clear() {
        limit = 0;
    }

    /**
     * The record to resume from for a stack on {@code h x w x c} whose records before
     * {@code changed} equal those of the last run: the last usable row at or before both
     * {@code changed} and the last record reached; 0 when there is none.
     */
    int resumeAt(int changed, int h, int w, int c) {
        if (limit == 0 || changed <= 0 || h != inH || w != inW || c != inC) {
            return 0;
        }
        int k = Math.min(changed, limit - 1);
        while (k > 0 && !usable[k]) {
            k--;
        }
        return k;
    }

    /**
     * Starts a run on {@code h x w x c} from record {@code from}, whose row is already in place
     * (the one resumed from, or the start state); the rows after it are rewritten.
     */
    void begin(int from, int h, int w, int c) {
        limit = from + 1;
        usable[from] = true;
        inH = h;
        inW = w;
        inC = c;
    }

    /** Keeps only the rows up to record {@code record}: later ones belong to a stack no longer current. */
    void forgetAfter(int record) {
        limit = Math.min(limit, record + 1);
    }

    /** Record {@code i} is reached with {@code depth} blocks open; returns the row offset to fill, or -1. */
    int reach(int i, int depth) {
        limit = i + 1;
        usable[i] = depth == 0;
        return depth == 0 ? i * WIDTH : -1;
    }
}
