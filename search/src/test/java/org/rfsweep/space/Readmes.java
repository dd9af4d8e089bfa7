package org.rfsweep.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the numbers the READMEs state, so that tests can compare them with what the code
 * computes: markdown tables under a heading, single lines, and sentences matched by a pattern.
 * Numbers are written with thousands commas ({@code 3,111,696}) or, for large sizes, with two
 * significant digits ({@code 2.8e26}).
 */
public final class Readmes {
    /** The top README. */
    public static final Path TOP = Path.of("..", "README.md");
    /** The README of the bundled design spaces. */
    public static final Path SPACES = Path.of("..", "data", "spaces", "README.md");
    /** The folder of the bundled design spaces. */
    public static final Path SPACES_DIR = Path.of("..", "data", "spaces");

    private Readmes() {
    }

    /** The file's text. */
    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rows of the first table after the heading that starts with {@code heading} (like
     * {@code "## The bundled spaces"}), each a map from column header to trimmed cell, in order.
     */
    public static List<Map<String, String>> table(Path file, String heading) {
        List<String> lines = text(file).lines().toList();
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(heading)) {
            at++;
        }
        assertTrue(at < lines.size(), file + ": no heading '" + heading + "'");
        while (at < lines.size() && !lines.get(at).startsWith("|")) {
            at++;
        }
        assertTrue(at + 2 < lines.size(), file + ": no table after '" + heading + "'");
        List<String> header = cells(lines.get(at));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            assertEquals(header.size(), cells.size(), file + ": cells in '" + lines.get(i) + "'");
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), cells.get(c));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        for (int i = 1; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '`') {
                code = !code;
            }
            if (ch == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (ch == '|' && !code) {
                out.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        return out;
    }

    /** The one line of the file that starts with {@code prefix} after its indentation, trimmed. */
    public static String line(Path file, String prefix) {
        List<String> found = text(file).lines().map(String::trim).filter(l -> l.startsWith(prefix)).toList();
        assertEquals(1, found.size(), file + ": lines starting with '" + prefix + "'");
        return found.get(0);
    }

    /** The {@code n} lines after the one line that starts with {@code prefix} (see {@link #line}), trimmed. */
    public static List<String> linesAfter(Path file, String prefix, int n) {
        line(file, prefix);
        List<String> lines = text(file).lines().map(String::trim).toList();
        int at = 0;
        while (!lines.get(at).startsWith(prefix)) {
            at++;
        }
        return lines.subList(at + 1, Math.min(lines.size(), at + 1 + n));
    }

    /**
     * The groups of the first match of {@code regex} in the file's text with every run of white
     * space (line breaks included) read as one space.
     */
    public static List<String> find(Path file, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text(file).replaceAll("\\s+", " "));
        if (!m.find()) {
            fail(file + ": nothing matches '" + regex + "'");
        }
        List<String> groups = new ArrayList<>();
        for (int g = 1; g <= m.groupCount(); g++) {
            groups.add(m.group(g));
        }
        return groups;
    }

    /** {@code "3,111,696"} as a number. */
    public static long integer(String text) {
        return Long.parseLong(text.replace(",", ""));
    }

    /** How a README writes {@code size}: with thousands commas below 10^16, else like {@code 2.8e26}. */
    public static String size(BigInteger size) {
        if (size.bitLength() < 54 && size.longValue() < 10_000_000_000_000_000L) {
            return String.format(Locale.ROOT, "%,d", size.longValue());
        }
        return approx(size);
    }

    /** {@code n} to two significant digits, like {@code 5.3e12}. */
    public static String approx(BigInteger n) {
        BigDecimal d = new BigDecimal(n).round(new MathContext(2));
        int exponent = d.precision() - d.scale() - 1;
        return d.movePointLeft(exponent).setScale(1).toPlainString() + "e" + exponent;
    }

    /** A bundled space, compiled. */
    public static CompiledSpace bundled(String file) {
        return CompiledSpace.compile(SpaceLoader.load(SPACES_DIR.resolve(file)));
    }

    /** The leading {@code //} comment of bundled space {@code file}, as one line. */
    public static String leadingComment(String file) {
        return text(SPACES_DIR.resolve(file)).lines().takeWhile(l -> l.startsWith("//"))
            .map(l -> l.substring(2).trim()).collect(Collectors.joining(" "));
    }

    /** The cell's text without its backticks ({@code `default.json`} gives {@code default.json}). */
    public static String code(String cell) {
        return cell.replace("`", "");
    }

    /** The backticked parts of {@code text}, in order. */
    public static List<String> codeSpans(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("`([^`]*)`").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
