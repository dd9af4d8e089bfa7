package org.rfsweep.spark;

import java.util.Locale;
import org.rfsweep.core.eval.ErrorCode;

/**
 * The words of the job's summary, as {@code rfsweep sweep} prints its own: {@code evaluated
 * 2,985,984 in 0.61 s (4.89M candidates/s): kept 29,010, filtered 2,800,000, invalid 156,974
 * (output_too_small 156,974)}. Stateless.
 */
final class SummaryText {
    private SummaryText() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String si(double v) {
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

    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        long s = (long) seconds;
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** The summary line of {@code totals} over {@code nanos} of wall time. */
    static String summary(Totals totals, long nanos) {
        double seconds = nanos / 1e9;
        double rate = nanos == 0 ? 0 : totals.evaluated() * 1e9 / nanos;
        StringBuilder sb = new StringBuilder();
        sb.append("evaluated ").append(count(totals.evaluated())).append(" in ").append(duration(seconds))
            .append(" (").append(si(rate)).append(" candidates/s): kept ").append(count(totals.kept()))
            .append(", filtered ").append(count(totals.filtered())).append(", invalid ")
            .append(count(totals.invalidTotal()));
        if (totals.invalidTotal() > 0) {
            sb.append(" (");
            boolean first = true;
            for (int code = 1; code < ErrorCode.COUNT; code++) {
                if (totals.invalid(code) > 0) {
                    sb.append(first ? "" : ", ").append(ErrorCode.name(code)).append(' ')
                        .append(count(totals.invalid(code)));
                    first = false;
                }
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
