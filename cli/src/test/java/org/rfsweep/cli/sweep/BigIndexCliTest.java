package org.rfsweep.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rfsweep.cli.Cli;

/** An index the search prints (above 2^63 in a large space) is accepted by the sweep's --range. */
class BigIndexCliTest {
    private static final String ANYNET = Path.of("..", "data", "spaces", "bench-anynet.json").toString();

    @Test
    void shouldSweepTheCandidateThatTheSearchPrinted() {
        Cli.Result search = Cli.run("search", ANYNET, "--top", "1", "--format", "csv");
        assertEquals(0, search.code(), search.err());
        String row = search.out().lines().toList().get(1);
        String index = row.split(",")[1];
        assertTrue(new BigInteger(index).bitLength() > 63, index);
        String arch = row.substring(row.indexOf('"'), row.indexOf('"', row.indexOf('"') + 1) + 1);
        Cli.Result sweep = Cli.run("sweep", ANYNET, "--range", index + ":" + new BigInteger(index).add(BigInteger.ONE),
            "--out", "-", "--progress", "none");
        assertEquals(0, sweep.code(), sweep.err());
        List<String> lines = sweep.out().lines().toList();
        assertEquals(1, lines.size(), sweep.out());
        assertTrue(lines.get(0).startsWith(index + "," + arch + ","), lines.get(0) + "\n" + row);
    }

    @Test
    void shouldRefuseARangeOfMoreThan2To63Indices() {
        Cli.Result r = Cli.run("sweep", ANYNET, "--range", "0:100000000000000000000", "--out", "-");
        assertEquals(new Cli.Result(2, "", "rfsweep: --range 0:100000000000000000000: the range 0:100000000000000000000"
            + " holds 100000000000000000000 indices, more than 2^63-1: split it into smaller ranges or more shards\n"), r);
    }
}
