package org.rfsweep.cli.format;

import org.rfsweep.cli.UserError;

/**
 * The {@code --format} of a command: {@code table} (aligned text, for people), {@code csv}
 * (SPEC section 10 column names), {@code json} (the same names as keys, numbers as numbers;
 * written with Jackson) or {@code markdown} (the table as a GitHub pipe table).
 */
public enum OutputFormat {
    table, csv, json, markdown;

    /** True for the formats that carry the CSV column names (csv, json). */
    public boolean machine() {
        return this == csv || this == json;
    }

    /** Rejects a format that {@code command} does not write; {@code allowed} lists the ones it does. */
    public OutputFormat require(String command, OutputFormat... allowed) {
        StringBuilder names = new StringBuilder();
        for (OutputFormat f : allowed) {
            if (f == this) {
                return this;
            }
            names.append(names.length() == 0 ? "" : " or ").append(f.name());
        }
        throw new UserError("--format " + name() + ": " + command + " writes " + names);
    }
}
