package org.rfsweep.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.CollectionAccumulator;
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.sweep.SweepEngine;
import org.rfsweep.sweep.SweepListener;
import org.rfsweep.sweep.SweepPlan;
import org.rfsweep.sweep.SweepResult;

/**
 * One Spark task: the engine's chunk pipeline ({@link SweepEngine}: decode or sample, evaluate,
 * filter, format) over the task's slice on one worker thread, with the task's thread writing the
 * chunks in order into the part file it is given: the attempt's work file of Hadoop's output
 * committer ({@link PartOutputFormat}), so a failed, killed or speculative attempt's file is
 * never seen. The output is a pure function of the job and the slice, so every attempt writes
 * the same bytes. With no output ({@code --format none}) the task is a plain map to its result.
 */
final class SliceTask implements Function<Slice, SliceResult> {
    private static final long serialVersionUID = 1L;

    private final SweepJob job;
    private final int parts;
    private final CollectionAccumulator<SliceResult> results;

    /**
     * @param parts the number of parts of the job (the width of the part names)
     * @param results where the writing tasks report (Spark counts each part's committed attempt once), or null
     */
    SliceTask(SweepJob job, int parts, CollectionAccumulator<SliceResult> results) {
        this.job = job;
        this.parts = parts;
        this.results = results;
    }

    /** The slice's result when nothing is written. */
    @Override
    public SliceResult call(Slice slice) throws IOException {
        return run(slice, null, null);
    }

    /** The name of the slice's part file. */
    String partName(Slice slice) {
        return OutputFolder.partName(slice.part(), parts, job.format);
    }

    /** Hands a written part's result to the driver. */
    void report(SliceResult result) {
        results.add(result);
    }

    /** Sweeps {@code slice}, writing its rows to {@code file} (null: no rows) in the job's format. */
    SliceResult run(Slice slice, Path file, Configuration conf) throws IOException {
        TaskContext context = TaskContext.get();
        long start = System.nanoTime();
        SweepPlan plan = job.plan(slice);
        List<String> names = plan.columnNames();
        Aggregates aggregates = job.aggregates() ? new Aggregates(job.top, job.pareto != null) : null;
        boolean fail = slice.part() == job.failFirstAttemptOf
            && (job.failEveryAttempt || context == null || context.attemptNumber() == 0);
        SweepResult result;
        if (file == null || job.format == OutputFormat.NONE) {
            result = run(plan, sink(names, plan, null, null, aggregates, fail), context);
        } else if (job.format == OutputFormat.CSV) {
            FileSystem fs = file.getFileSystem(conf);
            try (OutputStream csv = fs.create(file, false, 1 << 16)) {
                result = run(plan, sink(names, plan, csv, null, aggregates, fail), context);
            }
        } else {
            try (ParquetRows parquet = new ParquetRows(file, conf, names)) {
                result = run(plan, sink(names, plan, null, parquet, aggregates, fail), context);
            }
        }
        long[] invalid = new long[ErrorCode.COUNT];
        for (int code = 0; code < invalid.length; code++) {
            invalid[code] = result.invalid(code);
        }
        return new SliceResult(slice.part(), result.evaluated(), result.kept(), invalid, System.nanoTime() - start,
            aggregates);
    }

    private SliceSink sink(List<String> names, SweepPlan plan, OutputStream csv, ParquetRows parquet,
                           Aggregates aggregates, boolean fail) {
        return new SliceSink(names, job.minimize, plan.header(), csv, parquet, aggregates, fail);
    }

    /** Runs the plan; a failure or a kill of the task stops it and is thrown, so the attempt is not committed. */
    private static SweepResult run(SweepPlan plan, SliceSink sink, TaskContext context) throws IOException {
        AtomicBoolean cancel = new AtomicBoolean();
        SweepListener listener = totals -> {
            if (context != null && context.isInterrupted()) {
                cancel.set(true);
            }
        };
        SweepResult result = SweepEngine.run(plan, sink, cancel, listener);
        Throwable failure = result.failure();
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (!result.complete()) {
            throw new IOException("task killed at index " + result.next() + " of " + plan.from() + ".." + plan.to());
        }
        return result;
    }
}
