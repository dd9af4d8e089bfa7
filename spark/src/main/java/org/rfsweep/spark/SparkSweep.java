package org.rfsweep.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.sweep.SweepPlan;

/**
 * {@code spark-submit --class org.rfsweep.spark.SparkSweep rfsweep-spark.jar SPACE.json --out DIR
 * [options]}: the sweep of {@code rfsweep sweep} on a Spark cluster. The driver checks the
 * options and the space (a bad one fails here, before any task, with the local command's line
 * and exit code 2), splits the index range into {@code --partitions} contiguous slices, runs one
 * {@link SliceTask} per slice, commits the parts in index order ({@link PartCommitter}), merges
 * the tasks' aggregates ({@code --top}, {@code --pareto}) and prints the summary.
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

    /** Runs the job in the session that spark-submit configures; exits with 2 for bad input, 1 for a failure. */
    public static void main(String[] args) {
        int code = run(args, System.err, null);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the job in {@code session}, or in a new session (stopped at the end) when it is null;
     * messages go to {@code err}. Returns the exit code: 0 done, 2 bad usage or input, 1 the job failed.
     */
    public static int run(String[] args, PrintStream err, SparkSession session) {
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
        SparkSession spark = session != null ? session : SparkSession.builder().appName("rfsweep sweep").getOrCreate();
        try {
            execute(spark, job, err);
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
            if (session == null) {
                spark.stop();
            }
        }
    }

    private static void execute(SparkSession spark, SweepJob job, PrintStream err) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = withoutLocalChecksums(spark.sparkContext().hadoopConfiguration());
        int parts = job.partitions > 0 ? job.partitions
            : (int) Math.max(1, Math.min(job.to - job.from, (long) SLICES_PER_CORE * jsc.defaultParallelism()));
        Path dir = new Path(job.out);
        FileSystem fs = dir.getFileSystem(hadoop);
        PartCommitter committer = new PartCommitter(fs, fs.makeQualified(dir), job.out, parts);
        err.print("rfsweep: " + job.spaceName + ": " + JobCheck.count(job.space().size()) + " candidates"
            + (job.space().size().bitLength() > 63 ? " (" + job.space().size().bitLength() + " bits)" : "") + "; "
            + verb(job) + " " + job.from + ".." + (job.to - 1) + " in " + parts + " Spark tasks on "
            + spark.sparkContext().master() + "; constraints: " + ConstraintSet.of(job.space().space(), job.where)
            + "\n");
        err.flush();
        long start = System.nanoTime();
        List<SliceResult> results;
        try {
            jsc.setJobDescription("rfsweep sweep " + job.spaceName);
            List<Slice> slices = Slice.split(job.from, job.to, parts, job.from == 0);
            results = jsc.parallelize(slices, parts)
                .map(new SliceTask(job, committer.attemptFolder(), new HadoopConf(hadoop))).collect();
            Aggregates all = null;
            if (job.aggregates()) {
                List<Aggregates> each = new ArrayList<>();
                results.forEach(r -> each.add(r.aggregates()));
                all = Aggregates.merge(job.top, job.pareto != null, each);
            }
            if (job.top > 0) {
                committer.extraFile("top.csv", csv(job, all.top()));
            }
            if (job.pareto != null) {
                writePareto(job, hadoop, csv(job, all.front()));
            }
            committer.commit(results, job.format);
        } catch (Exception e) {
            // A failed job (SparkException is checked) leaves nothing behind, not even the folder.
            committer.abort();
            throw e;
        }
        long nanos = System.nanoTime() - start;
        report(job, results, nanos, parts, err);
    }

    private static void report(SweepJob job, List<SliceResult> results, long nanos, int parts, PrintStream err) {
        Totals totals = Totals.of(results);
        long[] taskNanos = results.stream().mapToLong(SliceResult::nanos).sorted().toArray();
        err.print("rfsweep: " + SummaryText.summary(totals, nanos) + "\n");
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

    /** Writes the front to a temporary file beside the target, then renames it over the target. */
    private static void writePareto(SweepJob job, Configuration conf, byte[] bytes) throws IOException {
        Path file = new Path(job.pareto);
        FileSystem fs = file.getFileSystem(conf);
        Path target = fs.makeQualified(file);
        Path temp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".part");
        try (OutputStream out = fs.create(temp, false)) {
            out.write(bytes);
        }
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(temp, target)) {
            fs.delete(temp, false);
            throw new IOException("cannot rename " + temp + " to " + target);
        }
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
