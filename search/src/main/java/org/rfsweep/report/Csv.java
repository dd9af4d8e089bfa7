package org.rfsweep.report;

import org.apache.commons.csv.CSVFormat;

/**
 * The CSV dialect of every file rfsweep reads and writes: RFC 4180 fields (Commons CSV's
 * {@code DEFAULT}: comma, double quotes only where needed), UTF-8, one header line. Written files
 * end records with {@code \n}; read files may use {@code \n} or {@code \r\n}.
 */
public final class Csv {
    /** The format rfsweep writes. */
    public static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
    /** The format rfsweep reads; the first record is the header and is read like any other. */
    public static final CSVFormat READ = CSVFormat.DEFAULT;

    private Csv() {
    }
}
