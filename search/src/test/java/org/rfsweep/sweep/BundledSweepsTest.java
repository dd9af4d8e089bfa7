package org.rfsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.rfsweep.constraint.ConstraintSet;
import org.rfsweep.search.Search;
import org.rfsweep.search.SearchOptions;
import org.rfsweep.search.Solution;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.Readmes;

/**
 * The kept counts the READMEs and the spaces' comments give, computed by sweeping the bundled
 * spaces with their own constraints: exhaustively where the README gives a count, on 100,000
 * seeded samples (seed 0) where it says "about N% of samples". Each space is swept once.
 */
class BundledSweepsTest {
    private static final int SAMPLES = 100_000;
    private static final Map<String, Sweep> SWEEPS = new ConcurrentHashMap<>();

    /** What one sweep of a bundled space with its own constraints gives. */
    private record Sweep(CompiledSpace space, long evaluated, long kept, String csv) {
        /** Percent kept, to {@code decimals} places. */
        BigDecimal percent(int decimals) {
            return BigDecimal.valueOf(kept).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(evaluated), decimals, RoundingMode.HALF_UP);
        }
    }

    private static Sweep enumerated(String file) {
        return SWEEPS.computeIfAbsent(file, f -> sweep(f, false));
    }

    private static Sweep sampled(String file) {
        return SWEEPS.computeIfAbsent(file + " sampled", f -> sweep(file, true));
    }

    private static Sweep sweep(String file, boolean sampled) {
        CompiledSpace space = Readmes.bundled(file);
        SweepPlan.Builder plan = SweepPlan.builder(space).constraints(ConstraintSet.of(space.space(), List.of()))
            .threads(2);
        if (sampled) {
            plan.samples(SAMPLES, 0);
        }
        SweepEngineTest.Run run = SweepEngineTest.run(plan.build());
        assertTrue(run.result().complete(), file);
        return new Sweep(space, run.result().evaluated(), run.result().kept(), run.csv());
    }

    @Test
    void shouldKeepWhatTheSpacesReadmeTableSays() {
        Pattern count = Pattern.compile(": ([\\d,]+) \\(([\\d.]+)%\\)$");
        Pattern about = Pattern.compile(": about ([\\d.]+)% of samples$");
        int checked = 0;
        for (Map<String, String> row : Readmes.table(Readmes.SPACES, "## The bundled spaces")) {
            String file = Readmes.code(row.get("file"));
            String kept = row.get("kept by its constraints");
            Matcher exact = count.matcher(kept);
            Matcher sampled = about.matcher(kept);
            if (exact.find()) {
                Sweep s = enumerated(file);
                assertEquals(Readmes.integer(exact.group(1)), s.kept(), file + ": kept");
                assertEquals(new BigDecimal(exact.group(2)), s.percent(new BigDecimal(exact.group(2)).scale()),
                    file + ": percent kept");
                checked++;
            } else if (sampled.find()) {
                Sweep s = sampled(file);
                assertEquals(new BigDecimal(sampled.group(1)), s.percent(new BigDecimal(sampled.group(1)).scale()),
                    file + ": percent of samples kept");
                checked++;
            }
        }
        assertEquals(4, checked, "rows with a kept count");
    }

    @Test
    void shouldKeepWhatTheSpacesCommentsSay() {
        Pattern pattern = Pattern.compile("Kept \\((about )?([\\d.]+)%\\)");
        for (String file : List.of("default.json", "vgg.json", "dilated.json", "mobilenet.json")) {
            Matcher m = pattern.matcher(Readmes.leadingComment(file));
            assertTrue(m.find(), file + ": no 'Kept (N%)' in the comment");
            Sweep s = file.equals("mobilenet.json") ? sampled(file) : enumerated(file);
            BigDecimal stated = new BigDecimal(m.group(2));
            assertEquals(stated, s.percent(stated.scale()), file + ": " + m.group());
        }
    }

    @Test
    void shouldSweepTheDefaultSpaceAsTheTopReadmeSays() {
        Sweep s = enumerated("default.json");
        List<String> numbers = Readmes.find(Readmes.TOP,
            "enumerates the ([\\d,]+) candidates of a small mobile backbone .* and writes the ([\\d,]+) that cover");
        assertEquals(s.space().size(), BigInteger.valueOf(Readmes.integer(numbers.get(0))));
        assertEquals(s.kept(), Readmes.integer(numbers.get(1)));
    }

    /** "The exhaustive sweep of the same space (3.1M candidates), sorted by MACs, gives the same ten nets." */
    @Test
    void shouldGiveTheSearchsTenNetsWhenTheSweepIsSortedByMacs() {
        Sweep s = enumerated("default.json");
        List<String> sentence = Readmes.find(Readmes.TOP,
            "The exhaustive sweep of the same space \\(([\\d.]+)M candidates\\), sorted by MACs,"
                + " gives the same (\\w+) nets");
        assertEquals(new BigDecimal(sentence.get(0)), new BigDecimal(s.space().size()).movePointLeft(6)
            .setScale(1, RoundingMode.HALF_UP));
        assertEquals("ten", sentence.get(1));
        List<CSVRecord> rows = new ArrayList<>(csv(s.csv()));
        rows.sort(Comparator.comparingLong((CSVRecord r) -> Long.parseLong(r.get("macs")))
            .thenComparingLong(r -> Long.parseLong(r.get("index"))));
        List<String> swept = rows.subList(0, 10).stream().map(r -> r.get("index")).toList();
        ConstraintSet c = ConstraintSet.of(s.space().space(), List.of());
        List<Solution> top = Search.run(s.space(), SearchOptions.builder(c).top(10).threads(2).build()).top();
        assertEquals(swept, top.stream().map(t -> t.index().toString()).toList());
    }

    private static List<CSVRecord> csv(String text) {
        try {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
