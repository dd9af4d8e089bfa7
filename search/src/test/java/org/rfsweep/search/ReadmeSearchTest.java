package org.rfsweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.report.Cells;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Readmes;

/**
 * The search's numbers in the top README: the example run on the default space (its ranks,
 * counters and pruning counts) and the table of the benchmark spaces (candidates, states, moves,
 * nodes), recomputed with the same options: top 10 by MACs under each space's own constraints.
 * Timings are not checked.
 */
class ReadmeSearchTest {
    private static SearchResult top10(CompiledSpace space, int threads) {
        ConstraintSet c = ConstraintSet.of(space.space(), List.of());
        return Search.run(space, SearchOptions.builder(c).top(10).threads(threads).build());
    }

    @Test
    void shouldPrintTheExampleRunOfTheTopReadme() {
        CompiledSpace space = Readmes.bundled("default.json");
        SearchResult r = top10(space, 2);
        String head = Readmes.line(Readmes.TOP, "rfsweep: search data/spaces/default.json:");
        assertEquals("rfsweep: search data/spaces/default.json: minimize macs, top 10; constraints: "
            + ConstraintSet.of(space.space(), List.of()), head);
        assertEquals("rfsweep: space: " + Readmes.size(space.size()) + " candidates, 1 input",
            Readmes.line(Readmes.TOP, "rfsweep: space:"));
        SearchStats s = r.stats();
        assertEquals(String.format("rfsweep: search: exact, %d states, %d moves, 2 threads; nodes: %d expanded,"
            + " %d generated; probe: %d expanded", s.states(), s.moves(), s.expanded(), s.generated(),
            r.probe().expanded()), Readmes.line(Readmes.TOP, "rfsweep: search: exact,"));
        StringBuilder pruned = new StringBuilder("rfsweep: pruned:");
        for (String rule : SearchStats.rules()) {
            pruned.append(pruned.length() > 16 ? ", " : " ").append(rule).append(' ').append(s.pruned(rule));
        }
        assertEquals(pruned.toString(), Readmes.line(Readmes.TOP, "rfsweep: pruned:"));
        assertTrue(r.proven());
        assertTrue(Readmes.line(Readmes.TOP, "rfsweep: result:")
            .startsWith("rfsweep: result: proven optimal: the " + r.top().size() + " cheapest by macs, in "));
        List<String> table = Readmes.linesAfter(Readmes.TOP, "rank        macs  params   rf", 4);
        assertTrue(table.get(0).startsWith("----"), table.get(0));
        for (int rank = 1; rank <= 3; rank++) {
            assertRank(table.get(rank), rank, r.top().get(rank - 1));
        }
    }

    /** The README's row {@code rank}: macs, params, rf, out, stride, and the arch up to where it is cut. */
    private static void assertRank(String row, int rank, Solution solution) {
        Matcher m = Pattern.compile("(\\d+) +([\\d,]+) +([\\d,]+) +(\\S+) +(\\S+) +(\\S+) +(.*?) ?\\.\\.\\.$")
            .matcher(row);
        assertTrue(m.matches(), row);
        Metrics x = solution.metrics();
        assertEquals(List.of(String.valueOf(rank), Cells.count(x.macs[0]), Cells.count(x.params[0]),
            Cells.axes(x.rfH[0], x.rfW[0]), Cells.shape(x.outH[0], x.outW[0], x.outC[0]),
            Cells.axes(x.strideH[0], x.strideW[0])), List.of(m.group(1), m.group(2), m.group(3), m.group(4),
            m.group(5), m.group(6)), row);
        assertTrue(solution.arch().startsWith(m.group(7)), row + " vs " + solution.arch());
    }

    @Test
    void shouldSearchTheBundledSpacesAsTheSpeedTableSays() {
        List<Map<String, String>> rows = Readmes.table(Readmes.TOP, "**The search**");
        assertEquals(3, rows.size());
        for (Map<String, String> row : rows) {
            String file = Readmes.code(row.get("space"));
            CompiledSpace space = Readmes.bundled(file);
            SearchResult r = top10(space, 1);
            assertTrue(r.proven(), file);
            assertEquals(10, r.top().size(), file);
            SearchStats s = r.stats();
            assertEquals(Readmes.size(space.size()), row.get("candidates"), file);
            assertEquals(String.format(Locale.ROOT, "%,d / %,d", s.states(), s.moves()), row.get("states / moves"),
                file);
            assertEquals(String.format(Locale.ROOT, "%,d (+%,d)", s.expanded(), r.probe().expanded()),
                row.get("nodes expanded (+probe)"), file);
        }
    }

    @Test
    void shouldNeedTheNodesTheTopReadmeGivesWithoutTheBoundsAndTheIncumbent() {
        List<String> said = Readmes.find(Readmes.TOP, "Without the RF-aware bound and the incumbent, `bench-anynet`"
            + " needs ([\\d,]+) nodes instead of ([\\d,]+)");
        CompiledSpace space = Readmes.bundled("bench-anynet.json");
        ConstraintSet c = ConstraintSet.of(space.space(), List.of());
        SearchResult plain = Search.run(space, SearchOptions.builder(c).top(10).probe(false).maxTableCells(0)
            .build());
        assertTrue(plain.proven());
        assertEquals(Readmes.integer(said.get(0)), plain.stats().expanded());
        assertEquals(Readmes.integer(said.get(1)), top10(space, 1).stats().expanded());
    }
}
