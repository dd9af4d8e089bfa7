package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code eval --format json} (JSON Lines), {@code eval --input LIST}, {@code search --format json|markdown}. */
class EvalFormatsTest {
    @Test
    void shouldWriteJsonLinesWithTheCsvNamesAndNullsForAnInvalidRow() {
        Cli.Result r = Cli.runWithStdin("arch,input\n\"conv(k=3,c=8) relu\",32\n\"conv(k=7,c=8)\",4x4x3\n",
            "eval", "-", "--format", "json");
        assertEquals(new Cli.Result(0, ""
            + "{\"arch\":\"conv(k=3,c=8) relu\",\"input\":\"32\",\"out_h\":30,\"out_w\":30,\"out_c\":8,\"rf_h\":3,"
            + "\"rf_w\":3,\"rf_min_h\":3,\"rf_min_w\":3,\"stride_h\":1,\"stride_w\":1,\"pad_h\":0,\"pad_w\":0,"
            + "\"params\":224,\"macs\":194400,\"activations\":7200,\"weight_bytes\":896,\"act_bytes\":57600,"
            + "\"peak_act_bytes\":41088,\"unproductive\":0,\"error\":null}\n"
            + "{\"arch\":\"conv(k=7,c=8)\",\"input\":\"4x4x3\",\"out_h\":null,\"out_w\":null,\"out_c\":null,"
            + "\"rf_h\":null,\"rf_w\":null,\"rf_min_h\":null,\"rf_min_w\":null,\"stride_h\":null,\"stride_w\":null,"
            + "\"pad_h\":null,\"pad_w\":null,\"params\":null,\"macs\":null,\"activations\":null,\"weight_bytes\":null,"
            + "\"act_bytes\":null,\"peak_act_bytes\":null,\"unproductive\":null,\"error\":\"layer 1"
            + " conv(k=7,c=8): output too small: out_h = floor((4 + 0 + 0 - 7) / 1) + 1 = -2 is below 1 (the padded"
            + " input 4 is smaller than the effective kernel 7)\"}\n",
            EvalCommandTest.summary("standard input", 2)), r);
    }

    @Test
    void shouldEvaluateEveryRowOnEveryInputOfTheListAcrossChunks() {
        String expected = ""
            + "arch,input,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,params,macs,"
            + "activations,weight_bytes,act_bytes,peak_act_bytes,unproductive,error\n"
            + "\"conv(k=3,c=8) relu\",2x2x3,,,,,,,,,,,,,,,,,,,\"layer 1 conv(k=3,c=8): output too small: out_h ="
            + " floor((2 + 0 + 0 - 3) / 1) + 1 = 0 is below 1 (the padded input 2 is smaller than the effective"
            + " kernel 3)\"\n"
            + "\"conv(k=3,c=8) relu\",3x3x3,1,1,8,3,3,3,3,1,1,0,0,224,216,8,896,64,140,0,\n"
            + "\"conv(k=3,c=8) relu\",4x4x3,2,2,8,3,3,3,3,1,1,0,0,224,864,32,896,256,320,0,\n"
            + "\"conv(k=3,c=8) relu\",8x9x3,6,7,8,3,3,3,3,1,1,0,0,224,9072,336,896,2688,2208,0,\n"
            + "gap,2x2x3,1,1,3,2,2,2,2,1,1,0,0,0,0,0,0,12,60,0,\n"
            + "gap,3x3x3,1,1,3,3,3,3,3,1,1,0,0,0,0,0,0,12,120,0,\n"
            + "gap,4x4x3,1,1,3,4,4,4,4,1,1,0,0,0,0,0,0,12,204,0,\n"
            + "gap,8x9x3,1,1,3,8,9,8,9,1,1,0,0,0,0,0,0,12,876,0,\n";
        String csv = "arch\n\"conv(k=3,c=8) relu\"\ngap\n";
        String summary = EvalCommandTest.summary("standard input", 8);
        assertEquals(new Cli.Result(0, expected, summary), Cli.runWithStdin(csv, "eval", "-", "--input", "2:4,8x9"));
        assertEquals(new Cli.Result(0, expected, summary), Cli.runWithStdin(csv, "eval", "-", "--input", "2:4,8x9",
            "--chunk-rows", "3"));
    }

    @Test
    void shouldRejectATableForEval() {
        assertEquals(new Cli.Result(2, "", "rfsweep: --format table: eval writes csv or json\n"),
            Cli.runWithStdin("arch,input\ngap,8\n", "eval", "-", "--format", "table"));
    }

    @Test
    void shouldWriteSearchResultsAsJsonWithTheCsvColumnNames() throws Exception {
        Cli.Result csv = Cli.run("search", "../data/spaces/default.json", "--top", "3", "--format", "csv");
        Cli.Result json = Cli.run("search", "../data/spaces/default.json", "--top", "3", "--format", "json");
        assertEquals(0, json.code());
        JsonNode rows = new ObjectMapper().readTree(json.out());
        String[] csvLines = csv.out().split("\n");
        assertEquals(3, rows.size());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = rows.get(0).fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertEquals(csvLines[0], String.join(",", keys));
        assertEquals(12348000L, rows.get(0).get("macs").asLong());
        assertEquals(239, rows.get(0).get("rf_h").asInt());
        Cli.Result md = Cli.run("search", "../data/spaces/default.json", "--top", "1", "--format", "markdown");
        assertEquals("| rank | macs | params | rf | out | stride | arch |", md.out().split("\n")[0]);
        assertEquals("| ---: | ---: | ---: | ---: | ---: | ---: | --- |", md.out().split("\n")[1]);
    }

    @Test
    void shouldMinimisePeakActivationsBySamplingAndSayItIsNotProven() {
        Cli.Result r = Cli.run("search", "../data/spaces/default.json", "--minimize", "peak_act_bytes", "--top", "2",
            "--samples", "5000");
        assertEquals(0, r.code(), r.err());
        assertEquals("rank        macs  params  peak_act_bytes   rf      out  stride  arch", r.out().split("\n")[0]);
        assertTrue(r.err().contains("--minimize peak_act_bytes is not one of the exact search's additive objectives"),
            r.err());
        assertTrue(r.err().contains("best found, NOT proven (sampling): the 2 cheapest by peak_act_bytes"), r.err());
        Cli.Result exact = Cli.run("search", "../data/spaces/default.json", "--where", "act_bytes <= 4M", "--method",
            "exact");
        assertEquals(2, exact.code());
        assertTrue(exact.err().endsWith("\nrfsweep: --method exact: the exact search cannot model"
            + " ../data/spaces/default.json: a bound on act_bytes or peak_act_bytes is not one the exact search"
            + " carries\n"), exact.err());
    }
}
