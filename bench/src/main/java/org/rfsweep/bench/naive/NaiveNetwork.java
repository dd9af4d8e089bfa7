package org.rfsweep.bench.naive;

import java.util.ArrayList;
import java.util.List;
import org.rfsweep.bench.workload.Workload;

/**
 * A stack as a list of {@link NaiveLayer} objects, evaluated by a plain loop that returns a new
 * {@link NaiveResult}: the "object per layer" peer of the engine. Immutable.
 */
public final class NaiveNetwork {
    private final List<NaiveLayer> layers;

    public NaiveNetwork(List<NaiveLayer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** Every stack of {@code w} as a network. */
    public static List<NaiveNetwork> all(Workload w) {
        List<NaiveNetwork> out = new ArrayList<>(w.stacks);
        for (int s = 0; s < w.stacks; s++) {
            List<NaiveLayer> layers = new ArrayList<>(w.layers);
            for (int l = 0; l < w.layers; l++) {
                layers.add(NaiveLayer.of(w, s, l));
            }
            out.add(new NaiveNetwork(layers));
        }
        return out;
    }

    public NaiveResult evaluate(int h, int w, int c) {
        NaiveResult r = new NaiveResult(h, w, c);
        for (NaiveLayer layer : layers) {
            if (!layer.apply(r)) {
                r.valid = false;
                break;
            }
        }
        return r;
    }

    /** Sum over valid results of {@code rf_h + params + macs}, wrapping mod 2^64. */
    public static long checksum(List<NaiveNetwork> nets, int h, int w, int c) {
        long sum = 0;
        for (NaiveNetwork net : nets) {
            NaiveResult r = net.evaluate(h, w, c);
            if (r.valid) {
                sum += r.rfH + r.params + r.macs;
            }
        }
        return sum;
    }
}
