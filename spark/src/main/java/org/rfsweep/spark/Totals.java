package org.rfsweep.spark;

import java.util.List;
import org.rfsweep.core.eval.ErrorCode;

/** The sums of the tasks' totals: candidates evaluated, kept, and invalid per error code. */
record Totals(long evaluated, long kept, long[] invalidByCode, long taskNanos) {
    static Totals of(List<SliceResult> results) {
        long evaluated = 0;
        long kept = 0;
        long nanos = 0;
        long[] invalid = new long[ErrorCode.COUNT];
        for (SliceResult r : results) {
            evaluated += r.evaluated();
            kept += r.kept();
            nanos += r.nanos();
            for (int code = 0; code < invalid.length; code++) {
                invalid[code] += r.invalid()[code];
            }
        }
        return new Totals(evaluated, kept, invalid, nanos);
    }
}
