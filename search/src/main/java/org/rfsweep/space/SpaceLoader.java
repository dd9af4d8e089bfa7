package org.rfsweep.space;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.rfsweep.output.IoReason;

/**
 * Reads a design space from JSON (the format of {@code data/spaces/README.md}) into a
 * {@link Space}. Comments ({@code //} and {@code /* *}{@code /}) are allowed; duplicate and
 * unknown keys are errors. Every error is one line with the file, the JSON path and the value:
 *
 * <pre>
 *   default.json: body.layer.k[2]: 0 is not a positive kernel
 *   default.json: body.stages[1].layer.op: "pool" is not an op (expected conv, dwconv, ...)
 *   default.json: line 7, column 12: Unexpected character ...
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class SpaceLoader {
    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();

    /** Largest design-space file read: far above any real space, far below the heap. */
    public static final long MAX_BYTES = 16L << 20;

    private static final Set<String> TOP =
        Set.of("name", "description", "input", "stem", "body", "head", "constraints");
    private static final Set<String> BODY = Set.of("depth", "layer", "stages");
    private static final Set<String> STAGE = Set.of("depth", "stride", "layer", "pre", "post");
    private static final Set<String> LAYER = Set.of("op", "k", "s", "d", "c", "p", "bias", "after");
    private static final String PAD_FORMS = "expected N >= 0, before:after, HxW, keep, same or valid";

    private SpaceLoader() {
    }

    /**
     * Loads the space in {@code file}; messages start with the file as given.
     *
     * @throws SpecException for a missing file, bad JSON or a bad space
     */
    public static Space load(Path file) {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new SpecException(null, "is a directory, not a design space").in(file.toString());
            }
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new SpecException(null, "too large for a design space (" + Files.size(file) + " bytes; at most "
                    + MAX_BYTES + ")").in(file.toString());
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
        } catch (NoSuchFileException e) {
            throw new SpecException(null, "no such file").in(file.toString());
        } catch (CharacterCodingException e) {
            throw new SpecException(null, "not UTF-8 text").in(file.toString());
        } catch (AccessDeniedException e) {
            throw new SpecException(null, "permission denied").in(file.toString());
        } catch (IOException e) {
            throw new SpecException(null, "cannot read: " + IoReason.of(e)).in(file.toString());
        }
        return parse(text, file.toString());
    }

    /** Parses {@code json}; {@code source} names it in messages (may be null). */
    public static Space parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new SpecException(null, where + plain(e.getOriginalMessage())).in(source);
        }
        try {
            return space(root, source);
        } catch (SpecException e) {
            throw e.in(source);
        }
    }

    private static Space space(JsonNode root, String source) {
        if (root == null || root.isMissingNode()) {
            throw new SpecException(null, "empty file (expected a JSON object)");
        }
        object(root, "", TOP);
        Space.Builder b = Space.builder().source(source);
        if (root.has("name")) {
            b.name(string(root.get("name"), "name"));
        }
        if (root.has("description")) {
            string(root.get("description"), "description");
        }
        if (root.has("input")) {
            b.inputs(values(root.get("input"), "input", SpaceLoader::input));
        }
        if (root.has("stem")) {
            b.stem(string(root.get("stem"), "stem"));
        }
        if (root.has("head")) {
            b.head(string(root.get("head"), "head"));
        }
        if (!root.has("body")) {
            throw new SpecException("body", "missing (the searchable positions: depth and layer, or stages)");
        }
        body(root.get("body"), b);
        if (root.has("constraints")) {
            b.constraints(values(root.get("constraints"), "constraints", SpaceLoader::string));
        }
        return b.build();
    }

    private static void body(JsonNode node, Space.Builder b) {
        object(node, "body", BODY);
        if (node.has("layer")) {
            b.defaultLayer(layers(node.get("layer"), "body.layer"));
        }
        if (node.has("stages")) {
            if (node.has("depth")) {
                throw new SpecException("body", "give either depth and layer, or stages, not both");
            }
            JsonNode stages = node.get("stages");
            if (!stages.isArray()) {
                throw new SpecException("body.stages", render(stages) + " is not a list of stages");
            }
            List<Stage> list = new ArrayList<>();
            for (int i = 0; i < stages.size(); i++) {
                list.add(stage(stages.get(i), "body.stages[" + i + "]"));
            }
            b.stages(list);
            return;
        }
        if (!node.has("depth")) {
            throw new SpecException("body", "missing depth (the number of positions: N or [min, max])");
        }
        int[] depth = depth(node.get("depth"), "body.depth");
        b.flatBody(Stage.builder().depth(depth[0], depth[1]).build());
    }

    private static Stage stage(JsonNode node, String path) {
        object(node, path, STAGE);
        if (!node.has("depth")) {
            throw new SpecException(path, "missing depth (the number of positions: N or [min, max])");
        }
        int[] depth = depth(node.get("depth"), path + ".depth");
        Stage.Builder b = Stage.builder().depth(depth[0], depth[1]);
        if (node.has("stride")) {
            b.stride(axes(node.get("stride"), path + ".stride", "stride"));
        }
        if (node.has("layer")) {
            b.layer(layers(node.get("layer"), path + ".layer"));
        }
        if (node.has("pre")) {
            b.pre(string(node.get("pre"), path + ".pre"));
        }
        if (node.has("post")) {
            b.post(string(node.get("post"), path + ".post"));
        }
        return b.build();
    }

    private static Values<LayerChoice> layers(JsonNode node, String path) {
        if (node.isArray()) {
            List<LayerChoice> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(layer(node.get(i), path + "[" + i + "]"));
            }
            return Values.of(list);
        }
        return Values.single(layer(node, path));
    }

    private static LayerChoice layer(JsonNode node, String path) {
        object(node, path, LAYER);
        LayerChoice.Builder b = LayerChoice.builder();
        if (node.has("op")) {
            b.ops(values(node.get("op"), path + ".op", SpaceLoader::string));
        }
        if (node.has("k")) {
            b.kernels(values(node.get("k"), path + ".k", (n, p) -> axes(n, p, "kernel")));
        }
        if (node.has("s")) {
            b.strides(values(node.get("s"), path + ".s", (n, p) -> axes(n, p, "stride")));
        }
        if (node.has("d")) {
            b.dilations(values(node.get("d"), path + ".d", (n, p) -> axes(n, p, "dilation")));
        }
        if (node.has("c")) {
            b.channels(values(node.get("c"), path + ".c", (n, p) -> integer(n, p, "a channel count")));
        }
        if (node.has("p")) {
            b.paddings(values(node.get("p"), path + ".p", SpaceLoader::padding));
        }
        if (node.has("bias")) {
            b.biases(values(node.get("bias"), path + ".bias", (n, p) -> integer(n, p, "0 or 1")));
        }
        if (node.has("after")) {
            b.after(string(node.get("after"), path + ".after"));
        }
        return b.build();
    }

    private static <T> Values<T> values(JsonNode node, String path, BiFunction<JsonNode, String, T> element) {
        if (!node.isArray()) {
            return Values.single(element.apply(node, path));
        }
        List<T> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            list.add(element.apply(node.get(i), path + "[" + i + "]"));
        }
        return Values.of(list);
    }

    private static void object(JsonNode node, String path, Set<String> keys) {
        if (!node.isObject()) {
            throw new SpecException(path, render(node) + " is not an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new SpecException(path.isEmpty() ? key : path + "." + key,
                    "unknown key (expected " + String.join(", ", ordered(keys)) + ")");
            }
        }
    }

    private static List<String> ordered(Set<String> keys) {
        List<String> order = List.of("name", "description", "input", "stem", "body", "head", "constraints", "depth",
            "stride", "layer", "stages", "pre", "post", "op", "k", "s", "d", "c", "p", "bias", "after");
        List<String> out = new ArrayList<>();
        for (String k : order) {
            if (keys.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    private static String string(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new SpecException(path, render(node) + " is not a string");
        }
        return node.textValue();
    }

    private static String input(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return Integer.toString(node.intValue());
        }
        throw new SpecException(path, render(node) + " is not an input (expected \"HxWxC\" or N)");
    }

    private static int integer(JsonNode node, String path, String what) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new SpecException(path, render(node) + " is not " + what);
        }
        return node.intValue();
    }

    private static Axes axes(JsonNode node, String path, String what) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return Axes.of(node.intValue());
        }
        if (node.isTextual()) {
            try {
                return Axes.parse(node.textValue());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new SpecException(path, render(node) + " is not a " + what + " (expected N or HxW)");
    }

    private static PadRule padding(JsonNode node, String path) {
        if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0) {
            return PadRule.of(node.intValue());
        }
        if (node.isTextual()) {
            try {
                return PadRule.parse(node.textValue());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new SpecException(path, render(node) + " is not a padding (" + PAD_FORMS + ")");
    }

    private static int[] depth(JsonNode node, String path) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return new int[] {node.intValue(), node.intValue()};
        }
        if (node.isArray() && node.size() == 2 && node.get(0).isIntegralNumber() && node.get(0).canConvertToInt()
            && node.get(1).isIntegralNumber() && node.get(1).canConvertToInt()) {
            return new int[] {node.get(0).intValue(), node.get(1).intValue()};
        }
        throw new SpecException(path, render(node) + " is not a depth (expected N or [min, max])");
    }

    /**
     * Jackson's message without its advice to Java programmers: the first line, without the Java
     * types and feature names in back quotes ({@code (bound as `...JsonNode`)}, {@code : enable
     * `JsonReadFeature...` to allow}).
     */
    static String plain(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        line = line.replaceAll(" \\(bound as `[^`]*`\\)", "")
            .replaceAll(":? *(enable|not allowed as per|to allow)[^:]*`[A-Za-z0-9_.$]*\\.[A-Za-z0-9_.$]*`[^:;]*", "")
            .replaceAll("`[A-Za-z0-9_$]+(\\.[A-Za-z0-9_$]+)+`", "value");
        return line.strip();
    }

    /** The JSON text of {@code node}, shortened for messages. */
    private static String render(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
