package org.rfsweep.search;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.rfsweep.core.parallel.Ranges;

/**
 * The dominance filter of one level (see {@link Rules} for when one label dominates another):
 * labels are grouped by state (a counting sort), and within a state by unproductive class, sorted
 * by objective then index (a radix sort; the input must be in key order), and a label is dropped
 * when {@code k} earlier labels of its group dominate it (every earlier one has an objective no
 * larger, or equal with a smaller index, so a smaller candidate index).
 * One condition on one quantity (the common case: the capped RF) is a sweep that keeps the
 * {@code k} largest values seen in a small heap; otherwise each label is compared with the kept
 * labels of its group. States are split into groups filtered in parallel; the result does not
 * depend on the thread count. Not thread-safe; one per search.
 */
final class Dominance {
    /**
     * Buckets at least this large are radix-sorted (which allocates its scratch per call), smaller
     * ones merge-sorted.
     */
    private static final int RADIX_FROM = 4096;
    /** Levels with at least this many labels are filtered in parallel. */
    private static final int PARALLEL_FROM = 16_384;

    private final Rules r;
    private final ForkJoinPool pool;
    private final int threads;
    /** Labels dropped by the last {@link #filter}. */
    long dominated;

    Dominance(Rules r, ForkJoinPool pool, int threads) {
        this.r = r;
        this.pool = pool;
        this.threads = threads;
    }

    /**
     * Copies the labels of {@code in} that fewer than {@code k} others dominate into {@code out},
     * in their order, and sets {@link #dominated}; {@code states} is the level's state count.
     */
    LabelBuffer filter(LabelBuffer in, int states, LabelBuffer out) {
        final int n = in.size;
        final int[] start = new int[states + 1];
        for (int i = 0; i < n; i++) {
            start[in.state[i] + 1]++;
        }
        for (int s = 0; s < states; s++) {
            start[s + 1] += start[s];
        }
        final int[] perm = new int[n];
        final int[] fill = Arrays.copyOf(start, states);
        for (int i = 0; i < n; i++) {
            perm[fill[in.state[i]]++] = i;
        }
        final boolean[] dead = new boolean[n];
        // Below PARALLEL_FROM labels, handing work to the pool costs more than it saves.
        final int groups = pool == null || threads == 1 || n < PARALLEL_FROM ? 1 : Math.min(states, threads * 8);
        final int[] groupStart = new int[groups + 1];
        for (int gi = 1, s = 0; gi <= groups; gi++) {
            long want = (long) n * gi / groups;
            while (s < states && start[s] < want) {
                s++;
            }
            groupStart[gi] = gi == groups ? states : Math.max(groupStart[gi - 1], s);
        }
        final long[] dominated = new long[groups];
        Ranges.forEach(threads == 1 ? null : pool, groups, gi -> {
            long[] heap = new long[Math.max(1, r.top)];
            IntArrayList kept = new IntArrayList();
            Scratch scratch = new Scratch();
            for (int s = groupStart[gi]; s < groupStart[gi + 1]; s++) {
                dominated[gi] += bucket(in, perm, start[s], start[s + 1], dead, heap, kept, scratch);
            }
        });
        this.dominated = 0;
        for (long d : dominated) {
            this.dominated += d;
        }
        out.clear();
        out.reserve(n - (int) this.dominated);
        for (int i = 0; i < n; i++) {
            if (!dead[i]) {
                out.copyFrom(in, i);
            }
        }
        return out;
    }

    /**
     * Sorts one state's labels by (unproductive class, objective, index) and marks the dominated
     * ones; returns how many. The labels' index order is their key order, so the index breaks
     * ties like the candidate index. The sort keys are gathered into {@code scratch} first and
     * radix-sorted there (stable, indirect), so the sort reads compact memory.
     */
    private long bucket(LabelBuffer in, int[] perm, int from, int to, boolean[] dead, long[] heap, IntArrayList kept,
                        Scratch scratch) {
        final int m = to - from;
        if (m < 2) {
            return 0;
        }
        final long[] q = in.q;
        final long[] obj = in.obj;
        final int Q = Quantity.COUNT;
        final boolean byClass = r.countUnproductive;
        final long capH = r.inH + 1L;
        final long capW = r.inW + 1L;
        final boolean single = r.singleCondition();
        final int f = r.condForm.length > 0 ? r.condForm[0][0] : 0;
        scratch.reserve(m);
        final long[] cls = scratch.cls;
        final long[] cost = scratch.cost;
        final long[] value = scratch.value;
        final int[] label = scratch.label;
        final int[] order = scratch.order;
        for (int j = 0; j < m; j++) {
            final int i = perm[from + j];
            final int at = i * Q;
            cls[j] = byClass ? Math.min(q[at + Quantity.RF_MIN_H], capH) * (capW + 1)
                + Math.min(q[at + Quantity.RF_MIN_W], capW) : 0;
            cost[j] = obj[i];
            value[j] = single ? q[at + f] : 0;
            label[j] = i;
            order[j] = j;
        }
        // Labels come in index order, which breaks ties: the sorts are stable.
        if (m < RADIX_FROM) {
            IntArrays.mergeSort(order, 0, m, (x, y) -> {
                int c = Long.compare(cls[x], cls[y]);
                return c != 0 ? c : Long.compare(cost[x], cost[y]);
            });
        } else if (byClass) {
            LongArrays.radixSortIndirect(order, cls, cost, 0, m, true);
        } else {
            LongArrays.radixSortIndirect(order, cost, 0, m, true);
        }
        for (int j = 0; j < m; j++) {
            perm[from + j] = label[order[j]];
        }
        long count = 0;
        int run = 0;
        while (run < m) {
            int runEnd = run + 1;
            while (runEnd < m && cls[order[runEnd]] == cls[order[run]]) {
                runEnd++;
            }
            count += single ? sweep(value, label, order, run, runEnd, dead, heap)
                : scan(q, perm, from + run, from + runEnd, dead, kept);
            run = runEnd;
        }
        return count;
    }

    /** Per-task sort keys, grown as needed. */
    private static final class Scratch {
        long[] cls = new long[0];
        long[] cost = new long[0];
        long[] value = new long[0];
        int[] label = new int[0];
        int[] order = new int[0];

        void reserve(int n) {
            if (cls.length < n) {
                int c = Math.max(n, cls.length * 2);
                cls = new long[c];
                cost = new long[c];
                value = new long[c];
                label = new int[c];
                order = new int[c];
            }
        }
    }

    /**
     * One condition on one quantity ({@code value[order[j]]} of label {@code label[order[j]]}, in
     * sorted order): a label is dominated iff k earlier labels have at least its (capped) value.
     */
    private long sweep(long[] value, int[] label, int[] order, int from, int to, boolean[] dead, long[] heap) {
        final boolean capped = r.condKind[0] == Rules.GE_CAP;
        final long cap = r.condCap[0];
        final int k = r.top;
        long count = 0;
        int size = 0;
        for (int j = from; j < to; j++) {
            final int o = order[j];
            final int i = label[o];
            long v = value[o];
            if (capped && v > cap) {
                v = cap;
            }
            if (size == k && heap[0] >= v) {
                dead[i] = true;
                count++;
                continue;
            }
            if (size < k) {
                heapPush(heap, size++, v);
            } else {
                heapReplaceMin(heap, size, v);
            }
        }
        return count;
    }

    private long scan(long[] q, int[] perm, int from, int to, boolean[] dead, IntArrayList kept) {
        final int k = r.top;
        kept.clear();
        long count = 0;
        for (int j = from; j < to; j++) {
            final int i = perm[j];
            int by = 0;
            for (int x = 0, n = kept.size(); x < n && by < k; x++) {
                if (dominates(q, kept.getInt(x), i)) {
                    by++;
                }
            }
            if (by >= k) {
                dead[i] = true;
                count++;
            } else {
                kept.add(i);
            }
        }
        return count;
    }

    private boolean dominates(long[] q, int a, int c) {
        final int Q = Quantity.COUNT;
        final int[][] forms = r.condForm;
        for (int x = 0; x < forms.length; x++) {
            long va = Rules.value(forms[x], q, a * Q);
            long vc = Rules.value(forms[x], q, c * Q);
            switch (r.condKind[x]) {
                case Rules.LE:
                    if (va > vc) {
                        return false;
                    }
                    break;
                case Rules.GE_CAP:
                    if (Math.min(va, r.condCap[x]) < Math.min(vc, r.condCap[x])) {
                        return false;
                    }
                    break;
                default:
                    if (va < vc) {
                        return false;
                    }
            }
        }
        return true;
    }

    private static void heapPush(long[] h, int size, long v) {
        int i = size;
        h[i] = v;
        while (i > 0) {
            int p = (i - 1) >> 1;
            if (h[p] <= h[i]) {
                break;
            }
            long tmp = h[p];
            h[p] = h[i];
            h[i] = tmp;
            i = p;
        }
    }

    private static void heapReplaceMin(long[] h, int size, long v) {
        if (v <= h[0]) {
            return;
        }
        h[0] = v;
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                break;
            }
            int m = l + 1 < size && h[l + 1] < h[l] ? l + 1 : l;
            if (h[i] <= h[m]) {
                break;
            }
            long tmp = h[m];
            h[m] = h[i];
            h[i] = tmp;
            i = m;
        }
    }
}
