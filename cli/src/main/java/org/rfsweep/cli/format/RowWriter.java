package org.rfsweep.cli.format;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.rfsweep.report.NumberRow;

/**
 * Rows of named fields for programs: CSV ({@link CsvRows}) or JSON ({@link JsonRows}), with the
 * same column names, so that {@link org.rfsweep.report.MetricColumns#append} and every command
 * write both formats through one code path. Call {@link #header} once, then the fields of each
 * row in header order and {@link #endRow}, then {@link #finish}. Not thread-safe.
 */
public interface RowWriter extends NumberRow {
    /** Declares the columns (CSV writes them as its first record). */
    void header(List<String> names) throws IOException;

    /** A text field. */
    @Override
    RowWriter text(CharSequence value);

    @Override
    RowWriter number(long value);

    /**
     * A number given twice, so that halves are exact: {@code 11} is written {@code 5.5},
     * {@code -2} is {@code -1}. For centres, which sit on half pixels.
     */
    RowWriter half(long twice);

    /** A decimal number, written as given ({@code 12.5}); a JSON number. */
    RowWriter decimal(BigDecimal value);

    /** An empty field (JSON {@code null}). */
    @Override
    RowWriter empty();

    /** Ends the row. */
    void endRow() throws IOException;

    /** Ends the output (closes a JSON array) and flushes; the underlying writer stays open. */
    void finish() throws IOException;

    /** The text of {@code twice / 2}: an integer, or an integer and {@code .5}. */
    static String halfText(long twice) {
        if ((twice & 1) == 0) {
            return Long.toString(twice / 2);
        }
        long whole = twice / 2;
        return (twice < 0 && whole == 0 ? "-0" : Long.toString(whole)) + ".5";
    }
}
