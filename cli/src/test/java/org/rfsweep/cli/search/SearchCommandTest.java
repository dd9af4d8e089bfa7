package org.rfsweep.cli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.search.Objective;
import org.rfsweep.search.Search;
import org.rfsweep.search.SearchOptions;
import org.rfsweep.search.SearchResult;
import org.rfsweep.search.Solution;
import org.rfsweep.cli.Cli;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.constraint.ConstraintSet;

/** {@code rfsweep search} end to end, in-process. */
class SearchCommandTest {
    private static final String SPACE = """
        // a small backbone
        {"input": "64x64x3", "stem": "conv(k=3,s=2,p=1,c=8,bias=0) bn relu",
         "body": {"stages": [
           {"depth": [1, 2], "stride": 2, "layer": {"op": ["conv", "sepconv"], "k": [3, 5], "c": [8, 16], "p": "keep"}},
           {"depth": [1, 2], "stride": 2, "layer": {"op": ["conv", "sepconv"], "k": [3, 5], "c": [16, 32], "p": "keep"}}]}}
        """;

    @TempDir
    Path dir;

    private Path space() throws IOException {
        Path p = dir.resolve("small.json");
        Files.writeString(p, SPACE);
        return p;
    }

    @Test
    void shouldPrintTheProvenCheapestNetsThatCoverTheInputByDefault() throws IOException {
        Path sp = space();
        Cli.Result r = Cli.run("search", sp.toString(), "--top", "3", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), r.out());
        assertEquals(List.of("rank", "macs", "params", "rf", "out", "stride", "arch"),
            List.of(lines.get(0).trim().split(" +")));
        assertTrue(lines.get(2).startsWith("   1  "), lines.get(2));
        List<String> err = r.err().lines().toList();
        assertEquals("rfsweep: search " + sp + ": minimize macs, top 3; constraints: rf >= input (rf >= input by"
            + " default)", err.get(0));
        assertEquals("rfsweep: space: 5,184 candidates, 1 input", err.get(1));
        assertTrue(err.get(2).startsWith("rfsweep: search: exact, "), err.get(2));
        assertTrue(err.get(3).startsWith("rfsweep: pruned: invalid 0, "), err.get(3));
        assertTrue(err.get(4).startsWith("rfsweep: result: proven optimal: the 3 cheapest by macs, in "), err.get(4));
    }

    @Test
    void shouldWriteTheSameNetsAsTheLibraryAsCsv() throws IOException {
        Path sp = space();
        Cli.Result r = Cli.run("search", sp.toString(), "--top", "4", "--format", "csv", "--rf", "0.5*input",
            "--max-params", "2K", "--minimize", "params", "--flops", "seed");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("rank,index,arch,input,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,"
            + "params,macs,flops_seed,activations,weight_bytes,act_bytes,peak_act_bytes,unproductive", lines.get(0));
        CompiledSpace cs = CompiledSpace.compile(SpaceLoader.load(sp));
        ConstraintSet c = ConstraintSet.of(cs.space(), List.of("rf_h >= 0.5*input_h", "rf_w >= 0.5*input_w",
            "params <= 2000"));
        SearchResult lib = Search.run(cs, SearchOptions.builder(c).objective(Objective.PARAMS).top(4).build());
        assertEquals(lib.top().size() + 1, lines.size());
        for (int i = 0; i < lib.top().size(); i++) {
            Solution s = lib.top().get(i);
            assertTrue(lines.get(i + 1).startsWith((i + 1) + "," + s.index() + ",\"" + s.arch() + "\",64x64x3,"),
                lines.get(i + 1));
        }
    }

    @Test
    void shouldWriteTheParetoFrontWithARankAndTheTargetMark() throws IOException {
        Path sp = space();
        Path front = dir.resolve("front.csv");
        Cli.Result r = Cli.run("search", sp.toString(), "--rf", "64", "--pareto", front.toString(), "--no-unproductive");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(front);
        assertEquals("rank,index,arch,input,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,"
            + "params,macs,activations,weight_bytes,act_bytes,peak_act_bytes,unproductive,meets_rf", lines.get(0));
        assertTrue(lines.size() > 3, lines.toString());
        long lastMacs = -1;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            assertEquals(Integer.toString(i), f[0]);
            long macs = Long.parseLong(f[16]);
            assertTrue(macs >= lastMacs, lines.get(i));
            lastMacs = macs;
            assertEquals(Long.parseLong(f[7]) >= 64 ? "1" : "0", f[22], lines.get(i));
        }
        assertTrue(r.err().contains("rfsweep: wrote the Pareto front (" + (lines.size() - 1) + " nets over rf and macs)"
            + " to " + front + "; plot it with: rfsweep plot " + front + " --out " + dir.resolve("front.png")), r.err());
    }

    @Test
    void shouldSayWhenNoCandidatePasses() throws IOException {
        Cli.Result r = Cli.run("search", space().toString(), "--rf", "1000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("rfsweep: result: proven optimal: no candidate passes the constraints, in "),
            r.err());
    }

    @Test
    void shouldSayNotProvenWhenStopped() throws IOException {
        Cli.Result r = Cli.run("search", space().toString(), "--max-nodes", "2", "--top", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("rfsweep: result: best found, NOT proven (stopped by --max-nodes): the 2 cheapest"
            + " by macs, in "), r.err());
    }

    @Test
    void shouldSayNotProvenWhenSampling() throws IOException {
        Cli.Result r = Cli.run("search", space().toString(), "--method", "sample", "--samples", "2K", "--top", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("rfsweep: search: sampling and local search (the exact search cannot model this"
            + " space: asked for (--method sample)), "), r.err());
        assertTrue(r.err().contains("rfsweep: result: best found, NOT proven (sampling): the 2 cheapest by macs, in "),
            r.err());
    }

    @Test
    void shouldRejectBadOptionsWithOneLine() throws IOException {
        String sp = space().toString();
        assertEquals(new Cli.Result(2, "", "rfsweep: --rf=abc: expected N, input, F*input, HxW of those, or none (like"
            + " 224, input, 0.5*input, 200x180)\n"), Cli.run("search", sp, "--rf", "abc"));
        assertEquals(new Cli.Result(2, "", "rfsweep: 'gflops' is not an objective (expected macs, params, flops_seed,"
            + " flops_seed_madd, flops_2macs, activations, act_bytes or peak_act_bytes)\n"),
            Cli.run("search", sp, "--minimize", "gflops"));
        assertEquals(new Cli.Result(2, "", "rfsweep: --max-macs=lots: expected a count like 600M (digits, an optional"
            + " fraction, then K, M, G or T for 10^3, 10^6, 10^9, 10^12)\n"), Cli.run("search", sp, "--max-macs", "lots"));
        assertEquals(new Cli.Result(2, "", "rfsweep: --top=0 must be 1 or more\n"), Cli.run("search", sp, "--top", "0"));
        assertEquals(new Cli.Result(2, "", "rfsweep: " + dir.resolve("nope.json") + ": no such file\n"),
            Cli.run("search", dir.resolve("nope.json").toString()));
        assertEquals(2, Cli.run("search", sp, "--where", "macs <=").code());
        assertEquals(new Cli.Result(2, "", "rfsweep: --pareto " + dir.resolve("no/front.csv") + ": the folder "
            + dir.resolve("no") + " does not exist\n"), Cli.run("search", sp, "--pareto",
            dir.resolve("no/front.csv").toString()));
    }

    @Test
    void shouldRefuseTheExactMethodOnASpaceItCannotModel() throws IOException {
        Path p = dir.resolve("global.json");
        Files.writeString(p, """
            {"input": "16x16x3", "stem": "conv(k=3,p=1,c=8)",
             "body": {"depth": [1, 3], "layer": [{"op": "conv", "k": [1, 3], "c": 8, "p": 1}, {"op": "gap"}]},
             "head": "res(conv(k=3,p=1,c=8))"}
            """);
        assertEquals(new Cli.Result(2, "", "rfsweep: --method exact: the exact search cannot model " + p + ": a branch"
            + " block follows a global layer on a 3x3 map\n").err(), Cli.run("search", p.toString(), "--method", "exact",
            "--rf", "none").err().lines().skip(1).map(l -> l + "\n").findFirst().orElse(""));
        Cli.Result auto = Cli.run("search", p.toString(), "--rf", "none", "--samples", "500");
        assertEquals(0, auto.code(), auto.err());
        assertTrue(auto.err().contains("NOT proven"), auto.err());
    }
}
