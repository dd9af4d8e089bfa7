package org.rfsweep.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.report.SummaryText;
import org.rfsweep.sweep.SweepPlan;
import scala.Tuple2;

/**
 * {@code spark-submit --class org.rfsweep.spark.SparkSweep rfsweep-spark.jar SPACE.json --out DIR
 * [options]}: the sweep of {@code rfsweep sweep} on a Spark cluster. The driver checks the
 * options and the space (a bad one fails here, before any task, with the local command's line
 * and exit code 2), splits the index range into {@code --partitions} contiguous slices, runs one
 * {@link SliceTask} per slice under Spark's and Hadoop's output commit protocol
 * ({@link PartOutputFormat}), merges the tasks' aggregates ({@code --top}, {@code --pareto}) and prints the summary.
 *
 * <pre>
 *   DIR/part-00000.csv ... part-0000N.csv   cat DIR/part-* equals the local sweep's file
 *   DIR/top.csv                             with --top K: the K best rows, best first
 *   DIR/_SUCCESS                            written last
 * </pre>
 */
public final class SparkSweep {
    /** Default slices per core of the cluster: enough to balance uneven tasks, few enough to cost little. */
    static final int SLICES_PER_CORE = 4;

    private SparkSweep() {
    }

    /** Runs the job in the Spark context that spark-submit configures; exits with 2 for bad input, 1 for a failure. */
    public static void main(String[] args) {
        int code = run(args, System.err, null);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the job in {@code context}, or in a new context (stopped at the end) when it is null;
     * messages go to {@code err}. Returns the exit code: 0 done, 2 bad usage or input, 1 the job failed.
     * The job needs only Spark's core (a {@link SparkContext}): no SQL session is started.
     */
    public static int run(String[] args, PrintStream err, JavaSparkContext context) {
        SweepJob job;
        try {
            SweepArgs a = SweepArgs.parse(args, 0);
            if (a.help) {
                err.print(SweepArgs.USAGE + "\n");
                return 0;
            }
            job = JobCheck.check(a, err);
            checkPareto(job, withoutLocalChecksums(new Configuration()));
        } catch (UsageException e) {
            err.print("rfsweep: " + oneLine(e.getMessage()) + "\n");
            return 2;
        }
        JavaSparkContext jsc = context != null ? context
            : JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(new SparkConf().setAppName("rfsweep sweep")));
        try {
            execute(jsc, job, err);
            return 0;
        } catch (UsageException e) {
            err.print("rfsweep: " + oneLine(e.getMessage()) + "\n");
            return 2;
        } catch (IOException e) {
            err.print("rfsweep: --out " + job.out + ": " + oneLine(e.getMessage()) + "\n");
            return 2;
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.print("rfsweep: the Spark job failed: " + oneLine(String.valueOf(root)) + "\n");
            return 1;
        } finally {
            if (context == null) {
                jsc.stop();
            }
        }
    }

    private static void execute(JavaSparkContext jsc, SweepJob job, PrintStream err) throws IOException {
        Configuration hadoop = withoutLocalChecksums(jsc.hadoopConfiguration());
        int parts = job.partitions > 0 ? job.partitions
            : (int) Math.max(1, Math.min(job.to - job.from, (long) SLICES_PER_CORE * jsc.defaultParallelism()));
        Path dir = new Path(job.out);
        FileSystem fs = dir.getFileSystem(hadoop);
        OutputFolder folder = new OutputFolder(fs, fs.makeQualified(dir), job.out);
        err.print("rfsweep: " + job.spaceName + ": " + JobCheck.count(job.space().size()) + " candidates"
            + (job.space().size().bitLength() > 63 ? " (" + job.space().size().bitLength() + " bits)" : "") + "; "
            + verb(job) + " " + job.from + ".." + (job.to - 1) + " in " + parts + " Spark tasks on "
            + jsc.master() + "; constraints: " + ConstraintSet.of(job.space().space(), job.where) + "\n");
        err.flush();
        long start = System.nanoTime();
        List<SliceResult> results;
        try {
            jsc.setJobDescription("rfsweep sweep " + job.spaceName);
            results = sweep(jsc, job, parts, hadoop, folder.path());
            Aggregates all = null;
            if (job.aggregates()) {
                List<Aggregates> each = new ArrayList<>();
                results.forEach(r -> each.add(r.aggregates()));
                all = Aggregates.merge(job.top, job.pareto != null, each);
            }
            if (job.top > 0) {
                folder.extraFile("top.csv", csv(job, all.top()));
            }
            if (job.pareto != null) {
                Path file = new Path(job.pareto);
                FileSystem paretoFs = file.getFileSystem(hadoop);
                OutputFolder.writeByRename(paretoFs, paretoFs.makeQualified(file), csv(job, all.front()));
            }
            folder.markSuccess();
        } catch (Exception e) {
            // A failed job (SparkException is checked) leaves nothing behind, not even the folder.
            folder.delete();
            throw e;
        }
        long nanos = System.nanoTime() - start;
        report(job, results, nanos, parts, err);
    }

    /**
     * Runs one task per slice and returns their results in part order. With parts to write, Spark's
     * Hadoop writer runs the tasks ({@link PartOutputFormat}) under the output commit protocol:
     * {@code DIR/part-*} appear only when the job commits, one committed attempt per part, and the
     * results come back through an accumulator, which Spark counts once per part (the committed
     * attempt's). Without parts, a plain map collects them.
     */
    private static List<SliceResult> sweep(JavaSparkContext jsc, SweepJob job, int parts, Configuration hadoop,
                                           Path dir) throws IOException {
        List<Slice> slices = Slice.split(job.from, job.to, parts, job.from == 0);
        JavaRDD<Slice> rdd = jsc.parallelize(slices, parts);
        if (job.format == OutputFormat.NONE) {
            return rdd.map(new SliceTask(job, parts, null)).collect();
        }
        CollectionAccumulator<SliceResult> accumulator = jsc.sc().collectionAccumulator("rfsweep slices");
        SliceTask task = new SliceTask(job, parts, accumulator);
        Job write = Job.getInstance(hadoop);
        write.setOutputFormatClass(PartOutputFormat.class);
        write.setOutputKeyClass(Slice.class);
        write.setOutputValueClass(SliceTask.class);
        FileOutputFormat.setOutputPath(write, dir);
        Configuration conf = write.getConfiguration();
        // Version 1: parts move into DIR only at the job's commit; _SUCCESS is ours, after top.csv.
        conf.setInt(FileOutputCommitter.FILEOUTPUTCOMMITTER_ALGORITHM_VERSION, 1);
        conf.setBoolean(FileOutputCommitter.SUCCESSFUL_JOB_OUTPUT_DIR_MARKER, false);
        rdd.mapToPair(slice -> new Tuple2<>(slice, task)).saveAsNewAPIHadoopDataset(conf);
        List<SliceResult> results = new ArrayList<>(accumulator.value());
        results.sort(Comparator.comparingInt(SliceResult::part));
        if (results.size() != parts) {
            throw new IllegalStateException(results.size() + " results for " + parts + " parts");
        }
        return results;
    }

    private static void report(SweepJob job, List<SliceResult> results, long nanos, int parts, PrintStream err) {
        Totals totals = Totals.of(results);
        long[] taskNanos = results.stream().mapToLong(SliceResult::nanos).sorted().toArray();
        err.print("rfsweep: " + SummaryText.summary(totals.evaluated(), totals.kept(), totals.invalidByCode(), nanos)
            + "\n");
        double median = taskNanos[taskNanos.length / 2] / 1e9;
        double longest = taskNanos[taskNanos.length - 1] / 1e9;
        err.print("rfsweep: " + parts + " tasks: median " + SummaryText.duration(median) + ", longest "
            + SummaryText.duration(longest) + ", in all " + SummaryText.duration(totals.taskNanos() / 1e9)
            + " of task time\n");
        if (job.format != OutputFormat.NONE) {
            err.print("rfsweep: wrote " + SummaryText.count(totals.kept()) + " rows to " + job.out + " (" + parts + " "
                + job.format.text + " parts)\n");
        }
        if (job.top > 0) {
            err.print("rfsweep: wrote the " + job.top + " best by " + job.minimize + " to "
                + new Path(job.out, "top.csv") + "\n");
        }
        if (job.pareto != null) {
            err.print("rfsweep: wrote the Pareto front over rf_h, rf_w and " + job.minimize + " to " + job.pareto
                + "\n");
        }
        err.flush();
    }

    /**
     * A copy of {@code conf} whose local file system writes no {@code .crc} files beside the parts
     * (the parts are read by cat, pandas and DuckDB; HDFS and object stores keep their own checksums).
     */
    static Configuration withoutLocalChecksums(Configuration conf) {
        Configuration c = new Configuration(conf);
        c.set("fs.file.impl", RawLocalFileSystem.class.getName());
        c.setBoolean("fs.file.impl.disable.cache", true);
        return c;
    }

    private static String verb(SweepJob job) {
        return job.mode == SweepPlan.Mode.SAMPLE ? "sampling (seed " + job.seed + ")" : "enumerating";
    }

    /** A header line and {@code rows}, as the sweep writes them. */
    private static byte[] csv(SweepJob job, List<KeptRow> rows) {
        StringBuilder header = new StringBuilder(String.join(",", job.columnNames())).append('\n');
        int size = header.length();
        for (KeptRow r : rows) {
            size += r.line().length;
        }
        byte[] bytes = new byte[size];
        byte[] h = header.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, bytes, 0, h.length);
        int at = h.length;
        for (KeptRow r : rows) {
            System.arraycopy(r.line(), 0, bytes, at, r.line().length);
            at += r.line().length;
        }
        return bytes;
    }

    /** Checks the Pareto file's folder on the driver, before the job, with the messages of {@code rfsweep search}. */
    private static void checkPareto(SweepJob job, Configuration conf) {
        if (job.pareto == null) {
            return;
        }
        try {
            Path file = new Path(job.pareto);
            FileSystem fs = file.getFileSystem(conf);
            Path qualified = fs.makeQualified(file);
            if (fs.exists(qualified) && fs.getFileStatus(qualified).isDirectory()) {
                throw new UsageException("--pareto " + job.pareto + ": is a directory");
            }
            Path parent = qualified.getParent();
            if (parent == null || !fs.exists(parent) || !fs.getFileStatus(parent).isDirectory()) {
                throw new UsageException("--pareto " + job.pareto + ": the folder "
                    + (file.getParent() != null ? file.getParent() : qualified.getParent()) + " does not exist");
            }
        } catch (IOException e) {
            throw new UsageException("--pareto " + job.pareto + ": " + e.getMessage());
        }
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
