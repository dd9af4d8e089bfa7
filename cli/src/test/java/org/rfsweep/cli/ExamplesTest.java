package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples a newcomer runs: every file an example of {@code --help} or of the README reads
 * exists in the repository (or is written by an earlier example), the README's eval example
 * prints what the README shows, and the files the examples write are ignored by git.
 */
class ExamplesTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern EXAMPLE = Pattern.compile("(?:\\./)?rfsweep (analyze|eval|sweep|search|plot) (\\S+)"
        + "(.*)");
    private static final Pattern WRITES = Pattern.compile("--(?:out|pareto) (\\S+)");

    /** Checks the example lines of {@code text}: inputs exist or are written by one of its examples. */
    private static void checkExamples(String where, List<String> lines) {
        Set<String> written = new HashSet<>();
        for (String line : lines) {
            Matcher out = WRITES.matcher(line);
            while (out.find()) {
                written.add(clean(out.group(1)));
            }
        }
        for (String line : lines) {
            Matcher m = EXAMPLE.matcher(line.strip().replaceFirst("^\\$ ", ""));
            if (!m.find()) {
                continue;
            }
            String input = clean(m.group(2));
            boolean inline = m.group(2).contains("(") || input.equals("-") || input.startsWith("FILE")
                || input.startsWith("SPACE") || input.startsWith("ARCH") || input.startsWith("[")
                || input.startsWith("-");
            assertTrue(inline || written.contains(input) || Files.exists(ROOT.resolve(input)),
                where + ": the example reads " + input + ", which is not in the repository: " + line);
        }
    }

    /** A file name as an example writes it, without quotes, back quotes or brackets around it. */
    private static String clean(String token) {
        return token.replace("\"", "").replaceAll("[`\\[\\](),;]+", "").replaceAll("\\.$", "");
    }

    @Test
    void shouldReadOnlyFilesThatExistInTheHelpExamples() {
        for (String command : List.of("analyze", "eval", "sweep", "search", "plot")) {
            Cli.Result help = Cli.run(command, "--help");
            assertEquals(0, help.code());
            checkExamples(command + " --help", help.out().lines().toList());
        }
    }

    @Test
    void shouldReadOnlyFilesThatExistInTheReadme() throws IOException {
        checkExamples("README.md", Files.readAllLines(ROOT.resolve("README.md")));
    }

    @Test
    void shouldPrintWhatTheReadmeShowsForTheEvalExample() throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        int at = readme.indexOf("    $ ./rfsweep eval data/examples/nets.csv --flops seed");
        assertTrue(at > 0, "the README shows the eval example");
        List<String> shown = new ArrayList<>();
        for (int i = at + 1; i < readme.size() && readme.get(i).startsWith("    "); i++) {
            shown.add(readme.get(i).substring(4));
        }
        Cli.Result r = Cli.run("eval", ROOT.resolve("data/examples/nets.csv").toString(), "--flops", "seed");
        assertEquals(0, r.code(), r.err());
        assertEquals(shown, r.out().lines().toList());
    }

    @Test
    void shouldIgnoreWhatTheExamplesWriteInTheRepositoryRoot() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".gitignore"));
        Set<String> outputs = new HashSet<>();
        List<String> texts = new ArrayList<>(Files.readAllLines(ROOT.resolve("README.md")));
        for (String command : List.of("analyze", "eval", "sweep", "search", "plot")) {
            texts.addAll(Cli.run(command, "--help").out().lines().toList());
        }
        for (String line : texts) {
            Matcher m = WRITES.matcher(line);
            while (m.find()) {
                String out = clean(m.group(1));
                if (!out.equals("-") && !out.equals("FILE") && !out.contains("/") && out.contains(".")) {
                    outputs.add(out);
                }
            }
        }
        assertTrue(outputs.contains("front.csv"), outputs.toString());
        for (String out : outputs) {
            assertTrue(ignored.contains("/" + out) || (out.startsWith("part") && ignored.contains("/part*.csv")),
                out + " is written by an example but not in .gitignore");
        }
    }
}
