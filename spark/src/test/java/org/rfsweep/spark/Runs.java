package org.rfsweep.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.rfsweep.cli.Main;

/** Runs the local command and the Spark job in-process and reads what they wrote. */
final class Runs {
    /** Exit code, standard error and the output's bytes of one run. */
    record Run(int code, String err, byte[] csv) {
        String text() {
            return new String(csv, StandardCharsets.US_ASCII);
        }
    }

    private Runs() {
    }

    /** {@code rfsweep sweep ARGS --out FILE --progress none}, in-process; the CSV it wrote. */
    static Run local(Path folder, String... args) {
        Path file = folder.resolve("local-" + System.nanoTime() + ".csv");
        List<String> all = new ArrayList<>(List.of("sweep"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", file.toString(), "--progress", "none", "--threads", "2"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
        try {
            return new Run(code, err.toString(), Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Spark job with {@code args} in {@code spark}; the concatenation of {@code out/part-*}. */
    static Run spark(SparkSession spark, Path out, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = SparkSweep.run(all.toArray(new String[0]), stream,
                JavaSparkContext.fromSparkContext(spark.sparkContext()));
        }
        return new Run(code, err.toString(StandardCharsets.UTF_8), Files.isDirectory(out) ? concat(out) : new byte[0]);
    }

    /** {@code cat DIR/part-*}. */
    static byte[] concat(Path dir) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path p : parts(dir)) {
            try {
                all.write(Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toByteArray();
    }

    /** The part files of {@code dir}, in name order. */
    static List<Path> parts(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The visible file names of {@code dir} (no dot files), sorted. */
    static List<String> visible(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The summary's counts without the time and rate: {@code evaluated N: kept K, ...}. */
    static String counts(String err) {
        return err.lines().filter(l -> l.startsWith("rfsweep: evaluated ")).findFirst().orElse("(no summary)")
            .replaceAll(" in [^(]*\\([^)]*\\)", "");
    }
}
