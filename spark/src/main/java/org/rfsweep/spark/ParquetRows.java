package org.rfsweep.spark;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * One Parquet part: the sweep's rows with typed columns, {@code index} as a 64-bit integer,
 * {@code arch} and {@code input} as UTF-8 strings, the extents, channels and {@code unproductive}
 * as 32-bit integers (bounded by 2^24), every other metric as a 64-bit integer (receptive fields,
 * strides, padding, params and MACs can exceed 2^31). Written with parquet-hadoop, which every
 * Spark installation ships; Snappy-compressed like Spark's own Parquet.
 */
final class ParquetRows implements Closeable {
    /** Columns stored as INT32. */
    static final Set<String> INT_COLUMNS = Set.of("out_h", "out_w", "out_c", "unproductive");

    private final List<String> names;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    ParquetRows(Path file, Configuration conf, List<String> names) throws IOException {
        this.names = names;
        MessageType schema = schema(names);
        this.groups = new SimpleGroupFactory(schema);
        this.writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf)).withConf(conf)
            .withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build();
    }

    /** The schema of the sweep's columns {@code names}. */
    static MessageType schema(List<String> names) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String name : names) {
            if (name.equals("arch") || name.equals("input")) {
                b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
            } else if (INT_COLUMNS.contains(name)) {
                b.required(PrimitiveTypeName.INT32).named(name);
            } else {
                b.required(PrimitiveTypeName.INT64).named(name);
            }
        }
        return b.named("sweep");
    }

    /** Writes the row that {@code row} has just parsed. */
    void add(RowFields row) throws IOException {
        Group g = groups.newGroup();
        for (int f = 0; f < names.size(); f++) {
            String name = names.get(f);
            if (name.equals("arch") || name.equals("input")) {
                g.append(name, row.text(f));
            } else if (INT_COLUMNS.contains(name)) {
                g.append(name, (int) row.number(f));
            } else {
                g.append(name, row.number(f));
            }
        }
        writer.write(g);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
