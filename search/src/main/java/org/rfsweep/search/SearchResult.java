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

    private SearchResult(Builder b) {
        this.top = List.copyOf(b.top);
        this.front = b.front == null ? null : List.copyOf(b.front);
        this.stats = b.stats;
        this.probe = b.probe;
        this.proven = b.proven;
        this.stopReason = b.stopReason;
        this.method = b.method;
        this.fallbackReason = b.fallbackReason;
        this.nanos = b.nanos;
        this.spaceSize = b.spaceSize;
        this.evaluated = b.evaluated;
    }

    /**
     * A builder for the result of {@code method} ({@code exact} or {@code sampling}) on a space
     * of {@code spaceSize} candidates: no candidates, no front, empty counters, not proven.
     */
    static Builder builder(String method, BigInteger spaceSize) {
        return new Builder(method, spaceSize);
    }

    /** Collects the fields of a {@link SearchResult}; not thread-safe. */
    static final class Builder {
        private final String method;
        private final BigInteger spaceSize;
        private List<Solution> top = List.of();
        private List<Solution> front;
        private SearchStats stats = new SearchStats();
        private SearchStats probe = new SearchStats();
        private boolean proven;
        private String stopReason;
        private String fallbackReason;
        private long nanos;
        private long evaluated;

        private Builder(String method, BigInteger spaceSize) {
            this.method = method;
            this.spaceSize = spaceSize;
        }

        Builder top(List<Solution> solutions) {
            this.top = solutions;
            return this;
        }

        /** The Pareto front, or null when not asked for. */
        Builder front(List<Solution> solutions) {
            this.front = solutions;
            return this;
        }

        /** The counters of the search and of its probe. */
        Builder stats(SearchStats search, SearchStats probeStats) {
            this.stats = search;
            this.probe = probeStats;
            return this;
        }

        Builder proven(boolean value) {
            this.proven = value;
            return this;
        }

        Builder stopReason(String reason) {
            this.stopReason = reason;
            return this;
        }

        Builder fallbackReason(String reason) {
            this.fallbackReason = reason;
            return this;
        }

        Builder nanos(long value) {
            this.nanos = value;
            return this;
        }

        Builder evaluated(long candidates) {
            this.evaluated = candidates;
            return this;
        }

        SearchResult build() {
            return new SearchResult(this);
        }
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
