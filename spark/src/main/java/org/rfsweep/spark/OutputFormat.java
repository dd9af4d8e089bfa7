package org.rfsweep.spark;

/** What the tasks write into {@code --out DIR}. */
public enum OutputFormat {
    /** CSV parts whose concatenation is the local sweep's file. */
    CSV("csv"),
    /** Parquet parts with typed columns. */
    PARQUET("parquet"),
    /** No rows; only the aggregates ({@code --top}, {@code --pareto}) and the summary. */
    NONE("none");

    /** The name on the command line and the part files' extension. */
    public final String text;

    OutputFormat(String text) {
        this.text = text;
    }

    static OutputFormat parse(String name) {
        for (OutputFormat f : values()) {
            if (f.text.equals(name)) {
                return f;
            }
        }
        throw new UsageException("--format " + name + " is not a format (expected csv, parquet or none)");
    }
}
