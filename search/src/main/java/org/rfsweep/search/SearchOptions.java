package org.rfsweep.search;

import org.rfsweep.constraint.ConstraintSet;

/**
 * What a search looks for and how long it may take. Immutable; built with {@link #builder}.
 *
 * <pre>
 *   SearchOptions o = SearchOptions.builder(ConstraintSet.of(space, List.of("rf >= input")))
 *       .objective(Objective.MACS).top(10).pareto(true).threads(2).build();
 * </pre>
 */
public final class SearchOptions {
    /** How to search. */
    public enum Method {
        /** Exact when the space allows, else sampling and local search. */
        AUTO,
        /** Exact, or fail. */
        EXACT,
        /** Sampling and local search only (never proven). */
        SAMPLE
    }

    final ConstraintSet constraints;
    final Objective objective;
    final int top;
    final boolean pareto;
    final int threads;
    final long maxNodes;
    final long timeLimitNanos;
    final boolean ignore1x1;
    final Method method;
    final long seed;
    final long samples;
    final int beamWidth;
    final long maxMoves;
    final long maxTableCells;
    final boolean probe;
    final long maxLevelLabels;

    private SearchOptions(Builder b) {
        this.constraints = b.constraints;
        this.objective = b.objective;
        this.top = b.top;
        this.pareto = b.pareto;
        this.threads = b.threads;
        this.maxNodes = b.maxNodes;
        this.timeLimitNanos = b.timeLimitNanos;
        this.ignore1x1 = b.ignore1x1;
        this.method = b.method;
        this.seed = b.seed;
        this.samples = b.samples;
        this.beamWidth = b.beamWidth;
        this.maxMoves = b.maxMoves;
        this.maxTableCells = b.maxTableCells;
        this.probe = b.probe;
        this.maxLevelLabels = b.maxLevelLabels;
    }

    public static Builder builder(ConstraintSet constraints) {
        return new Builder(constraints);
    }

    public ConstraintSet constraints() {
        return constraints;
    }

    public Objective objective() {
        return objective;
    }

    public int top() {
        return top;
    }

    public boolean pareto() {
        return pareto;
    }

    public int threads() {
        return threads;
    }

    /** Builds {@link SearchOptions}. */
    public static final class Builder {
        private final ConstraintSet constraints;
        private Objective objective = Objective.MACS;
        private int top = 10;
        private boolean pareto;
        private int threads = 1;
        private long maxNodes;
        private long timeLimitNanos;
        private boolean ignore1x1;
        private Method method = Method.AUTO;
        private long seed = 1;
        private long samples = 100_000;
        private int beamWidth = 256;
        private long maxMoves = 50_000_000;
        private long maxTableCells = 16_000_000;
        private boolean probe = true;
        private long maxLevelLabels = LabelSearch.defaultMaxLabels();

        private Builder(ConstraintSet constraints) {
            this.constraints = constraints;
        }

        public Builder objective(Objective o) {
            objective = o;
            return this;
        }

        /** How many best candidates to return (1 or more). */
        public Builder top(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("top=" + k + " must be 1 or more");
            }
            top = k;
            return this;
        }

        /** Also compute the Pareto front over (rf_h, rf_w, objective). */
        public Builder pareto(boolean on) {
            pareto = on;
            return this;
        }

        public Builder threads(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("threads=" + t + " must be 1 or more");
            }
            threads = t;
            return this;
        }

        /** Expanded labels after which the search finishes as a beam (0: no limit). */
        public Builder maxNodes(long n) {
            maxNodes = n;
            return this;
        }

        /** Wall time after which the search finishes as a beam (0: no limit). */
        public Builder timeLimitNanos(long nanos) {
            timeLimitNanos = nanos;
            return this;
        }

        public Builder ignore1x1(boolean on) {
            ignore1x1 = on;
            return this;
        }

        public Builder method(Method m) {
            method = m;
            return this;
        }

        /** Seed of the sampling fallback. */
        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** Samples drawn by the sampling fallback before its local search. */
        public Builder samples(long n) {
            samples = n;
            return this;
        }

        /** Labels kept per level by the probe and after a limit stops the exact search. */
        public Builder beamWidth(int w) {
            beamWidth = w;
            return this;
        }

        /** Largest search graph (moves per input) before falling back. */
        public Builder maxMoves(long n) {
            maxMoves = n;
            return this;
        }

        /** Largest RF-aware bound table (entries); above it the plain bounds are used. */
        public Builder maxTableCells(long n) {
            maxTableCells = n;
            return this;
        }

        /**
         * Whether a probe finds an incumbent before the exact search (default true). Without it,
         * and with {@code maxTableCells(0)}, the exact search prunes by dominance and the plain
         * bounds only: for measuring what the bounds add.
         */
        public Builder probe(boolean on) {
            probe = on;
            return this;
        }

        /**
         * Labels one level may generate (default: about 1/800 of the heap's bytes, a label taking
         * about 120 bytes in a few copies); beyond it the search stops, says "memory", and
         * finishes as a beam instead of running out of memory.
         */
        public Builder maxLevelLabels(long n) {
            maxLevelLabels = n;
            return this;
        }

        public SearchOptions build() {
            return new SearchOptions(this);
        }
    }
}
