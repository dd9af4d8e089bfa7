package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.space.TestSpaces;

/** The search's limits as options: --top within the heap, --max-nodes of at least 1, --time-limit from the start. */
class SearchLimitsCliTest {
    @TempDir
    Path dir;

    private Path space() throws IOException {
        return Files.writeString(dir.resolve("small.json"), TestSpaces.SMALL);
    }

    @Test
    void shouldRefuseATopThatTheHeapCannotHold() throws IOException {
        Cli.Result r = Cli.run("search", space().toString(), "--top", "1000000000");
        assertEquals(2, r.code());
        assertTrue(r.err().matches("rfsweep: --top=1000000000 needs more memory than Java may use here \\([0-9.]+ GB\\):"
            + " ask for at most [0-9,]+, or give Java more with RFSWEEP_JAVA_OPTS=-Xmx16g\n"), r.err());
        UserError e = assertThrows(UserError.class, () -> SearchCommand.checkTopFits(1_000_000, 6L << 30));
        assertEquals("--top=1000000 needs more memory than Java may use here (6.4 GB): ask for at most 49,152, or give"
            + " Java more with RFSWEEP_JAVA_OPTS=-Xmx16g", e.getMessage());
        SearchCommand.checkTopFits(49_152, 6L << 30);
    }

    @Test
    void shouldRejectZeroMaxNodes() throws IOException {
        assertEquals(new Cli.Result(2, "", "rfsweep: --max-nodes=0 must be 1 or more (leave it out for no limit)\n"),
            Cli.run("search", space().toString(), "--max-nodes", "0"));
    }

    @Test
    void shouldSayNothingWasFoundWhenTheTimeLimitEndsTheSearchEarly() throws IOException {
        Cli.Result r = Cli.run("search", space().toString(), "--time-limit", "0.000001s");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("rfsweep: result: best found, NOT proven (stopped by --time-limit): "), r.err());
    }
}
