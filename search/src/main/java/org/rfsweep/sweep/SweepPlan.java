package org.rfsweep.sweep;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.constraint.ConstraintSet;

/**
 * What one sweep does: which candidates (an index range of the enumeration, or of the seeded
 * sampler), which pass (the constraints), which columns are written, and on how many threads.
 * The rows written depend only on the space, the mode, the seed, the range, the constraints
 * and the columns; never on the threads or the chunk size. Immutable.
 *
 * <pre>
 *   SweepPlan plan = SweepPlan.builder(space).enumerate().range(0, 1_000_000)
 *       .constraints(ConstraintSet.of(space.space(), List.of("rf >= input"))).threads(2).build();
 * </pre>
 */
public final class SweepPlan {
    /** Candidates per chunk: the unit of parallel work, of ordered writing and of resuming. */
    public static final int DEFAULT_CHUNK = 4096;

    /** How indices map to candidates. */
    public enum Mode {
        /** Index {@code i} is candidate {@code i} of the mixed-radix enumeration. */
        ENUMERATE,
        /** Index {@code i} is sample {@code i} of the seeded sampler. */
        SAMPLE
    }

    private final CompiledSpace space;
    private final Mode mode;
    private final long seed;
    private final BigInteger base;
    private final long from;
    private final long to;
    private final ConstraintSet constraints;
    private final MetricColumns columns;
    private final int threads;
    private final boolean header;
    private final int chunk;
    private final boolean ignore1x1;
    /** Positions in {@link #allColumnNames()} of the written columns, in order; null for all of them. */
    private final int[] selected;

    private SweepPlan(Builder b) {
        this.space = b.space;
        this.mode = b.mode;
        this.seed = b.seed;
        this.base = b.base;
        this.from = b.from;
        this.to = b.to;
        this.constraints = b.constraints != null ? b.constraints : ConstraintSet.none(space.inputCount());
        this.columns = b.columns != null ? b.columns : new MetricColumns(FlopsSelection.MACS_ONLY);
        this.threads = b.threads;
        this.header = b.header;
        this.chunk = b.chunk;
        this.ignore1x1 = b.ignore1x1;
        this.selected = b.select == null ? null : select(allColumnNames(), b.select);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("range " + from + ":" + to + " must have 0 <= from <= to");
        }
        if (mode == Mode.ENUMERATE && index(to).compareTo(space.size()) > 0) {
            throw new IllegalArgumentException("range end " + index(to) + " is beyond the space's " + space.size()
                + " candidates");
        }
        if (threads < 1 || chunk < 1) {
            throw new IllegalArgumentException("threads=" + threads + " and chunk=" + chunk + " must be 1 or more");
        }
        if (constraints.inputs() != space.inputCount()) {
            throw new IllegalArgumentException("constraints for " + constraints.inputs() + " inputs, space has "
                + space.inputCount());
        }
    }

    /** A plan over {@code space}: enumerate everything (when it fits a long), one thread, a header. */
    public static Builder builder(CompiledSpace space) {
        return new Builder(space);
    }

    public CompiledSpace space() {
        return space;
    }

    public Mode mode() {
        return mode;
    }

    public long seed() {
        return seed;
    }

    /**
     * The candidate index that {@code from}, {@code to} and the chunks count from: 0, or the start
     * of a range beyond 2^63 (indices inside the sweep are 64-bit offsets from it).
     */
    public BigInteger base() {
        return base;
    }

    /** The candidate index of offset {@code i}: {@code base + i}. */
    public BigInteger index(long i) {
        return base.add(BigInteger.valueOf(i));
    }

    /** First index (an offset from {@link #base()}), inclusive. */
    public long from() {
        return from;
    }

    /** Last index, exclusive. */
    public long to() {
        return to;
    }

    public ConstraintSet constraints() {
        return constraints;
    }

    public MetricColumns columns() {
        return columns;
    }

    public int threads() {
        return threads;
    }

    /** True when the header line is written first. */
    public boolean header() {
        return header;
    }

    public int chunk() {
        return chunk;
    }

    public boolean ignore1x1() {
        return ignore1x1;
    }

    /** The header: the selected columns, or all of {@link #allColumnNames()}. */
    public List<String> columnNames() {
        List<String> all = allColumnNames();
        if (selected == null) {
            return all;
        }
        List<String> names = new ArrayList<>();
        for (int column : selected) {
            names.add(all.get(column));
        }
        return names;
    }

    /** Every column: {@code index, arch, input}, the SPEC section 10 and flops columns, {@code unproductive}. */
    public List<String> allColumnNames() {
        List<String> names = new ArrayList<>(List.of("index", "arch", "input"));
        names.addAll(columns.names());
        names.add("unproductive");
        return names;
    }

    /** Positions in {@link #allColumnNames()} of the written columns, in order (a copy), or null for all. */
    public int[] selectedColumns() {
        return selected == null ? null : selected.clone();
    }

    private static int[] select(List<String> all, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--columns: expected at least one column name (columns: "
                + String.join(", ", all) + ")");
        }
        int[] positions = new int[names.size()];
        for (int i = 0; i < positions.length; i++) {
            String name = names.get(i);
            int position = all.indexOf(name);
            if (position < 0) {
                throw new IllegalArgumentException("--columns: unknown column '" + name + "' (columns: "
                    + String.join(", ", all) + ")");
            }
            if (names.subList(0, i).contains(name)) {
                throw new IllegalArgumentException("--columns: column '" + name + "' given twice");
            }
            positions[i] = position;
        }
        return positions;
    }

    /** Builds a {@link SweepPlan}. */
    public static final class Builder {
        private final CompiledSpace space;
        private Mode mode = Mode.ENUMERATE;
        private long seed;
        private BigInteger base = BigInteger.ZERO;
        private long from;
        private long to;
        private ConstraintSet constraints;
        private MetricColumns columns;
        private int threads = 1;
        private boolean header = true;
        private int chunk = DEFAULT_CHUNK;
        private boolean ignore1x1;
        private List<String> select;

        private Builder(CompiledSpace space) {
            this.space = space;
            this.to = space.size().bitLength() > 63 ? Long.MAX_VALUE : space.size().longValue();
        }

        /** Enumerate: indices are candidates of the space (the range is reset to the whole space). */
        public Builder enumerate() {
            mode = Mode.ENUMERATE;
            base = BigInteger.ZERO;
            from = 0;
            to = space.size().bitLength() > 63 ? Long.MAX_VALUE : space.size().longValue();
            return this;
        }

        /** Sample: indices {@code 0..n-1} are samples of the seeded sampler. */
        public Builder samples(long n, long seedValue) {
            mode = Mode.SAMPLE;
            seed = seedValue;
            base = BigInteger.ZERO;
            from = 0;
            to = n;
            return this;
        }

        /** Restricts the sweep to indices {@code from..to-1}. */
        public Builder range(long fromIndex, long toIndex) {
            base = BigInteger.ZERO;
            from = fromIndex;
            to = toIndex;
            return this;
        }

        /**
         * Restricts the sweep to indices {@code from..to-1} of any size: beyond 2^63 the sweep
         * counts from {@code from} ({@link SweepPlan#base()}).
         *
         * @throws IllegalArgumentException when the range holds more than 2^63-1 indices
         */
        public Builder range(BigInteger fromIndex, BigInteger toIndex) {
            if (toIndex.bitLength() <= 63) {
                return range(fromIndex.longValueExact(), toIndex.longValueExact());
            }
            BigInteger size = toIndex.subtract(fromIndex);
            if (size.bitLength() > 63) {
                throw new IllegalArgumentException("the range " + fromIndex + ":" + toIndex + " holds " + size
                    + " indices, more than 2^63-1: split it into smaller ranges or more shards");
            }
            base = fromIndex;
            from = 0;
            to = size.longValueExact();
            return this;
        }

        public Builder constraints(ConstraintSet c) {
            constraints = c;
            return this;
        }

        public Builder columns(MetricColumns c) {
            columns = c;
            return this;
        }

        public Builder threads(int t) {
            threads = t;
            return this;
        }

        public Builder header(boolean h) {
            header = h;
            return this;
        }

        public Builder chunk(int c) {
            chunk = c;
            return this;
        }

        public Builder ignore1x1(boolean v) {
            ignore1x1 = v;
            return this;
        }

        /** Writes only the columns named in {@code names}, in that order (null: every column). */
        public Builder select(List<String> names) {
            select = names == null ? null : List.copyOf(names);
            return this;
        }

        public SweepPlan build() {
            return new SweepPlan(this);
        }
    }
}
