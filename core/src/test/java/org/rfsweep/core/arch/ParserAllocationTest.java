package org.rfsweep.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The parser's record entries allocate nothing once their buffers have grown: the String entry,
 * the byte entry reading the text where it is, and the byte entry copying it (no slack after the
 * text), each counted by the bytes the thread allocated over many parses. The negative control
 * ({@link ArchParser#parseNetwork}, a new {@link Network} per parse) shows that the count sees
 * allocation. Interpreted or compiled, the entries have nothing to allocate, so no warm-up of the
 * JIT is needed.
 */
class ParserAllocationTest {
    private static final String TEXT = "conv(k=3,s=2,p=1,c=64) maxpool(k=1x7,s=1,p=0x3) sepconv(k=5,p=2,d=2,c=1234) "
        + "conv(k=7x3,p=3x1,c=16,g=2,bias=0) bn relu";
    private static final int LAYERS = 6;
    private static final int PARSES = 2_000;

    private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final ArchParser parser = new ArchParser();

    @Test
    void shouldParseAStringWithoutAllocating() {
        assertEquals(0, allocated(() -> parser.parseRecords(TEXT)));
    }

    @Test
    void shouldParseBytesWhereTheyAreWithoutAllocating() {
        byte[] utf8 = Arrays.copyOf(TEXT.getBytes(StandardCharsets.UTF_8), TEXT.length() + 64);
        assertEquals(0, allocated(() -> parser.parseRecords(utf8, 0, TEXT.length())));
    }

    @Test
    void shouldParseBytesFromACopyWithoutAllocating() {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        assertEquals(0, allocated(() -> parser.parseRecords(utf8, 0, utf8.length)));
    }

    @Test
    void shouldSeeTheAllocationOfANetworkPerParse() {
        assertTrue(allocated(() -> parser.parseNetwork(TEXT).count()) >= PARSES * 16L);
    }

    /** The bytes this thread allocates over {@link #PARSES} parses, after one parse that grows the buffers. */
    private long allocated(Parse parse) {
        assertEquals(LAYERS, parse.run());
        long sum = 0;
        final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < PARSES; i++) {
            sum += parse.run();
        }
        final long after = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        assertEquals((long) PARSES * LAYERS, sum);
        return after - before;
    }

    @FunctionalInterface
    private interface Parse {
        int run();
    }
}
