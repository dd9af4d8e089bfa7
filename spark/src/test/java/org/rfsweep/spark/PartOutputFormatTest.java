package org.rfsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.util.CollectionAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.space.TestSpaces;

/**
 * The part writer under Hadoop's FileOutputCommitter, without Spark: an attempt's part stays in
 * the attempt's work folder until the job commits, and an aborted attempt leaves nothing.
 */
class PartOutputFormatTest {
    @TempDir
    Path folder;

    private SweepJob sweepJob(Path out, String... options) throws IOException {
        Path space = Files.writeString(folder.resolve("small.json"), TestSpaces.SMALL);
        List<String> args = new ArrayList<>(List.of(space.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return JobCheck.check(SweepArgs.parse(args.toArray(new String[0]), 0), err);
    }

    private static Configuration conf(Path out) throws IOException {
        Job job = Job.getInstance(SparkSweep.withoutLocalChecksums(new Configuration()));
        job.getConfiguration().set(FileOutputFormat.OUTDIR, out.toUri().toString());
        job.getConfiguration().setInt(FileOutputCommitter.FILEOUTPUTCOMMITTER_ALGORITHM_VERSION, 1);
        return job.getConfiguration();
    }

    private static List<String> visible(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_")).sorted().toList();
        }
    }

    @Test
    void shouldKeepAnAttemptsPartInItsWorkFolderUntilTheJobCommits() throws Exception {
        Path out = folder.resolve("out");
        SweepJob job = sweepJob(out, "--enumerate", "--range", "0:300");
        Configuration conf = conf(out);
        JobID id = new JobID("test", 1);
        JobContext jobContext = new JobContextImpl(conf, id);
        TaskAttemptContext attempt = new TaskAttemptContextImpl(conf,
            new TaskAttemptID(new TaskID(id, TaskType.REDUCE, 2), 0));
        PartOutputFormat format = new PartOutputFormat();
        OutputCommitter committer = format.getOutputCommitter(attempt);
        committer.setupJob(jobContext);
        committer.setupTask(attempt);
        CollectionAccumulator<SliceResult> results = new CollectionAccumulator<>();
        RecordWriter<Slice, SliceTask> writer = format.getRecordWriter(attempt);
        writer.write(new Slice(2, 100, 300, false), new SliceTask(job, 3, results));
        writer.close(attempt);

        assertEquals(List.of(), visible(out), "nothing visible before the commit");
        try (Stream<Path> all = Files.walk(out)) {
            List<String> written = all.filter(Files::isRegularFile).map(Path::toString).toList();
            assertEquals(1, written.size(), written.toString());
            assertTrue(written.get(0).contains("/_temporary/") && written.get(0).endsWith("/part-00002.csv"),
                written.get(0));
        }
        assertTrue(committer.needsTaskCommit(attempt));
        committer.commitTask(attempt);
        assertEquals(List.of(), visible(out), "a committed task is still invisible before the job commits");
        committer.commitJob(jobContext);
        assertEquals(List.of("part-00002.csv"), visible(out));
        assertFalse(Files.exists(out.resolve("_temporary")));
        assertEquals(1, results.value().size());
        assertEquals(200, results.value().get(0).evaluated());
        long kept = results.value().get(0).kept();
        assertTrue(kept > 50, "kept " + kept);
        assertEquals(kept, Files.readAllLines(out.resolve("part-00002.csv")).size(), "the kept rows, no header");
    }

    @Test
    void shouldLeaveNothingOfAnAbortedAttempt() throws Exception {
        Path out = folder.resolve("aborted");
        SweepJob job = sweepJob(out, "--enumerate", "--range", "0:300", "--fail-first-attempt-of-task", "0");
        Configuration conf = conf(out);
        JobID id = new JobID("test", 2);
        TaskAttemptContext attempt = new TaskAttemptContextImpl(conf,
            new TaskAttemptID(new TaskID(id, TaskType.REDUCE, 0), 0));
        PartOutputFormat format = new PartOutputFormat();
        OutputCommitter committer = format.getOutputCommitter(attempt);
        committer.setupJob(new JobContextImpl(conf, id));
        committer.setupTask(attempt);
        CollectionAccumulator<SliceResult> results = new CollectionAccumulator<>();
        RecordWriter<Slice, SliceTask> writer = format.getRecordWriter(attempt);
        boolean failed = false;
        try {
            writer.write(new Slice(0, 0, 300, true), new SliceTask(job, 1, results));
        } catch (IOException e) {
            failed = e.getMessage().startsWith("injected failure");
        }
        assertTrue(failed, "the test hook fails the attempt after its first chunk");
        try (Stream<Path> all = Files.walk(out)) {
            assertEquals(1, all.filter(Files::isRegularFile).count(), "the half-written part is in the work folder");
        }
        committer.abortTask(attempt);
        try (Stream<Path> all = Files.walk(out)) {
            assertEquals(0, all.filter(Files::isRegularFile).count(), "abort deletes the attempt's part");
        }
        assertEquals(List.of(), results.value(), "a failed attempt reports nothing");
    }
}
