package org.rfsweep.spark;

import java.io.Serializable;

/**
 * What a finished task hands back to the driver: its part, its totals, its wall time and its aggregates (or null).
 */
record SliceResult(int part, long evaluated, long kept, long[] invalid, long nanos,
                   Aggregates aggregates) implements Serializable {
}
