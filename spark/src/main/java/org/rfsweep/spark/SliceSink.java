package org.rfsweep.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.rfsweep.sweep.ChunkSink;

/**
 * Where one task's chunks go, in index order: the CSV bytes straight to the part file; for
 * Parquet and for the aggregates, each row read back from the bytes (only kept rows reach a
 * chunk, so this costs little when a filter keeps few). The header line, when the slice has one,
 * is the first write.
 */
final class SliceSink implements ChunkSink {
    private final OutputStream csv;
    private final ParquetRows parquet;
    private final Aggregates aggregates;
    private final RowFields fields;
    private final int objectiveField;
    private final int rfHField;
    private final int rfWField;
    private final boolean failAfterFirstChunk;
    private boolean headerPending;

    /**
     * @param csv the CSV part, or null
     * @param parquet the Parquet part, or null
     * @param aggregates what to collect, or null
     * @param failAfterFirstChunk the test hook: fail once the first chunk of rows is on disk
     */
    SliceSink(List<String> names, String objective, boolean header, OutputStream csv, ParquetRows parquet,
              Aggregates aggregates, boolean failAfterFirstChunk) {
        this.csv = csv;
        this.parquet = parquet;
        this.aggregates = aggregates;
        this.fields = new RowFields(names.size());
        this.objectiveField = names.indexOf(objective);
        this.rfHField = names.indexOf("rf_h");
        this.rfWField = names.indexOf("rf_w");
        this.headerPending = header;
        this.failAfterFirstChunk = failAfterFirstChunk;
    }

    @Override
    public void write(byte[] bytes, int length) throws IOException {
        if (headerPending) {
            headerPending = false;
            if (csv != null) {
                csv.write(bytes, 0, length);
            }
            return;
        }
        if (csv != null) {
            csv.write(bytes, 0, length);
        }
        if (parquet != null || aggregates != null) {
            for (int at = 0; at < length; ) {
                at = fields.parse(bytes, at, length);
                if (parquet != null) {
                    parquet.add(fields);
                }
                if (aggregates != null && aggregates.wants(fields.number(objectiveField))) {
                    aggregates.add(new KeptRow(fields.number(0), fields.number(objectiveField),
                        fields.number(rfHField), fields.number(rfWField), fields.line()));
                }
            }
        }
        if (failAfterFirstChunk && length > 0) {
            if (csv != null) {
                csv.flush();
            }
            throw new IOException("injected failure (test hook --fail-first-attempt-of-task)");
        }
    }
}
