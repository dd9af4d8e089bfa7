package org.rfsweep.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfsweep.constraint.ConstraintSet;

/**
 * Every bundled space loads and compiles, and has the size, the constraints and the counts per
 * position that {@code data/spaces/README.md} and the file's own leading comment give. Loading
 * and compiling is cheap (no candidate is evaluated), so this covers the benchmark spaces too.
 */
class DataSpacesTest {
    private static final String TABLE = "## The bundled spaces";

    static Stream<String> bundled() throws IOException {
        try (Stream<Path> files = Files.list(Readmes.SPACES_DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList()
                .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void shouldLoadEveryBundledSpaceWithSatisfiableConstraints(String file) {
        CompiledSpace compiled = Readmes.bundled(file);
        assertTrue(compiled.size().signum() > 0, file);
        ConstraintSet c = ConstraintSet.of(compiled.space(), List.of());
        for (int x = 0; x < compiled.inputCount(); x++) {
            assertFalse(c.unsatisfiable(x), file + " input " + x);
        }
    }

    @Test
    void shouldListEveryBundledSpaceInTheReadmeTable() throws IOException {
        List<String> listed = Readmes.table(Readmes.SPACES, TABLE).stream().map(r -> Readmes.code(r.get("file")))
            .sorted().toList();
        assertEquals(bundled().toList(), listed);
    }

    @Test
    void shouldHaveTheSizesAndConstraintsTheReadmeTableGives() {
        for (Map<String, String> row : Readmes.table(Readmes.SPACES, TABLE)) {
            String file = Readmes.code(row.get("file"));
            CompiledSpace compiled = Readmes.bundled(file);
            assertEquals(Readmes.size(compiled.size()), row.get("candidates"), file + ": candidates");
            String kept = row.get("kept by its constraints");
            List<String> listed = kept.equals("none") ? List.of() : Readmes.codeSpans(kept.split(": ")[0]);
            assertEquals(compiled.space().constraints(), listed, file + ": constraints");
        }
    }

    @Test
    void shouldHaveTheSizeTheTopReadmeGivesForTheMobileNetSpace() {
        assertEquals(Readmes.approx(Readmes.bundled("mobilenet.json").size()),
            Readmes.find(Readmes.TOP, "`mobilenet.json` \\(sepconv, ([\\d.e]+) candidates, sampled\\)").get(0));
    }

    /**
     * The comment's {@code B^E ~ X candidates} (B^E exact, X rounded), {@code N distinct layers
     * per position} (every position of every stage) and {@code S layer sequences per stage}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void shouldHaveTheCountsItsCommentGives(String file) {
        String comment = Readmes.leadingComment(file);
        CompiledSpace compiled = Readmes.bundled(file);
        Matcher power = Pattern.compile("([\\d,]+)\\^(\\d+) ~ ([\\d.e]+) candidates").matcher(comment);
        if (power.find()) {
            BigInteger exact = BigInteger.valueOf(Readmes.integer(power.group(1)))
                .pow(Integer.parseInt(power.group(2)));
            assertEquals(exact, compiled.size(), file + ": " + power.group());
            assertRounded(power.group(3), compiled.size(), file);
        }
        Matcher about = Pattern.compile("About ([\\d.e]+) candidates").matcher(comment);
        if (about.find()) {
            assertRounded(about.group(1), compiled.size(), file);
        }
        Matcher layers = Pattern.compile("(\\d+) distinct layers per position").matcher(comment);
        if (layers.find()) {
            for (int s = 0; s < compiled.stages(); s++) {
                for (int p = 0; p < compiled.depthMax(s); p++) {
                    assertEquals(Integer.parseInt(layers.group(1)), compiled.table(s, p).size(),
                        file + ": stage " + s + " position " + p);
                }
            }
        }
        Matcher sequences = Pattern.compile("([\\d,]+) layer sequences per stage").matcher(comment);
        if (sequences.find()) {
            for (int s = 0; s < compiled.stages(); s++) {
                assertEquals(BigInteger.valueOf(Readmes.integer(sequences.group(1))), compiled.stageSize(s),
                    file + ": stage " + s);
            }
        }
    }

    /** {@code size} rounded to the significant digits of {@code text} (like {@code 4e35} or {@code 1.5e31}). */
    private static void assertRounded(String text, BigInteger size, String file) {
        BigDecimal stated = new BigDecimal(text);
        BigDecimal rounded = new BigDecimal(size).round(new MathContext(stated.precision()));
        assertEquals(0, stated.compareTo(rounded), file + ": " + text + " candidates, computed " + size);
    }

}
