package org.rfsweep.cli.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line shorthands of {@code rfsweep search}, turned into constraint expressions of
 * the {@code --where} language, and its counts and durations. Each parse error is one line
 * naming the option, the value and the expected form.
 *
 * <pre>
 *   rf("224")            [rf_h >= 224, rf_w >= 224]
 *   rf("input")          [rf_h >= input_h, rf_w >= input_w]
 *   rf("0.5*input")      [rf_h >= 0.5*input_h, rf_w >= 0.5*input_w]
 *   rf("200x180")        [rf_h >= 200, rf_w >= 180]
 *   rf("none")           []
 *   count("--max-macs", "600M")   600000000
 *   nanos("90s")         90_000_000_000
 * </pre>
 */
public final class TargetSyntax {
    private static final Pattern SIDE =
        Pattern.compile("[0-9]+|input|[0-9]+(\\.[0-9]+)?\\*input|input\\*[0-9]+(\\.[0-9]+)?");
    private static final Pattern COUNT = Pattern.compile("([0-9]+)(\\.[0-9]+)?([KMGT]?)");
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(\\.[0-9]+)?(ms|s|m|h)?");

    private TargetSyntax() {
    }

    /**
     * The constraints of {@code --rf TARGET}.
     *
     * @throws IllegalArgumentException like {@code --rf=abc: expected N, input, F*input, or HxW of those ...}
     */
    public static List<String> rf(String target) {
        String t = target.trim();
        if (t.equals("none")) {
            return List.of();
        }
        int x = t.indexOf('x');
        String h = x < 0 ? t : t.substring(0, x);
        String w = x < 0 ? t : t.substring(x + 1);
        if (!SIDE.matcher(h).matches() || !SIDE.matcher(w).matches() || isZero(h) || isZero(w)) {
            throw new IllegalArgumentException("--rf=" + target + ": expected N, input, F*input, HxW of those, or none"
                + " (like 224, input, 0.5*input, 200x180)");
        }
        List<String> out = new ArrayList<>();
        out.add("rf_h >= " + side(h, "input_h"));
        out.add("rf_w >= " + side(w, "input_w"));
        return out;
    }

    private static boolean isZero(String side) {
        return side.chars().allMatch(ch -> ch == '0');
    }

    private static String side(String side, String input) {
        return side.replace("input", input);
    }

    /**
     * A count with an optional decimal suffix K, M, G or T (powers of 1000), like {@code 600M}
     * or {@code 1.5G}; the value must be a whole number.
     *
     * @throws IllegalArgumentException like {@code --max-macs=6x: expected a count like 600M ...}
     */
    public static long count(String option, String text) {
        Matcher m = COUNT.matcher(text.trim());
        String rule = option + "=" + text + ": expected a count like 600M (digits, an optional fraction, then"
            + " K, M, G or T for 10^3, 10^6, 10^9, 10^12)";
        if (!m.matches()) {
            throw new IllegalArgumentException(rule);
        }
        int exp = "KMGT".indexOf(m.group(3).isEmpty() ? '#' : m.group(3).charAt(0)) + 1;
        BigDecimal v = new BigDecimal(m.group(1) + (m.group(2) == null ? "" : m.group(2)))
            .scaleByPowerOfTen(3 * exp);
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(option + "=" + text + ": not a whole number below 2^63");
        }
    }

    /**
     * A duration: a number with {@code ms}, {@code s} (the default), {@code m} or {@code h}.
     *
     * @throws IllegalArgumentException like {@code --time-limit=soon: expected a duration like 60s, 5m or 500ms}
     */
    public static long nanos(String option, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + "=" + text + ": expected a duration like 60s, 5m or 500ms");
        }
        String unit = m.group(3) == null ? "s" : m.group(3);
        long scale = switch (unit) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        BigDecimal v = new BigDecimal(m.group(1) + (m.group(2) == null ? "" : m.group(2)))
            .multiply(BigDecimal.valueOf(scale));
        if (v.signum() <= 0 || v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(option + "=" + text + ": must be above 0 and at most 292 years");
        }
        return v.longValue();
    }
}
