package org.rfsweep.cli.sweep;

import java.io.PrintWriter;
import java.util.Locale;
import org.rfsweep.sweep.SweepResult;
import org.rfsweep.sweep.SweepListener;

/**
 * Progress of a sweep on stderr. {@link Style#BAR} redraws one line in place (for a terminal)
 * at most every 200 ms; {@link Style#LINES} prints a line every 5 s (for logs); both show the
 * fraction done, candidates per second, the ETA and the rows kept.
 *
 * <pre>
 *   [##############..............]  51.2%  1.53M of 2.99M  4.87M/s  ETA 0.30 s  kept 14,860
 *   rfsweep:  51.2%  1.53M of 2.99M  4.87M/s  ETA 0.30 s  kept 14,860           (LINES)
 * </pre>
 *
 * Used from the sweep's writing thread only.
 */
public final class ProgressMeter implements SweepListener {
    /** How progress is shown. */
    public enum Style { BAR, LINES, NONE }

    private static final int WIDTH = 28;

    private final PrintWriter err;
    private final Style style;
    private final long intervalNanos;
    private long last;
    private int drawn;

    public ProgressMeter(PrintWriter err, Style style) {
        this.err = err;
        this.style = style;
        this.intervalNanos = style == Style.BAR ? 200_000_000L : 5_000_000_000L;
        this.last = System.nanoTime();
    }

    /** BAR when {@code interactive}, else LINES. */
    public static Style auto(boolean interactive) {
        return interactive ? Style.BAR : Style.LINES;
    }

    @Override
    public void written(SweepResult t) {
        if (style == Style.NONE) {
            return;
        }
        long now = System.nanoTime();
        if (now - last < intervalNanos) {
            return;
        }
        last = now;
        String text = line(t, style == Style.BAR);
        if (style == Style.BAR) {
            StringBuilder sb = new StringBuilder("\r").append(text);
            for (int i = text.length(); i < drawn; i++) {
                sb.append(' ');
            }
            drawn = text.length();
            err.print(sb);
        } else {
            err.print("rfsweep: " + text + "\n");
        }
        err.flush();
    }

    /** Clears the bar, if one is drawn. */
    public void finish() {
        if (style == Style.BAR && drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }

    static String line(SweepResult t, boolean bar) {
        long total = t.to() - t.from();
        long done = t.evaluated();
        double fraction = total == 0 ? 1 : (double) done / total;
        double rate = t.rate();
        String eta = rate > 0 ? SweepText.duration((total - done) / rate) : "?";
        StringBuilder sb = new StringBuilder();
        if (bar) {
            int filled = (int) Math.round(fraction * WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        }
        sb.append(String.format(Locale.ROOT, "%5.1f%%", fraction * 100)).append("  ")
            .append(SweepText.si(done)).append(" of ").append(SweepText.si(total)).append("  ")
            .append(SweepText.si(rate)).append("/s  ETA ").append(eta)
            .append("  kept ").append(SweepText.count(t.kept()));
        return sb.toString();
    }
}
