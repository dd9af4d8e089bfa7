package org.rfsweep.cli.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.rfsweep.sweep.SweepEngine;
import org.rfsweep.sweep.SweepListener;
import org.rfsweep.sweep.SweepPlan;

/** Runs a sweep through the engine library (no command line), for comparison with the command's output. */
final class SweepRuns {
    private SweepRuns() {
    }

    /** The CSV text a sweep of {@code plan} writes. */
    static String csv(SweepPlan plan) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SweepEngine.run(plan, (bytes, length) -> out.write(bytes, 0, length), new AtomicBoolean(), SweepListener.NONE);
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** The header record, then every data row keyed by the header. */
    static List<CSVRecord> parse(String csv) throws IOException {
        List<CSVRecord> records = new ArrayList<>();
        records.add(CSVFormat.DEFAULT.parse(new StringReader(csv.substring(0, csv.indexOf('\n') + 1))).getRecords()
            .get(0));
        records.addAll(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
            .parse(new StringReader(csv)).getRecords());
        return records;
    }
}
