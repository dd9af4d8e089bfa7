package org.rfsweep.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which FLOP conventions of SPEC section 7 get a column, besides {@code macs}, which is always
 * written. Names are {@code macs}, {@code seed}, {@code seed-madd} and {@code 2macs}; the extra
 * columns are {@code flops_seed}, {@code flops_seed_madd} and {@code flops_2macs}, always in
 * that order whatever the order asked, so files from different runs line up. Immutable.
 *
 * <pre>
 *   FlopsSelection.parse(List.of("2macs,seed")).columns()   // [flops_seed, flops_2macs]
 *   FlopsSelection.parse(List.of("macs")).columns()         // []
 * </pre>
 */
public final class FlopsSelection {
    /** The accepted names, for help and error text. */
    public static final String NAMES = "macs, seed, seed-madd or 2macs";
    /** Only the {@code macs} column. */
    public static final FlopsSelection MACS_ONLY = new FlopsSelection(false, false, false);

    private final boolean seed;
    private final boolean seedMadd;
    private final boolean twoMacs;
    private final List<String> columns;

    private FlopsSelection(boolean seed, boolean seedMadd, boolean twoMacs) {
        this.seed = seed;
        this.seedMadd = seedMadd;
        this.twoMacs = twoMacs;
        List<String> names = new ArrayList<>(3);
        if (seed) {
            names.add("flops_seed");
        }
        if (seedMadd) {
            names.add("flops_seed_madd");
        }
        if (twoMacs) {
            names.add("flops_2macs");
        }
        this.columns = Collections.unmodifiableList(names);
    }

    /**
     * Parses convention names; each element may itself be a comma-separated list.
     *
     * @throws IllegalArgumentException naming the first unknown name, like
     *     {@code 'gflops' is not a FLOP convention (expected macs, seed, seed-madd or 2macs)}
     */
    public static FlopsSelection parse(Iterable<String> names) {
        boolean seed = false;
        boolean seedMadd = false;
        boolean twoMacs = false;
        for (String list : names) {
            for (String raw : list.split(",", -1)) {
                String name = raw.trim();
                switch (name) {
                    case "macs":
                        break;
                    case "seed":
                        seed = true;
                        break;
                    case "seed-madd":
                        seedMadd = true;
                        break;
                    case "2macs":
                        twoMacs = true;
                        break;
                    default:
                        throw new IllegalArgumentException("'" + name + "' is not a FLOP convention (expected "
                            + NAMES + ")");
                }
            }
        }
        return new FlopsSelection(seed, seedMadd, twoMacs);
    }

    /** {@code flops_seed}: MACs plus one add per output element of each layer with a bias. */
    public boolean seed() {
        return seed;
    }

    /** {@code flops_seed_madd}: the seed's MADD, {@code 2*macs + bias adds}. */
    public boolean seedMadd() {
        return seedMadd;
    }

    /** {@code flops_2macs}: twice the MACs. */
    public boolean twoMacs() {
        return twoMacs;
    }

    /** The extra column names, in canonical order; empty for {@code macs} alone. */
    public List<String> columns() {
        return columns;
    }

    @Override
    public String toString() {
        return columns.toString();
    }
}
