package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the command line, in-process: mutated architecture strings through
 * {@code analyze}, mutated CSV rows through {@code eval}, mutated design spaces through
 * {@code sweep} and {@code search}. Every run must end with exit code 0 or 2; a failure must be
 * one line {@code rfsweep: ...} of bounded length without Java class names. On a failure the
 * message names the seed, the case and the input, so it can be replayed.
 */
class FuzzTest {
    private static final long SEED = 20261129L;
    private static final int ARCH_CASES = 1300;
    private static final int CSV_CASES = 350;
    private static final int SPACE_CASES = 350;
    /** Longest stderr line allowed: the message cap plus the prefix and the cap's note. */
    private static final int MAX_LINE = Echo.LINE_LIMIT + 40;
    private static final Pattern JAVA_NAME = Pattern.compile(
        "\\b(java|javax|jdk|sun|com|org|picocli)\\.[a-z]+\\.|\\w+(Exception|Error)\\b|\\bat [a-z]+\\.[a-z]");
    private static final String[] PIECES = {"(", ")", "|", ",", "=", " ", "k=", "s=", "p=", "c=", "d=", "g=", "o=",
        "bias=", "ceil=", "0", "1", "-1", "3", "4096", "4097", "65536", "2147483647", "2147483648",
        "99999999999999999999", "1e400", "same", "valid", "add(", "cat(", "mul(", "res(", "conv(", "gap", "fc(",
        "maxpool(", "avgpool(", "adaptiveavgpool(", "flatten", "chunk(", "shuffle(", "x", ":", "\"", "\n", "#",
        "\u00e9", "\uFEFF", "\u0000", "\t", "relu", "bn", "dwconv(", "sepconv("};
    private static final String[] NUMBERS = {"0", "-1", "1", "2", "7", "64", "4096", "4097", "1048577", "16777217",
        "2147483648", "9223372036854775808", "1e400", "-0", "0.5", "NaN", "\"3\"", "[]", "{}", "null", "true"};

    @TempDir
    Path dir;

    /** One fuzzed run: what it is, its input (for the message), and the arguments. */
    private record Case(String what, String input, String[] args) {
    }

    @Test
    void shouldEndEveryFuzzedRunWithCode0Or2AndAPlainOneLineMessage() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Case> cases = new ArrayList<>();
        List<String> archSeeds = archSeeds();
        for (int i = 0; i < ARCH_CASES; i++) {
            // Mostly the short seeds (fast to analyze); the zoo's nets one time in five.
            int seed = random.nextInt(5) == 0 ? random.nextInt(archSeeds.size()) : random.nextInt(SHORT_SEEDS);
            String arch = mutate(random, archSeeds.get(seed), random.nextInt(1, 6));
            String input = random.nextInt(8) == 0 ? mutate(random, "224x224x3", 1) : "64x48x3";
            cases.add(new Case("arch case " + i, arch, new String[] {"analyze", arch, "--input", input}));
        }
        for (int i = 0; i < CSV_CASES; i++) {
            String csv = csv(random, archSeeds);
            Path file = Files.writeString(dir.resolve("fuzz" + i + ".csv"), csv, StandardCharsets.UTF_8);
            cases.add(new Case("csv case " + i, csv, new String[] {"eval", file.toString(), "--threads", "1"}));
        }
        List<String> spaceSeeds = spaceSeeds();
        for (int i = 0; i < SPACE_CASES; i++) {
            String json = mutateJson(random, spaceSeeds.get(random.nextInt(spaceSeeds.size())));
            Path file = Files.writeString(dir.resolve("fuzz" + i + ".json"), json, StandardCharsets.UTF_8);
            cases.add(i % 3 == 0
                ? new Case("search case " + i, json, new String[] {"search", file.toString(), "--method", "sample",
                    "--samples", "40", "--top", "2", "--threads", "1"})
                : new Case("space case " + i, json, new String[] {"sweep", file.toString(), "--samples", "25", "--out",
                    "-", "--progress", "none", "--threads", "1"}));
        }
        // Inputs are drawn in order above; the runs are independent, so they may run in parallel.
        cases.parallelStream().forEach(c -> check(c.what(), c.input(), Cli.run(c.args())));
    }

    private static void check(String what, String input, Cli.Result r) {
        String context = what + " (seed " + SEED + "), input:\n" + cut(input) + "\nstderr:\n" + cut(r.err());
        if (r.code() != 0 && r.code() != 2) {
            fail("exit code " + r.code() + " for " + context);
        }
        List<String> lines = r.err().lines().toList();
        if (r.code() == 2) {
            assertTrue(!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("rfsweep: "), context);
        }
        for (String line : lines) {
            assertTrue(line.startsWith("rfsweep: "), "a line without the prefix (a second line?) in " + context);
            assertTrue(line.length() <= MAX_LINE, "a line of " + line.length() + " characters in " + context);
            assertTrue(!JAVA_NAME.matcher(line).find(), "a Java name in " + context);
        }
    }

    private static String cut(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "... (" + s.length() + " characters)";
    }

    /** How many of {@link #archSeeds()} are short, hand-written ones (they come first). */
    private static final int SHORT_SEEDS = 6;

    /** Some short architectures, then the zoo's (comments cut). */
    private static List<String> archSeeds() throws IOException {
        List<String> seeds = new ArrayList<>(List.of("conv(k=3,c=8) relu maxpool(k=2)",
            "conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)",
            "gap conv(k=1,p=1,c=3) mul(|gap)", "conv(k=3,p=1,c=8) add(conv(k=3,p=1,c=8) | conv(k=1,c=8))",
            "dwconv(k=3,p=1) sepconv(k=5,p=2,c=16) adaptiveavgpool(o=2) flatten fc(c=10)",
            "res(conv(k=3,p=same,c=3) bn relu) avgpool(k=2,ceil=1) chunk(n=2) shuffle(g=2)"));
        try (Stream<Path> nets = Files.list(Path.of("..", "data", "nets"))) {
            for (Path net : nets.sorted().toList()) {
                StringBuilder sb = new StringBuilder();
                for (String line : Files.readAllLines(net)) {
                    int hash = line.indexOf('#');
                    sb.append(hash < 0 ? line : line.substring(0, hash)).append(' ');
                }
                seeds.add(sb.toString().strip());
            }
        }
        return seeds;
    }

    private static List<String> spaceSeeds() throws IOException {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> spaces = Files.list(Path.of("..", "data", "spaces"))) {
            for (Path space : spaces.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                seeds.add(Files.readString(space));
            }
        }
        return seeds;
    }

    /** {@code text} with {@code edits} random insertions, deletions, duplications and replacements. */
    static String mutate(SplittableRandom random, String text, int edits) {
        StringBuilder sb = new StringBuilder(text);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
            int end = Math.min(sb.length(), at + random.nextInt(1, 12));
            switch (random.nextInt(6)) {
                case 0 -> sb.insert(at, PIECES[random.nextInt(PIECES.length)]);
                case 1 -> sb.delete(at, end);
                case 2 -> sb.insert(at, sb.substring(at, end));
                case 3 -> sb.replace(at, end, PIECES[random.nextInt(PIECES.length)]);
                case 4 -> sb.insert(at, "9".repeat(random.nextInt(1, 30)));
                default -> sb.insert(at, String.valueOf((char) random.nextInt(32, 0x2FF)));
            }
        }
        return random.nextInt(200) == 0 && sb.length() < 200 ? sb.toString().repeat(2000) : sb.toString();
    }

    /** A CSV of mutated rows, with an odd header now and then. */
    private static String csv(SplittableRandom random, List<String> archSeeds) {
        String[] headers = {"arch,input", "\uFEFFarch,input", "\uFEFF\"arch\",\"input\"", "input,arch,extra", "arch",
            "arch;input", ""};
        StringBuilder sb = new StringBuilder(headers[random.nextInt(8) == 0 ? random.nextInt(headers.length) : 0]);
        sb.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        int rows = random.nextInt(1, 6);
        for (int i = 0; i < rows; i++) {
            String arch = mutate(random, archSeeds.get(random.nextInt(Math.min(6, archSeeds.size()))),
                random.nextInt(0, 4));
            String cell = random.nextInt(10) == 0 ? arch : "\"" + arch.replace("\"", "\"\"") + "\"";
            sb.append(cell).append(',').append(random.nextBoolean() ? "32" : mutate(random, "32x32x3", 1))
                .append(random.nextInt(20) == 0 ? ",extra" : "").append('\n');
        }
        return random.nextInt(30) == 0 ? sb.substring(0, random.nextInt(sb.length() + 1)) : sb.toString();
    }

    /** A design space with its numbers replaced by odd values and its text mutated a little. */
    private static String mutateJson(SplittableRandom random, String json) {
        StringBuilder sb = new StringBuilder(json);
        int swaps = random.nextInt(1, 4);
        for (int s = 0; s < swaps; s++) {
            int at = random.nextInt(sb.length());
            int digit = -1;
            for (int i = at; i < sb.length(); i++) {
                if (Character.isDigit(sb.charAt(i))) {
                    digit = i;
                    break;
                }
            }
            if (digit >= 0) {
                int end = digit;
                while (end < sb.length() && Character.isDigit(sb.charAt(end))) {
                    end++;
                }
                sb.replace(digit, end, NUMBERS[random.nextInt(NUMBERS.length)]);
            }
        }
        return random.nextInt(3) == 0 ? mutate(random, sb.toString(), random.nextInt(1, 4)) : sb.toString();
    }
}
