package org.rfsweep.report;

import java.math.BigInteger;
import java.util.Locale;
import org.rfsweep.core.eval.ErrorCode;

/**
 * The words of a sweep's summary and progress lines, shared by {@code rfsweep sweep} and the
 * Spark job: counts with thousands separators ({@code 1,234,567}), rates with SI suffixes
 * ({@code 8.12M}), durations ({@code 4.21 s}, {@code 1:02:03}), and the summary line. Stateless.
 */
public final class SummaryText {
    private SummaryText() {
    }

    /** {@code 1234567} as {@code 1,234,567}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An exact count, with separators. */
    public static String count(BigInteger n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 8123456.7} as {@code 8.12M}. */
    public static String si(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.2fK", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** Seconds as {@code 0.52 s} below a minute, else {@code h:mm:ss}. */
    public static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        long s = (long) seconds;
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /**
     * The summary line of a sweep that evaluated {@code evaluated} candidates in {@code nanos},
     * kept {@code kept} and found {@code invalidByCode[code]} invalid with each {@link ErrorCode}:
     * {@code evaluated 2,985,984 in 0.61 s (4.89M candidates/s): kept 29,010, filtered 2,800,000,
     * invalid 156,974 (output_too_small 156,974)}; filtered are the valid candidates a constraint
     * rejected.
     */
    public static String summary(long evaluated, long kept, long[] invalidByCode, long nanos) {
        long invalid = 0;
        for (long n : invalidByCode) {
            invalid += n;
        }
        double rate = nanos == 0 ? 0 : evaluated * 1e9 / nanos;
        StringBuilder sb = new StringBuilder();
        sb.append("evaluated ").append(count(evaluated)).append(" in ").append(duration(nanos / 1e9))
            .append(" (").append(si(rate)).append(" candidates/s): kept ").append(count(kept))
            .append(", filtered ").append(count(evaluated - kept - invalid))
            .append(", invalid ").append(count(invalid));
        if (invalid > 0) {
            sb.append(" (");
            boolean first = true;
            for (int code = 1; code < invalidByCode.length; code++) {
                if (invalidByCode[code] > 0) {
                    sb.append(first ? "" : ", ").append(ErrorCode.name(code)).append(' ')
                        .append(count(invalidByCode[code]));
                    first = false;
                }
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
