package org.rfsweep.cli.region;

import static org.rfsweep.cli.text.TextTable.Align.LEFT;
import static org.rfsweep.cli.text.TextTable.Align.RIGHT;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rfsweep.cli.ArchSource;
import org.rfsweep.cli.Ignore1x1Option;
import org.rfsweep.cli.UserError;
import org.rfsweep.cli.format.CsvRows;
import org.rfsweep.cli.format.JsonRows;
import org.rfsweep.cli.format.OutputFormat;
import org.rfsweep.cli.format.RowWriter;
import org.rfsweep.cli.text.TextTable;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.ErrorText;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rfsweep range ARCH}: the input sizes a network works on, computed by {@link InputRange}
 * and proven by evaluating the network at each boundary and one step past it.
 */
@Command(name = "range",
    description = {
        "Prints the input sizes a network works on, like rfa-toolbox's resolution range but exact: the smallest"
            + " input each axis accepts (every layer's output at least 1), the smallest square input on which no"
            + " layer is unproductive, and the largest input the receptive field still covers (rf >= input; the"
            + " field of the layers before the first global layer, after which it always covers the input).",
        "",
        "Each value is computed by the arithmetic, then proven by evaluating the network at it and one step past it;"
            + " the proof column says what the evaluations gave.",
    },
    footer = {
        "",
        "Columns of csv and json: quantity (min_input, min_input_productive, max_input_covered), h, w, proven"
            + " (1 or 0), proof.",
        "",
        "Examples:",
        "  rfsweep range data/nets/resnet18.arch",
        "  rfsweep range \"conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)\"",
    })
public final class RangeCommand implements Callable<Integer> {
    private static final List<String> NAMES = List.of("quantity", "h", "w", "proven", "proof");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ARCH", description = "Architecture string, or a file holding one.")
    private String arch;

    @Option(names = "--channels", paramLabel = "C",
        description = "Input channels. Default: the file's '# input:' line, else 3.")
    private Integer channels;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "table, csv, json or markdown. Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Mixin
    private Ignore1x1Option ignore;

    /** One result: a name, the value per axis ({@link InputRange#NONE} when there is none), and its proof. */
    record Bound(String quantity, String label, long h, long w, boolean proven, String proof) {
    }

    @Override
    public Integer call() throws IOException {
        ArchSource source = ArchSource.of(arch);
        Network net = source.parse();
        int c = channels != null ? channels : source.defaultChannels();
        if (c < 1) {
            throw new UserError("--channels=" + c + " must be 1 or more");
        }
        List<Bound> bounds = bounds(net, c, ignore.ignore1x1());
        print(bounds, spec.commandLine().getOut());
        return 0;
    }

    static List<Bound> bounds(Network net, int c, boolean ignore1x1) {
        List<Bound> out = new ArrayList<>();
        long h = InputRange.smallest(net, true);
        long w = InputRange.smallest(net, false);
        Metrics m = new Metrics(1);
        if (h == InputRange.NONE || w == InputRange.NONE) {
            out.add(new Bound("min_input", "smallest input", h, w, false, "no input up to the extent bound works"));
            return out;
        }
        boolean valid = InputRange.evaluate(net, net.count(), h, w, c, ignore1x1, m);
        if (!valid) {
            out.add(new Bound("min_input", "smallest input", h, w, false, shape(h, w) + ": "
                + failure(net, net.count(), h, w, c, m) + " (every layer's output is at least 1 there)"));
            return out;
        }
        String below = failsBelow(net, h, w, c, ignore1x1, m);
        out.add(new Bound("min_input", "smallest input", h, w, below != null, shape(h, w) + " valid"
            + (below != null ? below : "; a smaller input is also valid")));
        long side = Math.max(h, w);
        LayerTrace trace = new LayerTrace();
        if (!new StackEvaluator(ignore1x1).trace(net.records(), 0, net.count(), (int) side, (int) side, c, m, 0,
            trace)) {
            out.add(new Bound("min_input_productive", "smallest square input, no unproductive layer", side, side,
                false, shape(side, side) + ": " + failure(net, net.count(), side, side, c, m)));
            return out;
        }
        out.add(productive(net, trace, c, ignore1x1, side, m));
        out.add(covered(net, trace, c, ignore1x1, h, w, m));
        return out;
    }

    /** Proof that one less on either axis fails, or null. */
    private static String failsBelow(Network net, long h, long w, int c, boolean ignore1x1, Metrics m) {
        StringBuilder sb = new StringBuilder();
        if (h > 1) {
            if (InputRange.evaluate(net, net.count(), h - 1, w, c, ignore1x1, m)) {
                return null;
            }
            sb.append("; ").append(shape(h - 1, w)).append(": ").append(failure(net, net.count(), h - 1, w, c, m));
        }
        if (w > 1) {
            if (InputRange.evaluate(net, net.count(), h, w - 1, c, ignore1x1, m)) {
                return null;
            }
            sb.append("; ").append(shape(h, w - 1)).append(": ").append(failure(net, net.count(), h, w - 1, c, m));
        }
        return sb.toString();
    }

    private static Bound productive(Network net, LayerTrace trace, int c, boolean ignore1x1, long floor, Metrics m) {
        String label = "smallest square input, no unproductive layer";
        long n = InputRange.unproductiveFree(net, trace, ignore1x1, floor);
        if (!InputRange.evaluate(net, net.count(), n, n, c, ignore1x1, m)) {
            return new Bound("min_input_productive", label, n, n, false, shape(n, n) + ": "
                + failure(net, net.count(), n, n, c, m));
        }
        int left = m.unproductive[0];
        if (left > 0) {
            return new Bound("min_input_productive", label, InputRange.NONE, InputRange.NONE, false,
                shape(n, n) + ": " + left + " unproductive " + (left == 1 ? "layer remains" : "layers remain")
                + ", behind a global layer where the RF grows with the input (--ignore-1x1 may help)");
        }
        StringBuilder proof = new StringBuilder(shape(n, n)).append(": 0 unproductive");
        boolean proven = true;
        if (n > floor) {
            proven = InputRange.evaluate(net, net.count(), n - 1, n - 1, c, ignore1x1, m) && m.unproductive[0] > 0;
            proof.append("; ").append(shape(n - 1, n - 1)).append(": ").append(proven ? m.unproductive[0]
                + " unproductive" : "0 unproductive");
        } else {
            proof.append(" (the smallest input every layer accepts)");
        }
        return new Bound("min_input_productive", label, n, n, proven, proof.toString());
    }

    private static Bound covered(Network net, LayerTrace trace, int c, boolean ignore1x1, long minH, long minW,
                                 Metrics m) {
        int cut = InputRange.cut(net);
        long[] r = InputRange.covered(net, trace);
        int layer = 1;
        for (int i = 0; i < cut; i++) {
            layer += Op.isMarker(net.op(i)) ? 0 : 1;
        }
        String label = "largest input the RF covers" + (cut < net.count() ? " (before layer " + layer + ", "
            + Op.name(net.op(cut)) + ")" : "");
        if (r[0] < minH || r[1] < minW) {
            return new Bound("max_input_covered", label, r[0], r[1], true, "the RF " + shape(r[0], r[1])
                + " is smaller than the smallest input " + shape(minH, minW) + ": it never covers an accepted input");
        }
        if (!InputRange.evaluate(net, cut, r[0], r[1], c, ignore1x1, m)) {
            return new Bound("max_input_covered", label, r[0], r[1], false, shape(r[0], r[1]) + ": "
                + failure(net, cut, r[0], r[1], c, m));
        }
        boolean at = m.rfH[0] >= r[0] && m.rfW[0] >= r[1];
        String proof = shape(r[0], r[1]) + ": rf " + shape(m.rfH[0], m.rfW[0]);
        if (!InputRange.evaluate(net, cut, r[0] + 1, r[1] + 1, c, ignore1x1, m)) {
            return new Bound("max_input_covered", label, r[0], r[1], false, proof + "; " + shape(r[0] + 1, r[1] + 1)
                + ": " + failure(net, cut, r[0] + 1, r[1] + 1, c, m));
        }
        boolean past = m.rfH[0] < r[0] + 1 && m.rfW[0] < r[1] + 1;
        return new Bound("max_input_covered", label, r[0], r[1], at && past, proof + "; " + shape(r[0] + 1, r[1] + 1)
            + ": rf " + shape(m.rfH[0], m.rfW[0]));
    }

    /** The engine's message for the last failed evaluation, without the formula after the rule. */
    private static String failure(Network net, int count, long h, long w, int c, Metrics m) {
        if (h < 1 || w < 1 || h > Limits.MAX_EXTENT
            || w > Limits.MAX_EXTENT) {
            return "outside the extent bound";
        }
        String text = ErrorText.describe(net.records(), 0, count, (int) h, (int) w, c, m.error[0], m.errorRecord[0],
            m.errorDetail[0]);
        int first = text.indexOf(": ");
        int second = first < 0 ? -1 : text.indexOf(": ", first + 2);
        return second < 0 ? text : text.substring(0, second);
    }

    private static String shape(long h, long w) {
        return h + "x" + w;
    }

    private void print(List<Bound> bounds, PrintWriter out) throws IOException {
        if (format.machine()) {
            RowWriter row = format == OutputFormat.json ? JsonRows.array(out) : new CsvRows(out);
            row.header(NAMES);
            for (Bound b : bounds) {
                row.text(b.quantity());
                if (b.h() == InputRange.NONE) {
                    row.empty().empty();
                } else {
                    row.number(b.h()).number(b.w());
                }
                row.number(b.proven() ? 1 : 0).text(b.proof()).endRow();
            }
            row.finish();
            return;
        }
        TextTable t = new TextTable().column("quantity", LEFT).column("h", RIGHT).column("w", RIGHT)
            .column("proven", LEFT).column("proof", LEFT);
        for (Bound b : bounds) {
            boolean none = b.h() == InputRange.NONE;
            t.row(b.label(), none ? "none" : Long.toString(b.h()), none ? "none" : Long.toString(b.w()),
                b.proven() ? "yes" : "no", b.proof());
        }
        t.print(out, format == OutputFormat.markdown);
    }
}
