package org.rfsweep.cli.sweep;

import java.math.BigInteger;
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.report.SummaryText;
import org.rfsweep.sweep.SweepResult;

/**
 * The words of a sweep's progress and summary lines, for the command's classes: those of
 * {@link SummaryText}, which the Spark job shares, with the summary of a {@link SweepResult}.
 * Stateless.
 */
public final class SweepText {
    private SweepText() {
    }

    /** {@code 1234567} as {@code 1,234,567}. */
    public static String count(long n) {
        return SummaryText.count(n);
    }

    /** An exact count, with separators. */
    public static String count(BigInteger n) {
        return SummaryText.count(n);
    }

    /** {@code 8123456.7} as {@code 8.12M}. */
    public static String si(double v) {
        return SummaryText.si(v);
    }

    /** Seconds as {@code 0.52 s} below a minute, else {@code h:mm:ss}. */
    public static String duration(double seconds) {
        return SummaryText.duration(seconds);
    }

    /**
     * The summary line: {@code evaluated 2,985,984 in 0.61 s (4.89M/s): kept 29,010, filtered
     * 2,800,000, invalid 156,974 (output_too_small 156,974)}.
     */
    public static String summary(SweepResult r) {
        long[] invalid = new long[ErrorCode.COUNT];
        for (int code = 0; code < invalid.length; code++) {
            invalid[code] = r.invalid(code);
        }
        return SummaryText.summary(r.evaluated(), r.kept(), invalid, r.nanos());
    }
}
