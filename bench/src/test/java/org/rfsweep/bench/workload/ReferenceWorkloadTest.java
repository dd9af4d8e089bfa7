package org.rfsweep.bench.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfsweep.bench.naive.NaiveNetwork;
import org.rfsweep.core.arch.ArchFormatter;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.core.layout.Layer;

/** Pins the reference workload, its file format and its checksum, which every peer reproduces. */
class ReferenceWorkloadTest {
    @TempDir
    Path dir;

    @Test
    void shouldDrawTheStandardSplitMix64Stream() {
        SplitMix64 rng = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, rng.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, rng.nextLong());
    }

    @Test
    void shouldGenerateThePinnedFirstStack() {
        Workload w = ReferenceWorkload.generate(ReferenceWorkload.SEED, 1, 8);
        StringBuilder sb = new StringBuilder();
        ArchFormatter.append(sb, w.toRecords(), 0, 8);
        assertEquals(FIRST_STACK, sb.toString());
    }

    @Test
    void shouldGiveThePinnedChecksumInTheEngineAndTheNaivePeer() {
        Workload w = ReferenceWorkload.generate(ReferenceWorkload.SEED, 16384, 16);
        int[] rec = w.toRecords();
        Metrics m = new Metrics(w.stacks);
        StackEvaluator ev = new StackEvaluator();
        for (int s = 0; s < w.stacks; s++) {
            ev.evaluate(rec, s * 16 * Layer.INTS, 16, w.inH, w.inW, w.inC, m, s);
        }
        assertEquals(415788375286036L, ReferenceWorkload.checksum(m, w.stacks));
        assertEquals(415788375286036L, NaiveNetwork.checksum(NaiveNetwork.all(w), w.inH, w.inW, w.inC));
    }

    @Test
    void shouldKeepEveryStackValidAtAnyDepth() {
        Workload w = ReferenceWorkload.generate(ReferenceWorkload.SEED, 4096, 32);
        int[] rec = w.toRecords();
        Metrics m = new Metrics(1);
        StackEvaluator ev = new StackEvaluator();
        for (int s = 0; s < w.stacks; s++) {
            ev.evaluate(rec, s * 32 * Layer.INTS, 32, w.inH, w.inW, w.inC, m, 0);
            assertEquals(0, m.error[0], "stack " + s);
        }
    }

    @Test
    void shouldReadBackWhatItWrites() throws IOException {
        Workload w = ReferenceWorkload.generate(7, 10, 5);
        Path f = dir.resolve("w.bin");
        w.write(f);
        assertEquals(32 + 10 * 5 * Workload.FIELDS * 4, Files.size(f));
        Workload r = Workload.read(f);
        assertEquals(10, r.stacks);
        assertEquals(5, r.layers);
        assertEquals(224, r.inH);
        assertArrayEquals(w.toRecords(), r.toRecords());
    }

    @Test
    void shouldRejectAFileWithoutTheMagic() throws IOException {
        Path f = dir.resolve("bad.bin");
        Files.write(f, new byte[40]);
        IOException e = assertThrows(IOException.class, () -> Workload.read(f));
        assertEquals(f + ": not a workload file (magic RFWL missing)", e.getMessage());
    }

    private static final String FIRST_STACK = "maxpool(k=1x7,s=1,p=0x3) maxpool(k=3,s=1,p=1) conv(k=3,s=2,p=1,c=256) "
        + "conv(k=3,p=2,d=2,c=32) conv(k=1x3,p=0x1,c=256) conv(k=3,p=2,d=2,c=32) maxpool(k=7,s=1,p=3) "
        + "conv(k=1,s=2,c=128)";
}
