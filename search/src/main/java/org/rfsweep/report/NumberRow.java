package org.rfsweep.report;

/** A CSV row under construction that takes numbers: what {@link MetricColumns#append} writes into. */
public interface NumberRow {
    /** Appends {@code value} as one field. */
    NumberRow number(long value);
}
