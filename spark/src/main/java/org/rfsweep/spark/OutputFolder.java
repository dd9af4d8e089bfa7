package org.rfsweep.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job's output folder on the driver, around Hadoop's commit protocol: it must not exist
 * before the job (the job creates it), files beside the parts ({@code top.csv}) appear by rename
 * once the parts are committed, {@code _SUCCESS} comes last, and after a failed job the folder
 * is deleted, since the job created it.
 */
final class OutputFolder {
    /** Spark's and Hadoop's marker of a complete folder. */
    static final String SUCCESS = "_SUCCESS";

    private final FileSystem fs;
    private final Path dir;

    /**
     * Checks that {@code dir} does not exist and that its parent does.
     *
     * @throws UsageException when {@code dir} exists or its parent does not
     */
    OutputFolder(FileSystem fs, Path dir, String given) throws IOException {
        this.fs = fs;
        this.dir = dir;
        if (fs.exists(dir)) {
            throw new UsageException("--out " + given + ": already exists (the job writes a new folder)");
        }
        Path parent = dir.getParent();
        if (parent != null && !fs.exists(parent)) {
            throw new UsageException("--out " + given + ": the folder " + parent + " does not exist");
        }
    }

    Path path() {
        return dir;
    }

    /**
     * {@code part-00003.csv}: part numbers padded to the width of the largest (at least 5 digits),
     * so that names sort in index order and {@code cat DIR/part-*} concatenates the sweep.
     */
    static String partName(int part, int parts, OutputFormat format) {
        int digits = Math.max(5, Integer.toString(Math.max(0, parts - 1)).length());
        return String.format(Locale.ROOT, "part-%0" + digits + "d.%s", part, format.text);
    }

    /**
     * Writes {@code bytes} as {@code DIR/name}: to a hidden file first, then renamed into place
     * (the folder is made here when no parts were written, {@code --format none}).
     */
    void extraFile(String name, byte[] bytes) throws IOException {
        fs.mkdirs(dir);
        writeByRename(fs, new Path(dir, name), bytes);
    }

    /** Marks the folder complete; the last write of the job. */
    void markSuccess() throws IOException {
        fs.mkdirs(dir);
        fs.create(new Path(dir, SUCCESS), true).close();
    }

    /** Removes the folder after a failed job (Hadoop's abort removes only the attempts). */
    void delete() throws IOException {
        fs.delete(dir, true);
    }

    /**
     * Writes {@code bytes} to a hidden temporary file beside {@code target} and renames it over
     * {@code target}, so readers see the old file or the whole new one.
     */
    static void writeByRename(FileSystem fs, Path target, byte[] bytes) throws IOException {
        Path temp = new Path(target.getParent(), "." + target.getName() + "." + System.nanoTime() + ".tmp");
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
}
