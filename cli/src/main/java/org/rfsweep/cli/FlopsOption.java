package org.rfsweep.cli;

import java.util.ArrayList;
import java.util.List;
import org.rfsweep.report.FlopsSelection;
import picocli.CommandLine.Option;

/** Mixin: {@code --flops macs|seed|seed-madd|2macs}, repeatable or comma-separated. */
public final class FlopsOption {
    @Option(names = "--flops", paramLabel = "NAME", split = ",",
        description = "Extra compute columns (repeatable or comma-separated): seed -> flops_seed (MACs + bias adds),"
            + " seed-madd -> flops_seed_madd (2*MACs + bias adds), 2macs -> flops_2macs (2*MACs)."
            + " The macs column is always written; 'macs' adds nothing.")
    private List<String> names = new ArrayList<>();

    /** The selection; a bad name is a {@link UserError} naming it. */
    public FlopsSelection selection() {
        try {
            return FlopsSelection.parse(names);
        } catch (IllegalArgumentException e) {
            throw new UserError("--flops " + e.getMessage());
        }
    }
}
