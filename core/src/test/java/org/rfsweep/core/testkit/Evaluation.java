package org.rfsweep.core.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.ErrorText;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;

/**
 * Evaluates one stack at a time into slot 0 of a reused {@link Metrics} (and a {@link LayerTrace})
 * and renders its error: what the evaluator tests share. Not thread-safe; one per test instance.
 *
 * <pre>
 *   Evaluation ev = new Evaluation();
 *   ev.eval("conv(k=3,c=8)", 10, 12, 4);        // true; ev.metrics().outH[0] == 8
 *   ev.message("conv(k=7,c=8)", 4, 4, 3);       // "layer 1 conv(k=7,c=8): output too small: ..."
 * </pre>
 */
public final class Evaluation {
    private final StackEvaluator evaluator;
    private final Metrics m = new Metrics(1);
    private final LayerTrace trace = new LayerTrace();

    /** Flags 1x1 layers as unproductive like any other. */
    public Evaluation() {
        this(false);
    }

    /** With {@code ignore1x1}, 1x1 layers are never flagged unproductive. */
    public Evaluation(boolean ignore1x1) {
        this.evaluator = new StackEvaluator(ignore1x1);
    }

    /** The result of the last evaluation, in slot 0. */
    public Metrics metrics() {
        return m;
    }

    /** The per-layer values of the last {@link #trace} call. */
    public LayerTrace trace() {
        return trace;
    }

    /** Parses {@code arch} and evaluates it at {@code h x w x c}; true when valid. */
    public boolean eval(String arch, int h, int w, int c) {
        Network net = ArchParser.parse(arch);
        return evaluator.evaluate(net.records(), 0, net.count(), h, w, c, m, 0);
    }

    /** Like {@link #eval(String, int, int, int)}, at an input like {@code "10x12x4"}. */
    public boolean eval(String arch, String input) {
        InputShape in = InputShape.parse(input);
        return eval(arch, in.h, in.w, in.c);
    }

    /** Parses {@code arch} and evaluates it at {@code h x w x c} with the per-layer trace; true when valid. */
    public boolean trace(String arch, int h, int w, int c) {
        Network net = ArchParser.parse(arch);
        return evaluator.trace(net.records(), 0, net.count(), h, w, c, m, 0, trace);
    }

    /**
     * Parses {@code arch} and evaluates it at an input like {@code "10x12x4"} with the per-layer
     * trace; fails with the error line when it is invalid.
     */
    public void traceValid(String arch, String input) {
        Network net = ArchParser.parse(arch);
        InputShape in = InputShape.parse(input);
        boolean valid = evaluator.trace(net.records(), 0, net.count(), in.h, in.w, in.c, m, 0, trace);
        assertTrue(valid, () -> describe(net, in, m));
    }

    /** The error line of {@code arch} at {@code h x w x c}, which must be invalid. */
    public String message(String arch, int h, int w, int c) {
        Network net = ArchParser.parse(arch);
        assertFalse(evaluator.evaluate(net.records(), 0, net.count(), h, w, c, m, 0), arch + ": expected an error");
        return describe(net.records(), net.count(), h, w, c, m);
    }

    /** The error line of the {@code count} records at {@code h x w x c}, which must be invalid. */
    public String message(int[] records, int count, int h, int w, int c) {
        assertFalse(evaluator.evaluate(records, 0, count, h, w, c, m, 0), "expected an error");
        return describe(records, count, h, w, c, m);
    }

    /** The error line of slot 0 of {@code m}, an invalid result of the {@code count} records at {@code h x w x c}. */
    public static String describe(int[] records, int count, int h, int w, int c, Metrics m) {
        return ErrorText.describe(records, 0, count, h, w, c, m.error[0], m.errorRecord[0], m.errorDetail[0]);
    }

    /** The error line of slot 0 of {@code m}, an invalid result of {@code net} at {@code in}. */
    public static String describe(Network net, InputShape in, Metrics m) {
        return describe(net.records(), net.count(), in.h, in.w, in.c, m);
    }
}
