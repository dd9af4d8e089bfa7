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
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.sweep.SweepEngine;
import org.rfsweep.sweep.SweepListener;
import org.rfsweep.sweep.SweepPlan;
import org.rfsweep.sweep.SweepResult;

/**
 * One Spark task: the engine's chunk pipeline ({@link SweepEngine}: decode or sample, evaluate,
 * filter, format) over the task's slice on one worker thread, with the task's thread writing the
 * chunks in order, into a file named for this attempt under the job's temporary folder. The
 * driver commits the file of the attempt whose result it accepted ({@link PartCommitter}), so a
 * failed, killed or speculative attempt's file is never seen. The output is a pure function of
 * the job and the slice, so every attempt writes the same bytes.
 */
final class SliceTask implements Function<Slice, SliceResult> {
    private static final long serialVersionUID = 1L;

    private final SweepJob job;
    private final String attemptFolder;
    private final HadoopConf conf;

    SliceTask(SweepJob job, String attemptFolder, HadoopConf conf) {
        this.job = job;
        this.attemptFolder = attemptFolder;
        this.conf = conf;
    }

    @Override
    public SliceResult call(Slice slice) throws IOException {
        TaskContext context = TaskContext.get();
        long start = System.nanoTime();
        SweepPlan plan = job.plan(slice);
        List<String> names = plan.columnNames();
        Aggregates aggregates = job.aggregates() ? new Aggregates(job.top, job.pareto != null) : null;
        boolean fail = slice.part() == job.failFirstAttemptOf
            && (job.failEveryAttempt || context == null || context.attemptNumber() == 0);
        Path file = job.format == OutputFormat.NONE ? null : new Path(attemptFolder,
            PartCommitter.partName(slice.part(), job.format) + ".attempt-" + (context == null ? 0
                : context.taskAttemptId()));
        Configuration c = conf.get();
        SweepResult result;
        if (job.format == OutputFormat.CSV) {
            FileSystem fs = file.getFileSystem(c);
            try (OutputStream csv = fs.create(file, true, 1 << 16)) {
                result = run(plan, sink(names, plan, csv, null, aggregates, fail), context);
            }
        } else if (job.format == OutputFormat.PARQUET) {
            try (ParquetRows parquet = new ParquetRows(file, c, names)) {
                result = run(plan, sink(names, plan, null, parquet, aggregates, fail), context);
            }
        } else {
            result = run(plan, sink(names, plan, null, null, aggregates, fail), context);
        }
        long[] invalid = new long[ErrorCode.COUNT];
        for (int code = 0; code < invalid.length; code++) {
            invalid[code] = result.invalid(code);
        }
        return new SliceResult(slice.part(), file == null ? null : file.toString(), result.evaluated(), result.kept(),
            invalid, System.nanoTime() - start, aggregates);
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
