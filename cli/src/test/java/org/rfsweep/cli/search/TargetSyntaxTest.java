package org.rfsweep.cli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rfsweep.search.Objective;

class TargetSyntaxTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "224          | rf_h >= 224             | rf_w >= 224",
        "input        | rf_h >= input_h         | rf_w >= input_w",
        "0.5*input    | rf_h >= 0.5*input_h     | rf_w >= 0.5*input_w",
        "input*2      | rf_h >= input_h*2       | rf_w >= input_w*2",
        "200x180      | rf_h >= 200             | rf_w >= 180",
        "inputx96     | rf_h >= input_h         | rf_w >= 96",
    })
    void shouldTurnAnRfTargetIntoConstraints(String target, String h, String w) {
        assertEquals(List.of(h, w), TargetSyntax.rf(target));
    }

    @Test
    void shouldDropTheTargetForNone() {
        assertEquals(List.of(), TargetSyntax.rf("none"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0", "-3", "224x", "x224", "0.5", "2*", "224x0"})
    void shouldRejectABadRfTarget(String target) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetSyntax.rf(target));
        assertEquals("--rf=" + target + ": expected N, input, F*input, HxW of those, or none (like 224, input,"
            + " 0.5*input, 200x180)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"600M, 600000000", "5M, 5000000", "1.5G, 1500000000", "250K, 250000", "42, 42", "2T, 2000000000000"})
    void shouldReadCountsWithSuffixes(String text, long value) {
        assertEquals(value, TargetSyntax.count("--max-macs", text));
    }

    @Test
    void shouldRejectABadCount() {
        assertEquals("--max-macs=6x: expected a count like 600M (digits, an optional fraction, then K, M, G or T for"
                + " 10^3, 10^6, 10^9, 10^12)",
            assertThrows(IllegalArgumentException.class, () -> TargetSyntax.count("--max-macs", "6x")).getMessage());
        assertEquals("--max-params=1.0005K: not a whole number below 2^63",
            assertThrows(IllegalArgumentException.class, () -> TargetSyntax.count("--max-params", "1.0005K"))
                .getMessage());
    }

    @ParameterizedTest
    @CsvSource({"60s, 60000000000", "60, 60000000000", "5m, 300000000000", "500ms, 500000000", "1.5h, 5400000000000"})
    void shouldReadDurations(String text, long nanos) {
        assertEquals(nanos, TargetSyntax.nanos("--time-limit", text));
    }

    @Test
    void shouldRejectABadDuration() {
        assertEquals("--time-limit=soon: expected a duration like 60s, 5m or 500ms",
            assertThrows(IllegalArgumentException.class,
                () -> TargetSyntax.nanos("--time-limit", "soon")).getMessage());
        assertEquals("--time-limit=0s: must be above 0 and at most 292 years",
            assertThrows(IllegalArgumentException.class, () -> TargetSyntax.nanos("--time-limit", "0s")).getMessage());
    }

    @Test
    void shouldFormatCandidateCountsWithTheirMagnitude() {
        assertEquals("3,111,696", SearchSummary.count(BigInteger.valueOf(3_111_696)));
        assertEquals("15,389,375,785,205,920,105,951,497,729,024 (~1.5e31)",
            SearchSummary.count(new BigInteger("15389375785205920105951497729024")));
        assertEquals("0", SearchSummary.count(BigInteger.ZERO));
    }

    @Test
    void shouldNameObjectivesByTheirColumns() {
        assertEquals(Objective.FLOPS_SEED_MADD, Objective.parse("flops_seed_madd"));
        assertEquals("'gflops' is not an objective (expected macs, params, flops_seed, flops_seed_madd, flops_2macs,"
            + " activations, act_bytes or peak_act_bytes)",
            assertThrows(IllegalArgumentException.class, () -> Objective.parse("gflops")).getMessage());
        assertEquals(2 * 10 + 3, Objective.FLOPS_SEED_MADD.of(10, 99, 3));
    }
}
