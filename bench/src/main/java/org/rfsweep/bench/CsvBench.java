package org.rfsweep.bench;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rfsweep.bench.space.BenchSpaces;
import org.rfsweep.bench.workload.Workload;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;
import org.rfsweep.report.CsvRowWriter;
import org.rfsweep.report.FlopsSelection;
import org.rfsweep.report.MetricColumns;
import org.rfsweep.space.Decoder;

/**
 * Formatting one CSV row of a sweep, for 16-layer reference stacks that were evaluated in
 * setup: the candidate index, the canonical {@code arch} ({@link ArchFormatter#append} into a
 * reused builder, quoted by Commons CSV), the input and the SPEC section 10 columns, through the
 * sweep's {@link CsvRowWriter} and {@link MetricColumns} into a writer that discards the text.
 * The score is ns per row; {@code 1e9 / score} is rows per second (issue 3 asks for 1M/s).
 *
 * <ul>
 *   <li>{@code row}: the full row as above;</li>
 *   <li>{@code arch}: only {@link ArchFormatter#append} into the reused builder (part of {@code row});</li>
 *   <li>{@code archFromTexts}: the alternative to {@code arch} that the sweep has, {@link Decoder#appendArch}
 *       (precomputed text per choice), for a 16-position candidate of {@link BenchSpaces#reference()};</li>
 *   <li>{@code quote}: only {@link CsvRowWriter#text} of the pre-formatted arch (part of {@code row});</li>
 *   <li>{@code numbers}: only the index and the metric columns (part of {@code row});</li>
 *   <li>{@code copy} (baseline): the finished text of the same row, formatted in setup, appended
 *       to a buffer that is drained to the same discarding writer in blocks of the same size, as
 *       {@link CsvRowWriter} does: the cost of moving the characters, with no formatting.</li>
 * </ul>
 * <pre>
 *   java -jar bench/target/benchmarks.jar CsvBench -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
@State(Scope.Thread)
public class CsvBench extends ReferenceStacks {
    static final int STACKS = 1024;
    static final int LAYERS = 16;
    static final String INPUT = "224x224x3";
    /** The block size of {@link CsvRowWriter}. */
    static final int BLOCK = 1 << 16;

    Metrics metrics;
    MetricColumns columns;
    CsvRowWriter row;
    StringBuilder arch;
    String[] texts;
    String[] archTexts;
    StringBuilder buffer;
    char[] block;
    Writer sink;
    int next;
    Decoder decoder;

    @Override
    protected int stacks() {
        return STACKS;
    }

    @Override
    protected int layers() {
        return LAYERS;
    }

    @Override
    protected void prepare() throws IOException {
        Workload w = workload;
        metrics = new Metrics(STACKS);
        StackEvaluator evaluator = new StackEvaluator();
        for (int s = 0; s < STACKS; s++) {
            evaluator.evaluate(records, s * stride, LAYERS, w.inH, w.inW, w.inC, metrics, s);
        }
        columns = new MetricColumns(FlopsSelection.MACS_ONLY);
        sink = Writer.nullWriter();
        row = new CsvRowWriter(sink);
        buffer = new StringBuilder(BLOCK + 4096);
        block = new char[BLOCK + 4096];
        arch = new StringBuilder(1024);
        texts = new String[STACKS];
        archTexts = new String[STACKS];
        StringBuilder out = new StringBuilder();
        CsvRowWriter capture = new CsvRowWriter(new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                out.append(buf, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        for (int s = 0; s < STACKS; s++) {
            out.setLength(0);
            next = s;
            format(capture);
            capture.flush();
            texts[s] = out.toString();
            archTexts[s] = arch.toString();
        }
        next = 0;
        decoder = BenchSpaces.reference().decoder();
        decoder.sample(20260505L, 0);
    }

    private void format(CsvRowWriter w) throws IOException {
        int s = next;
        next = (s + 1) & (STACKS - 1);
        arch.setLength(0);
        ArchFormatter.append(arch, records, s * LAYERS * Layer.INTS, LAYERS);
        w.number(s).text(arch).text(INPUT);
        columns.append(w, metrics, s);
        w.endRow();
    }

    @Benchmark
    public CsvRowWriter row() throws IOException {
        format(row);
        return row;
    }

    @Benchmark
    public StringBuilder arch() {
        int s = next;
        next = (s + 1) & (STACKS - 1);
        arch.setLength(0);
        ArchFormatter.append(arch, records, s * LAYERS * Layer.INTS, LAYERS);
        return arch;
    }

    @Benchmark
    public StringBuilder archFromTexts() {
        arch.setLength(0);
        decoder.appendArch(arch);
        return arch;
    }

    @Benchmark
    public CsvRowWriter quote() throws IOException {
        int s = next;
        next = (s + 1) & (STACKS - 1);
        row.text(archTexts[s]);
        row.endRow();
        return row;
    }

    @Benchmark
    public CsvRowWriter numbers() throws IOException {
        int s = next;
        next = (s + 1) & (STACKS - 1);
        row.number(s);
        columns.append(row, metrics, s);
        row.endRow();
        return row;
    }

    @Benchmark
    public StringBuilder copy() throws IOException {
        int s = next;
        next = (s + 1) & (STACKS - 1);
        StringBuilder b = buffer;
        b.append(texts[s]);
        int n = b.length();
        if (n >= BLOCK) {
            b.getChars(0, n, block, 0);
            sink.write(block, 0, n);
            b.setLength(0);
        }
        return b;
    }
}
