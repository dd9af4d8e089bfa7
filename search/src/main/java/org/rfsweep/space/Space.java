package org.rfsweep.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rfsweep.core.arch.InputShape;
import org.rfsweep.core.arch.Network;

/**
 * A design space: inputs, a fixed stem, a body of searchable positions (one depth range and
 * choice set, or stages), a fixed head, and constraints. It is read from JSON by
 * {@link SpaceLoader} or built in Java, and compiled for sweeping by {@link CompiledSpace}.
 *
 * <pre>
 *   Space space = Space.builder()
 *       .input("224x224x3")
 *       .stem("conv(k=3,s=2,p=1,c=32)")
 *       .stage(Stage.builder().depth(1, 2).stride(2)
 *           .layer(LayerChoice.builder().op("conv", "sepconv").k(3, 5).c(64, 96).p("keep").build()))
 *       .stage(Stage.builder().depth(1, 3).stride(2)
 *           .layer(LayerChoice.builder().op("sepconv").k(3, 5).c(128, 192).p("keep").build()))
 *       .head("gap fc(c=1000)")
 *       .constraint("rf >= input", "macs <= 300M")
 *       .build();
 * </pre>
 *
 * {@link Builder#build()} checks every value once and throws {@link SpecException} naming the
 * path and the value. Immutable after that.
 */
public final class Space {
    private final String name;
    private final String source;
    private final Values<String> inputTexts;
    private final List<InputShape> inputs;
    private final String stem;
    private final String head;
    private final Network stemNetwork;
    private final Network headNetwork;
    private final boolean staged;
    private final List<Stage> stages;
    private final Values<String> constraints;

    private Space(Builder b) {
        this.name = b.name;
        this.source = b.source;
        this.inputTexts = b.inputs;
        this.stem = b.stem;
        this.head = b.head;
        this.staged = b.stages != null;
        this.stages = staged ? List.copyOf(b.stages) : b.flat == null ? List.of() : List.of(b.flat);
        this.constraints = b.constraints == null ? Values.of(List.of()) : b.constraints;
        try {
            this.inputs = checkInputs(inputTexts);
            this.stemNetwork = Stage.arch("stem", stem);
            checkBody(b);
            this.headNetwork = Stage.arch("head", head);
        } catch (SpecException e) {
            throw e.in(source);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private static List<InputShape> checkInputs(Values<String> texts) {
        if (texts == null) {
            throw new SpecException("input", "missing (the input, like \"224x224x3\", or a list of inputs)");
        }
        if (texts.isEmpty()) {
            throw new SpecException("input", "[] is empty (give at least one input)");
        }
        List<InputShape> shapes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                shapes.add(InputShape.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw new SpecException(texts.path("input", i), e.getMessage());
            }
        }
        return List.copyOf(shapes);
    }

    private void checkBody(Builder b) {
        if (staged && b.flat != null) {
            throw new SpecException("body", "give either depth and layer, or stages, not both");
        }
        if (b.defaultLayer != null) {
            Stage.checkLayer("body.layer", b.defaultLayer);
        }
        if (staged) {
            if (stages.isEmpty()) {
                throw new SpecException("body.stages", "[] is empty (give at least one stage)");
            }
            for (int i = 0; i < stages.size(); i++) {
                String path = "body.stages[" + i + "]";
                stages.get(i).check(path, path + ".depth", b.defaultLayer, "body.layer");
            }
        } else if (b.flat != null) {
            if (b.flat.layer == null && b.defaultLayer == null) {
                throw new SpecException("body", "missing layer (the choice set of every position)");
            }
            b.flat.check("body", "body.depth", b.defaultLayer, "body.layer");
        }
    }

    /** A name for messages, or null. */
    public String name() {
        return name;
    }

    /** The file this space came from, for messages, or null. */
    public String source() {
        return source;
    }

    /** The inputs to sweep, in order; a candidate's input is one of them. */
    public List<InputShape> inputs() {
        return inputs;
    }

    /** The inputs as written, for the CSV's {@code input} column. */
    public List<String> inputTexts() {
        List<String> texts = new ArrayList<>();
        for (InputShape s : inputs) {
            texts.add(s.toString());
        }
        return texts;
    }

    /** The fixed stem, or null. */
    public Network stem() {
        return stemNetwork;
    }

    /** The fixed head, or null. */
    public Network head() {
        return headNetwork;
    }

    /** The body's stages; a plain body is one stage. */
    public List<Stage> stages() {
        return stages;
    }

    /** True when the body was given as stages, false for a plain depth and layer. */
    public boolean staged() {
        return staged;
    }

    /** The constraint expressions, as written. */
    public List<String> constraints() {
        return constraints.items();
    }

    /** The JSON path of constraint {@code i}. */
    public String constraintPath(int i) {
        return constraints.path("constraints", i);
    }

    /** Builds a {@link Space}. */
    public static final class Builder {
        private String name;
        private String source;
        private Values<String> inputs;
        private String stem;
        private String head;
        private Stage flat;
        private Values<LayerChoice> defaultLayer;
        private List<Stage> stages;
        private Values<String> constraints;

        private Builder() {
        }

        public Builder name(String n) {
            name = n;
            return this;
        }

        /** The file name that error messages start with. */
        public Builder source(String file) {
            source = file;
            return this;
        }

        /** One input ({@code "224x224x3"}, or {@code "224"} for 224x224x3) or several to sweep. */
        public Builder input(String... shapes) {
            inputs = shapes.length == 1 ? Values.single(shapes[0]) : Values.of(Arrays.asList(shapes));
            return this;
        }

        Builder inputs(Values<String> v) {
            inputs = v;
            return this;
        }

        /** The fixed stem, as an architecture string. */
        public Builder stem(String arch) {
            stem = arch;
            return this;
        }

        /** The fixed head, as an architecture string. */
        public Builder head(String arch) {
            head = arch;
            return this;
        }

        /** A plain body: {@code min..max} positions, each choosing from {@code layer}. */
        public Builder body(int min, int max, LayerChoice... layer) {
            flat = Stage.builder().depth(min, max).layer(layer).build();
            return this;
        }

        Builder flatBody(Stage s) {
            flat = s;
            return this;
        }

        /** The default choice set of stages that have none ({@code body.layer}). */
        public Builder layer(LayerChoice... alternatives) {
            defaultLayer = alternatives.length == 1 ? Values.single(alternatives[0])
                : Values.of(Arrays.asList(alternatives));
            return this;
        }

        Builder defaultLayer(Values<LayerChoice> v) {
            defaultLayer = v;
            return this;
        }

        /** Appends a stage. */
        public Builder stage(Stage stage) {
            if (stages == null) {
                stages = new ArrayList<>();
            }
            stages.add(stage);
            return this;
        }

        public Builder stage(Stage.Builder stage) {
            return stage(stage.build());
        }

        Builder stages(List<Stage> list) {
            stages = new ArrayList<>(list);
            return this;
        }

        /** Constraint expressions, in the language of {@code --where}. */
        public Builder constraint(String... expressions) {
            List<String> all = new ArrayList<>(constraints == null ? List.of() : constraints.items());
            all.addAll(Arrays.asList(expressions));
            constraints = Values.of(all);
            return this;
        }

        Builder constraints(Values<String> v) {
            constraints = v;
            return this;
        }

        /** Checks every value and returns the space. */
        public Space build() {
            return new Space(this);
        }
    }
}
