package org.rfsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rfsweep.space.TestSpaces;
import org.rfsweep.sweep.SweepPlan;

class SweepArgsTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "s.json --out d --foo; Unknown option: '--foo'",
        "s.json; Missing required option: '--out=DIR'",
        "--out d; Missing required parameter: 'SPACE.json'",
        "s.json --out d --top 0; --top=0 must be 1 or more",
        "s.json --out d --partitions 0; --partitions=0 must be 1 or more",
        "s.json --out d --format xml; --format xml is not a format (expected csv, parquet or none)",
        "s.json --out d --samples many; Invalid value for option '--samples': 'many' is not a long number",
        "s.json --out d --seed; Missing required parameter for option '--seed'",
        "s.json t.json --out d; Unmatched argument at index 1: 't.json'",
    })
    void shouldRejectBadUsageInOneLine(String args, String message) {
        UsageException e = assertThrows(UsageException.class, () -> SweepArgs.parse(args.split(" "), 0));
        assertEquals(message, e.getMessage());
    }

    @Test
    void shouldTakeValuesAfterAnEqualsSignOrAsTheNextArgument() {
        SweepArgs a = SweepArgs.parse(new String[] {"s.json", "--out=d", "--samples=5", "--seed", "9", "--where",
            "rf >= input", "--where=macs <= 1G", "--flops=seed", "--flops", "2macs", "--partitions=3", "--format",
            "parquet", "--top=4", "--minimize", "params", "--pareto=f.csv", "--ignore-1x1"}, 0);
        assertEquals("s.json", a.spaceFile);
        assertEquals("d", a.out);
        assertEquals(5L, a.samples);
        assertEquals(9L, a.seed);
        assertEquals(List.of("rf >= input", "macs <= 1G"), a.where);
        assertEquals(List.of("seed", "2macs"), a.flops);
        assertEquals(3, a.partitions);
        assertEquals(OutputFormat.PARQUET, a.format);
        assertEquals(4, a.top);
        assertEquals("params", a.minimize);
        assertEquals("f.csv", a.pareto);
        assertEquals(true, a.ignore1x1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--top 3 --minimize gflops; 'gflops' is not an objective (expected macs, params, flops_seed,"
            + " flops_seed_madd or flops_2macs)",
        "--top 3 --minimize flops_seed_madd --flops seed; --minimize flops_seed_madd ranks by a column that is"
            + " not written: add --flops seed-madd",
        "--minimize params; --minimize params needs --top K or --pareto FILE",
        "--format none; --format none writes no rows: add --top K or --pareto FILE",
    })
    void shouldRejectAggregatesThatCannotBeComputed(String options, String message) throws IOException {
        Path space = Files.writeString(folder.resolve("s.json"), TestSpaces.SMALL);
        String[] args = (space + " --out d " + options).split(" ");
        UsageException e = assertThrows(UsageException.class,
            () -> JobCheck.check(SweepArgs.parse(args, 0), new PrintStream(new ByteArrayOutputStream())));
        assertEquals(message, e.getMessage());
    }

    @Test
    void shouldSampleAMillionWhenASpaceIsTooLargeToEnumerateAsTheLocalCommandDoes() {
        Path bench16 = Path.of("..", "data", "spaces", "bench16.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SweepJob job = JobCheck.check(SweepArgs.parse(new String[] {bench16.toString(), "--out", "d"}, 0),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(SweepPlan.Mode.SAMPLE, job.mode);
        assertEquals(0, job.from);
        assertEquals(1_000_000, job.to);
        assertEquals("rfsweep: " + bench16 + " has more than 100,000,000 candidates; sampling 1,000,000 (use"
            + " --enumerate or --samples N to choose)\n", err.toString(StandardCharsets.UTF_8));
    }
}
