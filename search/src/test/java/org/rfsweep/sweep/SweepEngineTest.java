package org.rfsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Decoder;
import org.rfsweep.space.TestSpaces;
import org.rfsweep.constraint.ConstraintSet;

class SweepEngineTest {
    private static final CompiledSpace SMALL = TestSpaces.compile(TestSpaces.SMALL);
    private static final MetricColumns ALL_FLOPS =
        new MetricColumns(FlopsSelection.parse(List.of("seed,seed-madd,2macs")));

    /** Output and totals of one run. */
    record Run(String csv, SweepResult result) {
    }

    static Run run(SweepPlan plan, SweepListener listener, AtomicBoolean cancel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SweepResult result = SweepEngine.run(plan, (bytes, length) -> out.write(bytes, 0, length), cancel, listener);
        return new Run(out.toString(StandardCharsets.US_ASCII), result);
    }

    static Run run(SweepPlan plan) {
        return run(plan, SweepListener.NONE, new AtomicBoolean());
    }

    private static SweepPlan.Builder plan(SweepPlan.Mode mode) {
        SweepPlan.Builder b = SweepPlan.builder(SMALL).columns(ALL_FLOPS);
        return mode == SweepPlan.Mode.ENUMERATE ? b.enumerate() : b.samples(12_000, 77);
    }

    @ParameterizedTest
    @EnumSource(SweepPlan.Mode.class)
    void shouldWriteTheSameBytesWhateverTheThreadsAndChunks(SweepPlan.Mode mode) {
        String one = run(plan(mode).threads(1).build()).csv();
        assertTrue(one.lines().count() > 1000, "rows: " + one.lines().count());
        for (int threads : new int[] {2, 4}) {
            for (int chunk : new int[] {4096, 1000, 37}) {
                assertEquals(one, run(plan(mode).threads(threads).chunk(chunk).build()).csv(),
                    "threads=" + threads + " chunk=" + chunk);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SweepPlan.Mode.class)
    void shouldResumeAnInterruptedSweepIntoTheSameFile(SweepPlan.Mode mode) {
        String whole = run(plan(mode).threads(2).chunk(500).build()).csv();
        AtomicBoolean cancel = new AtomicBoolean();
        Run first = run(plan(mode).threads(2).chunk(500).build(), totals -> {
            if (totals.chunks() == 3) {
                cancel.set(true);
            }
        }, cancel);
        SweepResult r = first.result();
        assertTrue(r.cancelled());
        assertNull(r.failure());
        assertEquals(0, r.next() % 500, "a whole number of chunks: " + r.next());
        assertTrue(r.next() >= 1500 && r.next() < r.to(), "next " + r.next());
        Run rest = run(plan(mode).threads(2).chunk(500).range(r.next(), r.to()).header(false).build());
        assertTrue(rest.result().complete());
        assertEquals(whole, first.csv() + rest.csv());
    }

    @ParameterizedTest
    @EnumSource(SweepPlan.Mode.class)
    void shouldConcatenateShardsIntoTheWholeSweep(SweepPlan.Mode mode) {
        SweepPlan all = plan(mode).threads(2).build();
        String whole = run(all).csv();
        for (int n : new int[] {1, 3, 7}) {
            StringBuilder cat = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                IndexRange shard = IndexRange.parseShard(i + "/" + n, all.to());
                cat.append(run(plan(mode).threads(2).range(shard.from(), shard.to()).header(shard.from() == 0).build())
                    .csv());
            }
            assertEquals(whole, cat.toString(), n + " shards");
        }
    }

    @Test
    void shouldAgreeWithTheEvaluatorOnTheParsedArchOfEveryRow() throws IOException {
        Run run = run(plan(SweepPlan.Mode.ENUMERATE).threads(2).build());
        List<CSVRecord> rows = parse(run.csv());
        assertEquals(List.of("index", "arch", "input", "out_h", "out_w", "out_c", "rf_h", "rf_w", "rf_min_h",
            "rf_min_w", "stride_h", "stride_w", "pad_h", "pad_w", "params", "macs", "flops_seed", "flops_seed_madd",
            "flops_2macs", "activations", "weight_bytes", "act_bytes", "peak_act_bytes", "unproductive"),
            rows.get(0).toList());
        StackEvaluator evaluator = new StackEvaluator();
        Metrics m = new Metrics(1);
        Decoder dec = SMALL.decoder();
        for (CSVRecord row : rows.subList(1, rows.size())) {
            Network net = ArchParser.parse(row.get("arch"));
            InputShape in = InputShape.parse(row.get("input"));
            assertTrue(evaluator.evaluate(net.records(), 0, net.count(), in.h, in.w, in.c, m, 0), row.toString());
            List<String> expected = new ArrayList<>(List.of(row.get("index"), net.toString(), in.toString()));
            for (long v : new long[] {m.outH[0], m.outW[0], m.outC[0], m.rfH[0], m.rfW[0], m.rfMinH[0], m.rfMinW[0],
                m.strideH[0], m.strideW[0], m.padH[0], m.padW[0], m.params[0], m.macs[0], m.flopsSeed(0),
                m.flopsSeedMadd(0), m.flops2Macs(0), m.acts[0], 4 * m.params[0], 4 * m.actElements[0],
                4 * m.peakElements[0], m.unproductive[0]}) {
                expected.add(Long.toString(v));
            }
            assertEquals(expected, row.toList());
            dec.decode(Long.parseLong(row.get("index")));
            assertEquals(net, Network.ofRecords(dec.records(), 0, dec.count()), "the index names the candidate");
        }
        assertEquals(run.result().kept(), rows.size() - 1);
    }

    @Test
    void shouldCountEveryCandidateAsKeptFilteredOrInvalidByCode() {
        ConstraintSet c = ConstraintSet.parse(List.of("rf >= 0.5*input", "macs <= 30K"), SMALL.space().inputs());
        SweepResult r = run(plan(SweepPlan.Mode.ENUMERATE).constraints(c).threads(2).build()).result();
        long[] invalid = new long[ErrorCode.COUNT];
        long kept = 0;
        Decoder dec = SMALL.decoder();
        StackEvaluator evaluator = new StackEvaluator();
        Metrics m = new Metrics(1);
        for (long i = 0; i < SMALL.size().longValueExact(); i++) {
            dec.decode(i);
            if (!evaluator.evaluate(dec.records(), 0, dec.count(), dec.inputH(), dec.inputW(), dec.inputC(), m, 0)) {
                invalid[m.error[0]]++;
            } else if (m.rfH[0] * 2 >= dec.inputH() && m.rfW[0] * 2 >= dec.inputW() && m.macs[0] <= 30_000) {
                kept++;
            }
        }
        assertTrue(invalid[ErrorCode.OUTPUT_TOO_SMALL] > 0 && kept > 0, "the space must have both");
        assertEquals(SMALL.size().longValueExact(), r.evaluated());
        assertEquals(kept, r.kept());
        for (int code = 0; code < ErrorCode.COUNT; code++) {
            assertEquals(invalid[code], r.invalid(code), ErrorCode.name(code));
        }
        assertEquals(r.evaluated() - kept - r.invalidTotal(), r.filtered());
    }

    @Test
    void shouldKeepExactlyTheRowsABruteForceFilterKeeps() throws IOException {
        List<CSVRecord> all = parse(run(plan(SweepPlan.Mode.SAMPLE).threads(2).build()).csv());
        List<String> header = all.get(0).toList();
        String[][] cases = {
            {"rf_h >= input_h"},
            {"rf >= 0.75*input", "unproductive == 0"},
            {"rf_w >= 20", "rf_h < 30"},
            {"macs <= 25K", "params >= 150"},
            {"1 <= out_h <= 1", "out_c == 6", "params <= 0.3K"},
            {"flops_seed_madd > 40K", "stride == 2"},
        };
        List<Predicate<CSVRecord>> checks = List.of(
            row -> v(row, "rf_h") >= shape(row).h,
            row -> 4 * v(row, "rf_h") >= 3L * shape(row).h && 4 * v(row, "rf_w") >= 3L * shape(row).w
                && v(row, "unproductive") == 0,
            row -> v(row, "rf_w") >= 20 && v(row, "rf_h") < 30,
            row -> v(row, "macs") <= 25_000 && v(row, "params") >= 150,
            row -> v(row, "out_h") == 1 && v(row, "out_c") == 6 && v(row, "params") <= 300,
            row -> v(row, "flops_seed_madd") > 40_000 && v(row, "stride_h") == 2 && v(row, "stride_w") == 2);
        for (int k = 0; k < cases.length; k++) {
            ConstraintSet c = ConstraintSet.parse(List.of(cases[k]), SMALL.space().inputs());
            List<CSVRecord> kept = parse(run(plan(SweepPlan.Mode.SAMPLE).constraints(c).threads(2).build()).csv());
            List<List<String>> expected = new ArrayList<>();
            expected.add(header);
            for (CSVRecord row : all.subList(1, all.size())) {
                if (checks.get(k).test(row)) {
                    expected.add(row.toList());
                }
            }
            List<List<String>> got = new ArrayList<>();
            for (CSVRecord row : kept) {
                got.add(row.toList());
            }
            assertTrue(expected.size() > 1 && expected.size() < all.size(), String.join(" and ", cases[k])
                + " must keep some rows and drop some: " + expected.size());
            assertEquals(expected, got, String.join(" and ", cases[k]));
        }
    }

    @Test
    void shouldKeepTheFinishedPrefixWhenTheSinkFails() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IOException full = new IOException("No space left on device");
        int[] writes = {0};
        SweepPlan p = plan(SweepPlan.Mode.ENUMERATE).threads(2).chunk(1000).build();
        SweepResult r = SweepEngine.run(p, (bytes, length) -> {
            if (++writes[0] == 4) {
                throw full;
            }
            out.write(bytes, 0, length);
        }, new AtomicBoolean(), SweepListener.NONE);
        assertSame(full, r.failure());
        assertEquals(2000, r.next());
        String whole = run(plan(SweepPlan.Mode.ENUMERATE).threads(1).build()).csv();
        String prefix = run(plan(SweepPlan.Mode.ENUMERATE).range(0, 2000).build()).csv();
        assertEquals(prefix, out.toString(StandardCharsets.US_ASCII));
        assertTrue(whole.startsWith(prefix));
    }

    @Test
    void shouldWriteOnlyTheHeaderForAnEmptyRange() {
        Run r = run(plan(SweepPlan.Mode.ENUMERATE).range(5, 5).build());
        assertEquals("index,arch,input,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,"
            + "params,macs,flops_seed,flops_seed_madd,flops_2macs,activations,weight_bytes,act_bytes,peak_act_bytes,"
            + "unproductive\n", r.csv());
        assertTrue(r.result().complete());
    }

    /** The header as record 0, then the rows; rows can be read by column name. */
    static List<CSVRecord> parse(String csv) throws IOException {
        List<CSVRecord> records = new ArrayList<>();
        records.add(CSVFormat.DEFAULT.parse(new StringReader(csv.substring(0, csv.indexOf('\n') + 1))).getRecords()
            .get(0));
        records.addAll(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(new StringReader(csv)).getRecords());
        return records;
    }

    private static long v(CSVRecord row, String column) {
        return Long.parseLong(row.get(column));
    }

    private static InputShape shape(CSVRecord row) {
        return InputShape.parse(row.get("input"));
    }
}
