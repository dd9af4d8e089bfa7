package org.rfsweep.space;

import java.util.Arrays;
import java.util.List;
import org.rfsweep.core.arch.ArchParser;
import org.rfsweep.core.arch.ArchSyntaxException;
import org.rfsweep.core.arch.Network;
import org.rfsweep.core.math.Limits;

/**
 * A stage of the body (RegNet/AnyNet style): {@code depthMin..depthMax} searchable positions
 * that share one choice set, an optional stride forced on the stage's first position, and
 * optional fixed layers before and after the positions. A plain body ("depth" and "layer")
 * is one stage without a stride. Immutable.
 *
 * <pre>
 *   {"depth": [1, 3], "stride": 2, "layer": {"op": "conv", "k": [3, 5], "c": [64, 96], "p": "keep"},
 *    "post": "maxpool(k=2)"}
 * </pre>
 */
public final class Stage {
    final int depthMin;
    final int depthMax;
    final Axes stride;
    final Values<LayerChoice> layer;
    final String pre;
    final String post;
    private Network preNetwork;
    private Network postNetwork;
    private Values<LayerChoice> effectiveLayer;
    private String layerPath;

    private Stage(int depthMin, int depthMax, Axes stride, Values<LayerChoice> layer, String pre, String post) {
        this.depthMin = depthMin;
        this.depthMax = depthMax;
        this.stride = stride;
        this.layer = layer;
        this.pre = pre;
        this.post = post;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the stage at {@code path}; {@code fallback} is the body's default choice set
     * (with its path {@code fallbackPath}), used when the stage has none.
     */
    void check(String path, String depthPath, Values<LayerChoice> fallback, String fallbackPath) {
        if (depthMin < 0) {
            throw new SpecException(depthPath, depthMin + " is not a depth (expected N >= 0 or [min, max])");
        }
        if (depthMax < depthMin) {
            throw new SpecException(depthPath, "[" + depthMin + ", " + depthMax + "]: min " + depthMin
                + " is above max " + depthMax);
        }
        if (depthMax > Limits.MAX_LAYERS) {
            throw new SpecException(depthPath, depthMax + " is above the largest depth " + Limits.MAX_LAYERS);
        }
        if (stride != null) {
            if (stride.h() < 1 || stride.w() < 1) {
                throw new SpecException(path + ".stride", stride + " is not a positive stride");
            }
            if (!stride.within(1, Limits.MAX_WINDOW)) {
                throw new SpecException(path + ".stride", stride + " is above the largest stride " + Limits.MAX_WINDOW);
            }
        }
        preNetwork = arch(path + ".pre", pre);
        postNetwork = arch(path + ".post", post);
        if (layer != null) {
            effectiveLayer = layer;
            layerPath = path + ".layer";
            checkLayer(layerPath, layer);
        } else if (fallback != null) {
            effectiveLayer = fallback;
            layerPath = fallbackPath;
        } else if (depthMax > 0) {
            throw new SpecException(path, "missing layer (the choice set of the stage's positions)");
        } else {
            effectiveLayer = Values.of(List.of());
            layerPath = path + ".layer";
        }
    }

    static void checkLayer(String path, Values<LayerChoice> layer) {
        if (layer.isEmpty()) {
            throw new SpecException(path, "[] is empty (give at least one choice set)");
        }
        for (int i = 0; i < layer.size(); i++) {
            layer.get(i).check(layer.scalar() ? path : path + "[" + i + "]");
        }
    }

    static Network arch(String path, String text) {
        if (text == null) {
            return null;
        }
        try {
            return ArchParser.parse(text);
        } catch (ArchSyntaxException e) {
            throw new SpecException(path, e.getMessage());
        }
    }

    public int depthMin() {
        return depthMin;
    }

    public int depthMax() {
        return depthMax;
    }

    /** The stride of the first position, or null when the choices' own strides apply. */
    public Axes stride() {
        return stride;
    }

    /** The choice set in effect (the stage's own or the body's default). Valid after checking. */
    Values<LayerChoice> choices() {
        return effectiveLayer;
    }

    String layerPath() {
        return layerPath;
    }

    Network preNetwork() {
        return preNetwork;
    }

    Network postNetwork() {
        return postNetwork;
    }

    /** Builds a {@link Stage}; values are checked when the {@link Space} is built. */
    public static final class Builder {
        private int depthMin = 1;
        private int depthMax = 1;
        private Axes stride;
        private Values<LayerChoice> layer;
        private String pre;
        private String post;

        private Builder() {
        }

        /** {@code min..max} positions, inclusive. */
        public Builder depth(int min, int max) {
            depthMin = min;
            depthMax = max;
            return this;
        }

        public Builder depth(int fixed) {
            return depth(fixed, fixed);
        }

        /** The stride forced on the stage's first position. */
        public Builder stride(int s) {
            stride = Axes.of(s);
            return this;
        }

        public Builder stride(Axes s) {
            stride = s;
            return this;
        }

        /** The stage's choice set: one or more alternatives whose layers are pooled. */
        public Builder layer(LayerChoice... alternatives) {
            layer = alternatives.length == 1 ? Values.single(alternatives[0]) : Values.of(Arrays.asList(alternatives));
            return this;
        }

        Builder layer(Values<LayerChoice> v) {
            layer = v;
            return this;
        }

        /** Fixed layers before the stage's positions, as an architecture string. */
        public Builder pre(String arch) {
            pre = arch;
            return this;
        }

        /** Fixed layers after the stage's positions, like {@code "maxpool(k=2)"}. */
        public Builder post(String arch) {
            post = arch;
            return this;
        }

        public Stage build() {
            return new Stage(depthMin, depthMax, stride, layer, pre, post);
        }
    }
}
