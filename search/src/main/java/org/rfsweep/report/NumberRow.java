package org.rfsweep.report;

/**
 * A row under construction, field by field: what {@link MetricColumns#append} writes numbers
 * into, and what the evaluation's other fields (text, empty) go to in every output format.
 */
public interface NumberRow {
    /** Appends {@code value} as one field. */
    NumberRow number(long value);

    /** Appends {@code value} as one text field. */
    NumberRow text(CharSequence value);

    /** Appends an empty field. */
    NumberRow empty();
}
