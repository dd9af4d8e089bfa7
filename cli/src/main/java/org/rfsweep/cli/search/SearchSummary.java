package org.rfsweep.cli.search;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rfsweep.report.Cells;
import org.rfsweep.search.SearchStats;
import org.rfsweep.search.SearchResult;
import org.rfsweep.search.Objective;

/**
 * The summary lines {@code rfsweep search} prints on stderr: the space, what was searched for,
 * the work done (states, moves, nodes expanded, nodes pruned by each rule), the wall time, and
 * whether the result is proven optimal or only the best found.
 *
 * <pre>
 *   space: 3,111,696 candidates, 1 input
 *   search: exact, 26 states, 107 moves, 2 threads; nodes: 54 expanded, 294 generated; probe: 202 expanded
 *   pruned: invalid 0, infeasible 0, unproductive 0, budget 36, rf 72, cost 123, dominated 0, beam 0
 *   result: proven optimal: the 10 cheapest by macs, in 0.033 s
 * </pre>
 */
public final class SearchSummary {
    private SearchSummary() {
    }

    /** A candidate count with thousands separators, and its order of magnitude when large. */
    public static String count(BigInteger n) {
        String digits = n.toString();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(digits.charAt(i));
        }
        if (digits.length() > 12) {
            BigDecimal d = new BigDecimal(n).round(new MathContext(2));
            sb.append(" (~").append(String.format(Locale.ROOT, "%.1fe%d", d.unscaledValue().doubleValue()
                / Math.pow(10, d.precision() - 1), digits.length() - 1)).append(')');
        }
        return sb.toString();
    }

    /** The summary lines of {@code r}, for {@code k} requested, minimising {@code objective}. */
    public static List<String> lines(SearchResult r, Objective objective, int k, int threads, int inputs) {
        List<String> out = new ArrayList<>();
        out.add("space: " + count(r.spaceSize()) + " candidates, " + inputs + (inputs == 1 ? " input" : " inputs"));
        SearchStats s = r.stats();
        String time = String.format(Locale.ROOT, "%.3f s", r.nanos() / 1e9);
        if (r.method().equals("exact")) {
            out.add("search: exact, " + Cells.count(s.states()) + " states, " + Cells.count(s.moves()) + " moves, "
                + threads + (threads == 1 ? " thread" : " threads") + "; nodes: " + Cells.count(s.expanded())
                + " expanded, " + Cells.count(s.generated()) + " generated; probe: " + Cells.count(r.probe().expanded())
                + " expanded");
            StringBuilder p = new StringBuilder("pruned:");
            for (String rule : SearchStats.rules()) {
                p.append(p.length() == "pruned:".length() ? " " : ", ").append(rule).append(' ')
                    .append(Cells.count(s.pruned(rule)));
            }
            out.add(p.toString());
        } else {
            out.add("search: sampling and local search (the exact search cannot model this space: "
                + r.fallbackReason() + "), " + Cells.count(r.evaluated()) + " candidates evaluated");
        }
        int n = r.top().size();
        String what = n == 0 && !r.proven() ? "no candidate found before it stopped"
            : n == 0 ? "no candidate passes the constraints"
            : n == 1 ? "the cheapest by " + objective.column
            : "the " + n + " cheapest by " + objective.column + (n < k ? " (all that pass)" : "");
        if (r.proven()) {
            out.add("result: proven optimal: " + what + ", in " + time);
        } else if ("memory".equals(r.stopReason())) {
            out.add("result: best found, NOT proven (stopped before running out of memory; give Java more with"
                + " RFSWEEP_JAVA_OPTS=-Xmx8g): " + what + ", in " + time);
        } else if (r.stopReason() != null) {
            out.add("result: best found, NOT proven (stopped by --" + r.stopReason() + "): " + what + ", in " + time);
        } else {
            out.add("result: best found, NOT proven (" + r.method() + "): " + what + ", in " + time);
        }
        return out;
    }
}
