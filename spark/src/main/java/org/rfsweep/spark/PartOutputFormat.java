package org.rfsweep.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The sweep's parts as a Hadoop {@link FileOutputFormat}, so that Spark's writer
 * ({@code saveAsNewAPIHadoopDataset}) runs them under Spark's and Hadoop's output commit
 * protocol: each task attempt writes into its own work folder of the output committer
 * ({@code DIR/_temporary/0/_temporary/attempt_.../}, or what a configured committer such as
 * S3A's uses instead); Spark's commit coordinator lets one attempt per part commit, a failed
 * attempt's folder is deleted, and the job commit moves the committed parts into {@code DIR}.
 * Every part has one record, its {@link Slice} with the {@link SliceTask} that sweeps it; the
 * writer writes the task's bytes as they come, under the part's own name.
 */
public final class PartOutputFormat extends FileOutputFormat<Slice, SliceTask> {
    @Override
    public RecordWriter<Slice, SliceTask> getRecordWriter(TaskAttemptContext context) throws IOException {
        Path work = getDefaultWorkFile(context, "").getParent();
        return new PartWriter(work, context.getConfiguration());
    }

    /** Sweeps the slice it is given into {@code WORK/part-NNNNN.EXT} and reports the task's result. */
    private static final class PartWriter extends RecordWriter<Slice, SliceTask> {
        private final Path work;
        private final Configuration conf;

        PartWriter(Path work, Configuration conf) {
            this.work = work;
            this.conf = conf;
        }

        @Override
        public void write(Slice slice, SliceTask task) throws IOException {
            task.report(task.run(slice, new Path(work, task.partName(slice)), conf));
        }

        @Override
        public void close(TaskAttemptContext context) {
            // write() closes the part it opened, also when the sweep fails.
        }
    }
}
