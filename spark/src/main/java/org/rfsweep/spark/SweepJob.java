package org.rfsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Space;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.sweep.SweepPlan;

/**
 * Everything a task needs, checked on the driver and shipped with the task: the design space's
 * JSON text (so executors need no shared file system for the input), the mode, seed and range,
 * the constraints, the columns, and what is written. A task's output is a pure function of this
 * and its {@link Slice}. Immutable.
 */
public final class SweepJob implements Serializable {
    private static final long serialVersionUID = 1L;

    final String spaceText;
    final String spaceName;
    final SweepPlan.Mode mode;
    final long seed;
    final long from;
    final long to;
    final List<String> where;
    final List<String> flops;
    final boolean ignore1x1;
    final int partitions;
    final OutputFormat format;
    final String out;
    final int top;
    final String minimize;
    final String pareto;
    /** Test hook: the part whose first attempt fails midway, or -1. */
    final int failFirstAttemptOf;
    /** Test hook: every attempt of that part fails, so the job does. */
    final boolean failEveryAttempt;
    private transient CompiledSpace compiled;

    SweepJob(SweepArgs a, String spaceText, SweepPlan.Mode mode, long from, long to) {
        this.spaceText = spaceText;
        this.spaceName = a.spaceFile;
        this.mode = mode;
        this.seed = a.seed;
        this.from = from;
        this.to = to;
        this.where = new ArrayList<>(a.where);
        this.flops = new ArrayList<>(a.flops);
        this.ignore1x1 = a.ignore1x1;
        this.partitions = a.partitions;
        this.format = a.format;
        this.out = a.out;
        this.top = a.top;
        this.minimize = a.minimize;
        this.pareto = a.pareto;
        this.failFirstAttemptOf = a.failFirstAttemptOf;
        this.failEveryAttempt = a.failEveryAttempt;
    }

    /** The compiled space, built once per JVM that holds this job. */
    CompiledSpace space() {
        if (compiled == null) {
            compiled = CompiledSpace.compile(SpaceLoader.parse(spaceText, spaceName));
        }
        return compiled;
    }

    /** The plan of one task: the indices of {@code slice} on one worker thread, as the local sweep runs them. */
    SweepPlan plan(Slice slice) {
        CompiledSpace space = space();
        Space s = space.space();
        SweepPlan.Builder b = SweepPlan.builder(space).columns(columns())
            .constraints(ConstraintSet.of(s, where)).ignore1x1(ignore1x1).threads(1).header(slice.header());
        if (mode == SweepPlan.Mode.SAMPLE) {
            b.samples(to, seed);
        } else {
            b.enumerate();
        }
        return b.range(slice.from(), slice.to()).build();
    }

    MetricColumns columns() {
        return new MetricColumns(FlopsSelection.parse(flops));
    }

    /** The CSV header's column names. */
    List<String> columnNames() {
        List<String> names = new ArrayList<>(List.of("index", "arch", "input"));
        names.addAll(columns().names());
        names.add("unproductive");
        return names;
    }

    /** True when the tasks collect the kept rows' aggregates. */
    boolean aggregates() {
        return top > 0 || pareto != null;
    }
}
