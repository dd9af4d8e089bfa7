package org.rfsweep.sweep;

import java.io.IOException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rfsweep.core.lanes.Lanes;
import org.rfsweep.space.LaneFill;

/**
 * Runs a {@link SweepPlan}: chunks of {@link SweepPlan#chunk()} indices are decoded, evaluated,
 * filtered and formatted in parallel on a ForkJoin pool of {@link SweepPlan#threads()} workers,
 * and the calling thread writes finished chunks to the {@link ChunkSink} strictly in index
 * order. At most {@code 4 * threads} chunks are in flight, so memory is bounded whatever the
 * sweep's size, and the bytes do not depend on the thread count.
 *
 * <pre>
 *   indices  [from ......................................................... to)
 *   chunks   | c0 | c1 | c2 | c3 | c4 | ...      workers run any in-flight chunk
 *   writer      c0 -> c1 -> c2 -> ...            in order; c_k+window is submitted once c_k is written
 * </pre>
 *
 * <p>Cancelling (the flag, set by a Ctrl-C hook or a listener) stops new submissions; chunks
 * already in flight are finished and written, so the output is always the whole prefix
 * {@code from..next-1} and the sweep resumes with the range {@code next:to}. An exception in a
 * worker or in the sink stops the sweep the same way, with the failing chunk left out; the
 * result carries the exception.
 *
 * <p>A sampled sweep takes the SIMD lanes ({@link LaneFill}, blocks of candidates per chunk) when
 * they run in this JVM ({@link Lanes#vectorised()}) and some candidate of the space can take
 * them; the bytes are the same either way.
 *
 * <p>Stateless; every run has its own pool.
 */
public final class SweepEngine {
    private SweepEngine() {
    }

    /** Runs {@code plan} to completion, cancellation or failure; never throws for a worker's or the sink's error. */
    public static SweepResult run(SweepPlan plan, ChunkSink sink, AtomicBoolean cancel, SweepListener listener) {
        return run(plan, sink, cancel, listener, Lanes.vectorised());
    }

    /**
     * The evaluation path {@link #run(SweepPlan, ChunkSink, AtomicBoolean, SweepListener)} takes
     * for {@code plan}, for summaries: {@code "vector (...)"} (the SIMD lanes; candidates that are
     * not plain still take the scalar evaluator) or {@code "scalar (why)"}.
     */
    public static String path(SweepPlan plan) {
        if (plan.mode() != SweepPlan.Mode.SAMPLE) {
            return "scalar (enumeration)";
        }
        if (!Lanes.vectorised()) {
            return Lanes.describe();
        }
        return lanes(plan) == null ? "scalar (no candidate of the space takes the lanes)" : Lanes.describe();
    }

    /** The lanes for a sampled plan whose space has candidates that take them; else null. */
    private static LaneFill lanes(SweepPlan plan) {
        if (plan.mode() != SweepPlan.Mode.SAMPLE) {
            return null;
        }
        LaneFill fill = LaneFill.of(plan.space());
        return fill.anyPlain() ? fill : null;
    }

    /**
     * As {@link #run(SweepPlan, ChunkSink, AtomicBoolean, SweepListener)}; {@code lanes} false keeps
     * every candidate on the scalar evaluator, true takes a sampled sweep's candidates through the
     * lane blocks even without a kernel (every lane is then handed back to the scalar evaluator):
     * the tests compare both.
     */
    static SweepResult run(SweepPlan plan, ChunkSink sink, AtomicBoolean cancel, SweepListener listener,
                           boolean lanes) {
        LaneFill fill = lanes ? lanes(plan) : null;
        SweepResult result = new SweepResult(plan.from(), plan.to());
        int window = Math.max(2, plan.threads() * 4);
        Chunk[] ring = new Chunk[window];
        @SuppressWarnings("unchecked")
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[window];
        ForkJoinPool pool = new ForkJoinPool(plan.threads());
        Throwable failure = null;
        try {
            if (plan.header()) {
                byte[] header = Chunk.header(plan);
                sink.write(header, header.length);
                result.addBytes(header.length);
            }
            listener.written(result);
            long next = plan.from();
            int head = 0;
            int inFlight = 0;
            while (true) {
                while (inFlight < window && next < plan.to() && failure == null && !cancel.get()) {
                    int slot = (head + inFlight) % window;
                    if (ring[slot] == null) {
                        ring[slot] = new Chunk(plan, fill);
                    }
                    long end = plan.to() - next > plan.chunk() ? next + plan.chunk() : plan.to();
                    ring[slot].reset(next, end);
                    tasks[slot] = pool.submit(ring[slot]);
                    inFlight++;
                    next = end;
                }
                if (inFlight == 0) {
                    break;
                }
                Chunk chunk = ring[head];
                try {
                    tasks[head].join();
                    if (failure == null) {
                        sink.write(chunk.bytes(), chunk.length());
                        result.add(chunk.to, chunk.kept, chunk.invalid, chunk.length());
                        listener.written(result);
                    }
                } catch (IOException | RuntimeException | Error e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
                tasks[head] = null;
                head = (head + 1) % window;
                inFlight--;
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            pool.shutdownNow();
        }
        result.finish(result.next() < plan.to() && cancel.get(), failure);
        return result;
    }
}
