package org.rfsweep.constraint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the constraint language of {@code --where} and of a space's {@code constraints}.
 *
 * <pre>
 *   expr    := side (op side)+               a chain: 7 &lt;= out_h &lt;= 14
 *   side    := number | number * name | name | name * number
 *   op      := &lt;= | &lt; | >= | > | == | =
 *   number  := digits [. digits] [e [+-] digits] [K | M | G | T]      K = 10^3 ... T = 10^12
 *   name    := a metric column (rf_h, macs, params, unproductive, ...; see {@link Metric}),
 *              rf, rf_min, out, stride, pad (both axes), input_h, input_w, input_c, input (both axes)
 * </pre>
 *
 * Each comparison relates one metric to a number or to a multiple of an input size:
 * {@code rf >= input}, {@code rf_h >= 0.5*input_h}, {@code macs <= 600M}, {@code unproductive == 0}.
 * A name without axis stands for both axes. Not thread-safe; one parse per instance.
 */
final class WhereParser {
    static final int LT = 0;
    static final int LE = 1;
    static final int EQ = 2;
    static final int GE = 3;
    static final int GT = 4;

    /** Input dimension codes of {@link Comparison#inputDim}. */
    static final int NONE = -1;
    static final int INPUT_H = 0;
    static final int INPUT_W = 1;
    static final int INPUT_C = 2;

    /**
     * One atomic comparison {@code metricCoef * metric OP otherCoef * other}, where other is
     * 1 or an input dimension.
     */
    record Comparison(Metric metric, int op, BigDecimal metricCoef, BigDecimal otherCoef, int inputDim) {
    }

    private final String text;
    private int pos;

    private WhereParser(String text) {
        this.text = text;
    }

    /** Parses {@code text} into atomic comparisons, axes expanded. */
    static List<Comparison> parse(String text) {
        return new WhereParser(text).expression();
    }

    private record Side(int column, int nameColumn, BigDecimal coef, String name) {
    }

    private List<Comparison> expression() {
        List<Comparison> out = new ArrayList<>();
        Side left = side();
        int ops = 0;
        while (true) {
            skipSpace();
            if (pos == text.length()) {
                break;
            }
            int opColumn = pos + 1;
            int op = op();
            Side right = side();
            pair(left, op, right, opColumn, out);
            left = right;
            ops++;
        }
        if (ops == 0) {
            throw new ConstraintSyntaxException(pos + 1, "expected <, <=, ==, >= or > after "
                + describe(left) + ", found end of input");
        }
        return out;
    }

    private Side side() {
        skipSpace();
        int start = pos;
        if (pos < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
            BigDecimal number = number();
            skipSpace();
            if (peek() == '*') {
                pos++;
                skipSpace();
                int nameColumn = pos;
                String name = name();
                if (name.isEmpty()) {
                    throw new ConstraintSyntaxException(nameColumn + 1, "expected a name after '*', found " + found());
                }
                return new Side(start + 1, nameColumn + 1, number, name);
            }
            return new Side(start + 1, start + 1, number, null);
        }
        String name = name();
        if (name.isEmpty()) {
            throw new ConstraintSyntaxException(pos + 1, "expected a metric, an input size or a number, found "
                + found());
        }
        skipSpace();
        if (peek() == '*') {
            pos++;
            skipSpace();
            if (!(Character.isDigit(peek()) || peek() == '.')) {
                throw new ConstraintSyntaxException(pos + 1, "expected a number after '*', found " + found());
            }
            return new Side(start + 1, start + 1, number(), name);
        }
        return new Side(start + 1, start + 1, BigDecimal.ONE, name);
    }

    private BigDecimal number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
            pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            int save = pos;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!Character.isDigit(peek())) {
                pos = save;
            }
            while (pos < text.length() && Character.isDigit(peek())) {
                pos++;
            }
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new ConstraintSyntaxException(start + 1, "'" + text.substring(start, pos) + "' is not a number");
        }
        if (pos < text.length() && Character.isLetter(peek())) {
            int exponent;
            switch (peek()) {
                case 'K':
                case 'k':
                    exponent = 3;
                    break;
                case 'M':
                    exponent = 6;
                    break;
                case 'G':
                    exponent = 9;
                    break;
                case 'T':
                    exponent = 12;
                    break;
                default:
                    throw new ConstraintSyntaxException(pos + 1, "unknown suffix '" + peek()
                        + "' (expected K, M, G or T)");
            }
            pos++;
            value = value.scaleByPowerOfTen(exponent);
            if (pos < text.length() && Character.isLetterOrDigit(peek())) {
                throw new ConstraintSyntaxException(pos + 1, "expected an operator or the end after the number, found "
                    + found());
            }
        }
        if (value.precision() - value.scale() > 30 || value.scale() > 30) {
            throw new ConstraintSyntaxException(start + 1, "'" + text.substring(start, pos) + "' is out of range");
        }
        return value;
    }

    private String name() {
        int start = pos;
        if (pos < text.length() && Character.isLetter(peek())) {
            while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                pos++;
            }
        }
        return text.substring(start, pos);
    }

    private int op() {
        char a = peek();
        char b = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
        switch (a) {
            case '<':
                pos += b == '=' ? 2 : 1;
                return b == '=' ? LE : LT;
            case '>':
                pos += b == '=' ? 2 : 1;
                return b == '=' ? GE : GT;
            case '=':
                pos += b == '=' ? 2 : 1;
                return EQ;
            default:
                throw new ConstraintSyntaxException(pos + 1, "expected <, <=, ==, >= or >, found " + found());
        }
    }

    private void pair(Side left, int op, Side right, int opColumn, List<Comparison> out) {
        Kind l = kind(left);
        Kind r = kind(right);
        if (l.metrics == null && r.metrics == null) {
            throw new ConstraintSyntaxException(left.column, "compare a metric (" + Metric.names()
                + ") with a number or an input size, like rf >= input");
        }
        if (l.metrics != null && r.metrics != null) {
            throw new ConstraintSyntaxException(right.column, "compare " + left.name
                + " with a number or an input size, not with another metric");
        }
        if (l.metrics == null) {
            pair(right, flip(op), left, opColumn, out);
            return;
        }
        if (left.coef.signum() <= 0) {
            throw new ConstraintSyntaxException(left.column, "the factor of " + left.name + " must be above 0");
        }
        for (int axis = 0; axis < l.metrics.length; axis++) {
            Metric m = l.metrics[axis];
            int dim = r.inputDim;
            if (r.bothAxes) {
                dim = l.metrics.length == 2 ? axis : axisOf(m);
                if (dim == NONE) {
                    throw new ConstraintSyntaxException(right.column, "say input_h, input_w or input_c: " + m.column
                        + " has no axis");
                }
            }
            out.add(new Comparison(m, op, left.coef, right.coef, dim));
        }
    }

    private record Kind(Metric[] metrics, int inputDim, boolean bothAxes) {
    }

    private Kind kind(Side side) {
        if (side.name == null) {
            return new Kind(null, NONE, false);
        }
        switch (side.name) {
            case "input_h":
                return new Kind(null, INPUT_H, false);
            case "input_w":
                return new Kind(null, INPUT_W, false);
            case "input_c":
                return new Kind(null, INPUT_C, false);
            case "input":
                return new Kind(null, NONE, true);
            case "rf":
                return new Kind(new Metric[] {Metric.RF_H, Metric.RF_W}, NONE, false);
            case "rf_min":
                return new Kind(new Metric[] {Metric.RF_MIN_H, Metric.RF_MIN_W}, NONE, false);
            case "out":
                return new Kind(new Metric[] {Metric.OUT_H, Metric.OUT_W}, NONE, false);
            case "stride":
                return new Kind(new Metric[] {Metric.STRIDE_H, Metric.STRIDE_W}, NONE, false);
            case "pad":
                return new Kind(new Metric[] {Metric.PAD_H, Metric.PAD_W}, NONE, false);
            default:
                Metric m = Metric.named(side.name);
                if (m == null) {
                    throw new ConstraintSyntaxException(side.nameColumn,
                        "unknown name '" + side.name + "' (expected " + Metric.names()
                            + ", or input_h, input_w, input_c, input)");
                }
                return new Kind(new Metric[] {m}, NONE, false);
        }
    }

    private static int axisOf(Metric m) {
        switch (m) {
            case OUT_H:
            case RF_H:
            case RF_MIN_H:
            case STRIDE_H:
            case PAD_H:
                return INPUT_H;
            case OUT_W:
            case RF_W:
            case RF_MIN_W:
            case STRIDE_W:
            case PAD_W:
                return INPUT_W;
            default:
                return NONE;
        }
    }

    private static int flip(int op) {
        return 4 - op;
    }

    private static String describe(Side side) {
        return side.name != null ? side.name : side.coef.toPlainString();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private String found() {
        if (pos >= text.length()) {
            return "end of input";
        }
        return "'" + text.charAt(pos) + "'";
    }
}
