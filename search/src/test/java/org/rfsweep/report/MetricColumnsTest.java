package org.rfsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rfsweep.core.eval.Metrics;

class MetricColumnsTest {
    @Test
    void shouldNameTheSpecColumnsThenTheSelectedFlopsThenTheMemoryColumns() {
        assertEquals(List.of("out_h", "out_w", "out_c", "rf_h", "rf_w", "rf_min_h", "rf_min_w", "stride_h", "stride_w",
            "pad_h", "pad_w", "params", "macs", "activations", "weight_bytes", "act_bytes", "peak_act_bytes"),
            new MetricColumns(FlopsSelection.MACS_ONLY).names());
        MetricColumns all = new MetricColumns(FlopsSelection.parse(List.of("seed,seed-madd,2macs")));
        assertEquals(List.of("flops_seed", "flops_seed_madd", "flops_2macs"), all.names().subList(13, 16));
        assertEquals(20, all.size());
    }

    @Test
    void shouldAppendEverySlotValueInColumnOrder() throws IOException {
        Metrics m = new Metrics(2);
        int s = 1;
        m.outH[s] = 1;
        m.outW[s] = 2;
        m.outC[s] = 3;
        m.rfH[s] = 4;
        m.rfW[s] = 5;
        m.rfMinH[s] = 6;
        m.rfMinW[s] = 7;
        m.strideH[s] = 8;
        m.strideW[s] = 9;
        m.padH[s] = 10;
        m.padW[s] = 11;
        m.params[s] = 12;
        m.macs[s] = 100;
        m.biasAdds[s] = 7;
        m.acts[s] = 50;
        m.actElements[s] = 60;
        m.peakElements[s] = 30;
        StringWriter out = new StringWriter();
        try (CsvRowWriter row = new CsvRowWriter(out)) {
            new MetricColumns(FlopsSelection.parse(List.of("2macs,seed-madd,seed"))).append(row, m, s);
            row.endRow();
            new MetricColumns(FlopsSelection.parse(List.of("2macs")), DType.FP16).append(row, m, s);
            row.endRow();
        }
        // Bytes: params 12, act 60 and peak 30 elements at 4 bytes (fp32), then at 2 (fp16).
        assertEquals("1,2,3,4,5,6,7,8,9,10,11,12,100,107,207,200,50,48,240,120\n"
            + "1,2,3,4,5,6,7,8,9,10,11,12,100,200,50,24,120,60\n",
            out.toString());
    }

    @Test
    void shouldAppendOneEmptyFieldPerColumn() throws IOException {
        StringWriter out = new StringWriter();
        try (CsvRowWriter row = new CsvRowWriter(out)) {
            row.text("x");
            new MetricColumns(FlopsSelection.parse(List.of("seed"))).appendEmpty(row);
            row.endRow();
        }
        assertEquals("x" + ",".repeat(18) + "\n", out.toString());
    }
}
