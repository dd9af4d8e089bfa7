package org.rfsweep.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder's commit protocol, on the driver (the scheme of Hadoop's FileOutputCommitter,
 * version 1). Tasks write into {@code DIR/_temporary/JOB/} under names unique to the attempt;
 * when every part has a result, the driver renames the file of the attempt whose result Spark
 * accepted (one per part) to {@code DIR/part-NNNNN.EXT}, writes the extra files, deletes the
 * temporary folder and writes {@code _SUCCESS}. Files of failed, killed and speculative attempts
 * stay in the temporary folder and go with it, so readers never see a half-written part. If the
 * job fails, the folder, which the job created, is deleted.
 */
final class PartCommitter {
    private final FileSystem fs;
    private final Path dir;
    private final Path temporary;
    private final int digits;

    /**
     * Creates {@code dir} and its temporary folder.
     *
     * @throws UsageException when {@code dir} exists
     */
    PartCommitter(FileSystem fs, Path dir, String given, int parts) throws IOException {
        this.fs = fs;
        this.dir = dir;
        this.digits = Math.max(5, Integer.toString(Math.max(0, parts - 1)).length());
        if (fs.exists(dir)) {
            throw new UsageException("--out " + given + ": already exists (the job writes a new folder)");
        }
        Path parent = dir.getParent();
        if (parent != null && !fs.exists(parent)) {
            throw new UsageException("--out " + given + ": the folder " + parent + " does not exist");
        }
        this.temporary = new Path(new Path(dir, "_temporary"), UUID.randomUUID().toString());
        fs.mkdirs(temporary);
    }

    /** {@code part-00003.csv}: names of the same width sort in index order, so {@code cat DIR/part-*} works. */
    static String partName(int part, OutputFormat format) {
        return partName(part, format, 5);
    }

    private static String partName(int part, OutputFormat format, int digits) {
        return String.format(Locale.ROOT, "part-%0" + digits + "d.%s", part, format.text);
    }

    /** Where the tasks write their attempts. */
    String attemptFolder() {
        return temporary.toString();
    }

    /** Writes {@code bytes} as {@code DIR/name} (through the temporary folder). */
    void extraFile(String name, byte[] bytes) throws IOException {
        Path temp = new Path(temporary, name);
        try (OutputStream out = fs.create(temp, true)) {
            out.write(bytes);
        }
        rename(temp, new Path(dir, name));
    }

    /** Publishes the accepted attempt of every part, in part order. */
    void commit(List<SliceResult> results, OutputFormat format) throws IOException {
        for (SliceResult r : results) {
            if (r.attemptFile() != null) {
                rename(new Path(r.attemptFile()), new Path(dir, partName(r.part(), format, digits)));
            }
        }
        fs.delete(new Path(dir, "_temporary"), true);
        fs.create(new Path(dir, "_SUCCESS"), true).close();
    }

    /** Removes the folder after a failed job. */
    void abort() throws IOException {
        fs.delete(dir, true);
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("cannot rename " + from + " to " + to);
        }
    }
}
