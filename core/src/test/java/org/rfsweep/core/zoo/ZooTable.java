package org.rfsweep.core.zoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;

/**
 * The zoo table of the README (markdown), from the engine's own results at each file's
 * {@code # input:}: per network the params and MACs, the shape, RF, minimum RF, effective stride
 * and padding of the backbone's last feature map ({@link ZooNet#backboneEnd()}, before the head's
 * first global op), and the RF after the last layer (global ops see the whole map).
 * {@code ZooTableTest} checks that the README shows exactly these lines. Run from the core module
 * after {@code mvn -q -o -pl core test-compile} to print them:
 *
 * <pre>
 *   cd core &amp;&amp; java -cp target/classes:target/test-classes org.rfsweep.core.zoo.ZooTable
 * </pre>
 */
public final class ZooTable {
    private ZooTable() {
    }

    public static void main(String[] args) {
        lines().forEach(System.out::println);
    }

    /** The header, the alignment row and one row per network, by name. */
    static List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("| net | params | macs | last map | rf_h | rf_min_h | stride_h | pad_h | rf_h after head |");
        out.add("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        for (String name : ZooNet.names()) {
            out.add(row(ZooNet.load(name)));
        }
        return out;
    }

    private static String row(ZooNet z) {
        Metrics m = z.totals();
        LayerTrace t = z.trace();
        int end = z.backboneEnd();
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %dx%dx%d | %d | %d | %d | %d | %d |", z.name(),
            m.params[0], m.macs[0], t.outH[end], t.outW[end], t.outC[end], t.rfH[end], t.rfMinH[end],
            t.strideH[end], t.padH[end], m.rfH[0]);
    }
}
