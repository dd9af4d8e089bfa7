package org.rfsweep.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rfsweep.output.IoReason;
import org.rfsweep.output.OutputLockedException;
import org.rfsweep.report.DType;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Space;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.sweep.IndexSpan;
import org.rfsweep.cli.sweep.ProgressMeter;
import org.rfsweep.sweep.SweepEngine;
import org.rfsweep.sweep.SweepListener;
import org.rfsweep.sweep.SweepOutput;
import org.rfsweep.sweep.SweepPlan;
import org.rfsweep.sweep.SweepResult;
import org.rfsweep.cli.sweep.SweepText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rfsweep sweep SPACE.json}: evaluates the candidates of a design space (all of them, a
 * range, a shard, or seeded samples), keeps those that pass the constraints, and writes them as
 * CSV in index order. See {@link SweepEngine} for the pipeline and {@link SweepOutput} for how
 * the file is made final, kept on Ctrl-C, and resumed.
 */
@Command(name = "sweep",
    description = {
        "Sweeps a design space (see data/spaces/README.md) and writes one CSV row per candidate that passes the"
            + " constraints of the space and of --where: index, arch, input, out_h, out_w, out_c, rf_h, rf_w,"
            + " rf_min_h, rf_min_w, stride_h, stride_w, pad_h, pad_w, params, macs, the --flops columns,"
            + " activations, weight_bytes, act_bytes, peak_act_bytes (docs/MEMORY.md) and unproductive. Rows are in"
            + " index order and the bytes do not depend on --threads.",
        "",
        "Without --enumerate or --samples, a space of at most 100,000,000 candidates is enumerated, a larger one"
            + " sampled (--samples 1000000). The space's size and a summary go to stderr; Ctrl-C keeps the rows"
            + " finished so far and prints the command that resumes.",
    },
    footer = {
        "",
        "Examples:",
        "  rfsweep sweep data/spaces/default.json",
        "  rfsweep sweep data/spaces/mobilenet.json --samples 100000 --seed 7 \\",
        "      --where 'rf >= input' --out m.csv",
        "  rfsweep sweep data/spaces/vgg.json --where 'macs <= 2G' --out - | head",
        "  rfsweep sweep data/spaces/vgg.json --shard 2/8 --out part2.csv",
        "",
        "Exit code 130: interrupted (Ctrl-C); the finished rows are kept and the summary says how to resume.",
    })
public final class SweepCommand implements Callable<Integer> {
    /** Largest space enumerated when neither --enumerate nor --samples is given. */
    static final long AUTO_ENUMERATE = 100_000_000L;
    /** Samples drawn when a space is too large to enumerate by default. */
    static final long AUTO_SAMPLES = 1_000_000L;
    /** Exit code of a sweep stopped by Ctrl-C (as a shell reports SIGINT). */
    static final int INTERRUPTED = 130;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPACE.json", description = "The design space.")
    private Path spaceFile;

    @Option(names = "--enumerate", description = "Sweep candidates in index order (the mixed-radix enumeration).")
    private boolean enumerate;

    @Option(names = "--samples", paramLabel = "N",
        description = "Sweep N seeded random samples instead (sample i depends only on the seed and i).")
    private Long samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of --samples (default: 0).")
    private long seed;

    @Option(names = "--range", paramLabel = "A:B",
        description = "Only indices A (inclusive) to B (exclusive); A or B may be left out. Resumes a sweep.")
    private String range;

    @Option(names = "--shard", paramLabel = "I/N",
        description = "Only the I-th of N equal parts (1-based); the N files concatenate in order to the whole sweep.")
    private String shard;

    @Option(names = "--where", paramLabel = "EXPR",
        description = "A constraint, repeatable, like 'rf >= input', 'rf_h >= 0.5*input_h', 'macs <= 300M',"
            + " 'params < 2M', '7 <= out_h <= 14', 'out_c <= 512', 'unproductive == 0'.")
    private List<String> where = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE|-",
        description = "Where the CSV goes; - for standard output (default: NAME.sweep.csv in the current folder,"
            + " NAME being the space file's name). The file appears when the sweep ends (or is interrupted).")
    private String out;

    @Option(names = "--columns", paramLabel = "LIST", split = ",",
        description = "Write only these columns, in this order, like index,rf_h,macs (the arch can be rebuilt from the"
            + " index); default: all.")
    private List<String> selectedColumns;

    @Option(names = "--append", description = "Add the rows to the end of FILE (to resume an interrupted sweep).")
    private boolean append;

    @Option(names = "--header", negatable = true,
        description = "Write the header line (default: only when the range starts at index 0 and --append adds to"
            + " no existing content, so that ranges and shards concatenate).")
    private Boolean header;

    @Option(names = "--progress", paramLabel = "STYLE", defaultValue = "auto",
        description = "auto (a bar on a terminal, else a line every 5 s), bar, lines or none.")
    private String progress;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private FlopsOption flops;

    @Mixin
    private Ignore1x1Option ignore;

    @Mixin
    private DTypeOption dtype;

    @Option(names = "--chunk", hidden = true, defaultValue = "4096", description = "Candidates per chunk.")
    private int chunk;

    @Option(names = "--cancel-after-chunks", hidden = true,
        description = "Test hook: behave as if Ctrl-C came after this many chunks were written.")
    private Long cancelAfterChunks;

    @Override
    public Integer call() {
        MetricColumns columns = new MetricColumns(flops.selection(), dtype.dtype());
        int threadCount = threads.count();
        ProgressMeter.Style style = progressStyle();
        if (chunk < 1) {
            throw new UserError("--chunk=" + chunk + " must be 1 or more");
        }
        CompiledSpace compiled;
        ConstraintSet constraints;
        try {
            Space space = SpaceLoader.load(spaceFile);
            compiled = CompiledSpace.compile(space);
            constraints = ConstraintSet.of(space, where, dtype.dtype());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        SweepPlan.Builder plan = SweepPlan.builder(compiled).columns(columns).constraints(constraints)
            .threads(threadCount).chunk(chunk).ignore1x1(ignore.ignore1x1()).select(selectedColumns);
        try {
            plan.build();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        String what = mode(compiled, plan, err);
        BigInteger total = plan.build().mode() == SweepPlan.Mode.SAMPLE ? BigInteger.valueOf(plan.build().to())
            : compiled.size();
        IndexSpan part = part(total, what);
        try {
            plan.range(part.from(), part.to());
        } catch (IllegalArgumentException e) {
            throw new UserError((range != null ? "--range " + range : "--shard " + shard) + ": " + e.getMessage());
        }

        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.set(true);
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rfsweep-sweep-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (SweepOutput output = open()) {
            for (String name : output.removedStale()) {
                err.print("rfsweep: removed " + name + ", left by an earlier run that was killed\n");
            }
            try {
                output.checkAppend(plan.build().columnNames(), part.from());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            boolean writeHeader = header != null ? header : part.from().signum() == 0 && !output.appendsToContent();
            SweepPlan p = plan.header(writeHeader).build();
            err.print("rfsweep: " + spaceFile + ": " + SweepText.count(compiled.size()) + " candidates"
                + (compiled.size().bitLength() > 63 ? " (" + compiled.size().bitLength() + " bits)" : "") + "; "
                + what + " " + p.index(p.from()) + ".." + p.index(p.to() - 1) + " on " + threadCount
                + (threadCount == 1 ? " thread" : " threads") + "; constraints: " + constraints + "; evaluation: "
                + SweepEngine.path(p) + "\n");
            err.flush();
            SweepResult result = runWithProgress(p, output, err, style, cancel);
            Path file;
            try {
                file = output.commit();
            } catch (SweepOutput.ClosedStreamException e) {
                return closedOutput(err);
            }
            return summarize(result, p, file, err);
        } catch (IOException e) {
            throw new UserError("writing " + (out != null ? out : defaultOut()) + ": " + IoReason.of(e));
        } finally {
            // Ctrl-C: the hook waits for this, so the finished rows are in place before the JVM exits.
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook is running and is now released.
            }
        }
    }

    /** Prints the summary (and how to resume); returns the exit code. */
    private int summarize(SweepResult result, SweepPlan plan, Path file, PrintWriter err) {
        Throwable failure = result.failure();
        if (failure instanceof SweepOutput.ClosedStreamException) {
            return closedOutput(err);
        }
        if (failure instanceof IOException && IoReason.brokenPipe((IOException) failure)) {
            return ErrorHandlers.OK;
        }
        err.print("rfsweep: " + SweepText.summary(result) + "\n");
        err.print("rfsweep: wrote " + SweepText.count(result.kept()) + " rows to "
            + (file == null ? "standard output" : file.toString()) + "\n");
        if (!result.complete()) {
            String why = failure instanceof IOException
                ? "writing " + (file == null ? "standard output" : file) + ": " + IoReason.of((IOException) failure)
                : failure != null ? "stopped by an error: " + oneLine(failure) : "interrupted";
            String done = result.next() == plan.from() ? "no index is done"
                : "indices " + plan.index(plan.from()) + ".." + plan.index(result.next() - 1) + " are done";
            err.print("rfsweep: " + why + "; " + done + "; resume with: " + ShellWords.program() + " sweep "
                + resumeArgs(result, plan, file) + "\n");
        }
        if (failure != null && !(failure instanceof IOException) && System.getenv("RFSWEEP_DEBUG") != null) {
            failure.printStackTrace(err);
        }
        err.flush();
        if (failure instanceof IOException) {
            return ErrorHandlers.BAD_INPUT;
        }
        if (failure != null) {
            return ErrorHandlers.INTERNAL;
        }
        return result.complete() ? ErrorHandlers.OK : INTERRUPTED;
    }

    /**
     * Standard output failed: quietly 0 when its reader has gone (the way to stop a stream, as
     * {@code | head} does), else one line and exit code 2.
     */
    private int closedOutput(PrintWriter err) {
        IOException cause = StandardOutput.failureOf(spec.commandLine().getOut());
        if (cause != null && IoReason.brokenPipe(cause)) {
            return ErrorHandlers.OK;
        }
        err.print("rfsweep: writing standard output: " + (cause != null ? IoReason.of(cause)
            : "closed pipe or full disk") + "\n");
        err.flush();
        return ErrorHandlers.BAD_INPUT;
    }

    /** Sets the plan's mode; returns the verb for messages. */
    private String mode(CompiledSpace compiled, SweepPlan.Builder plan, PrintWriter err) {
        if (enumerate && samples != null) {
            throw new UserError("--enumerate and --samples exclude each other: choose one");
        }
        if (samples != null) {
            if (samples < 1) {
                throw new UserError("--samples=" + samples + " must be 1 or more");
            }
            plan.samples(samples, seed);
            return "sampling (seed " + seed + ")";
        }
        BigInteger size = compiled.size();
        if (enumerate || range != null || shard != null || size.compareTo(BigInteger.valueOf(AUTO_ENUMERATE)) <= 0) {
            if (size.bitLength() > 63 && range == null && shard == null) {
                throw new UserError(spaceFile + " has " + SweepText.count(size) + " candidates, more than 2^63-1:"
                    + " enumerate a part with --range A:B, or sample with --samples N");
            }
            plan.enumerate();
            return "enumerating";
        }
        err.print("rfsweep: " + spaceFile + " has more than " + SweepText.count(AUTO_ENUMERATE)
            + " candidates; sampling " + SweepText.count(AUTO_SAMPLES)
            + " (use --enumerate or --samples N to choose)\n");
        plan.samples(AUTO_SAMPLES, seed);
        return "sampling (seed " + seed + ")";
    }

    private IndexSpan part(BigInteger total, String what) {
        if (range != null && shard != null) {
            throw new UserError("--range and --shard exclude each other: choose one");
        }
        String unit = what.startsWith("sampling") ? "samples" : "candidates of the space";
        try {
            if (range != null) {
                return IndexSpan.parseRange(range, total, unit);
            }
            if (shard != null) {
                return IndexSpan.parseShard(shard, total);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        return new IndexSpan(BigInteger.ZERO, total);
    }

    private SweepOutput open() {
        if ("-".equals(out)) {
            if (append) {
                throw new UserError("--append needs --out FILE, not standard output");
            }
            return SweepOutput.writer(spec.commandLine().getOut());
        }
        Path file = out != null ? Path.of(out) : defaultOut();
        try {
            return SweepOutput.file(file, append);
        } catch (IOException e) {
            String reason = e instanceof OutputLockedException || e.getClass() == IOException.class ? e.getMessage()
                : IoReason.of(e);
            throw new UserError("--out " + ShellWords.quote(file.toString()) + ": " + reason);
        }
    }

    private Path defaultOut() {
        String name = spaceFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Path.of((dot > 0 ? name.substring(0, dot) : name) + ".sweep.csv");
    }

    private SweepResult runWithProgress(SweepPlan plan, SweepOutput output, PrintWriter err, ProgressMeter.Style style,
                                        AtomicBoolean cancel) {
        ProgressMeter meter = new ProgressMeter(err, style);
        SweepListener listener = totals -> {
            meter.written(totals);
            if (cancelAfterChunks != null && totals.chunks() >= cancelAfterChunks) {
                cancel.set(true);
            }
        };
        try {
            return SweepEngine.run(plan, output, cancel, listener);
        } finally {
            meter.finish();
        }
    }

    private String resumeArgs(SweepResult result, SweepPlan plan, Path file) {
        StringBuilder sb = new StringBuilder().append(ShellWords.quote(spaceFile.toString()));
        if (plan.mode() == SweepPlan.Mode.SAMPLE) {
            sb.append(" --samples ").append(samples != null ? samples : AUTO_SAMPLES).append(" --seed ").append(seed);
        } else if (enumerate) {
            sb.append(" --enumerate");
        }
        sb.append(" --range ").append(plan.index(result.next())).append(':').append(plan.index(plan.to()));
        for (String w : where) {
            sb.append(" --where ").append(ShellWords.quote(w));
        }
        for (String f : plan.columns().names().subList(MetricColumns.SPEC.size(), plan.columns().size())) {
            if (f.startsWith("flops_")) {
                sb.append(" --flops ").append(f.substring("flops_".length()).replace('_', '-'));
            }
        }
        if (dtype.dtype() != DType.FP32) {
            sb.append(" --dtype ").append(dtype.dtype());
        }
        if (ignore.ignore1x1()) {
            sb.append(" --ignore-1x1");
        }
        if (selectedColumns != null) {
            sb.append(" --columns ").append(String.join(",", selectedColumns));
        }
        if (file != null) {
            sb.append(" --out ").append(ShellWords.quote(file.toString())).append(" --append");
        } else {
            sb.append(" --out -");
        }
        return sb.toString();
    }

    private ProgressMeter.Style progressStyle() {
        switch (progress) {
            case "auto":
                return ProgressMeter.auto(interactive());
            case "bar":
                return ProgressMeter.Style.BAR;
            case "lines":
                return ProgressMeter.Style.LINES;
            case "none":
                return ProgressMeter.Style.NONE;
            default:
                throw new UserError("--progress=" + progress + " is not a style (expected auto, bar, lines or none)");
        }
    }

    /**
     * True on an interactive terminal; on Java 22+ System.console() exists when redirected too, so ask
     * isTerminal().
     */
    private static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() != null ? t.getMessage() : t.toString();
        return m.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
