package org.rfsweep.core.zoo;

import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;

/**
 * Prints the zoo table of the README (markdown) from the engine's own results at each file's
 * {@code # input:}: per network the params and MACs, the RF, minimum RF, effective stride and
 * padding of the backbone's last feature map ({@link ZooNet#backboneEnd()}, before the head's
 * global pool), and the RF and minimum RF after the last layer (global ops see the whole map).
 * Run from the core module after {@code mvn -q -o -pl core test-compile}:
 *
 * <pre>
 *   cd core &amp;&amp; java -cp target/classes:target/test-classes org.rfsweep.core.zoo.ZooTable
 * </pre>
 */
public final class ZooTable {
    private ZooTable() {
    }

    public static void main(String[] args) {
        System.out.println("| net | params | macs | backbone map | rf_h | rf_min_h | stride_h | pad_h"
            + " | rf_h (output) | rf_min_h (output) |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        for (String name : ZooNet.names()) {
            ZooNet z = ZooNet.load(name);
            Metrics m = z.totals();
            LayerTrace t = z.trace();
            int end = z.backboneEnd();
            System.out.printf("| %s | %,d | %,d | %dx%dx%d | %d | %d | %d | %d | %d | %d |%n", name, m.params[0],
                m.macs[0], t.outH[end], t.outW[end], t.outC[end], t.rfH[end], t.rfMinH[end], t.strideH[end],
                t.padH[end], m.rfH[0], m.rfMinH[0]);
        }
    }
}
