package org.rfsweep.search;

import java.math.BigInteger;
import java.util.List;

/**
 * The outcome of a search: the best candidates (best first), the Pareto front when asked for
 * (by objective, cheapest first), the counters, and whether the result is proven optimal.
 * Immutable.
 */
public final class SearchResult {
    private final List<Solution> top;
    private final List<Solution> front;
    private final SearchStats stats;
    private final SearchStats probe;
    private final boolean proven;
    private final String stopReason;
    private final String method;
    private final String fallbackReason;
    private final long nanos;
    private final BigInteger spaceSize;
    private final long evaluated;

    SearchResult(List<Solution> top, List<Solution> front, SearchStats stats, SearchStats probe, boolean proven,
                 String stopReason, String method, String fallbackReason, long nanos, BigInteger spaceSize,
                 long evaluated) {
        this.top = List.copyOf(top);
        this.front = front == null ? null : List.copyOf(front);
        this.stats = stats;
        this.probe = probe;
        this.proven = proven;
        this.stopReason = stopReason;
        this.method = method;
        this.fallbackReason = fallbackReason;
        this.nanos = nanos;
        this.spaceSize = spaceSize;
        this.evaluated = evaluated;
    }

    /** The best candidates, best first (objective, then index). */
    public List<Solution> top() {
        return top;
    }

    /** The Pareto front over (rf_h, rf_w, objective), cheapest first; null when not asked for. */
    public List<Solution> front() {
        return front;
    }

    /** Counters of the exact search (all inputs, top-k and front). */
    public SearchStats stats() {
        return stats;
    }

    /** Counters of the probe that found the first incumbent. */
    public SearchStats probe() {
        return probe;
    }

    /** True when nothing better exists: the search was exact and not stopped. */
    public boolean proven() {
        return proven;
    }

    /** Why the search stopped early ({@code max-nodes}, {@code time-limit}, {@code memory}), or null. */
    public String stopReason() {
        return stopReason;
    }

    /** {@code exact} or {@code sampling}. */
    public String method() {
        return method;
    }

    /** Why the exact search was not used, or null. */
    public String fallbackReason() {
        return fallbackReason;
    }

    public long nanos() {
        return nanos;
    }

    /** Candidates in the space, exactly. */
    public BigInteger spaceSize() {
        return spaceSize;
    }

    /** Candidates fully evaluated by the sampling fallback (0 for the exact search). */
    public long evaluated() {
        return evaluated;
    }
}
