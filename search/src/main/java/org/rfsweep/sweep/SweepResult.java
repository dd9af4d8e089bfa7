package org.rfsweep.sweep;

import org.rfsweep.core.eval.ErrorCode;

/**
 * The totals of a sweep: the finished prefix {@code from..next-1} of the requested range
 * {@code from..to-1} (what the output holds), how many candidates were kept, filtered out and
 * invalid (per {@link ErrorCode}), the bytes written and the wall time. Updated by the writing
 * thread only; read it there (in a {@link SweepListener}) or after the sweep.
 */
public final class SweepResult {
    private final long from;
    private final long to;
    private final long startNanos;
    private long next;
    private long kept;
    private final long[] invalid = new long[ErrorCode.COUNT];
    private long chunks;
    private long bytes;
    private long nanos;
    private boolean cancelled;
    private Throwable failure;

    SweepResult(long from, long to) {
        this.from = from;
        this.to = to;
        this.next = from;
        this.startNanos = System.nanoTime();
    }

    void add(long chunkTo, long chunkKept, long[] chunkInvalid, long chunkBytes) {
        next = chunkTo;
        kept += chunkKept;
        for (int i = 0; i < invalid.length; i++) {
            invalid[i] += chunkInvalid[i];
        }
        chunks++;
        bytes += chunkBytes;
    }

    void addBytes(long n) {
        bytes += n;
    }

    void finish(boolean wasCancelled, Throwable error) {
        cancelled = wasCancelled;
        failure = error;
        nanos = System.nanoTime() - startNanos;
    }

    /** First index of the range. */
    public long from() {
        return from;
    }

    /** End of the range, exclusive. */
    public long to() {
        return to;
    }

    /** First index not in the output: where to resume. */
    public long next() {
        return next;
    }

    /** Candidates evaluated and written out (or filtered): {@code next - from}. */
    public long evaluated() {
        return next - from;
    }

    public long kept() {
        return kept;
    }

    /** Invalid candidates with error {@code code}. */
    public long invalid(int code) {
        return invalid[code];
    }

    public long invalidTotal() {
        long sum = 0;
        for (long v : invalid) {
            sum += v;
        }
        return sum;
    }

    /** Valid candidates that a constraint rejected. */
    public long filtered() {
        return evaluated() - kept - invalidTotal();
    }

    /** Chunks written. */
    public long chunks() {
        return chunks;
    }

    public long bytes() {
        return bytes;
    }

    /** Wall time so far (during the sweep) or in all (after it). */
    public long nanos() {
        return nanos != 0 ? nanos : System.nanoTime() - startNanos;
    }

    /** Candidates per second. */
    public double rate() {
        long n = nanos();
        return n == 0 ? 0 : evaluated() * 1e9 / n;
    }

    /** True when the sweep was cancelled (Ctrl-C) before the end of its range. */
    public boolean cancelled() {
        return cancelled;
    }

    /** The error that stopped the sweep, or null. */
    public Throwable failure() {
        return failure;
    }

    /** True when the whole range is in the output. */
    public boolean complete() {
        return next == to && failure == null;
    }
}
