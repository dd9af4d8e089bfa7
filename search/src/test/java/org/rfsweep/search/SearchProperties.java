package org.rfsweep.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.constraint.ConstraintSet;

/**
 * Random small spaces and random constraints ({@link RandomSpaces}): the search's top-k and
 * Pareto front equal brute force, for every objective, k from 1 to 4, with and without
 * {@code --ignore-1x1}, on 1 or 2 threads, with and without the probe and the RF tables. The
 * seed of each case is in the failure message; a longer run (system properties {@code seed},
 * {@code cases} and {@code maxSize}, passed on by Surefire):
 * <pre>
 *   mvn -pl search -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SearchProperties \
 *       -Dcases=20000 -DmaxSize=20000
 * </pre>
 */
class SearchProperties {
    private static final long SEED = Long.getLong("seed", 20240611L);
    private static final int CASES = Integer.getInteger("cases", 1000);

    @Test
    void shouldEqualBruteForceOnRandomSpaces() {
        SplittableRandom root = new SplittableRandom(SEED);
        Objective[] objectives = Objective.values();
        for (int i = 0; i < CASES; i++) {
            long seed = root.nextLong();
            SplittableRandom rnd = new SplittableRandom(seed);
            CompiledSpace space = RandomSpaces.space(rnd, Long.getLong("maxSize", 3_000L));
            List<String> where = RandomSpaces.where(rnd);
            Objective objective = objectives[rnd.nextInt(objectives.length)];
            int k = 1 + rnd.nextInt(4);
            boolean ignore1x1 = rnd.nextInt(4) == 0;
            int threads = 1 + rnd.nextInt(2);
            String label = "case " + i + " seed " + seed + " where " + where + " minimize " + objective.column + " top "
                + k + (ignore1x1 ? " ignore-1x1" : "");
            ConstraintSet c = ConstraintSet.of(space.space(), where);
            boolean plain = rnd.nextInt(4) == 0;
            label += plain ? " without probe and RF tables" : "";
            SearchResult r = Search.run(space, SearchOptions.builder(c).objective(objective).top(k).pareto(true)
                .ignore1x1(ignore1x1).threads(threads).method(SearchOptions.Method.EXACT).probe(!plain)
                .maxTableCells(plain ? 0 : 16_000_000).build());
            assertTrue(r.proven(), label);
            BruteForce all = BruteForce.run(space, c, objective, ignore1x1);
            assertEquals(all.top(k), ExhaustiveCrossCheckTest.describeSolutions(r.top()), label);
            assertEquals(all.front(), ExhaustiveCrossCheckTest.describeSolutions(r.front()), label);
        }
    }
}
