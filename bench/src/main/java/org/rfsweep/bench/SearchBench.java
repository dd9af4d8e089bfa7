package org.rfsweep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rfsweep.search.Search;
import org.rfsweep.search.SearchOptions;
import org.rfsweep.search.SearchResult;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.constraint.ConstraintSet;

/**
 * The exact search of {@code rfsweep search} on the benchmark spaces, solved to proven
 * optimality: the 10 cheapest nets by MACs with {@code rf >= input} and no unproductive layer
 * (the spaces' own constraints). The score is ms per whole search (graph, bounds, probe, exact
 * label search, and decoding and evaluating the 10 results).
 *
 * <ul>
 *   <li>{@code exact}: {@link Search#run} with {@code threads} workers;</li>
 *   <li>{@code sampling} (baseline): the fallback, 10,000 seeded samples plus local search on
 *       one thread, which proves nothing and finds worse nets.</li>
 * </ul>
 * {@code space} is {@code bench-anynet} (5 stages x 1-4 layers, ~1.5e31 candidates) or
 * {@code bench-free} (12 free layers, ~2.8e26); the file is read from {@code data/spaces/} of
 * the working directory or a parent.
 * <pre>
 *   java -jar bench/target/benchmarks.jar SearchBench -prof gc
 *   java -jar bench/target/benchmarks.jar SearchBench.exact -p space=bench-anynet -p threads=1,2
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class SearchBench {
    @Param({"bench-anynet", "bench-free"})
    String space;

    @Param({"1", "2"})
    int threads;

    CompiledSpace compiled;
    SearchOptions exact;
    SearchOptions sampling;

    @Setup(Level.Trial)
    public void setUp() {
        compiled = CompiledSpace.compile(SpaceLoader.load(find(space + ".json")));
        ConstraintSet c = ConstraintSet.of(compiled.space(), List.of());
        exact = SearchOptions.builder(c).top(10).threads(threads).method(SearchOptions.Method.EXACT).build();
        sampling = SearchOptions.builder(c).top(10).threads(1).samples(10_000).method(SearchOptions.Method.SAMPLE)
            .build();
        SearchResult r = Search.run(compiled, exact);
        if (!r.proven() || r.top().size() != 10) {
            throw new IllegalStateException(space + ": not solved: " + r.top().size() + " results");
        }
    }

    static Path find(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path p = dir.resolve("data").resolve("spaces").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("data/spaces/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    @Benchmark
    public long exact() {
        return Search.run(compiled, exact).top().get(0).cost();
    }

    @Benchmark
    public long sampling() {
        SearchResult r = Search.run(compiled, sampling);
        return r.top().isEmpty() ? -1 : r.top().get(0).cost();
    }
}
