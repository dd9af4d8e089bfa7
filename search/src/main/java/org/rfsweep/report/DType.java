package org.rfsweep.report;

/**
 * The element type of weights and activations, for the byte columns ({@code weight_bytes},
 * {@code act_bytes}, {@code peak_act_bytes}; see {@code docs/MEMORY.md}): {@code --dtype}.
 */
public enum DType {
    FP32("fp32", 4), FP16("fp16", 2), BF16("bf16", 2), INT8("int8", 1);

    /** The accepted names, for help and messages. */
    public static final String NAMES = "fp32, fp16, bf16 or int8";

    public final String label;
    /** Bytes per element. */
    public final int bytes;

    DType(String label, int bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /**
     * The type named {@code name}.
     *
     * @throws IllegalArgumentException like {@code 'fp64' is not a dtype (expected fp32, fp16, bf16 or int8)}
     */
    public static DType parse(String name) {
        for (DType d : values()) {
            if (d.label.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a dtype (expected " + NAMES + ")");
    }

    @Override
    public String toString() {
        return label;
    }
}
