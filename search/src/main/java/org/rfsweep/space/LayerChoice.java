package org.rfsweep.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.ArchSyntaxException;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.layout.Kinds;
import org.rfsweep.core.layout.Kinds.Key;
import org.rfsweep.core.layout.Op;
import org.rfsweep.core.math.Limits;

/**
 * One choice set for a searchable position: ops, and per op the keys that apply to it. The
 * position's candidates are the cartesian product of the lists, expanded per op over the keys
 * that op has (SPEC section 9), with duplicates removed:
 *
 * <pre>
 *   key   applies to                          missing means
 *   k     conv dwconv sepconv maxpool avgpool required
 *   s     conv dwconv sepconv maxpool avgpool 1 (pools: s = k, as in the arch string)
 *   d     conv dwconv sepconv                 1
 *   p     conv dwconv sepconv maxpool avgpool 0; or keep, same, valid (see {@link PadRule})
 *   c     conv sepconv fc                     required (dwconv and pools keep the channels)
 *   bias  conv dwconv sepconv fc              1
 *   after every op                            nothing; fixed layers after each choice, like "bn relu"
 * </pre>
 *
 * Ops are conv, dwconv, sepconv, maxpool, avgpool, gap, fc, bn and the elementwise layers
 * (relu, relu6, hardswish, ...); layers with required shaping keys (chunk, shuffle,
 * adaptiveavgpool) and branches belong in the fixed parts (stem, head, pre, post, after).
 *
 * So {@code op [conv, maxpool], k [3], c [16, 32]} gives three layers, not four: the pool does
 * not vary with {@code c}. Values are checked by {@link #check}; immutable.
 */
public final class LayerChoice {
    /** Ops a choice set may name (the kinds with {@link Kinds#CHOICE}), in code order. */
    static final String OPS = Kinds.names(Kinds.CHOICE, ", ", " or ");

    final Values<String> ops;
    final Values<Axes> kernels;
    final Values<Axes> strides;
    final Values<Axes> dilations;
    final Values<Integer> channels;
    final Values<PadRule> paddings;
    final Values<Integer> biases;
    final String after;
    private Network afterNetwork;

    LayerChoice(Values<String> ops, Values<Axes> kernels, Values<Axes> strides, Values<Axes> dilations,
                Values<Integer> channels, Values<PadRule> paddings, Values<Integer> biases, String after) {
        this.ops = ops;
        this.kernels = kernels;
        this.strides = strides;
        this.dilations = dilations;
        this.channels = channels;
        this.paddings = paddings;
        this.biases = biases;
        this.after = after;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The fixed layers after each choice, or null. Valid after {@link #check}. */
    Network afterNetwork() {
        return afterNetwork;
    }

    /** Checks every value; {@code path} names this choice set, like {@code body.layer}. */
    void check(String path) {
        if (ops == null) {
            throw new SpecException(path, "missing op (the ops to choose from, like [\"conv\"])");
        }
        nonEmpty(path, "op", ops);
        boolean needsKernel = false;
        boolean needsChannels = false;
        String kernelOp = null;
        String channelOp = null;
        for (int i = 0; i < ops.size(); i++) {
            int op = Op.layerCode(ops.get(i));
            if (!Kinds.is(op, Kinds.CHOICE)) {
                throw new SpecException(path + "." + ops.path("op", i),
                    "\"" + ops.get(i) + "\" is not an op (expected " + OPS + ")");
            }
            int required = Kinds.requiredKeys(op);
            if ((required & Key.bit(Key.K)) != 0 && !needsKernel) {
                needsKernel = true;
                kernelOp = ops.get(i);
            }
            if ((required & Key.bit(Key.C)) != 0 && !needsChannels) {
                needsChannels = true;
                channelOp = ops.get(i);
            }
        }
        if (needsKernel && kernels == null) {
            throw new SpecException(path, "missing k (" + kernelOp + " needs a kernel)");
        }
        if (needsChannels && channels == null) {
            throw new SpecException(path, "missing c (" + channelOp + " needs output channels)");
        }
        axes(path, "k", kernels, "kernel");
        axes(path, "s", strides, "stride");
        axes(path, "d", dilations, "dilation");
        if (channels != null) {
            nonEmpty(path, "c", channels);
            for (int i = 0; i < channels.size(); i++) {
                int c = channels.get(i);
                if (c < 1) {
                    throw new SpecException(path + "." + channels.path("c", i), c + " is not a positive channel count");
                }
                if (c > Limits.MAX_CHANNELS) {
                    throw new SpecException(path + "." + channels.path("c", i),
                        c + " is above the largest channel count " + Limits.MAX_CHANNELS);
                }
            }
        }
        if (paddings != null) {
            nonEmpty(path, "p", paddings);
            for (int i = 0; i < paddings.size(); i++) {
                if (!paddings.get(i).withinLimits()) {
                    throw new SpecException(path + "." + paddings.path("p", i),
                        paddings.get(i) + " is above the largest padding " + Limits.MAX_PADDING);
                }
            }
        }
        if (biases != null) {
            nonEmpty(path, "bias", biases);
            for (int i = 0; i < biases.size(); i++) {
                int b = biases.get(i);
                if (b != 0 && b != 1) {
                    throw new SpecException(path + "." + biases.path("bias", i), b + " is not 0 or 1");
                }
            }
        }
        if (after != null) {
            try {
                afterNetwork = ArchParser.parse(after);
            } catch (ArchSyntaxException e) {
                throw new SpecException(path + ".after", e.getMessage());
            }
        }
    }

    private static void axes(String path, String key, Values<Axes> values, String what) {
        if (values == null) {
            return;
        }
        nonEmpty(path, key, values);
        for (int i = 0; i < values.size(); i++) {
            Axes a = values.get(i);
            if (a.h() < 1 || a.w() < 1) {
                throw new SpecException(path + "." + values.path(key, i), a + " is not a positive " + what);
            }
            if (!a.within(1, Limits.MAX_WINDOW)) {
                throw new SpecException(path + "." + values.path(key, i),
                    a + " is above the largest " + what + " " + Limits.MAX_WINDOW);
            }
        }
    }

    private static void nonEmpty(String path, String key, Values<?> values) {
        if (values.isEmpty()) {
            throw new SpecException(path + "." + key, "[] is empty (give at least one value)");
        }
    }

    /** Builds a {@link LayerChoice}; values are checked when the {@link Space} is built. */
    public static final class Builder {
        private Values<String> ops;
        private Values<Axes> kernels;
        private Values<Axes> strides;
        private Values<Axes> dilations;
        private Values<Integer> channels;
        private Values<PadRule> paddings;
        private Values<Integer> biases;
        private String after;

        private Builder() {
        }

        /** Ops by name: conv, dwconv, sepconv, maxpool, avgpool, gap, fc, bn, relu. */
        public Builder op(String... names) {
            ops = Values.of(Arrays.asList(names));
            return this;
        }

        /** Square kernels. */
        public Builder k(int... values) {
            kernels = square(values);
            return this;
        }

        /** Kernels as {@code N} or {@code HxW}. */
        public Builder k(String... values) {
            kernels = parsed(values);
            return this;
        }

        public Builder s(int... values) {
            strides = square(values);
            return this;
        }

        public Builder s(String... values) {
            strides = parsed(values);
            return this;
        }

        public Builder d(int... values) {
            dilations = square(values);
            return this;
        }

        public Builder d(String... values) {
            dilations = parsed(values);
            return this;
        }

        /** Output channels. */
        public Builder c(int... values) {
            List<Integer> list = new ArrayList<>();
            for (int v : values) {
                list.add(v);
            }
            channels = Values.of(list);
            return this;
        }

        /** Padding rules: {@code keep}, {@code same}, {@code valid} or explicit like {@code 1} or {@code 0:1}. */
        public Builder p(String... rules) {
            List<PadRule> list = new ArrayList<>();
            for (String r : rules) {
                list.add(PadRule.parse(r));
            }
            paddings = Values.of(list);
            return this;
        }

        /** Explicit symmetric paddings. */
        public Builder p(int... values) {
            List<PadRule> list = new ArrayList<>();
            for (int v : values) {
                list.add(PadRule.of(v));
            }
            paddings = Values.of(list);
            return this;
        }

        public Builder bias(int... values) {
            List<Integer> list = new ArrayList<>();
            for (int v : values) {
                list.add(v);
            }
            biases = Values.of(list);
            return this;
        }

        /** Fixed layers after each choice, as an architecture string like {@code "bn relu"}. */
        public Builder after(String arch) {
            after = arch;
            return this;
        }

        Builder ops(Values<String> v) {
            ops = v;
            return this;
        }

        Builder kernels(Values<Axes> v) {
            kernels = v;
            return this;
        }

        Builder strides(Values<Axes> v) {
            strides = v;
            return this;
        }

        Builder dilations(Values<Axes> v) {
            dilations = v;
            return this;
        }

        Builder channels(Values<Integer> v) {
            channels = v;
            return this;
        }

        Builder paddings(Values<PadRule> v) {
            paddings = v;
            return this;
        }

        Builder biases(Values<Integer> v) {
            biases = v;
            return this;
        }

        public LayerChoice build() {
            return new LayerChoice(ops, kernels, strides, dilations, channels, paddings, biases, after);
        }

        private static Values<Axes> square(int[] values) {
            List<Axes> list = new ArrayList<>();
            for (int v : values) {
                list.add(Axes.of(v));
            }
            return Values.of(list);
        }

        private static Values<Axes> parsed(String[] values) {
            List<Axes> list = new ArrayList<>();
            for (String v : values) {
                list.add(Axes.parse(v));
            }
            return Values.of(list);
        }
    }
}
