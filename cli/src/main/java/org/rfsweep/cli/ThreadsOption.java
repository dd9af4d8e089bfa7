package org.rfsweep.cli;

import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Option;

/** Mixin: {@code --threads T}, the size of the worker pool (default: every available core). */
public final class ThreadsOption {
    /** Largest accepted thread count. */
    public static final int MAX = 4096;

    @Option(names = "--threads", paramLabel = "T",
        description = "Worker threads (default: all cores). The output does not depend on it.")
    private Integer threads;

    /** The thread count; a value outside 1..{@link #MAX} is a {@link UserError}. */
    public int count() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1 || threads > MAX) {
            throw new UserError("--threads=" + threads
                + " is not a thread count (allowed 1.." + MAX + ")");
        }
        return threads;
    }

    /** A new pool of {@link #count()} workers; the caller shuts it down. */
    public ForkJoinPool newPool() {
        return new ForkJoinPool(count());
    }
}
