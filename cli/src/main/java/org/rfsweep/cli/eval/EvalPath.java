package org.rfsweep.cli.eval;

import java.util.Locale;
import org.rfsweep.cli.UserError;
import org.rfsweep.core.lanes.Lanes;

/**
 * Which evaluator {@code eval} runs, chunk by chunk: the SIMD lanes ({@code BatchEvaluator}'s batch
 * path) or the scalar evaluator. Both write the same bytes. The lanes cost about a second of JIT
 * compilation (CPU) before they run at speed, and save about 0.2 us per 16-layer row after that
 * (docs/SPEED.md: {@code eval}), so by default ({@value #PROPERTY}{@code =auto}) they take over
 * only once the input is expected to reach {@link #BREAK_EVEN} rows: the rows read so far, plus,
 * for a regular file, the rest estimated from its size and the bytes read. On standard input the
 * lanes take over after {@link #BREAK_EVEN} rows, when the compilation has cost at most what the
 * rows already evaluated would have repaid. {@code true} takes the lanes from the first row,
 * {@code false} never; either way only where the JVM runs them ({@link Lanes#vectorised()}).
 * Not thread-safe: the command's thread asks it once per chunk.
 */
final class EvalPath {
    static final String PROPERTY = "rfsweep.eval.lanes";
    /** Rows from which the lanes pay for their compilation on this machine (docs/SPEED.md). */
    static final long BREAK_EVEN = 8_000_000;

    private final String mode;
    private final boolean vectorised;
    private final long breakEven;
    /** The first row evaluated on the lanes, or -1. */
    private long firstLaneRow = -1;
    private long rows;

    private EvalPath(String mode, boolean vectorised, long breakEven) {
        this.mode = mode;
        this.vectorised = vectorised;
        this.breakEven = breakEven;
    }

    /** The path of this JVM and {@value #PROPERTY} ({@code auto}, {@code true} or {@code false}). */
    static EvalPath fromSystem() {
        final String mode = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("true") && !mode.equals("false")) {
            throw new UserError("-D" + PROPERTY + "=" + mode + " must be auto, true or false");
        }
        return new EvalPath(mode, Lanes.vectorised(), BREAK_EVEN);
    }

    /** For tests: {@code mode} on a JVM that runs the lanes or not, with its own break-even. */
    static EvalPath of(String mode, boolean vectorised, long breakEven) {
        return new EvalPath(mode, vectorised, breakEven);
    }

    /**
     * True when the next chunk of {@code chunkRows} rows takes the lanes, given {@code bytesRead}
     * bytes of an input of {@code size} bytes read so far ({@code size} -1 when unknown: standard
     * input, a pipe). Counts the chunk's rows.
     */
    boolean lanes(int chunkRows, long bytesRead, long size) {
        final long before = rows;
        rows += chunkRows;
        if (firstLaneRow >= 0) {
            return true;
        }
        boolean take = false;
        if (vectorised && mode.equals("true")) {
            take = true;
        } else if (vectorised && mode.equals("auto")) {
            take = expected(bytesRead, size) >= breakEven;
        }
        if (take) {
            firstLaneRow = before;
        }
        return take;
    }

    /** The rows the input is expected to hold: those read so far, and the rest of a file by its size. */
    private long expected(long bytesRead, long size) {
        if (size <= bytesRead || bytesRead <= 0) {
            return rows;
        }
        return (long) (rows * ((double) size / bytesRead));
    }

    /**
     * For the summary: {@code "vector (...)"}, {@code "scalar (why)"}, or both with the row where
     * the lanes took over.
     */
    String describe() {
        if (!vectorised) {
            return Lanes.describe();
        }
        if (firstLaneRow == 0) {
            return Lanes.describe();
        }
        if (firstLaneRow > 0) {
            return "scalar, then " + Lanes.describe() + " from row "
                + String.format(Locale.ROOT, "%,d", firstLaneRow + 1);
        }
        if (mode.equals("false")) {
            return "scalar (-D" + PROPERTY + "=false)";
        }
        return "scalar (" + String.format(Locale.ROOT, "%,d", rows) + (rows == 1 ? " row" : " rows")
            + ", below the lanes' break-even of " + String.format(Locale.ROOT, "%,d", breakEven) + ")";
    }
}
