package org.rfsweep.cli.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.cli.Cli;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;

/** {@code rfsweep rf} and {@code rfsweep range}: exact values on the seed example and resnet18, and brute force. */
class RegionCommandsTest {
    static final String SEED = "conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)";

    @Test
    void shouldGiveTheInputRegionOfAnOutputUnitClippedAndUnclipped() {
        // r = 13, j = 2, P = 3: unit u sees [-3 + 2u, 9 + 2u]; the input is 0..199.
        assertEquals(new Cli.Result(0, ""
            + "unit_y,unit_x,row_start,row_end,col_start,col_end,row_start_clipped,row_end_clipped,col_start_clipped,"
            + "col_end_clipped,centre_y,centre_x\n"
            + "0,0,-3,9,-3,9,0,9,0,9,3,3\n"
            + "96,48,189,201,93,105,189,199,93,105,195,99\n", ""),
            Cli.run("rf", SEED, "--input", "200", "--unit", "0,0", "--unit", "96,48", "--format", "csv"));
        assertEquals(new Cli.Result(0, ""
            + "unit  axis  start  end  size  clipped start  clipped end  clipped size  centre\n"
            + "----  ----  -----  ---  ----  -------------  -----------  ------------  ------\n"
            + "0,0   rows     -3    9    13              0            9            10       3\n"
            + "0,0   cols     -3    9    13              0            9            10       3\n", ""),
            Cli.run("rf", SEED, "--input", "200", "--unit", "0,0"));
    }

    @Test
    void shouldPlaceHalfPixelCentresAndRejectAUnitOutsideTheOutput() {
        // k=4 s=2 p=1 on 8: out 4, r 4, j 2, P 1: unit 3 sees [5, 8], clipped [5, 7], centre 6.5.
        assertEquals(new Cli.Result(0, "[\n{\"unit_y\":3,\"unit_x\":0,\"row_start\":5,\"row_end\":8,\"col_start\":-1,"
            + "\"col_end\":2,\"row_start_clipped\":5,\"row_end_clipped\":7,\"col_start_clipped\":0,\"col_end_clipped\":2,"
            + "\"centre_y\":6.5,\"centre_x\":0.5}\n]\n", ""),
            Cli.run("rf", "conv(k=4,s=2,p=1,c=1)", "--input", "8x8x1", "--unit", "3,0", "--format", "json"));
        assertEquals(new Cli.Result(2, "", "rfsweep: --unit 97,0: row 97 is outside the output's rows 0..96\n"),
            Cli.run("rf", SEED, "--input", "200", "--unit", "97,0"));
        assertEquals(new Cli.Result(2, "", "rfsweep: --unit 3: expected Y,X, two 0-based whole numbers like 0,0\n"),
            Cli.run("rf", SEED, "--input", "200", "--unit", "3"));
    }

    @Test
    void shouldProveTheRangeOfTheSeedExample() {
        // Need back from the output: conv3 (p=1) 1, maxpool k3 3, conv1 k5 s2 p1: (3-1)*2 + 5 - 2 = 7.
        // Unproductive: maxpool for n <= min(5, 9-1) = 5, conv3 for n <= min(9, 13-1) = 9, so 10; RF 13.
        assertEquals(new Cli.Result(0, ""
            + "quantity,h,w,proven,proof\n"
            + "min_input,7,7,1,\"7x7 valid; 6x7: layer 2 maxpool(k=3,s=1): output too small; 7x6: layer 2"
            + " maxpool(k=3,s=1): output too small\"\n"
            + "min_input_productive,10,10,1,10x10: 0 unproductive; 9x9: 1 unproductive\n"
            + "max_input_covered,13,13,1,13x13: rf 13x13; 14x14: rf 13x13\n", ""),
            Cli.run("range", SEED, "--format", "csv"));
    }

    @Test
    void shouldProveTheRangeOfResnet18BeforeItsGlobalPool() {
        Cli.Result r = Cli.run("range", "../data/nets/resnet18.arch", "--format", "csv");
        String[] lines = r.out().split("\n");
        assertEquals("min_input,1,1,1,1x1 valid", lines[1]);
        assertEquals("min_input_productive,76,76,1,76x76: 0 unproductive; 75x75: 1 unproductive", lines[2]);
        assertEquals("max_input_covered,435,435,1,435x435: rf 435x435; 436x436: rf 435x435", lines[3]);
    }

    @Test
    void shouldLeaveTheSqueezeExcitationBranchesOutOfTheProductiveRange() {
        // SPEC section 5: layers on a path through a global op are never flagged, so the 1x1
        // convolutions of the squeeze-excitation branches do not keep the network unproductive.
        Cli.Result r = Cli.run("range", "../data/nets/mobilenet_v3_small.arch", "--format", "csv");
        assertEquals("min_input_productive,303,303,1,303x303: 0 unproductive; 302x302: 2 unproductive",
            r.out().split("\n")[2]);
        Cli.Result ignoring = Cli.run("range", "../data/nets/mobilenet_v3_small.arch", "--format", "csv",
            "--ignore-1x1");
        assertEquals("min_input_productive,176,176,1,176x176: 0 unproductive; 175x175: 2 unproductive",
            ignoring.out().split("\n")[2]);
    }

    /** Brute force on random plain stacks: scan every input from 1 and compare with the arithmetic. */
    @Test
    void shouldEqualAScanOverInputsOnRandomPlainStacks() {
        long seed = 0x4A46EL;
        SplittableRandom rnd = new SplittableRandom(seed);
        Metrics m = new Metrics(1);
        int checked = 0;
        for (int t = 0; t < 300; t++) {
            Network net = ArchParser.parse(randomStack(rnd));
            List<RangeCommand.Bound> bounds = RangeCommand.bounds(net, 2, false);
            String where = "seed " + seed + ", stack " + t + ": " + net;
            long h = 1;
            while (!new StackEvaluator().evaluate(net.records(), 0, net.count(), (int) h, 400, 2, m, 0)) {
                h++;
            }
            long w = 1;
            while (!new StackEvaluator().evaluate(net.records(), 0, net.count(), 400, (int) w, 2, m, 0)) {
                w++;
            }
            assertEquals(h, bounds.get(0).h(), where);
            assertEquals(w, bounds.get(0).w(), where);
            assertTrue(bounds.get(0).proven(), where);
            long side = Math.max(h, w);
            long free = side;
            while (!new StackEvaluator().evaluate(net.records(), 0, net.count(), (int) free, (int) free, 2, m, 0)
                || m.unproductive[0] > 0) {
                free++;
            }
            assertEquals(free, bounds.get(1).h(), where);
            assertTrue(bounds.get(1).proven(), where);
            new StackEvaluator().evaluate(net.records(), 0, net.count(), (int) side, (int) side, 2, m, 0);
            assertEquals(m.rfH[0], bounds.get(2).h(), where);
            assertEquals(m.rfW[0], bounds.get(2).w(), where);
            checked++;
        }
        assertEquals(300, checked);
    }

    private static String randomStack(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int layers = 1 + rnd.nextInt(5);
        for (int i = 0; i < layers; i++) {
            int k = 1 + rnd.nextInt(5);
            int kw = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(5) : k;
            int s = 1 + rnd.nextInt(3);
            int p = rnd.nextInt(Math.min(k, kw) / 2 + 1);
            switch (rnd.nextInt(4)) {
                case 0 -> sb.append("maxpool(k=").append(k).append('x').append(kw).append(",s=").append(s).append(",p=")
                    .append(p).append(",ceil=").append(rnd.nextInt(2)).append(')');
                case 1 -> sb.append("avgpool(k=").append(k).append(",s=").append(s).append(",p=").append(p).append(')');
                case 2 -> sb.append("conv(k=").append(k).append(",s=").append(s).append(",p=")
                    .append(rnd.nextBoolean() ? "same" : "valid").append(",c=2)");
                default -> sb.append("conv(k=").append(k).append('x').append(kw).append(",s=").append(s).append(",p=")
                    .append(p).append(",d=").append(1 + rnd.nextInt(2)).append(",c=2)");
            }
            sb.append(' ');
        }
        return sb.toString().trim();
    }
}
