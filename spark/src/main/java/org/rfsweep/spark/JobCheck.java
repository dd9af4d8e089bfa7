package org.rfsweep.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.report.SummaryText;
import org.rfsweep.search.Objective;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Space;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.sweep.IndexRange;
import org.rfsweep.sweep.SweepPlan;

/**
 * Turns {@link SweepArgs} into a {@link SweepJob} on the driver, before any task starts, with
 * the checks of {@code rfsweep sweep} in its order and with its messages: the FLOP columns, the
 * space file and its constraints, the mode ({@code --enumerate}, {@code --samples}, or the
 * automatic choice), then the range or shard; then the aggregates' options.
 */
final class JobCheck {
    /** Largest space enumerated when neither --enumerate nor --samples is given (as rfsweep sweep). */
    static final long AUTO_ENUMERATE = 100_000_000L;
    /** Samples drawn when a space is too large to enumerate by default (as rfsweep sweep). */
    static final long AUTO_SAMPLES = 1_000_000L;

    private JobCheck() {
    }

    /**
     * The job of {@code a}; notes (the automatic mode) go to {@code err}.
     *
     * @throws UsageException with the local command's message
     */
    static SweepJob check(SweepArgs a, PrintStream err) {
        FlopsSelection flops;
        try {
            flops = FlopsSelection.parse(a.flops);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--flops " + e.getMessage());
        }
        CompiledSpace compiled;
        String text;
        try {
            Space space = SpaceLoader.load(Path.of(a.spaceFile));
            compiled = CompiledSpace.compile(space);
            ConstraintSet.of(space, a.where);
            text = Files.readString(Path.of(a.spaceFile));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException(a.spaceFile + ": cannot read: " + e.getMessage());
        }
        SweepPlan.Mode mode = mode(a, compiled, err);
        long total = mode == SweepPlan.Mode.SAMPLE ? samples(a)
            : compiled.size().bitLength() > 63 ? Long.MAX_VALUE : compiled.size().longValue();
        IndexRange part = part(a, total, mode);
        checkAggregates(a, flops);
        return new SweepJob(a, text, mode, part.from(), part.to());
    }

    private static long samples(SweepArgs a) {
        return a.samples != null ? a.samples : AUTO_SAMPLES;
    }

    private static SweepPlan.Mode mode(SweepArgs a, CompiledSpace compiled, PrintStream err) {
        if (a.enumerate && a.samples != null) {
            throw new UsageException("--enumerate and --samples exclude each other: choose one");
        }
        if (a.samples != null) {
            if (a.samples < 1) {
                throw new UsageException("--samples=" + a.samples + " must be 1 or more");
            }
            return SweepPlan.Mode.SAMPLE;
        }
        BigInteger size = compiled.size();
        if (a.enumerate || size.compareTo(BigInteger.valueOf(AUTO_ENUMERATE)) <= 0) {
            if (size.bitLength() > 63 && a.range == null) {
                throw new UsageException(a.spaceFile + " has " + count(size) + " candidates, more than 2^63-1:"
                    + " enumerate a part with --range A:B, or sample with --samples N");
            }
            return SweepPlan.Mode.ENUMERATE;
        }
        err.print("rfsweep: " + a.spaceFile + " has more than " + count(BigInteger.valueOf(AUTO_ENUMERATE))
            + " candidates; sampling " + count(BigInteger.valueOf(AUTO_SAMPLES))
            + " (use --enumerate or --samples N to choose)\n");
        return SweepPlan.Mode.SAMPLE;
    }

    private static IndexRange part(SweepArgs a, long total, SweepPlan.Mode mode) {
        if (a.range != null && a.shard != null) {
            throw new UsageException("--range and --shard exclude each other: choose one");
        }
        String unit = mode == SweepPlan.Mode.SAMPLE ? "samples" : "candidates of the space";
        try {
            if (a.range != null) {
                return IndexRange.parseRange(a.range, total, unit);
            }
            if (a.shard != null) {
                return IndexRange.parseShard(a.shard, total);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new IndexRange(0, total);
    }

    private static void checkAggregates(SweepArgs a, FlopsSelection flops) {
        Objective objective;
        try {
            objective = Objective.parse(a.minimize);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        boolean written = objective == Objective.MACS || objective == Objective.PARAMS
            || flops.columns().contains(objective.column) || MetricColumns.MEMORY.contains(objective.column);
        if (!written) {
            String flag = objective.column.substring("flops_".length()).replace('_', '-');
            throw new UsageException("--minimize " + objective.column + " ranks by a column that is not written:"
                + " add --flops " + flag);
        }
        if (a.minimizeGiven && a.top == 0 && a.pareto == null) {
            throw new UsageException("--minimize " + a.minimize + " needs --top K or --pareto FILE");
        }
        if (a.format == OutputFormat.NONE && a.top == 0 && a.pareto == null) {
            throw new UsageException("--format none writes no rows: add --top K or --pareto FILE");
        }
    }

    static String count(BigInteger n) {
        return SummaryText.count(n);
    }
}
