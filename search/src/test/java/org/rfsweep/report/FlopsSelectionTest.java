package org.rfsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlopsSelectionTest {
    @Test
    void shouldAddNoColumnForMacsAlone() {
        assertEquals(List.of(), FlopsSelection.parse(List.of("macs")).columns());
        assertEquals(List.of(), FlopsSelection.parse(List.of()).columns());
    }

    @Test
    void shouldListColumnsInCanonicalOrderWhateverTheOrderAsked() {
        FlopsSelection s = FlopsSelection.parse(List.of("2macs,seed", "seed-madd", "seed"));
        assertEquals(List.of("flops_seed", "flops_seed_madd", "flops_2macs"), s.columns());
        assertTrue(s.seed());
        assertTrue(s.seedMadd());
        assertTrue(s.twoMacs());
    }

    @Test
    void shouldSelectOnlyWhatIsNamed() {
        FlopsSelection s = FlopsSelection.parse(List.of("seed-madd"));
        assertFalse(s.seed());
        assertTrue(s.seedMadd());
        assertFalse(s.twoMacs());
        assertEquals(List.of("flops_seed_madd"), s.columns());
    }

    @Test
    void shouldNameTheUnknownConvention() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> FlopsSelection.parse(List.of("seed,gflops")));
        assertEquals("'gflops' is not a FLOP convention (expected macs, seed, seed-madd or 2macs)", e.getMessage());
    }

    @Test
    void shouldRejectAnEmptyName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> FlopsSelection.parse(List.of("seed,")));
        assertEquals("'' is not a FLOP convention (expected macs, seed, seed-madd or 2macs)", e.getMessage());
    }
}
