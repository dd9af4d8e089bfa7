package org.rfsweep.cli.format;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import org.rfsweep.report.CsvRowWriter;

/** {@link RowWriter} over the project's {@link CsvRowWriter} (Commons CSV quoting). */
public final class CsvRows implements RowWriter {
    private final CsvRowWriter row;

    public CsvRows(Writer out) {
        this.row = new CsvRowWriter(out);
    }

    private CsvRows(CsvRowWriter row) {
        this.row = row;
    }

    /** Rows appended to {@code target}, for formatting blocks of rows on several threads. */
    public static CsvRows into(StringBuilder target) {
        return new CsvRows(CsvRowWriter.into(target));
    }

    @Override
    public void header(List<String> names) throws IOException {
        row.header(names);
    }

    @Override
    public CsvRows text(CharSequence value) {
        row.text(value);
        return this;
    }

    @Override
    public CsvRows number(long value) {
        row.number(value);
        return this;
    }

    @Override
    public CsvRows half(long twice) {
        if ((twice & 1) == 0) {
            row.number(twice / 2);
        } else {
            row.text(RowWriter.halfText(twice));
        }
        return this;
    }

    @Override
    public CsvRows decimal(BigDecimal value) {
        row.text(value.toPlainString());
        return this;
    }

    @Override
    public CsvRows empty() {
        row.empty();
        return this;
    }

    @Override
    public void endRow() throws IOException {
        row.endRow();
    }

    @Override
    public void finish() throws IOException {
        row.flush();
    }
}
