package org.rfsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code rfsweep analyze}: the formats, {@code --columns} (the seed's two methods side by side),
 * {@code --by-op}, {@code --depth} and input lists, on the seed example of SPEC section 3 and a
 * nested residual net, with values checked by hand.
 */
class AnalyzeViewsTest {
    static final String SEED = AnalyzeCommandTest.SEED;
    /** Residual block with a nested 1x1 residual inside; 32x32x3 input. */
    static final String NESTED = "conv(k=3,c=8) res(conv(k=3,p=1,c=8) res(conv(k=1,c=8)) conv(k=3,p=1,c=8))"
        + " conv(k=3,s=2,c=8)";

    private static Cli.Result tableOnly(Cli.Result r) {
        return new Cli.Result(r.code(), AnalyzeCommandTest.table(r.out()), r.err());
    }

    @Test
    void shouldShowTheForwardAndTopDownMethodsSideBySide() {
        // Forward rf 1, 5, 9, 13; top-down from the output back 1, 3, 5, 13 (SPEC section 3); centre -P + (r-1)/2.
        assertEquals(new Cli.Result(0, ""
            + "layer  op                      rf  rf_topdown  centre  critical  rf_min\n"
            + "-----  ----------------------  --  ----------  ------  --------  ------\n"
            + "input                           1          13       0                 1\n"
            + "1      conv(k=5,s=2,p=1,c=64)   5           5       1  no             5\n"
            + "2      maxpool(k=3,s=1)         9           3       3  no             9\n"
            + "3      conv(k=3,p=1,c=128)     13           1       3  no            13\n"
            + "-----  ----------------------  --  ----------  ------  --------  ------\n"
            + "total                          13          13       3  0             13\n", ""),
            tableOnly(Cli.run("analyze", SEED, "--input", "200", "--columns",
                "layer,op,rf,rf_topdown,centre,critical,rf_min")));
    }

    @Test
    void shouldWriteJsonWithTheCsvNamesAndTheInputRowWhenColumnsAreChosen() {
        assertEquals(new Cli.Result(0, "[\n"
            + "{\"layer\":\"input\",\"rf_topdown_h\":13,\"rf_topdown_w\":13,\"centre_h\":0,\"centre_w\":0},\n"
            + "{\"layer\":1,\"rf_topdown_h\":5,\"rf_topdown_w\":5,\"centre_h\":1,\"centre_w\":1},\n"
            + "{\"layer\":2,\"rf_topdown_h\":3,\"rf_topdown_w\":3,\"centre_h\":3,\"centre_w\":3},\n"
            + "{\"layer\":3,\"rf_topdown_h\":1,\"rf_topdown_w\":1,\"centre_h\":3,\"centre_w\":3},\n"
            + "{\"layer\":\"total\",\"rf_topdown_h\":13,\"rf_topdown_w\":13,\"centre_h\":3,\"centre_w\":3}\n"
            + "]\n", ""), Cli.run("analyze", SEED, "--input", "200", "--format", "json", "--columns",
            "layer,rf_topdown,centre"));
    }

    @Test
    void shouldWriteHalfPixelCentresExactly() {
        // conv k=4: r = 4, P = 0, centre (4-1)/2 = 1.5; then k=2 s=2: r = 5, centre 2.
        Cli.Result r = Cli.run("analyze", "conv(k=4,c=1) conv(k=2,c=1)", "--input", "9x9x1", "--format", "csv",
            "--columns", "layer,centre_h,centre");
        assertEquals(new Cli.Result(0, "layer,centre_h,centre_h,centre_w\n"
            + "input,0,0,0\n1,1.5,1.5,1.5\n2,2,2,2\ntotal,2,2,2\n", ""), r);
    }

    @Test
    void shouldPrintTheDefaultTableAsMarkdown() {
        assertEquals(new Cli.Result(0, ""
            + "| layer | op | out | rf | stride | pad | params | macs | unproductive |\n"
            + "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n"
            + "| input | | 200x200x3 | 1 | 1 | 0 | | | |\n"
            + "| 1 | conv(k=5,s=2,p=1,c=64) | 99x99x64 | 5 | 2 | 1 | 4,864 | 47,044,800 | no |\n"
            + "| 2 | maxpool(k=3,s=1) | 97x97x64 | 9 | 2 | 1 | 0 | 0 | no |\n"
            + "| 3 | conv(k=3,p=1,c=128) | 97x97x128 | 13 | 2 | 3 | 73,856 | 693,706,752 | no |\n"
            + "| total | | 97x97x128 | 13 | 2 | 3 | 78,720 | 740,751,552 | 0 |\n"
            + "\n"
            + "params: 78,720; weight_bytes: 0.31 MB (fp32)\n"
            + "input: 0.48 MB\n"
            + "act_bytes (every layer's output): 9.74 MB\n"
            + "peak_act_bytes (inference, in order): 7.23 MB\n"
            + "torchinfo's forward/backward pass size (2 x outputs of layers with parameters): 14.65 MB\n"
            + "torchinfo's estimated total size (input + forward/backward + params): 15.45 MB\n", ""),
            Cli.run("analyze", SEED, "--input", "200", "--format", "markdown"));
    }

    @Test
    void shouldWriteTheDefaultJsonWithTheDefaultCsvColumns() {
        Cli.Result r = Cli.run("analyze", SEED, "--input", "200", "--format", "json");
        String[] lines = r.out().split("\n");
        assertEquals(6, lines.length);
        assertEquals("{\"layer\":1,\"op\":\"conv(k=5,s=2,p=1,c=64)\",\"out_h\":99,\"out_w\":99,\"out_c\":64,\"rf_h\":5,"
            + "\"rf_w\":5,\"rf_min_h\":5,\"rf_min_w\":5,\"stride_h\":2,\"stride_w\":2,\"pad_h\":1,\"pad_w\":1,"
            + "\"params\":4864,\"macs\":47044800,\"activations\":627264,\"weight_bytes\":19456,\"act_bytes\":2509056,"
            + "\"peak_act_bytes\":2989056,\"unproductive\":0},", lines[1]);
        assertEquals("{\"layer\":\"total\",\"op\":null,\"out_h\":97,\"out_w\":97,\"out_c\":128,\"rf_h\":13,\"rf_w\":13,"
            + "\"rf_min_h\":13,\"rf_min_w\":13,\"stride_h\":2,\"stride_w\":2,\"pad_h\":3,\"pad_w\":3,\"params\":78720,"
            + "\"macs\":740751552,\"activations\":1831616,\"weight_bytes\":314880,\"act_bytes\":9735168,"
            + "\"peak_act_bytes\":7226112,\"unproductive\":0}", lines[4]);
    }

    @Test
    void shouldTotalPerLayerKindWithShares() {
        assertEquals(new Cli.Result(0, ""
            + "op       count  params  params %         macs  macs %\n"
            + "-------  -----  ------  --------  -----------  ------\n"
            + "conv         2  78,720     100.0  740,751,552   100.0\n"
            + "maxpool      1       0       0.0            0     0.0\n"
            + "-------  -----  ------  --------  -----------  ------\n"
            + "total        3  78,720     100.0  740,751,552   100.0\n", ""),
            Cli.run("analyze", SEED, "--input", "200", "--by-op"));
        // resnet18: 20 convs 11,166,912 of 11,689,512 params = 95.53% -> 95.5; fc 513,000 -> 4.39% -> 4.4.
        Cli.Result r = Cli.run("analyze", "../data/nets/resnet18.arch", "--by-op", "--format", "csv");
        String[] lines = r.out().split("\n");
        assertEquals("op,count,params,params_pct,macs,macs_pct", lines[0]);
        assertEquals("conv,20,11166912,95.5,1813561344,100.0", lines[1]);
        assertEquals("fc,1,513000,4.4,512000,0.0", lines[2]);
        assertEquals("total,61,11689512,100.0,1814073344,100.0", lines[lines.length - 1]);
    }

    @Test
    void shouldCollapseBlocksBelowTheDepth() {
        assertEquals(new Cli.Result(0, ""
            + "layer  op                         out      rf  rf_topdown  params       macs\n"
            + "-----  -------------------------  -------  --  ----------  ------  ---------\n"
            + "input                             32x32x3   1           9\n"
            + "1      conv(k=3,c=8)              30x30x8   3           7     224    194,400\n"
            + "2-4    add(2 branches, 3 layers)  30x30x8   7           3   1,240  1,094,400\n"
            + "5      conv(k=3,s=2,c=8)          14x14x8   9           1     584    112,896\n"
            + "-----  -------------------------  -------  --  ----------  ------  ---------\n"
            + "total                             14x14x8   9           9   2,048  1,401,696\n", ""),
            tableOnly(Cli.run("analyze", NESTED, "--input", "32", "--depth", "0", "--columns",
                "layer,op,out,rf,rf_topdown,params,macs")));
        Cli.Result one = Cli.run("analyze", NESTED, "--input", "32", "--depth", "1", "--format", "csv");
        // The nested block (T = 30*30*8): alive at its 1x1 conv, the outer block's input, the inner block's
        // input and the conv's output, 3T = 21,600 elements.
        assertEquals("3,\"add(2 branches, 1 layer)\",30,30,8,5,5,5,5,1,1,1,1,72,57600,7200,288,28800,86400,0",
            one.out().split("\n")[3]);
    }

    @Test
    void shouldPrintOneTotalRowPerInputAndKeepTheErrorOfAnInputTooSmall() {
        assertEquals(new Cli.Result(0, ""
            + "input,out_h,out_w,out_c,rf_h,rf_w,rf_min_h,rf_min_w,stride_h,stride_w,pad_h,pad_w,params,macs,"
            + "activations,weight_bytes,act_bytes,peak_act_bytes,unproductive,error\n"
            + "4x4x3,,,,,,,,,,,,,,,,,,,\"layer 2 maxpool(k=3,s=1): output too small: out_h = floor((1 + 0 + 0 - 3) / 1)"
            + " + 1 = -1 is below 1 (the padded input 1 is smaller than the effective kernel 3)\"\n"
            + "200x200x3,97,97,128,13,13,13,13,2,2,3,3,78720,740751552,1831616,314880,9735168,7226112,0,\n"
            + "9x11x1,2,3,128,13,13,13,13,2,2,3,3,75520,474368,2048,302080,9728,6656,0,\n", ""),
            Cli.run("analyze", SEED, "--input", "4,200,9x11x1", "--format", "csv"));
        // MACs by hand: conv1 out (n+2-5)/2+1 = a, a*a*64*75; conv2 out a-2 = b, b*b*128*576.
        Cli.Result range = Cli.run("analyze", SEED, "--input", "100:400:100", "--columns", "out,macs");
        assertEquals(new Cli.Result(0, ""
            + "input      out                   macs  error\n"
            + "---------  -----------  -------------  -----\n"
            + "100x100x3  47x47x128      174,389,952\n"
            + "200x200x3  97x97x128      740,751,552\n"
            + "300x300x3  147x147x128  1,699,753,152\n"
            + "400x400x3  197x197x128  3,051,394,752\n", ""), range);
    }

    @Test
    void shouldRejectBadLists() {
        assertEquals(new Cli.Result(2, "", "rfsweep: --input 32:16: the range is empty (start 32 > end 16)\n"),
            Cli.run("analyze", SEED, "--input", "32:16"));
        assertEquals(new Cli.Result(2, "", "rfsweep: --input 32:0:8: '0' is not a positive whole number\n"),
            Cli.run("analyze", SEED, "--input", "32:0:8"));
        assertEquals(new Cli.Result(2, "", "rfsweep: --input 2x3x4x5: expected N, HxW or HxWxC (like 224, 256x320,"
            + " 224x224x3), or a range A:B:S (like 32:512:32)\n"), Cli.run("analyze", SEED, "--input", "224,2x3x4x5"));
        assertEquals(new Cli.Result(2, "", "rfsweep: --by-op needs one input, not a list\n"),
            Cli.run("analyze", SEED, "--input", "224,256", "--by-op"));
        assertEquals(new Cli.Result(2, "", "rfsweep: --columns: 'rf_max' is not a column (expected one of input,"
            + " layer, op, out, out_h, out_w, out_c, rf, rf_h, rf_w, rf_min, rf_min_h, rf_min_w, rf_topdown,"
            + " rf_topdown_h, rf_topdown_w, stride, stride_h, stride_w, pad, pad_h, pad_w, centre, centre_h, centre_w,"
            + " params, macs, flops_seed, flops_seed_madd, flops_2macs, activations, weight_bytes, act_bytes,"
            + " peak_act_bytes, critical, unproductive, error)\n"),
            Cli.run("analyze", SEED, "--input", "224", "--columns", "rf,rf_max"));
        assertEquals(new Cli.Result(2, "", "rfsweep: --depth=-1 must be 0 or more\n"),
            Cli.run("analyze", SEED, "--input", "224", "--depth", "-1"));
    }
}
