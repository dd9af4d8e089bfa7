package org.rfsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AggregatesTest {
    @Test
    void shouldMergeSlicesIntoTheTopAndTheFrontOfTheWholeSweep() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<KeptRow> rows = new ArrayList<>();
            long index = 0;
            int n = 1 + random.nextInt(300);
            for (int i = 0; i < n; i++) {
                index += 1 + random.nextInt(5);
                rows.add(new KeptRow(index, random.nextInt(20), random.nextInt(8), random.nextInt(8), new byte[0]));
            }
            int top = 1 + random.nextInt(12);
            List<Aggregates> parts = new ArrayList<>();
            Aggregates part = new Aggregates(top, true);
            for (KeptRow r : rows) {
                if (random.nextInt(40) == 0) {
                    parts.add(part);
                    part = new Aggregates(top, true);
                }
                part.add(r);
            }
            parts.add(part);
            Aggregates merged = Aggregates.merge(top, true, parts);
            List<KeptRow> sorted = new ArrayList<>(rows);
            sorted.sort(KeptRow.RANK);
            List<KeptRow> best = sorted.subList(0, Math.min(top, sorted.size()));
            assertEquals(indices(best), indices(merged.top()), "seed " + seed);
            assertEquals(indices(bruteFront(rows)), indices(merged.front()), "seed " + seed);
        }
    }

    /** Rows that no other row dominates, in index order (the definition, checked pair by pair). */
    private static List<KeptRow> bruteFront(List<KeptRow> rows) {
        List<KeptRow> front = new ArrayList<>();
        for (KeptRow r : rows) {
            boolean dominated = false;
            for (KeptRow o : rows) {
                boolean atLeast = o.rfH() >= r.rfH() && o.rfW() >= r.rfW() && o.objective() <= r.objective();
                boolean equal = o.rfH() == r.rfH() && o.rfW() == r.rfW() && o.objective() == r.objective();
                if (o != r && atLeast && (!equal || o.index() < r.index())) {
                    dominated = true;
                }
            }
            if (!dominated) {
                front.add(r);
            }
        }
        return front;
    }

    private static List<Long> indices(List<KeptRow> rows) {
        return rows.stream().map(KeptRow::index).toList();
    }
}
