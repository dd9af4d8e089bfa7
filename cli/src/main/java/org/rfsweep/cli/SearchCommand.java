package org.rfsweep.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rfsweep.cli.format.JsonRows;
import org.rfsweep.cli.format.OutputFormat;
import org.rfsweep.search.Objective;
import org.rfsweep.search.Search;
import org.rfsweep.search.SearchOptions;
import org.rfsweep.search.SearchResult;
import org.rfsweep.cli.search.SearchSummary;
import org.rfsweep.cli.search.SolutionWriter;
import org.rfsweep.cli.search.TargetSyntax;
import org.rfsweep.search.UnsupportedSpaceException;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Space;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.constraint.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rfsweep search SPACE.json}: the provably cheapest candidates of a design space that
 * meet a receptive-field target and the other constraints (see {@link Search}).
 */
@Command(name = "search",
    description = {
        "Finds the cheapest networks of a design space whose receptive field meets a target, within budgets, and"
            + " proves that nothing cheaper exists (an exact search over layer prefixes with dominance and bounds)."
            + " Constraints come from the space file, the options below and --where; without an RF target the"
            + " target is to cover the input (rf >= input).",
        "",
        "Prints the --top K best (table, or CSV with --format csv), ranked by the objective, ties by candidate index"
            + " (the index of 'rfsweep sweep'). With --pareto FILE it also writes the Pareto front over receptive field"
            + " and objective (every constraint but the RF target applies; meets_rf marks the rows that meet it)."
            + " A summary goes to stderr: the space's size, the states, moves and nodes of the search, the nodes"
            + " pruned by each rule, the time, and 'proven optimal' or 'best found'.",
    },
    footer = {
        "",
        "Examples:",
        "  rfsweep search data/spaces/default.json",
        "  rfsweep search data/spaces/bench-anynet.json --rf 224 --max-macs 600M --top 5 --pareto front.csv",
        "  rfsweep plot front.csv --out front.png",
    })
public final class SearchCommand implements Callable<Integer> {
    /** Search methods. */
    enum Method {
        auto, exact, sample
    }

    /** Memory the search may need per requested net (labels on every level, the decoded net, its row). */
    static final long BYTES_PER_TOP = 128 << 10;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPACE.json", description = "The design space.")
    private Path spaceFile;

    @Option(names = "--rf", paramLabel = "TARGET",
        description = "RF target per axis: N, input, F*input (like 0.5*input), HxW of those (200x180), or none."
            + " Default: input, unless the space or --where bounds the RF from below.")
    private String rf;

    @Option(names = "--max-macs", paramLabel = "N", description = "MAC budget, like 600M (K, M, G, T suffixes).")
    private String maxMacs;

    @Option(names = "--max-params", paramLabel = "N", description = "Parameter budget, like 5M.")
    private String maxParams;

    @Option(names = "--no-unproductive", description = "Forbid unproductive layers (same as --where 'unproductive == 0').")
    private boolean noUnproductive;

    @Option(names = "--where", paramLabel = "EXPR",
        description = "A constraint, repeatable, in the language of 'rfsweep sweep --where': 'out >= 7',"
            + " 'out_c <= 512', 'stride == 32', 'rf_h >= 0.5*input_h', 'flops_seed <= 1G', ...")
    private List<String> where = new ArrayList<>();

    @Option(names = "--minimize", paramLabel = "NAME", defaultValue = "macs",
        description = "The objective: " + Objective.NAMES + ". Default: ${DEFAULT-VALUE}.")
    private String minimize;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10",
        description = "How many best to print. Default: 10. Refused when K nets would not fit in the heap"
            + " (about 128 KB each during the search).")
    private int top;

    @Option(names = "--pareto", paramLabel = "FILE", description = "Also write the Pareto front as CSV to FILE.")
    private Path pareto;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "table, csv, json (an array of objects with the csv column names) or markdown (a pipe table)."
            + " Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Option(names = "--time-limit", paramLabel = "DURATION",
        description = "Stop the exact search after this long (like 60s, 5m) and finish with a narrow beam: the"
            + " result is then the best found, not proven.")
    private String timeLimit;

    @Option(names = "--max-nodes", paramLabel = "N",
        description = "Stop the exact search after N expanded nodes (like 10M; 1 or more) and finish with a narrow"
            + " beam: the result is then the best found, not proven.")
    private String maxNodes;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "auto",
        description = "auto (exact when the space allows it, else sampling and local search), exact, or sample."
            + " Default: ${DEFAULT-VALUE}.")
    private Method method;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the sampling fallback.")
    private long seed;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "100K",
        description = "Samples of the sampling fallback, and its local-search budget. Default: ${DEFAULT-VALUE}.")
    private String samples;

    @Mixin
    private OutputOption output;

    @Mixin
    private FlopsOption flops;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private Ignore1x1Option ignore;

    @Mixin
    private DTypeOption dtype;

    @Override
    public Integer call() throws IOException {
        int threadCount = threads.count();
        SolutionWriter writer;
        Objective objective;
        SearchOptions options;
        CompiledSpace compiled;
        boolean defaultTarget;
        try {
            objective = Objective.parse(minimize);
            writer = new SolutionWriter(flops.selection(), objective, dtype.dtype());
            if (top < 1) {
                throw new UserError("--top=" + top + " must be 1 or more");
            }
            checkTopFits(top, Runtime.getRuntime().maxMemory());
            Space space = SpaceLoader.load(spaceFile);
            compiled = CompiledSpace.compile(space);
            List<String> all = new ArrayList<>();
            if (rf != null) {
                all.addAll(TargetSyntax.rf(rf));
            }
            if (maxMacs != null) {
                all.add("macs <= " + TargetSyntax.count("--max-macs", maxMacs));
            }
            if (maxParams != null) {
                all.add("params <= " + TargetSyntax.count("--max-params", maxParams));
            }
            if (noUnproductive) {
                all.add("unproductive == 0");
            }
            all.addAll(where);
            ConstraintSet c = ConstraintSet.of(space, all, dtype.dtype());
            defaultTarget = rf == null && !boundsRf(c);
            if (defaultTarget) {
                all.add(0, "rf >= input");
                c = ConstraintSet.of(space, all, dtype.dtype());
            }
            SearchOptions.Builder b = SearchOptions.builder(c).objective(objective).top(top).pareto(pareto != null)
                .threads(threadCount).ignore1x1(ignore.ignore1x1()).seed(seed)
                .samples(TargetSyntax.count("--samples", samples))
                .method(SearchOptions.Method.valueOf(method.name().toUpperCase(Locale.ROOT)));
            if (timeLimit != null) {
                b.timeLimitNanos(TargetSyntax.nanos("--time-limit", timeLimit));
            }
            if (maxNodes != null) {
                long n = TargetSyntax.count("--max-nodes", maxNodes);
                if (n < 1) {
                    throw new UserError("--max-nodes=" + maxNodes + " must be 1 or more (leave it out for no limit)");
                }
                b.maxNodes(n);
            }
            options = b.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        try (OutputTarget target = output.open();
             OutputTarget front = pareto != null ? OutputTarget.file(pareto, "--pareto") : null) {
            err.print("rfsweep: search " + spaceFile + ": minimize " + objective.column + ", top " + top
                + "; constraints: " + options.constraints() + (defaultTarget ? " (rf >= input by default)" : "")
                + "\n");
            err.flush();
            SearchResult result;
            try {
                result = Search.run(compiled, options);
            } catch (UnsupportedSpaceException e) {
                throw new UserError("--method exact: the exact search cannot model " + spaceFile + ": "
                    + e.getMessage());
            }
            writeResults(writer, result, compiled.inputCount(), target, front);
            summarize(result, objective, threadCount, compiled.inputCount(), err);
        } catch (OutputFailure e) {
            throw new UserError(e.getMessage());
        }
        return 0;
    }

    /** Writes the top list and the front; publishes both or neither. */
    private void writeResults(SolutionWriter writer, SearchResult result, int inputs, OutputTarget target,
                              OutputTarget front) throws IOException {
        if (format == OutputFormat.csv) {
            writer.csv(result.top(), false, target.writer());
        } else if (format == OutputFormat.json) {
            writer.write(result.top(), false, JsonRows.array(target.writer()));
        } else {
            StringWriter table = new StringWriter();
            PrintWriter w = new PrintWriter(table);
            writer.table(result.top(), inputs, w, format == OutputFormat.markdown);
            w.flush();
            target.writer().write(table.toString());
        }
        if (front == null) {
            target.commit();
            return;
        }
        writer.csv(result.front(), true, front.writer());
        OutputTarget.commitAll(target, front);
    }

    private void summarize(SearchResult result, Objective objective, int threadCount, int inputs, PrintWriter err) {
        for (String line : SearchSummary.lines(result, objective, top, threadCount, inputs)) {
            err.print("rfsweep: " + line + "\n");
        }
        if (pareto != null) {
            err.print("rfsweep: wrote the Pareto front (" + result.front().size() + " nets over rf and "
                + objective.column + ") to " + pareto + "; plot it with: " + ShellWords.program() + " plot "
                + ShellWords.quote(pareto.toString())
                + (objective == Objective.MACS ? "" : " --cost " + objective.column) + " --out "
                + ShellWords.quote(pngName(pareto)) + "\n");
        }
        err.flush();
    }

    /** {@code front.csv} gives {@code front.png}, beside it. */
    static String pngName(Path csv) {
        String name = csv.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String png = (dot > 0 ? name.substring(0, dot) : name) + ".png";
        Path parent = csv.getParent();
        return parent == null ? png : parent.resolve(png).toString();
    }

    /**
     * Refuses a {@code --top} whose nets cannot all be kept in {@code heap} bytes: the search keeps
     * up to K labels per level and per state of every level (about {@link #BYTES_PER_TOP} per
     * requested net, measured on the benchmark spaces), so a larger K would end in "out of memory".
     */
    static void checkTopFits(long top, long heap) {
        long most = heap / BYTES_PER_TOP;
        if (top > most) {
            throw new UserError(String.format(Locale.ROOT, "--top=%d needs more memory than Java may use here"
                + " (%.1f GB): ask for at most %,d, or give Java more with RFSWEEP_JAVA_OPTS=-Xmx16g", top, heap / 1e9,
                most));
        }
    }

    private static boolean boundsRf(ConstraintSet c) {
        for (int x = 0; x < c.inputs(); x++) {
            if (c.lower(Metric.RF_H, x) > 0 || c.lower(Metric.RF_W, x) > 0) {
                return true;
            }
        }
        return false;
    }
}
