package org.rfsweep.search;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rfsweep.space.CompiledSpace;
import org.rfsweep.space.LayerChoice;
import org.rfsweep.space.Space;
import org.rfsweep.space.SpecException;
import org.rfsweep.space.Stage;

/**
 * Random small design spaces and random constraints for the property test: plain bodies and
 * stages, depth ranges from 0, strides forced per stage, fixed pre/post layers, stems and heads
 * (some with residual blocks or global layers), and choice sets over conv, dwconv, sepconv and
 * both pools with dilation, non-square kernels, explicit/keep/same/valid padding and
 * {@code after} layers.
 */
public final class RandomSpaces {
    private static final String[] INPUTS = {"16x16x3", "20x20x3", "15x15x1", "24x18x3", "12x12x4"};
    private static final String[] STEMS = {null, null, "conv(k=3,s=2,p=1,c=8)", "conv(k=3,p=1,c=4) maxpool(k=2)",
        "conv(k=3,p=1,c=8) res(conv(k=3,p=1,c=8) relu)", "conv(k=3x1,p=1:1x0,c=4)", "conv(k=5,s=2,p=2,c=6) bn relu"};
    private static final String[] HEADS = {null, null, "gap fc(c=10)", "conv(k=1,c=8)", "maxpool(k=2,ceil=1)",
        "add(conv(k=1,c=6) | conv(k=3,p=1,c=6)) gap"};
    private static final String[] PRE_POST = {null, null, null, "maxpool(k=2)", "avgpool(k=3,s=2,p=1)", "relu"};
    private static final String[] OPS = {"conv", "conv", "sepconv", "dwconv", "maxpool", "avgpool"};
    private static final String[] KERNELS = {"1", "2", "3", "3", "5", "3x1", "1x3"};
    private static final String[] PADS = {"keep", "keep", "0", "1", "same", "valid", "0:1"};
    private static final String[] AFTER = {null, null, "bn relu", "relu", "res(dwconv(k=3,p=1))"};

    private RandomSpaces() {
    }

    /** A random compiled space with at most {@code maxSize} candidates. */
    public static CompiledSpace space(SplittableRandom rnd, long maxSize) {
        while (true) {
            try {
                CompiledSpace cs = CompiledSpace.compile(build(rnd));
                if (cs.size().compareTo(BigInteger.valueOf(maxSize)) <= 0) {
                    return cs;
                }
            } catch (SpecException e) {
                // a random combination the space rejects (like a pool padding): draw again
            }
        }
    }

    private static Space build(SplittableRandom rnd) {
        Space.Builder b = Space.builder();
        if (rnd.nextInt(5) == 0) {
            b.input(pick(rnd, INPUTS), pick(rnd, INPUTS));
        } else {
            b.input(pick(rnd, INPUTS));
        }
        String stem = pick(rnd, STEMS);
        if (stem != null) {
            b.stem(stem);
        }
        String head = pick(rnd, HEADS);
        if (head != null) {
            b.head(head);
        }
        if (rnd.nextBoolean()) {
            int lo = rnd.nextInt(3);
            b.body(lo, lo + rnd.nextInt(3), choice(rnd), choice(rnd));
        } else {
            int stages = 1 + rnd.nextInt(3);
            for (int s = 0; s < stages; s++) {
                int lo = rnd.nextInt(2);
                Stage.Builder st = Stage.builder().depth(lo, lo + rnd.nextInt(3));
                if (rnd.nextBoolean()) {
                    st.stride(1 + rnd.nextInt(2));
                }
                String pre = pick(rnd, PRE_POST);
                String post = pick(rnd, PRE_POST);
                if (pre != null) {
                    st.pre(pre);
                }
                if (post != null) {
                    st.post(post);
                }
                st.layer(choice(rnd));
                b.stage(st);
            }
        }
        return b.build();
    }

    private static LayerChoice choice(SplittableRandom rnd) {
        LayerChoice.Builder c = LayerChoice.builder();
        c.op(distinct(rnd, OPS, 1 + rnd.nextInt(2)));
        c.k(distinct(rnd, KERNELS, 1 + rnd.nextInt(2)));
        if (rnd.nextBoolean()) {
            c.s(distinct(rnd, new String[] {"1", "2"}, 1 + rnd.nextInt(2)));
        }
        if (rnd.nextInt(3) == 0) {
            c.d(distinct(rnd, new String[] {"1", "2"}, 1 + rnd.nextInt(2)));
        }
        int[] cs = rnd.nextBoolean() ? new int[] {4, 8} : new int[] {8};
        c.c(cs);
        c.p(distinct(rnd, PADS, 1 + rnd.nextInt(2)));
        if (rnd.nextInt(4) == 0) {
            c.bias(0, 1);
        }
        String after = pick(rnd, AFTER);
        if (after != null) {
            c.after(after);
        }
        return c.build();
    }

    /** Random constraints for {@code space}: an RF target, budgets, shape bounds, unproductive layers. */
    public static List<String> where(SplittableRandom rnd) {
        List<String> w = new ArrayList<>();
        switch (rnd.nextInt(5)) {
            case 0:
                break;
            case 1:
                w.add("rf >= input");
                break;
            case 2:
                w.add("rf_h >= 0.5*input_h");
                break;
            case 3:
                w.add("rf_h >= " + (3 + rnd.nextInt(30)));
                w.add("rf_w >= " + (3 + rnd.nextInt(30)));
                break;
            default:
                w.add("rf >= " + (2 + rnd.nextInt(40)));
        }
        if (rnd.nextInt(3) == 0) {
            w.add("macs <= " + (2_000 + rnd.nextInt(200_000)));
        }
        if (rnd.nextInt(4) == 0) {
            w.add("params <= " + (100 + rnd.nextInt(3_000)));
        }
        if (rnd.nextInt(3) == 0) {
            w.add("unproductive == 0");
        }
        if (rnd.nextInt(5) == 0) {
            w.add("out >= 2");
        }
        if (rnd.nextInt(6) == 0) {
            w.add("rf <= " + (10 + rnd.nextInt(40)));
        }
        if (rnd.nextInt(6) == 0) {
            w.add("stride <= 4");
        }
        if (rnd.nextInt(8) == 0) {
            w.add("out_c == 8");
        }
        if (rnd.nextInt(8) == 0) {
            w.add("pad_h <= 3");
        }
        if (rnd.nextInt(8) == 0) {
            w.add("flops_seed >= " + rnd.nextInt(20_000));
        }
        if (rnd.nextInt(8) == 0) {
            w.add("activations <= " + (1_000 + rnd.nextInt(20_000)));
        }
        if (rnd.nextInt(10) == 0) {
            w.add("rf_min_w >= 5");
        }
        if (rnd.nextInt(10) == 0) {
            w.add("unproductive <= 1");
        }
        return w;
    }

    private static String pick(SplittableRandom rnd, String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    private static String[] distinct(SplittableRandom rnd, String[] from, int n) {
        List<String> out = new ArrayList<>();
        int guard = 0;
        while (out.size() < n && guard++ < 100) {
            String v = pick(rnd, from);
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out.toArray(new String[0]);
    }
}
