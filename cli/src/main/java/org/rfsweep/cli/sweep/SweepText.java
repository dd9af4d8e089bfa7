package org.rfsweep.cli.sweep;

import java.math.BigInteger;
import java.util.Locale;
import org.rfsweep.core.eval.ErrorCode;
import org.rfsweep.sweep.SweepResult;

/**
 * The words of a sweep's progress and summary lines: counts with thousands separators
 * ({@code 1,234,567}), rates with SI suffixes ({@code 8.12M/s}), durations ({@code 1:02:03},
 * {@code 4.21 s}). Stateless.
 */
public final class SweepText {
    private SweepText() {
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
     * The summary line: {@code evaluated 2,985,984 in 0.61 s (4.89M/s): kept 29,010, filtered
     * 2,800,000, invalid 156,974 (output_too_small 156,974)}.
     */
    public static String summary(SweepResult r) {
        StringBuilder sb = new StringBuilder();
        double seconds = r.nanos() / 1e9;
        sb.append("evaluated ").append(count(r.evaluated())).append(" in ").append(duration(seconds))
            .append(" (").append(si(r.rate())).append(" candidates/s): kept ").append(count(r.kept()))
            .append(", filtered ").append(count(r.filtered())).append(", invalid ").append(count(r.invalidTotal()));
        if (r.invalidTotal() > 0) {
            sb.append(" (");
            boolean first = true;
            for (int code = 1; code < ErrorCode.COUNT; code++) {
                if (r.invalid(code) > 0) {
                    sb.append(first ? "" : ", ").append(ErrorCode.name(code)).append(' ')
                        .append(count(r.invalid(code)));
                    first = false;
                }
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
