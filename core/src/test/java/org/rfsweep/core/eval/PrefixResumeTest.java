package org.rfsweep.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.Network;

/**
 * {@link StackEvaluator#evaluateFrom} resumes from the state it kept of the previous stack. The
 * tests break the caller's promise on purpose (a different prefix) to see where it resumed.
 */
class PrefixResumeTest {
    private final StackEvaluator evaluator = new StackEvaluator();
    private final Snapshots snaps = new Snapshots(16);
    private final Metrics m = new Metrics(1);

    private boolean run(String arch, int changed) {
        Network net = ArchParser.parse(arch);
        return evaluator.evaluateFrom(net.records(), 0, net.count(), 32, 32, 3, m, 0, snaps, changed);
    }

    @Test
    void shouldResumeFromTheKeptStateBeforeTheFirstChangedRecord() {
        assertTrue(run("conv(k=3,c=8) conv(k=3,c=8) conv(k=3,c=8)", 0));
        assertEquals(7, m.rfH[0]);
        // the first record differs, but the caller says only record 2 changed: records 0-1 are not re-run
        assertTrue(run("conv(k=5,c=8) conv(k=3,c=8) conv(k=1,c=8)", 2));
        assertEquals(5, m.rfH[0]);
        Metrics hybrid = new Metrics(1);
        Network net = ArchParser.parse("conv(k=3,c=8) conv(k=3,c=8) conv(k=1,c=8)");
        assertTrue(new StackEvaluator().evaluate(net.records(), 0, net.count(), 32, 32, 3, hybrid, 0));
        assertEquals(hybrid.params[0], m.params[0]);
        assertEquals(hybrid.macs[0], m.macs[0]);
        assertEquals(hybrid.peakElements[0], m.peakElements[0]);
    }

    @Test
    void shouldStartFromScratchWhenNothingIsKeptOrTheInputDiffers() {
        assertTrue(run("conv(k=3,c=8) conv(k=3,c=8)", 0));
        assertTrue(run("conv(k=5,c=8) conv(k=3,c=8)", 0));
        assertEquals(7, m.rfH[0]);
        int[] rec = ArchParser.parse("conv(k=7,c=8) conv(k=3,c=8)").records();
        assertTrue(evaluator.evaluateFrom(rec, 0, 2, 33, 32, 3, m, 0, snaps, 1));
        assertEquals(9, m.rfH[0]);
        assertEquals(25, m.outH[0]);
    }

    @Test
    void shouldGoBackToBeforeAnOpenBlock() {
        String block = "conv(k=3,c=8) add(conv(k=3,p=1,c=8) | conv(k=1,c=8)) conv(k=3,c=8)";
        assertTrue(run(block, 0));
        // records: conv, add, conv, |, conv, ), conv: record 4 is inside the block, which is re-run
        assertTrue(run("conv(k=3,c=8) add(conv(k=5,p=2,c=8) | conv(k=1,c=8)) conv(k=3,c=8)", 4));
        assertEquals(9, m.rfH[0]);
    }

    @Test
    void shouldRepeatAnErrorOfTheUnchangedPrefix() {
        assertFalse(run("conv(k=3,c=8) maxpool(k=64) conv(k=3,c=8)", 0));
        assertEquals(ErrorCode.OUTPUT_TOO_SMALL, m.error[0]);
        assertEquals(1, m.errorRecord[0]);
        assertFalse(run("conv(k=3,c=8) maxpool(k=64) conv(k=1,c=8)", 2));
        assertEquals(ErrorCode.OUTPUT_TOO_SMALL, m.error[0]);
        assertEquals(1, m.errorRecord[0]);
    }

    @Test
    void shouldRejectASizeOutsideTheLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Snapshots(0));
        assertEquals("maxRecords=0 is outside 1..65536", e.getMessage());
    }
}
