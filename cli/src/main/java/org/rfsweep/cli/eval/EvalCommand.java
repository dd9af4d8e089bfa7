package org.rfsweep.cli.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.rfsweep.cli.DTypeOption;
import org.rfsweep.cli.FlopsOption;
import org.rfsweep.cli.Ignore1x1Option;
import org.rfsweep.cli.InputList;
import org.rfsweep.cli.OutputFailure;
import org.rfsweep.cli.OutputOption;
import org.rfsweep.cli.OutputTarget;
import org.rfsweep.cli.ThreadsOption;
import org.rfsweep.cli.UserError;
import org.rfsweep.cli.format.OutputFormat;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.output.IoReason;
import org.rfsweep.cli.interop.OnnxFiles;
import org.rfsweep.report.ByteRowWriter;
import org.rfsweep.report.Csv;
import org.rfsweep.report.MetricColumns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rfsweep eval FILE|-}: evaluates every row of a CSV of networks, in one process, in
 * parallel, in chunks of {@code --chunk-rows} rows (so memory stays bounded: two chunks are alive,
 * one being read while the other is processed), and writes the results in input order. See
 * {@link EvalChunk} for the steps of a chunk. Threads: the {@code --threads} workers and one reader.
 */
@Command(name = "eval",
    description = {
        "Evaluates a CSV of networks. The input needs a header line with the columns arch (an architecture string)"
            + " and input (HxWxC, or N for NxNx3); other columns are ignored. An ONNX file (MODEL.onnx) is read as"
            + " one row: the imported network at its graph's input.",
        "",
        "Writes CSV, one row per input row in the same order: arch and input as given, out_h, out_w, out_c, rf_h, rf_w,"
            + " rf_min_h, rf_min_w, stride_h, stride_w, pad_h, pad_w, params, macs, the --flops columns, activations,"
            + " weight_bytes, act_bytes, peak_act_bytes (docs/MEMORY.md), unproductive (the number of unproductive"
            + " layers) and error; or the same as JSON Lines (--format json). A bad row (syntax, input shape, or a"
            + " network that cannot be evaluated) gets a one-line message in error and empty metrics; the other rows"
            + " are still evaluated.",
    },
    footer = {
        "",
        "Examples:",
        "  rfsweep eval data/examples/nets.csv --out results.csv --flops seed",
        "  printf 'arch,input\\n\"conv(k=3,c=8) relu\",32\\n' | rfsweep eval -",
        "  rfsweep eval data/examples/nets.csv --input 128:512:128 --format json",
    })
public final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE|-", description = "Input CSV, - for standard input, or an ONNX model.")
    private String file;

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

    /** Most rows per chunk. */
    static final int MAX_CHUNK_ROWS = 1 << 13;
    /** Heap bytes allowed per row of a chunk: several times what a row of 30 layers needs. */
    static final long HEAP_PER_ROW = 16 << 10;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
        description = "csv, or json (JSON Lines: one object per row, keyed by the csv column names)."
            + " Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Option(names = "--input", paramLabel = "LIST",
        description = "Evaluate every row on each of these inputs instead of its input column: a shape (224x224x3),"
            + " a list (224,256x320) or a square range (32:512:32); one output row per row and input, in that order.")
    private String input;

    @Spec
    private CommandSpec spec;

    /** Rows passed to the output so far (read by the interrupt hook). */
    private final AtomicLong written = new AtomicLong();
    /** True once the output is complete. */
    private volatile boolean done;

    @Option(names = "--chunk-rows", hidden = true, description = "Rows per chunk (default: up to 65536, by heap size).")
    private Integer chunkRows;

    @Override
    public Integer call() {
        MetricColumns columns = new MetricColumns(flops.selection(), dtype.dtype());
        format.require("eval", OutputFormat.csv, OutputFormat.json);
        List<String> inputs = null;
        if (input != null) {
            inputs = new ArrayList<>();
            for (InputShape shape : InputList.parse(input, 3)) {
                inputs.add(shape.toString());
            }
        }
        threads.count(); // validates --threads before any file is opened
        EvalPath path = EvalPath.fromSystem();
        int rows = chunkRows != null ? chunkRows : defaultChunkRows(Runtime.getRuntime().maxMemory());
        if (rows < 1) {
            throw new UserError("--chunk-rows=" + rows + " must be 1 or more");
        }
        Thread hook = new Thread(this::interrupted, "rfsweep-eval-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EvalInput in = OnnxFiles.isOnnx(file) ? EvalInput.open("-", OnnxFiles.evalCsv(file), inputs)
            : EvalInput.open(file, System.in, inputs); OutputTarget target = output.open()) {
            ForkJoinPool pool = threads.newPool();
            try {
                write(in, target, columns, pool, rows, path);
            } finally {
                pool.shutdownNow();
            }
            target.commit();
            done = true;
            long n = written.get();
            PrintWriter err = spec.commandLine().getErr();
            err.print("rfsweep: " + (file.equals("-") ? "standard input" : file) + ": "
                + String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "row" : "rows") + "; evaluation: " + path.describe()
                + "\n");
            err.flush();
        } catch (OutputFailure e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("writing the output: " + IoReason.of(e));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down (Ctrl-C): the hook reports.
            }
        }
        return 0;
    }

    /** Ctrl-C (or SIGTERM) before the end: says what was written, as the sweep does. */
    private void interrupted() {
        if (done) {
            return;
        }
        PrintWriter err = spec.commandLine().getErr();
        long n = written.get();
        String rows = String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "row" : "rows");
        err.print(output.file() == null
            ? "rfsweep: interrupted; " + rows + " were written to standard output\n"
            : "rfsweep: interrupted after " + rows + "; " + output.file() + " was not written (it appears only when"
                + " complete); run the command again\n");
        err.flush();
    }

    /**
     * Reads chunk {@code k + 1} on a reader thread while the pool parses, evaluates and formats
     * chunk {@code k}; chunks are written in input order.
     */
    private void write(EvalInput in, OutputTarget target, MetricColumns columns, ForkJoinPool pool, int chunkRows,
                       EvalPath path) throws IOException {
        List<String> names = new ArrayList<>(List.of("arch", "input"));
        names.addAll(columns.names());
        names.add("unproductive");
        names.add("error");
        List<String> jsonNames = format == OutputFormat.json ? names : null;
        Sink sink = sink(target);
        ByteRowWriter header = new ByteRowWriter(Csv.WRITE.builder().get());
        if (jsonNames == null) {
            header.header(names);
        }
        EvalChunk[] chunks = {new EvalChunk(chunkRows), new EvalChunk(chunkRows)};
        ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rfsweep-eval-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Integer> pending = reader.submit(() -> in.fill(chunks[0]));
            int rows = await(pending);
            // the header once the first chunk is read, so that a bad input leaves standard output empty
            sink.write(header.bytes(), header.length());
            for (int k = 0; rows > 0; k ^= 1, rows = await(pending)) {
                EvalChunk chunk = chunks[k];
                EvalChunk next = chunks[k ^ 1];
                boolean lanes = path.lanes(rows, in.bytesRead(), in.size());
                pending = reader.submit(() -> in.fill(next));
                chunk.process(pool, ignore.ignore1x1(), columns, jsonNames, lanes);
                chunk.write(sink);
                written.addAndGet(chunk.size);
            }
        } finally {
            reader.shutdownNow();
        }
        sink.flush();
    }

    /** Where the formatted bytes go: the output file's byte stream, or standard output's writer. */
    interface Sink {
        void write(byte[] bytes, int length) throws IOException;

        void flush() throws IOException;
    }

    private Sink sink(OutputTarget target) {
        if (output.file() != null) {
            OutputStream stream = target.stream();
            return new Sink() {
                @Override
                public void write(byte[] bytes, int length) throws IOException {
                    stream.write(bytes, 0, length);
                }

                @Override
                public void flush() throws IOException {
                    stream.flush();
                }
            };
        }
        Writer writer = target.writer();
        return new Sink() {
            @Override
            public void write(byte[] bytes, int length) throws IOException {
                writer.write(new String(bytes, 0, length, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
            }
        };
    }

    /** {@link #MAX_CHUNK_ROWS}, or fewer when the heap is small, so that two chunks fit with room to spare. */
    static int defaultChunkRows(long maxHeap) {
        return (int) Math.max(1024, Math.min(MAX_CHUNK_ROWS, maxHeap / HEAP_PER_ROW));
    }

    /** The reader's result; its {@link UserError} (a malformed file, say) is rethrown as is. */
    private static int await(Future<Integer> pending) {
        try {
            return pending.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }
}
