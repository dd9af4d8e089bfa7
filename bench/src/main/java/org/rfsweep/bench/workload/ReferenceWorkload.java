package org.rfsweep.bench.workload;

import org.rfsweep.core.eval.Metrics;

/**
 * The reference workload of issue 5, shared by the JMH suite and every peer in
 * {@code bench/peers/}: random plain stacks on a 224x224x3 input.
 *
 * <p>Each layer takes exactly {@link #DRAWS_PER_LAYER} draws of {@link SplitMix64} (seeded with
 * the workload's seed), stack 0 layer 0 first, in this order:
 * <ol>
 *   <li>{@code op}: {@code nextInt(20)} 0..14 conv (0.75), 15..17 sepconv (0.15), 18..19 maxpool (0.10);</li>
 *   <li>{@code kh = {1,3,5,7}[nextInt(4)]};</li>
 *   <li>{@code nextInt(10)}: 0 means "kw is drawn" (0.1), else {@code kw = kh} (0.9);</li>
 *   <li>{@code {1,3,5,7}[nextInt(4)]}, the drawn kw (always drawn, used only after a 0 above;
 *       it may equal kh);</li>
 *   <li>stride: {@code nextInt(4) == 0} gives 2 on both axes (0.25), else 1;</li>
 *   <li>dilation: {@code nextInt(5) == 0} gives 2 on both axes (0.2) for conv and sepconv;
 *       a maxpool always uses 1 (the draw is still taken);</li>
 *   <li>channels: {@code {16,32,64,128,256}[nextInt(5)]} for conv and sepconv; a maxpool keeps
 *       its input's channels (the draw is still taken, {@code c} is written as 0).</li>
 * </ol>
 * Padding is {@code (ek-1)/2} per axis on both sides, {@code ek = d*(k-1)+1}; rounding is floor;
 * conv and sepconv have a bias. A maxpool's kernel and stride are drawn exactly like a conv's
 * (so {@code maxpool(k=1,s=1)} occurs), its stride is explicit (not PyTorch's default
 * {@code s=k}), {@code ceil=0}, and its padding {@code (k-1)/2 <= k/2} always passes PyTorch's
 * pool-padding rule. Every kernel is odd, so {@code ek} is odd and the padding keeps the size:
 * {@code out = ceil(n/s) >= 1}. Hence every stack of this workload is valid, at any depth.
 *
 * <p>The checksum ({@link #checksum}) is the sum over valid stacks of
 * {@code rf_h + params + macs}, modulo 2^64 (printed unsigned).
 */
public final class ReferenceWorkload {
    /** The seed of the reference files and of the JMH suite. */
    public static final long SEED = 20260505L;
    public static final int IN_H = 224;
    public static final int IN_W = 224;
    public static final int IN_C = 3;
    public static final int DRAWS_PER_LAYER = 7;
    private static final int[] KERNELS = {1, 3, 5, 7};
    private static final int[] CHANNELS = {16, 32, 64, 128, 256};

    private ReferenceWorkload() {
    }

    /** {@code stacks} stacks of {@code layers} layers from {@code seed}, on 224x224x3. */
    public static Workload generate(long seed, int stacks, int layers) {
        if (stacks < 1 || layers < 1 || (long) stacks * layers * Workload.FIELDS > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("stacks=" + stacks + " layers=" + layers
                + ": both must be >= 1 and stacks*layers*" + Workload.FIELDS + " must fit an int array");
        }
        SplitMix64 rng = new SplitMix64(seed);
        int[] f = new int[stacks * layers * Workload.FIELDS];
        for (int at = 0; at < f.length; at += Workload.FIELDS) {
            drawLayer(rng, f, at);
        }
        return new Workload(stacks, layers, IN_H, IN_W, IN_C, f);
    }

    /** Draws one layer ({@link #DRAWS_PER_LAYER} draws) into {@code f[at...]}. */
    public static void drawLayer(SplitMix64 rng, int[] f, int at) {
        int u = rng.nextInt(20);
        int op = u < 15 ? Workload.CONV : u < 18 ? Workload.SEPCONV : Workload.MAXPOOL;
        int kh = KERNELS[rng.nextInt(4)];
        boolean drawKw = rng.nextInt(10) == 0;
        int kwDrawn = KERNELS[rng.nextInt(4)];
        int kw = drawKw ? kwDrawn : kh;
        int s = rng.nextInt(4) == 0 ? 2 : 1;
        boolean dilate = rng.nextInt(5) == 0;
        int d = dilate && op != Workload.MAXPOOL ? 2 : 1;
        int c = CHANNELS[rng.nextInt(5)];
        f[at + Workload.OP] = op;
        f[at + Workload.KH] = kh;
        f[at + Workload.KW] = kw;
        f[at + Workload.SH] = s;
        f[at + Workload.SW] = s;
        f[at + Workload.DH] = d;
        f[at + Workload.DW] = d;
        f[at + Workload.PH] = d * (kh - 1) / 2;
        f[at + Workload.PW] = d * (kw - 1) / 2;
        f[at + Workload.C] = op == Workload.MAXPOOL ? 0 : c;
    }

    /** Sum over the valid slots {@code 0..n-1} of {@code rf_h + params + macs}, wrapping mod 2^64. */
    public static long checksum(Metrics m, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if (m.valid(i)) {
                sum += m.rfH[i] + m.params[i] + m.macs[i];
            }
        }
        return sum;
    }
}
