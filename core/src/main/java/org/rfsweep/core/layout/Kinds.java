package org.rfsweep.core.layout;

import java.util.HashMap;
import java.util.Map;

/**
 * The table of layer kinds: per {@link Op} code its name, its traits, the architecture-string
 * keys it accepts and requires, the keys a design-space choice set expands for it, and its
 * defaults. The parser, the formatter, the evaluator, the design-space loader and the search
 * read these rows; a new kind is one {@link Op} code and one row here.
 *
 * <table>
 *   <caption>The rows (keys in {@link Key} order)</caption>
 *   <tr><th>kind</th><th>traits</th><th>keys (required)</th><th>in a choice set</th></tr>
 *   <tr><td>conv</td><td>windowed, params, bias, compute</td><td>k s p d c g bias (k c)</td>
 *       <td>k s p d c bias</td></tr>
 *   <tr><td>dwconv</td><td>windowed, params, bias, compute</td><td>k s p d c bias (k)</td>
 *       <td>k s p d bias</td></tr>
 *   <tr><td>sepconv</td><td>windowed, params, bias, compute</td><td>k s p d c bias (k c)</td>
 *       <td>k s p d c bias</td></tr>
 *   <tr><td>maxpool</td><td>windowed, pool</td><td>k s p d ceil (k)</td><td>k s p</td></tr>
 *   <tr><td>avgpool</td><td>windowed, pool</td><td>k s p ceil (k)</td><td>k s p</td></tr>
 *   <tr><td>gap, flatten</td><td>global</td><td>none</td><td>gap only</td></tr>
 *   <tr><td>fc</td><td>global, params, bias, compute</td><td>c bias (c)</td><td>c bias</td></tr>
 *   <tr><td>bn</td><td>elementwise, in place, 2 params per channel</td><td>none</td><td>yes</td></tr>
 *   <tr><td>relu .. droppath</td><td>elementwise, in place</td><td>none</td><td>yes</td></tr>
 *   <tr><td>layernorm, gelu, scale</td><td>elementwise, in place; 2, 0 and 1 params per channel</td>
 *       <td>none</td><td>no</td></tr>
 *   <tr><td>chunk, shuffle</td><td>channel</td><td>n i (n i); g (g)</td><td>no</td></tr>
 *   <tr><td>adaptiveavgpool</td><td>adaptive</td><td>o (o)</td><td>no</td></tr>
 *   <tr><td>add cat mul | )</td><td>marker</td><td>-</td><td>-</td></tr>
 * </table>
 *
 * <p>Defaults follow PyTorch (SPEC section 9): a record starts neutral ({@link Layer#clear}), a
 * kind with the {@link #BIAS} trait gets {@code bias=1}, a {@link #POOL} without {@code s} gets
 * {@code s = k}. Immutable.
 */
public final class Kinds {
    /** Kernel, stride, dilation and padding slide a window over the map (SPEC sections 2, 3). */
    public static final int WINDOWED = 1;
    /** A pool: {@code s} defaults to {@code k}, explicit padding is at most {@code k/2}. */
    public static final int POOL = 1 << 1;
    /** Always sees the whole map: {@code ek = n, s = 1}, output {@code 1x1} (SPEC section 3). */
    public static final int GLOBAL = 1 << 2;
    /** Windows derived from an output size ({@link org.rfsweep.core.math.AdaptiveWindows}). */
    public static final int ADAPTIVE = 1 << 3;
    /** Shape and field unchanged: works element by element. */
    public static final int ELEMENTWISE = 1 << 4;
    /** The output may overwrite the input (for a peak-activation-memory walk). */
    public static final int IN_PLACE = 1 << 5;
    /** Selects or permutes channels only; spatial shape and field unchanged. */
    public static final int CHANNEL = 1 << 6;
    /** A branch marker record, not a layer. */
    public static final int MARKER = 1 << 7;
    /** Has trainable parameters. */
    public static final int PARAMS = 1 << 8;
    /** Takes a {@code bias} key, 1 by default. */
    public static final int BIAS = 1 << 9;
    /** Counted as compute: MACs and activations (pycls), SPEC section 7. */
    public static final int COMPUTE = 1 << 10;
    /** May be named in a design-space choice set. */
    public static final int CHOICE = 1 << 11;

    /** How the evaluator steps a kind, from its traits: see {@link #step}. */
    public static final int STEP_INVALID = 0;
    public static final int STEP_WINDOW = 1;
    /** Global and adaptive kinds: a window derived from the map and an output size. */
    public static final int STEP_REDUCE = 2;
    public static final int STEP_ELEMENTWISE = 3;
    public static final int STEP_CHANNEL = 4;
    public static final int STEP_MARKER = 5;

    /** Codes {@code 0..SIZE-1} may have rows. */
    public static final int SIZE = 64;

    private static final String[] NAMES = new String[SIZE];
    private static final int[] TRAITS = new int[SIZE];
    private static final int[] KEYS = new int[SIZE];
    private static final int[] REQUIRED = new int[SIZE];
    private static final int[] CHOICE_KEYS = new int[SIZE];
    private static final int[] CHANNEL_PARAMS = new int[SIZE];
    private static final byte[] STEP = new byte[SIZE];
    private static final Map<String, Integer> CODES = new HashMap<>();

    private static final int WINDOW_KEYS = Key.bits(Key.K, Key.S, Key.P);
    private static final int CONV_LIKE = WINDOWED | PARAMS | BIAS | COMPUTE | CHOICE;
    private static final int POINTWISE = ELEMENTWISE | IN_PLACE | CHOICE;

    static {
        row(Op.CONV, "conv", CONV_LIKE, WINDOW_KEYS | Key.bits(Key.D, Key.C, Key.G, Key.BIAS),
            Key.bits(Key.K, Key.C), WINDOW_KEYS | Key.bits(Key.D, Key.C, Key.BIAS));
        row(Op.DWCONV, "dwconv", CONV_LIKE, WINDOW_KEYS | Key.bits(Key.D, Key.C, Key.BIAS),
            Key.bits(Key.K), WINDOW_KEYS | Key.bits(Key.D, Key.BIAS));
        row(Op.SEPCONV, "sepconv", CONV_LIKE, WINDOW_KEYS | Key.bits(Key.D, Key.C, Key.BIAS),
            Key.bits(Key.K, Key.C), WINDOW_KEYS | Key.bits(Key.D, Key.C, Key.BIAS));
        row(Op.MAXPOOL, "maxpool", WINDOWED | POOL | CHOICE, WINDOW_KEYS | Key.bits(Key.D, Key.CEIL),
            Key.bits(Key.K), WINDOW_KEYS);
        row(Op.AVGPOOL, "avgpool", WINDOWED | POOL | CHOICE, WINDOW_KEYS | Key.bits(Key.CEIL),
            Key.bits(Key.K), WINDOW_KEYS);
        row(Op.GAP, "gap", GLOBAL | CHOICE, 0, 0, 0);
        row(Op.FC, "fc", GLOBAL | PARAMS | BIAS | COMPUTE | CHOICE, Key.bits(Key.C, Key.BIAS),
            Key.bits(Key.C), Key.bits(Key.C, Key.BIAS));
        row(Op.BN, "bn", POINTWISE | PARAMS, 0, 0, 0);
        CHANNEL_PARAMS[Op.BN] = 2;
        pointwise(Op.RELU, "relu");
        pointwise(Op.RELU6, "relu6");
        pointwise(Op.HARDSWISH, "hardswish");
        pointwise(Op.HARDSIGMOID, "hardsigmoid");
        pointwise(Op.SIGMOID, "sigmoid");
        pointwise(Op.SILU, "silu");
        pointwise(Op.DROPOUT, "dropout");
        pointwise(Op.DROPPATH, "droppath");
        // ConvNeXt's kinds: in architecture strings, not (yet) in design-space choice sets
        row(Op.LAYERNORM, "layernorm", ELEMENTWISE | IN_PLACE | PARAMS, 0, 0, 0);
        CHANNEL_PARAMS[Op.LAYERNORM] = 2;
        row(Op.GELU, "gelu", ELEMENTWISE | IN_PLACE, 0, 0, 0);
        row(Op.SCALE, "scale", ELEMENTWISE | IN_PLACE | PARAMS, 0, 0, 0);
        CHANNEL_PARAMS[Op.SCALE] = 1;
        row(Op.CHUNK, "chunk", CHANNEL, Key.bits(Key.N, Key.I), Key.bits(Key.N, Key.I), 0);
        row(Op.SHUFFLE, "shuffle", CHANNEL, Key.bits(Key.G), Key.bits(Key.G), 0);
        row(Op.FLATTEN, "flatten", GLOBAL, 0, 0, 0);
        row(Op.ADAPTIVEAVGPOOL, "adaptiveavgpool", ADAPTIVE, Key.bits(Key.O), Key.bits(Key.O), 0);
        marker(Op.ADD, "add");
        marker(Op.CAT, "cat");
        marker(Op.MUL, "mul");
        marker(Op.NEXT, "|");
        marker(Op.END, ")");
    }

    private Kinds() {
    }

    /** The architecture-string name of {@code op}, or {@code op#N} for a code without a row. */
    public static String name(int op) {
        return known(op) ? NAMES[op] : "op#" + op;
    }

    /** The code of the layer named {@code name}, or -1. Branch names are not layers. */
    public static int layerCode(String name) {
        Integer op = CODES.get(name);
        return op == null ? -1 : op;
    }

    /** The names of all layers, in code order, for messages: {@code "conv, dwconv, ..."}. */
    public static String layerNames() {
        return names(~MARKER, ", ", ", ");
    }

    /**
     * The names of the kinds that have any of {@code traits} (or, with the complement of a trait,
     * that lack it), in code order, separated by {@code sep} and the last by {@code lastSep}.
     */
    public static String names(int traits, String sep, String lastSep) {
        StringBuilder sb = new StringBuilder();
        int last = -1;
        for (int op = 0; op < SIZE; op++) {
            if (NAMES[op] != null && (TRAITS[op] & traits) != 0) {
                last = op;
            }
        }
        for (int op = 0; op < SIZE; op++) {
            if (NAMES[op] != null && (TRAITS[op] & traits) != 0) {
                sb.append(sb.length() == 0 ? "" : op == last ? lastSep : sep).append(NAMES[op]);
            }
        }
        return sb.toString();
    }

    /** True when {@code op} has a row. */
    public static boolean known(int op) {
        return op >= 0 && op < SIZE && NAMES[op] != null;
    }

    /** True when {@code op} has every trait in {@code traits} (a non-empty set). */
    public static boolean is(int op, int traits) {
        return (traits(op) & traits) == traits;
    }

    /** The traits of {@code op}, 0 for a code without a row. */
    public static int traits(int op) {
        return op >= 0 && op < SIZE ? TRAITS[op] : 0;
    }

    /** The keys {@code op} accepts in an architecture string, as {@link Key} bits. */
    public static int keys(int op) {
        return known(op) ? KEYS[op] : 0;
    }

    /** The keys {@code op} requires, as {@link Key} bits. */
    public static int requiredKeys(int op) {
        return known(op) ? REQUIRED[op] : 0;
    }

    /** The keys a design-space choice set expands for {@code op}, as {@link Key} bits. */
    public static int choiceKeys(int op) {
        return known(op) ? CHOICE_KEYS[op] : 0;
    }

    /** True when {@code op} takes key {@code key}. */
    public static boolean takes(int op, int key) {
        return (keys(op) & Key.bit(key)) != 0;
    }

    /** The default of {@link Layer#BIAS}: 1 for kinds with the {@link #BIAS} trait. */
    public static int defaultBias(int op) {
        return is(op, BIAS) ? 1 : 0;
    }

    /** Trainable parameters per channel of an elementwise kind ({@code bn}: 2), else 0. */
    public static int channelParams(int op) {
        return known(op) ? CHANNEL_PARAMS[op] : 0;
    }

    /** How the evaluator steps {@code op}: one of the {@code STEP_} values. Any int is accepted. */
    public static int step(int op) {
        return op >= 0 && op < SIZE ? STEP[op] : STEP_INVALID;
    }

    /**
     * True when the layer record at {@code records[at]} always gives a {@code 1x1} map that sees
     * the whole input: a {@link #GLOBAL} kind, or an adaptive pool to {@code 1x1}.
     */
    public static boolean makesGlobal(int[] records, int at) {
        final int op = records[at + Layer.OP];
        return is(op, GLOBAL) || (is(op, ADAPTIVE) && records[at + Layer.KH] == 1 && records[at + Layer.KW] == 1);
    }

    private static void pointwise(int op, String name) {
        row(op, name, POINTWISE, 0, 0, 0);
    }

    private static void marker(int op, String name) {
        NAMES[op] = name;
        TRAITS[op] = MARKER;
        STEP[op] = STEP_MARKER;
    }

    private static void row(int op, String name, int traits, int keys, int required, int choiceKeys) {
        NAMES[op] = name;
        TRAITS[op] = traits;
        KEYS[op] = keys;
        REQUIRED[op] = required;
        CHOICE_KEYS[op] = choiceKeys;
        CODES.put(name, op);
        STEP[op] = (byte) stepOf(traits);
    }

    private static int stepOf(int traits) {
        if ((traits & WINDOWED) != 0) {
            return STEP_WINDOW;
        }
        if ((traits & (GLOBAL | ADAPTIVE)) != 0) {
            return STEP_REDUCE;
        }
        if ((traits & ELEMENTWISE) != 0) {
            return STEP_ELEMENTWISE;
        }
        return (traits & CHANNEL) != 0 ? STEP_CHANNEL : STEP_INVALID;
    }

    /** The keys of the architecture string (SPEC section 9), as indices and bits. */
    public static final class Key {
        public static final int K = 0;
        public static final int S = 1;
        public static final int P = 2;
        public static final int D = 3;
        public static final int C = 4;
        public static final int G = 5;
        public static final int BIAS = 6;
        public static final int CEIL = 7;
        public static final int O = 8;
        public static final int N = 9;
        public static final int I = 10;

        private static final String[] NAMES = {"k", "s", "p", "d", "c", "g", "bias", "ceil", "o", "n", "i"};

        private Key() {
        }

        /** The number of keys. */
        public static int count() {
            return NAMES.length;
        }

        public static String name(int key) {
            return NAMES[key];
        }

        /** The index of the key named {@code name}, or -1. */
        public static int index(String name) {
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        public static int bit(int key) {
            return 1 << key;
        }

        public static int bits(int... keys) {
            int mask = 0;
            for (int k : keys) {
                mask |= bit(k);
            }
            return mask;
        }

        /** The names of the keys in {@code mask}, in key order: {@code "k, s, p"}. */
        public static String list(int mask) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < NAMES.length; i++) {
                if ((mask & bit(i)) != 0) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(NAMES[i]);
                }
            }
            return sb.toString();
        }
    }
}
