package org.rfsweep.core.lanes;

import java.util.concurrent.ForkJoinPool;
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackBatch;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.core.parallel.Ranges;

/**
 * Evaluates a {@link LaneBatch} into {@link Metrics}, slot = stack index, exactly like
 * {@link org.rfsweep.core.eval.BatchEvaluator}: the plain prefix of every stack that has one in
 * lanes, then the records after it with the scalar {@link StackEvaluator}, resumed from the lane's
 * result ({@link StackEvaluator#evaluateAfter}); every other stack, and every lane the kernel
 * flags, with the scalar evaluator from the start. Without a kernel
 * ({@link Lanes#vectorised()} false) every stack takes the scalar evaluator.
 *
 * <p>Holds reused scratch state: not thread-safe, one instance per thread. Allocates nothing.
 */
public final class LaneEvaluator {
    /** Above this many ns per lane and layer, a kernel call counts as slow ({@link #throttled}). */
    static final int SLOW_NS = 20;
    /**
     * After a slow kernel call, this many blocks take the scalar path ({@link #throttled}): in a
     * sweep, which fills the lanes straight from its table ({@link #LaneEvaluator(boolean)}).
     */
    static final int SKIPPED = 7;
    /**
     * The same for one-shot batches ({@link #forBatches}), which also call the kernel idle: with
     * {@link #IDLE_CALLS}, a cold kernel reaches C2 after fewer real calls.
     */
    static final int BATCH_SKIPPED = 31;
    /**
     * Calls of {@link LaneKernel#idle} per block (or slice) that {@link #throttled} sends to the
     * scalar path, for {@link #forBatches} only. C2 may then compile a kernel method before a real
     * call ran in its profiled code, and deoptimise it at its first real call (then compile it
     * again, with that path): in {@code eval}, calling the kernel idle after only the first two
     * such blocks per real call (to avoid that) cost more CPU, because the JIT compiled the kernel
     * later (docs/SPEED.md). In the sampled sweep the idle calls (with {@link #BATCH_SKIPPED})
     * cost about 8% of the run (docs/SPEED.md), so a sweep's evaluator makes none.
     */
    static final int IDLE_CALLS = 32;
    /** Work units of the parallel path: one block, or this many scalar stacks. */
    static final int UNIT = LaneBatch.LANES;

    private static final ThreadLocal<LaneEvaluator> PLAIN = ThreadLocal.withInitial(() -> new LaneEvaluator(false));
    private static final ThreadLocal<LaneEvaluator> IGNORING_1X1 =
        ThreadLocal.withInitial(() -> new LaneEvaluator(true));

    private final LaneKernel kernel;
    private final LaneState state = new LaneState();
    /** The results of the prefixes of a block's lanes that the scalar evaluator finishes. */
    private final Metrics heads = new Metrics(LaneBatch.LANES);
    private final StackEvaluator scalar;
    private final int unproductiveShift;
    /** {@link #SKIPPED} or {@link #BATCH_SKIPPED}. */
    private final int skipped;
    /** 0 or {@link #IDLE_CALLS}. */
    private final int idleCalls;
    /** Blocks that {@link #throttled} still answers true for, after a slow kernel call. */
    private int skip;
    /** True once a kernel call ran at scalar speed or better ({@link #runKernel}). */
    private boolean warm;
    /** True once a {@link #pack} ran at scalar speed or better. */
    private boolean packWarm;
    private long lanesFinished;
    private long lanesRedone;
    private long lanesResumed;

    /** An evaluator for a producer that fills blocks itself (a sweep) or evaluates one batch again and again. */
    public LaneEvaluator(boolean ignore1x1) {
        this(Lanes.kernel(), ignore1x1);
    }

    LaneEvaluator(LaneKernel kernel, boolean ignore1x1) {
        this(kernel, ignore1x1, SKIPPED, 0);
    }

    private LaneEvaluator(LaneKernel kernel, boolean ignore1x1, int skipped, int idleCalls) {
        this.kernel = kernel;
        this.scalar = new StackEvaluator(ignore1x1);
        this.unproductiveShift = ignore1x1 ? 1 : 0;
        this.skipped = skipped;
        this.idleCalls = idleCalls;
    }

    /**
     * An evaluator for one-shot batches that it packs itself ({@link #pack}: the batch API,
     * {@code eval}): while the kernel is cold it takes the scalar path for {@value #BATCH_SKIPPED}
     * blocks after a slow call and calls the kernel idle meanwhile ({@value #IDLE_CALLS}).
     */
    public static LaneEvaluator forBatches(boolean ignore1x1) {
        return new LaneEvaluator(Lanes.kernel(), ignore1x1, BATCH_SKIPPED, IDLE_CALLS);
    }

    /** Evaluates the whole batch on the calling thread. */
    public void evaluate(LaneBatch batch, Metrics out) {
        check(batch, out);
        final int units = units(batch);
        for (int u = 0; u < units; u++) {
            unit(batch, u, out);
        }
    }

    /**
     * Evaluates the whole batch on {@code pool} ({@link Ranges}, one block or {@link #UNIT} scalar
     * stacks per part); the result is identical to {@link #evaluate}.
     */
    public static void evaluate(LaneBatch batch, Metrics out, boolean ignore1x1, ForkJoinPool pool) {
        check(batch, out);
        final ThreadLocal<LaneEvaluator> evaluators = ignore1x1 ? IGNORING_1X1 : PLAIN;
        final int units = evaluators.get().units(batch);
        Ranges.run(pool, units, leaf(units, pool.getParallelism()), (from, to) -> {
            final LaneEvaluator e = evaluators.get();
            for (int u = from; u < to; u++) {
                e.unit(batch, u, out);
            }
        });
    }

    /**
     * Units per part: eight parts per thread. The caller and the workers claim parts in turn
     * ({@link Ranges}), so small parts cost one atomic increment each and no wake-up, and let the
     * thread that started first (the caller, while a worker wakes) take more of them; one part per
     * thread left the late one's part as the tail of the pass.
     */
    static int leaf(int units, int parallelism) {
        return Math.max(1, -Math.floorDiv(-units, 8 * Math.max(1, parallelism)));
    }

    private static void check(LaneBatch batch, Metrics out) {
        if (out.capacity < batch.first + batch.size) {
            throw new IllegalArgumentException("metrics capacity=" + out.capacity + " is below batch size="
                + (batch.first + batch.size));
        }
    }

    private int units(LaneBatch batch) {
        if (kernel == null) {
            return (batch.size + UNIT - 1) / UNIT;
        }
        return batch.blocks + (batch.scalar.length + UNIT - 1) / UNIT;
    }

    private void unit(LaneBatch batch, int u, Metrics out) {
        if (kernel == null) {
            final int to = batch.first + Math.min(batch.size, (u + 1) * UNIT);
            for (int s = batch.first + u * UNIT; s < to; s++) {
                batch.source.evaluate(s, scalar, out, s);
            }
        } else if (u < batch.blocks) {
            block(batch, u, out);
        } else {
            final int from = (u - batch.blocks) * UNIT;
            final int to = Math.min(batch.scalar.length, from + UNIT);
            for (int i = from; i < to; i++) {
                batch.source.evaluate(batch.scalar[i], scalar, out, batch.scalar[i]);
            }
        }
    }

    private void block(LaneBatch batch, int b, Metrics out) {
        final LaneState s = state;
        runKernel(batch, b, s, out);
        final int base = b * LaneBatch.LANES;
        for (int i = 0; i < LaneBatch.LANES; i++) {
            final int slot = batch.stack[base + i];
            if (slot < 0) {
                continue;
            }
            if (!s.written[i] && (s.bad[i] | s.badWide[i]) != 0) {
                batch.source.evaluate(slot, scalar, out, slot);
                lanesRedone++;
                continue;
            }
            lanesFinished++;
            if (batch.more[base + i] == 0) {
                if (!s.written[i]) {
                    write(s, i, out, slot);
                }
                continue;
            }
            // The prefix's result goes to scratch, so that a stack that fails after it leaves its slot as the
            // scalar evaluator does.
            write(s, i, heads, i);
            final int done = batch.prefix[base + i];
            final StackBatch src = batch.source;
            scalar.evaluateAfter(src.records(), src.offset(slot) + done * Layer.INTS, done, src.count(slot),
                src.inputH(slot), src.inputW(slot), src.inputC(slot), heads, i, out, slot);
            lanesResumed++;
        }
    }

    /**
     * Runs the kernel on block {@code b}, and until one call has run at scalar speed or better
     * also times it: a call slower than {@value #SLOW_NS} ns per lane and layer (the kernel before
     * C2 has compiled it runs its vector operations as objects, at 50 ns or more) makes the next
     * {@value #SKIPPED} calls of {@link #throttled} answer true. Once a call was fast the kernel is
     * compiled, and the calls are no longer timed (nor throttled by a call the host preempted).
     */
    private void runKernel(LaneBatch batch, int b, LaneState s, Metrics out) {
        if (warm) {
            kernel.block(batch, b, s, unproductiveShift, out);
            return;
        }
        final long start = System.nanoTime();
        kernel.block(batch, b, s, unproductiveShift, out);
        final long took = System.nanoTime() - start;
        warm = took <= (long) SLOW_NS * LaneBatch.LANES * Math.max(1, batch.blockLayers[b]);
        skip = warm ? skip : skipped;
    }

    /**
     * Packs stacks {@code from..to-1} of {@code src} into {@code into} ({@link LaneBatch#pack}) and
     * returns it. The kernel derives the columns in lanes ({@link LaneKernel#derive}) once it has
     * run at scalar speed or better; until then the packing derives them record by record, and the
     * kernel derives those of the first {@link LaneBatch#GROUP} lanes again (the same values), timed:
     * a slow run throttles the next calls as a slow kernel call does
     * ({@link #throttled}).
     */
    public LaneBatch pack(LaneBatch into, StackBatch src, int from, int to) {
        if (packWarm || kernel == null) {
            return into.derivingWith(kernel).pack(src, from, to);
        }
        into.derivingWith(null).pack(src, from, to);
        if (into.blocks > 0) {
            final long start = System.nanoTime();
            into.derive(kernel, 0, LaneBatch.GROUP);
            final long took = System.nanoTime() - start;
            // against the scalar packing of the whole block: the kernel's Java code takes ~100 times that
            packWarm = took <= (long) SLOW_NS * LaneBatch.LANES * Math.max(1, into.blockStride[0]);
            skip = packWarm ? skip : skipped;
        }
        return into;
    }

    /**
     * True when the caller should evaluate its next block (or slice) with the scalar evaluator
     * instead of the lanes, because the kernel's last call ran no faster than the scalar
     * evaluator: until C2 has compiled it, the kernel costs several times the scalar path, and it
     * only needs to run often enough to be compiled. Then {@value #SKIPPED} blocks (for
     * {@link #forBatches}, {@value #BATCH_SKIPPED}) take the scalar path, so the warm-up costs less;
     * results are the same either way. Counts the call; when it answers true for an evaluator of
     * {@link #forBatches}, it also calls the kernel {@value #IDLE_CALLS} times without running it
     * ({@link LaneKernel#idle}), so that C2 compiles the kernel after a few real calls.
     */
    public boolean throttled() {
        if (kernel == null || skip == 0) {
            return false;
        }
        if (idleCalls > 0) {
            kernel.idle(idleCalls);
        }
        skip--;
        return true;
    }

    /**
     * True once a kernel call and a {@link #pack} ran at scalar speed or better: C2 has compiled
     * the kernel. Until then a caller may give the lanes less work (one block of a slice) besides
     * {@link #throttled}.
     */
    public boolean warm() {
        return warm && packWarm || kernel == null;
    }

    /**
     * Evaluates a {@link LaneBatch#block} that a producer filled: writes slot {@code lane} of
     * {@code out} for every lane it finishes, and sets {@code redo[lane]} for every filled lane it
     * leaves to the caller, who evaluates that stack with the scalar evaluator from its records
     * (as {@link #evaluate} does with a flagged lane); empty lanes get neither. Without a kernel
     * every filled lane is left to the caller.
     *
     * @return the lanes left to the caller
     */
    public int evaluateFilled(LaneBatch block, Metrics out, boolean[] redo) {
        if (block.source != null || out.capacity < LaneBatch.LANES || redo.length < LaneBatch.LANES) {
            throw new IllegalArgumentException("evaluateFilled takes a LaneBatch.block, metrics and redo of "
                + LaneBatch.LANES + " slots");
        }
        final LaneState s = state;
        if (kernel != null) {
            runKernel(block, 0, s, out);
        }
        int left = 0;
        for (int i = 0; i < LaneBatch.LANES; i++) {
            final boolean filled = block.stack[i] >= 0;
            if (filled && kernel != null && s.written[i]) {
                redo[i] = false;
                lanesFinished++;
                continue;
            }
            final boolean bad = kernel == null || (s.bad[i] | s.badWide[i]) != 0;
            redo[i] = filled && bad;
            if (!filled) {
                continue;
            }
            if (bad) {
                left++;
                lanesRedone += kernel == null ? 0 : 1;
            } else {
                write(s, i, out, i);
                lanesFinished++;
            }
        }
        return left;
    }

    /** Stacks this evaluator finished in lanes so far. */
    public long lanesFinished() {
        return lanesFinished;
    }

    /**
     * Stacks of a packed batch whose plain prefix the lanes evaluated and whose remaining records
     * (a global head, a branch block) the scalar evaluator finished from the lane's state, so far.
     */
    public long lanesResumed() {
        return lanesResumed;
    }

    /** Steps of lanes the kernel ran without bound checks (their bounds proven) so far. */
    long stepsProven() {
        return state.provenSteps;
    }

    /** Steps of lanes the kernel ran with bound checks so far. */
    long stepsChecked() {
        return state.checkedSteps;
    }

    /** Stacks of a block that a flag sent to the scalar evaluator so far. */
    public long lanesRedone() {
        return lanesRedone;
    }

    private static void write(LaneState s, int i, Metrics out, int slot) {
        out.outH[slot] = s.nH[i];
        out.outW[slot] = s.nW[i];
        out.outC[slot] = s.c[i];
        out.rfH[slot] = s.rH[i];
        out.rfW[slot] = s.rW[i];
        out.rfMinH[slot] = s.rH[i];
        out.rfMinW[slot] = s.rW[i];
        out.strideH[slot] = s.jH[i];
        out.strideW[slot] = s.jW[i];
        out.padH[slot] = s.pH[i];
        out.padW[slot] = s.pW[i];
        out.params[slot] = s.params[i];
        out.macs[slot] = s.macs[i];
        out.biasAdds[slot] = s.biasAdds[i];
        out.acts[slot] = s.acts[i];
        out.actElements[slot] = s.actElements[i];
        out.peakElements[slot] = s.peakElements[i];
        out.unproductive[slot] = s.unproductive[i];
        out.error[slot] = ErrorCode.OK;
        out.errorRecord[slot] = -1;
        out.errorDetail[slot] = 0;
    }
}
