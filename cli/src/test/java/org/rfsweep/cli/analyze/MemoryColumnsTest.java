package org.rfsweep.cli.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rfsweep.cli.ArchSource;
import org.rfsweep.cli.Cli;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.eval.LayerTrace;
import org.rfsweep.core.eval.Metrics;
import org.rfsweep.core.eval.StackEvaluator;
import org.rfsweep.report.DType;

/**
 * The memory columns of docs/MEMORY.md: hand-checked values on the seed example, a residual
 * block, a concatenation and a separable conv; torch's leaf-module sums for two zoo nets; and
 * the evaluator's running totals against the analyze walk on random branched networks.
 */
class MemoryColumnsTest {
    private static final String SEED = "conv(k=5,s=2,p=1,c=64) maxpool(k=3,s=1) conv(k=3,p=1,c=128)";
    private static final String RESIDUAL = "res(conv(k=3,p=1,c=64) bn relu conv(k=3,p=1,c=64) bn) relu";

    private static Metrics evaluate(String arch, int h, int w, int c) {
        Network net = ArchParser.parse(arch);
        Metrics m = new Metrics(1);
        assertTrue(new StackEvaluator().evaluate(net.records(), 0, net.count(), h, w, c, m, 0));
        return m;
    }

    @Test
    void shouldCountTheSeedExampleByHand() {
        // Outputs 99*99*64 = 627,264, 97*97*64 = 602,176, 97*97*128 = 1,204,352; alive at the last conv:
        // its input and output, 602,176 + 1,204,352 = 1,806,528 elements.
        Metrics m = evaluate(SEED, 200, 200, 3);
        assertEquals(2_433_792, m.actElements[0]);
        assertEquals(1_806_528, m.peakElements[0]);
        Cli.Result r = Cli.run("analyze", SEED, "--input", "200", "--format", "csv", "--columns",
            "layer,activations,weight_bytes,act_bytes,peak_act_bytes");
        assertEquals(new Cli.Result(0, "layer,activations,weight_bytes,act_bytes,peak_act_bytes\n"
            + "input,,,,\n"
            + "1,627264,19456,2509056,2989056\n"
            + "2,0,0,2408704,4917760\n"
            + "3,1204352,295424,4817408,7226112\n"
            + "total,1831616,314880,9735168,7226112\n", ""), r);
    }

    @Test
    void shouldHoldTheBlockInputOfAResidualBlockUntilTheAdd() {
        // T = 56*56*64 = 200,704: the peak is the held input plus the second conv's input and output, 3T.
        Metrics m = evaluate(RESIDUAL, 56, 56, 64);
        assertEquals(3 * 200_704, m.peakElements[0]);
        assertEquals(6 * 200_704, m.actElements[0]);
        Cli.Result r = Cli.run("analyze", RESIDUAL, "--input", "56x56x64", "--format", "csv", "--columns",
            "layer,act_bytes,peak_act_bytes", "--dtype", "fp16");
        assertEquals(new Cli.Result(0, "layer,act_bytes,peak_act_bytes\ninput,,\n"
            + "1,401408,802816\n2,401408,802816\n3,401408,802816\n4,401408,1204224\n5,401408,802816\n"
            + "6,401408,401408\ntotal,2408448,1204224\n", ""), r);
    }

    @Test
    void shouldWriteANewTensorForCatAndCountBothPartsOfASepconv() {
        // 4x4x2 input (32): branch outputs 64 and 96 are held, then cat writes 160: 32 + 64 + 96 + 160.
        Metrics cat = evaluate("cat(conv(k=1,c=4) | conv(k=1,c=6))", 4, 4, 2);
        assertEquals(352, cat.peakElements[0]);
        assertEquals(160, cat.actElements[0]);
        // Depthwise output 4*4*2 = 32, pointwise 4*4*8 = 128: alive 32 + 128 at the pointwise step.
        Metrics sep = evaluate("sepconv(k=3,p=1,c=8)", 4, 4, 2);
        assertEquals(160, sep.peakElements[0]);
        assertEquals(160, sep.actElements[0]);
        // flatten and chunk are views: nothing new.
        Metrics views = evaluate("conv(k=1,c=4) chunk(n=2,i=0) flatten", 4, 4, 2);
        assertEquals(64, views.actElements[0]);
    }

    @Test
    void shouldEqualTorchsLeafModuleSumsAndTorchinfosFigure() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../core/src/test/resources/golden/memory/torch_activations.csv"));
        assertEquals("net,leaf_calls,output_elements,param_output_elements,torchinfo_bytes,params,input_elements",
            lines.get(0));
        assertEquals(3, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            ArchSource source = ArchSource.of("../data/nets/" + f[0] + ".arch");
            Network net = source.parse();
            InputShape in = source.input(null);
            LayerReport report = LayerReport.evaluate(net, in, false, LayerReport.ALL_DEPTHS, DType.FP32);
            long withParams = 0;
            for (AnalyzeRow layer : report.layers) {
                withParams += layer.params > 0 ? layer.actElements : 0;
            }
            assertEquals(Long.parseLong(f[2]), report.total().actElements, f[0] + " output elements");
            assertEquals(Long.parseLong(f[3]), withParams, f[0] + " outputs of layers with parameters");
            assertEquals(Long.parseLong(f[4]), 2 * 4 * withParams, f[0] + " torchinfo bytes");
            assertEquals(Long.parseLong(f[5]), report.total().params, f[0] + " params");
            assertEquals(Long.parseLong(f[6]), (long) in.h * in.w * in.c, f[0] + " input");
        }
        Cli.Result r = Cli.run("analyze", "../data/nets/resnet18.arch");
        String out = r.out();
        assertTrue(out.endsWith("\nparams: 11,689,512; weight_bytes: 46.76 MB (fp32)\n"
            + "input: 0.60 MB\n"
            + "act_bytes (every layer's output): 29.91 MB\n"
            + "peak_act_bytes (inference, in order): 4.01 MB\n"
            + "torchinfo's forward/backward pass size (2 x outputs of layers with parameters): 39.75 MB\n"
            + "torchinfo's estimated total size (input + forward/backward + params): 87.11 MB\n"), out);
    }

    /** The evaluator's running totals equal the analyze walk, written apart, on random branched networks. */
    @Test
    void shouldAgreeWithTheAnalyzeWalkOnRandomBranchedNetworks() {
        long seed = 0xE40L;
        SplittableRandom rnd = new SplittableRandom(seed);
        Metrics m = new Metrics(1);
        LayerTrace trace = new LayerTrace();
        int valid = 0;
        for (int t = 0; t < 2000; t++) {
            String arch = stack(rnd, 2);
            Network net = ArchParser.parse(arch);
            int n = 8 + rnd.nextInt(24);
            if (!new StackEvaluator().trace(net.records(), 0, net.count(), n, n, 4, m, 0, trace)) {
                continue;
            }
            valid++;
            MemoryWalk walk = MemoryWalk.of(net, trace, (long) n * n * 4);
            long act = 0;
            for (long e : walk.outElements) {
                act += e;
            }
            assertEquals(walk.peak, m.peakElements[0], "seed " + seed + ", " + t + ": " + arch + " @ " + n);
            assertEquals(act, m.actElements[0], "seed " + seed + ", " + t + ": " + arch + " @ " + n);
        }
        assertTrue(valid > 500, "only " + valid + " valid");
    }

    private static String stack(SplittableRandom rnd, int depth) {
        StringBuilder sb = new StringBuilder();
        int items = 1 + rnd.nextInt(4);
        for (int i = 0; i < items; i++) {
            int pick = rnd.nextInt(depth > 0 ? 9 : 7);
            String item = switch (pick) {
                case 0 -> "conv(k=3,p=1,c=4)";
                case 1 -> "conv(k=1,c=4)";
                case 2 -> "sepconv(k=3,p=1,c=4)";
                case 3 -> "maxpool(k=3,s=1,p=1)";
                case 4 -> "bn relu";
                case 5 -> "gap";
                case 6 -> "dwconv(k=3,p=1)";
                case 7 -> "res(" + stack(rnd, depth - 1) + ")";
                default -> (rnd.nextBoolean() ? "add(" : "cat(") + stack(rnd, depth - 1) + " | "
                    + stack(rnd, depth - 1) + ")";
            };
            sb.append(item).append(' ');
        }
        return sb.toString().trim();
    }
}
