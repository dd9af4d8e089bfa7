package org.rfsweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfsweep.space.TestSpaces;

/**
 * The Spark job in local mode against the local {@code rfsweep sweep}, run in-process on the same
 * space and options. One session for the class: two cores, and two attempts per task
 * ({@code local[2,2]}) so that a failed attempt is retried.
 */
class SparkSweepTest {
    private static final String WHERE = "rf_h >= 6";
    private static SparkSession spark;
    private static final AtomicInteger JOBS = new AtomicInteger();
    private static final AtomicInteger FAILED_TASKS = new AtomicInteger();

    @TempDir
    static Path folder;
    private static String small;
    private static final String BENCH16 = Path.of("..", "data", "spaces", "bench16.json").toString();

    @BeforeAll
    static void start() throws IOException {
        Path file = folder.resolve("small.json");
        Files.writeString(file, TestSpaces.SMALL);
        small = file.toString();
        spark = SparkSession.builder().master("local[2,2]").appName("SparkSweepTest")
            .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                JOBS.incrementAndGet();
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                if (!taskEnd.taskInfo().successful()) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Path out() {
        return folder.resolve("out-" + System.nanoTime());
    }

    @ParameterizedTest
    @MethodSource("modes")
    void shouldWriteTheLocalSweepsBytesAtOneThreeAndSevenPartitions(List<String> options) {
        String[] args = withSpace(small, options);
        Runs.Run local = Runs.local(folder, args);
        assertEquals(0, local.code(), local.err());
        assertTrue(local.text().lines().count() > 500, "rows: " + local.text().lines().count());
        for (int partitions : new int[] {1, 3, 7}) {
            Path out = out();
            Runs.Run job = Runs.spark(spark, out, with(args, "--partitions", Integer.toString(partitions)));
            assertEquals(0, job.code(), job.err());
            assertArrayEquals(local.csv(), job.csv(), "partitions=" + partitions);
            assertEquals(partitions, Runs.parts(out).size());
            assertEquals(Runs.counts(local.err()), Runs.counts(job.err()));
            assertTrue(Files.exists(out.resolve("_SUCCESS")));
            assertFalse(Files.exists(out.resolve("_temporary")));
        }
    }

    static Stream<List<String>> modes() {
        return Stream.of(
            List.of("--enumerate", "--where", WHERE, "--flops", "seed,2macs"),
            List.of("--samples", "40000", "--seed", "7", "--ignore-1x1"));
    }

    @ParameterizedTest
    @MethodSource("ranges")
    void shouldSweepARangeOfASpaceAboveTwoToThe63(List<String> options) {
        String[] args = withSpace(BENCH16, options);
        Runs.Run local = Runs.local(folder, args);
        assertEquals(0, local.code(), local.err());
        Runs.Run job = Runs.spark(spark, out(), with(args, "--partitions", "3"));
        assertEquals(0, job.code(), job.err());
        assertTrue(job.err().contains("(119 bits)"), job.err());
        assertTrue(local.csv().length > 1000, local.text());
        assertArrayEquals(local.csv(), job.csv());
    }

    static Stream<List<String>> ranges() {
        return Stream.of(
            List.of("--samples", "30000", "--seed", "3", "--where", "macs <= 300M"),
            List.of("--samples", "30000", "--seed", "3", "--range", "12345:27000", "--where", "macs <= 300M"),
            List.of("--enumerate", "--range", "1000000:1020000"));
    }

    @Test
    void shouldFindTheTopAndTheParetoFrontOfTheLocalSweep() throws IOException {
        String[] args = withSpace(small, List.of("--enumerate", "--flops", "seed"));
        Runs.Run local = Runs.local(folder, args);
        Path out = out();
        Path front = folder.resolve("front.csv");
        Runs.Run job = Runs.spark(spark, out, with(args, "--partitions", "7", "--top", "40", "--minimize",
            "flops_seed", "--pareto", front.toString()));
        assertEquals(0, job.code(), job.err());
        List<String> lines = local.text().lines().toList();
        String header = lines.get(0);
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().get()
            .parse(new StringReader(local.text())).getRecords();
        Comparator<Integer> rank = Comparator.comparingLong((Integer i) -> value(records.get(i), "flops_seed"))
            .thenComparingLong(i -> value(records.get(i), "index"));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            order.add(i);
        }
        order.sort(rank);
        StringBuilder top = new StringBuilder(header).append('\n');
        order.subList(0, 40).forEach(i -> top.append(rows.get(i)).append('\n'));
        assertEquals(top.toString(), Files.readString(out.resolve("top.csv")));

        long[][] values = new long[records.size()][];
        for (int i = 0; i < records.size(); i++) {
            CSVRecord r = records.get(i);
            values[i] = new long[] {value(r, "rf_h"), value(r, "rf_w"), value(r, "flops_seed")};
        }
        StringBuilder pareto = new StringBuilder(header).append('\n');
        int onFront = 0;
        for (int i = 0; i < records.size(); i++) {
            if (!dominated(values, i)) {
                pareto.append(rows.get(i)).append('\n');
                onFront++;
            }
        }
        assertTrue(onFront > 3, "front: " + onFront);
        assertEquals(pareto.toString(), Files.readString(front));
    }

    /**
     * Brute force over (rf_h, rf_w, cost) in index order: another row has both receptive fields at
     * least as large and the cost no larger, and is better somewhere or earlier.
     */
    private static boolean dominated(long[][] v, int i) {
        for (int j = 0; j < v.length; j++) {
            if (j != i && v[j][0] >= v[i][0] && v[j][1] >= v[i][1] && v[j][2] <= v[i][2]) {
                boolean equal = v[j][0] == v[i][0] && v[j][1] == v[i][1] && v[j][2] == v[i][2];
                if (!equal || j < i) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long value(CSVRecord r, String column) {
        return Long.parseLong(r.get(column));
    }

    @Test
    void shouldWriteTheSameBytesWhenTheFirstAttemptOfATaskFailsMidway() {
        String[] args = withSpace(small, List.of("--samples", "40000", "--seed", "11"));
        Path clean = out();
        Runs.Run first = Runs.spark(spark, clean, with(args, "--partitions", "3"));
        int failedBefore = FAILED_TASKS.get();
        Path out = out();
        Runs.Run retried = Runs.spark(spark, out, with(args, "--partitions", "3", "--fail-first-attempt-of-task", "1"));
        assertEquals(0, retried.code(), retried.err());
        assertEquals(1, FAILED_TASKS.get() - failedBefore, "the injected failure happened once and was retried");
        assertArrayEquals(first.csv(), retried.csv());
        assertEquals(List.of("_SUCCESS", "part-00000.csv", "part-00001.csv", "part-00002.csv"), Runs.visible(out));
    }

    @Test
    void shouldLeaveNoFolderAndExitOneWhenATaskFailsEveryAttempt() {
        Path out = out();
        Runs.Run job = Runs.spark(spark, out, small, "--samples", "40000", "--partitions", "3",
            "--fail-every-attempt-of-task", "2");
        assertEquals(1, job.code(), job.err());
        String failed = "rfsweep: the Spark job failed: " + IOException.class.getName() + ": injected failure";
        assertTrue(job.err().contains(failed),
            job.err());
        assertFalse(Files.exists(out), "no half-written output");
    }

    @Test
    void shouldWriteParquetWithTypedColumnsAndTheRowsOfTheCsv() {
        String[] args = withSpace(small, List.of("--enumerate", "--where", WHERE, "--flops", "2macs"));
        Runs.Run csv = Runs.spark(spark, out(), with(args, "--partitions", "3"));
        Path out = out();
        Runs.Run parquet = Runs.spark(spark, out, with(args, "--partitions", "3", "--format", "parquet"));
        assertEquals(0, parquet.code(), parquet.err());
        assertEquals(3, Runs.parts(out).size());
        Dataset<Row> rows = spark.read().parquet(out.toString()).orderBy("index");
        StructType schema = rows.schema();
        assertEquals(DataTypes.LongType, schema.apply("index").dataType());
        assertEquals(DataTypes.StringType, schema.apply("arch").dataType());
        assertEquals(DataTypes.StringType, schema.apply("input").dataType());
        assertEquals(DataTypes.IntegerType, schema.apply("out_h").dataType());
        assertEquals(DataTypes.LongType, schema.apply("rf_h").dataType());
        assertEquals(DataTypes.LongType, schema.apply("macs").dataType());
        assertEquals(DataTypes.LongType, schema.apply("flops_2macs").dataType());
        List<CSVRecord> records = parse(csv.text());
        String[] names = schema.fieldNames();
        assertEquals(List.of(names), records.get(0).getParser().getHeaderNames());
        List<String> expected = records.stream().map(r -> String.join("|", r.values())).toList();
        List<String> actual = rows.collectAsList().stream().map(r -> {
            List<String> cells = new ArrayList<>();
            for (int f = 0; f < r.size(); f++) {
                cells.add(String.valueOf(r.get(f)));
            }
            return String.join("|", cells);
        }).toList();
        assertEquals(expected, actual);
    }

    private static List<CSVRecord> parse(String text) {
        try {
            return CSVFormat.DEFAULT.builder().setHeader().get().parse(new StringReader(text)).getRecords();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void shouldRejectBadInputOnTheDriverWithTheLocalCommandsMessage(List<String> args) {
        Runs.Run local = Runs.local(folder, args.toArray(new String[0]));
        int jobs = JOBS.get();
        Path out = out();
        Runs.Run job = Runs.spark(spark, out, args.toArray(new String[0]));
        assertEquals(2, local.code(), local.err());
        assertEquals(2, job.code(), job.err());
        assertTrue(local.err().startsWith("rfsweep: "), local.err());
        assertEquals(local.err().lines().toList(), job.err().lines().toList());
        assertEquals(jobs, JOBS.get(), "no Spark job started");
        assertFalse(Files.exists(out));
    }

    static Stream<Arguments> badInputs() throws IOException {
        Path broken = Files.writeString(Files.createTempFile("broken", ".json"),
            TestSpaces.json("{'input': '8x8x3', 'body': {'depth': 1, 'layer': {'op': 'conv', 'k': 0, 'c': 4}}}"));
        return Stream.of(
            List.of("no-such-space.json"),
            List.of(broken.toString()),
            List.of(small(), "--where", "rf >"),
            List.of(small(), "--flops", "gflops"),
            List.of(small(), "--enumerate", "--samples", "10"),
            List.of(small(), "--samples", "0"),
            List.of(small(), "--range", "10:999999999"),
            List.of(small(), "--range", "5:2"),
            List.of(small(), "--range", "1:2", "--shard", "1/2"),
            List.of(small(), "--shard", "3/2"),
            List.of(BENCH16, "--enumerate")).map(Arguments::of);
    }

    private static String small() throws IOException {
        Path file = Files.createTempFile("small", ".json");
        Files.writeString(file, TestSpaces.SMALL);
        return file.toString();
    }

    @Test
    void shouldRefuseAnOutputFolderThatExists() throws IOException {
        Path out = Files.createDirectories(out());
        Runs.Run job = Runs.spark(spark, out, small, "--samples", "10");
        assertEquals(2, job.code());
        assertEquals("rfsweep: --out " + out + ": already exists (the job writes a new folder)\n", job.err());
    }

    @Test
    void shouldRefuseAParetoFileInAFolderThatDoesNotExistBeforeAnyJob() {
        int jobs = JOBS.get();
        Path front = folder.resolve("missing").resolve("front.csv");
        Runs.Run job = Runs.spark(spark, out(), small, "--samples", "10", "--pareto", front.toString());
        assertEquals(2, job.code());
        assertEquals("rfsweep: --pareto " + front + ": the folder " + front.getParent() + " does not exist\n",
            job.err());
        assertEquals(jobs, JOBS.get());
    }

    private static String[] withSpace(String space, List<String> options) {
        List<String> all = new ArrayList<>(List.of(space));
        all.addAll(options);
        return all.toArray(new String[0]);
    }

    private static String[] with(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }
}
