package org.rfsweep.cli;

import org.rfsweep.report.DType;
import picocli.CommandLine.Option;

/** Mixin: {@code --dtype fp32|fp16|bf16|int8}, the bytes per element of the byte columns. */
public final class DTypeOption {
    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "fp32",
        description = "Element type of weights and activations for weight_bytes, act_bytes and peak_act_bytes:"
            + " fp32 (4 bytes), fp16 or bf16 (2), int8 (1). Default: ${DEFAULT-VALUE}.")
    private String name;

    /** The type; a bad name is a {@link UserError} naming it. */
    public DType dtype() {
        try {
            return DType.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("--dtype " + e.getMessage());
        }
    }
}
