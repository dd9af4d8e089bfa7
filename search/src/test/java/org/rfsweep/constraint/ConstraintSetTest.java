package org.rfsweep.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.space.SpaceLoader;
import org.rfsweep.space.SpecException;
import org.rfsweep.space.TestSpaces;

class ConstraintSetTest {
    private static final List<InputShape> INPUTS = List.of(new InputShape(224, 224, 3), new InputShape(225, 160, 1));

    private static ConstraintSet parse(String... expressions) {
        return ConstraintSet.parse(List.of(expressions), INPUTS);
    }

    @Test
    void shouldBoundTheReceptiveFieldByTheInputPerAxis() {
        ConstraintSet c = parse("rf >= input");
        assertEquals(224, c.lower(Metric.RF_H, 0));
        assertEquals(224, c.lower(Metric.RF_W, 0));
        assertEquals(225, c.lower(Metric.RF_H, 1));
        assertEquals(160, c.lower(Metric.RF_W, 1));
        assertEquals(Long.MAX_VALUE, c.upper(Metric.RF_H, 0));
        assertEquals(0, c.lower(Metric.MACS, 0));
        assertEquals(Long.MAX_VALUE, c.upper(Metric.MACS, 1));
    }

    @Test
    void shouldRoundRatioThresholdsTowardTheIntegersThatPass() {
        ConstraintSet c = parse("rf_h >= 0.5*input_h", "rf_w > input_w*0.5", "rf_min_h <= 1.5*input_h",
            "rf_min_w < 0.3*input_w");
        assertEquals(112, c.lower(Metric.RF_H, 0));
        assertEquals(113, c.lower(Metric.RF_H, 1));
        assertEquals(113, c.lower(Metric.RF_W, 0));
        assertEquals(81, c.lower(Metric.RF_W, 1));
        assertEquals(336, c.upper(Metric.RF_MIN_H, 0));
        assertEquals(337, c.upper(Metric.RF_MIN_H, 1));
        assertEquals(67, c.upper(Metric.RF_MIN_W, 0));
        assertEquals(47, c.upper(Metric.RF_MIN_W, 1));
    }

    @Test
    void shouldReadSuffixesExponentsChainsAndFlippedSides() {
        ConstraintSet c = parse("macs <= 600M", "params < 2.5M", "7 <= out_h <= 14", "64 >= out_c",
            "flops_2macs <= 1e9", "2*rf_w >= 3*input_c", "activations <= 1.5K", "unproductive == 0", "stride = 32");
        assertEquals(600_000_000, c.upper(Metric.MACS, 0));
        assertEquals(2_499_999, c.upper(Metric.PARAMS, 1));
        assertEquals(7, c.lower(Metric.OUT_H, 0));
        assertEquals(14, c.upper(Metric.OUT_H, 0));
        assertEquals(64, c.upper(Metric.OUT_C, 0));
        assertEquals(1_000_000_000, c.upper(Metric.FLOPS_2MACS, 0));
        assertEquals(5, c.lower(Metric.RF_W, 0));
        assertEquals(2, c.lower(Metric.RF_W, 1));
        assertEquals(1_500, c.upper(Metric.ACTIVATIONS, 0));
        assertEquals(0, c.upper(Metric.UNPRODUCTIVE, 0));
        assertEquals(32, c.lower(Metric.STRIDE_H, 0));
        assertEquals(32, c.upper(Metric.STRIDE_W, 1));
        assertEquals(1_000_000_000_000L, parse("macs <= 1T").upper(Metric.MACS, 0));
        assertEquals(3_000, parse("params <= 3k").upper(Metric.PARAMS, 0));
    }

    @Test
    void shouldIntersectRepeatedBoundsAndSeeUnsatisfiableSets() {
        ConstraintSet c = parse("macs <= 600M", "macs <= 300M", "macs >= 100M");
        assertEquals(100_000_000, c.lower(Metric.MACS, 0));
        assertEquals(300_000_000, c.upper(Metric.MACS, 0));
        assertFalse(c.unsatisfiable(0));
        assertTrue(parse("macs <= 1M", "macs >= 2M").unsatisfiable(0));
        assertTrue(parse("rf_h == 1.5").unsatisfiable(0));
        assertTrue(parse("rf_h < 0").unsatisfiable(1));
        assertFalse(parse("rf_h == 0.5*input_h").unsatisfiable(0));
        assertTrue(parse("rf_h == 0.5*input_h").unsatisfiable(1));
    }

    @Test
    void shouldBeEmptyWithoutConstraints() {
        ConstraintSet none = ConstraintSet.none(2);
        assertTrue(none.isEmpty());
        assertEquals(0, none.lower(Metric.MACS, 1));
        assertEquals(Long.MAX_VALUE, none.upper(Metric.MACS, 1));
        assertTrue(none.test(new Metrics(1), 0, 1));
        assertEquals(Long.MAX_VALUE, none.upper(Metric.UNPRODUCTIVE, 0));
        assertEquals("(none)", none.toString());
        assertEquals("rf >= input and macs <= 3M", parse("rf >= input", "macs <= 3M").toString());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
            Arguments.of("", "'': column 1: expected a metric, an input size or a number, found end of input"),
            Arguments.of("macs", "'macs': column 5: expected <, <=, ==, >= or > after macs, found end of input"),
            Arguments.of("macs <= 6x", "'macs <= 6x': column 10: unknown suffix 'x' (expected K, M, G or T)"),
            Arguments.of("macs <= 6Mb", "'macs <= 6Mb': column 11: expected an operator or the end after the number,"
                + " found 'b'"),
            Arguments.of("macs != 3", "'macs != 3': column 6: expected <, <=, ==, >= or >, found '!'"),
            Arguments.of("macs <= ", "'macs <= ': column 9: expected a metric, an input size or a number, found end"
                + " of input"),
            Arguments.of("mac <= 3", "'mac <= 3': column 1: unknown name 'mac' (expected " + Metric.names()
                + ", or input_h, input_w, input_c, input)"),
            Arguments.of("rf_h >= 2*inptu_h", "'rf_h >= 2*inptu_h': column 11: unknown name 'inptu_h' (expected "
                + Metric.names() + ", or input_h, input_w, input_c, input)"),
            Arguments.of("rf_h >= rf_w", "'rf_h >= rf_w': column 9: compare rf_h with a number or an input size, not"
                + " with another metric"),
            Arguments.of("3 <= input_h", "'3 <= input_h': column 1: compare a metric (" + Metric.names()
                + ") with a number or an input size, like rf >= input"),
            Arguments.of("0*macs <= 3", "'0*macs <= 3': column 1: the factor of macs must be above 0"),
            Arguments.of("macs <= input",
                "'macs <= input': column 9: say input_h, input_w or input_c: macs has no axis"),
            Arguments.of("macs <= 1..2", "'macs <= 1..2': column 9: '1..2' is not a number"),
            Arguments.of("macs * <= 3", "'macs * <= 3': column 8: expected a number after '*', found '<'"),
            Arguments.of("2 * <= macs", "'2 * <= macs': column 5: expected a name after '*', found '<'"),
            Arguments.of("macs <= 1e99", "'macs <= 1e99': column 9: '1e99' is out of range"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("errors")
    void shouldPointAtTheColumnOfABadExpression(String expression, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(expression));
        assertEquals(message, e.getMessage());
    }

    @Test
    void shouldNameTheOptionOrTheSpecPathOfABadConstraint() {
        var space = SpaceLoader.parse(TestSpaces.json("{'input': '32', 'body': {'depth': 1, 'layer': {'op': 'relu'}},"
            + " 'constraints': ['rf >= input', 'macs <= 6x']}"), "t.json");
        SpecException e = assertThrows(SpecException.class, () -> ConstraintSet.of(space, List.of()));
        assertEquals("t.json: constraints[1]: 'macs <= 6x': column 10: unknown suffix 'x' (expected K, M, G or T)",
            e.getMessage());
        var ok = SpaceLoader.parse(TestSpaces.json("{'input': '32', 'body': {'depth': 1, 'layer': {'op': 'relu'}},"
            + " 'constraints': 'rf >= input'}"), "t.json");
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
            () -> ConstraintSet.of(ok, List.of("params < 1M", "rf >")));
        assertEquals("--where 'rf >': column 5: expected a metric, an input size or a number, found end of input",
            w.getMessage());
        assertEquals(List.of("rf >= input", "params < 1M"), ConstraintSet.of(ok, List.of("params < 1M")).expressions());
    }

    /** Random comparisons against random metric values, checked by exact decimal arithmetic. */
    @Test
    void shouldAgreeWithABruteForceComparisonOfEveryMetric() {
        SplittableRandom random = new SplittableRandom(2024);
        Metric[] metrics = Metric.values();
        String[] ops = {"<", "<=", "==", ">=", ">"};
        String[] inputs = {"input_h", "input_w", "input_c"};
        Metrics m = new Metrics(1);
        for (int trial = 0; trial < 4_000; trial++) {
            Metric metric = metrics[random.nextInt(metrics.length)];
            String op = ops[random.nextInt(ops.length)];
            BigDecimal coef = BigDecimal.valueOf(random.nextInt(1, 40), random.nextInt(0, 3));
            BigDecimal otherCoef = BigDecimal.valueOf(random.nextInt(0, 4000), random.nextInt(0, 3));
            int dim = random.nextInt(-1, 3);
            String other = dim < 0 ? otherCoef.toPlainString() : otherCoef.toPlainString() + "*" + inputs[dim];
            String text = coef.toPlainString() + "*" + metric.column + " " + op + " " + other;
            ConstraintSet c = parse(text);
            for (int k = 0; k < 25; k++) {
                long value = random.nextInt(0, 3) == 0 ? random.nextLong(0, 1L << 40) : random.nextLong(0, 4000);
                set(m, metric, value);
                for (int x = 0; x < INPUTS.size(); x++) {
                    InputShape in = INPUTS.get(x);
                    BigDecimal rhs = dim < 0 ? otherCoef
                        : otherCoef.multiply(BigDecimal.valueOf(dim == 0 ? in.h : dim == 1 ? in.w : in.c));
                    int cmp = coef.multiply(BigDecimal.valueOf(metric.value(m, 0))).compareTo(rhs);
                    boolean expected = op.equals("<") ? cmp < 0 : op.equals("<=") ? cmp <= 0
                        : op.equals("==") ? cmp == 0 : op.equals(">=") ? cmp >= 0 : cmp > 0;
                    assertEquals(expected, c.test(m, 0, x), "seed 2024, trial " + trial + ": " + text + " at "
                        + metric.column + "=" + metric.value(m, 0) + ", input " + in);
                }
            }
        }
    }

    /** Sets one metric's source column; derived FLOP metrics come from macs and bias adds. */
    private static void set(Metrics m, Metric metric, long v) {
        switch (metric) {
            case OUT_H -> m.outH[0] = (int) Math.min(v, Integer.MAX_VALUE);
            case OUT_W -> m.outW[0] = (int) Math.min(v, Integer.MAX_VALUE);
            case OUT_C -> m.outC[0] = (int) Math.min(v, Integer.MAX_VALUE);
            case RF_H -> m.rfH[0] = v;
            case RF_W -> m.rfW[0] = v;
            case RF_MIN_H -> m.rfMinH[0] = v;
            case RF_MIN_W -> m.rfMinW[0] = v;
            case STRIDE_H -> m.strideH[0] = v;
            case STRIDE_W -> m.strideW[0] = v;
            case PAD_H -> m.padH[0] = v;
            case PAD_W -> m.padW[0] = v;
            case PARAMS -> m.params[0] = v;
            case MACS, FLOPS_2MACS -> m.macs[0] = v;
            case FLOPS_SEED, FLOPS_SEED_MADD -> {
                m.macs[0] = v / 3;
                m.biasAdds[0] = v % 3;
            }
            case ACTIVATIONS -> m.acts[0] = v;
            case UNPRODUCTIVE -> m.unproductive[0] = (int) Math.min(v, Integer.MAX_VALUE);
            default -> throw new AssertionError(metric);
        }
    }
}
