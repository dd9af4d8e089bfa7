package org.rfsweep.core.layout;

/**
 * Layer kinds, stored in {@link Layer#OP}, with their architecture-string names (SPEC section 9).
 *
 * <p>Codes below {@link #FIRST_MARKER} are layers; the rest are branch markers. A branch block
 * is encoded as an opening marker ({@link #ADD}, {@link #CAT} or {@link #MUL}), the first
 * branch's layers, then {@link #NEXT} before each further branch, and {@link #END}. An empty
 * branch is the identity; {@code res(A)} is {@code ADD A NEXT END}.
 *
 * <p>Each code's name, traits and keys are its row in {@link Kinds}; a new kind is a code here
 * and a row there. Codes {@link #RELU}{@code ..}{@link #LAST_ELEMENTWISE} change nothing the
 * evaluator tracks (activations, and dropout and stochastic depth, which are the identity at
 * inference).
 *
 * <table>
 *   <caption>Layers beyond SPEC section 9 (torchvision's models need them)</caption>
 *   <tr><th>name</th><th>keys</th><th>torchvision / PyTorch</th><th>rule</th></tr>
 *   <tr><td>{@code relu6}, {@code hardswish}, {@code hardsigmoid}, {@code sigmoid}, {@code silu}</td>
 *       <td>none</td><td>{@code nn.ReLU6}, {@code nn.Hardswish}, ...</td>
 *       <td>elementwise: {@code k = 1, s = 1}, no params</td></tr>
 *   <tr><td>{@code dropout}, {@code droppath}</td><td>none</td>
 *       <td>{@code nn.Dropout}, {@code StochasticDepth}</td><td>identity at inference</td></tr>
 *   <tr><td>{@code chunk}</td><td>{@code n} parts, {@code i} the 0-based part kept (both required)</td>
 *       <td>{@code x.chunk(n, dim=1)[i]}</td>
 *       <td>{@code c / n} channels ({@code c} divisible by {@code n}); {@code k = 1, s = 1}</td></tr>
 *   <tr><td>{@code shuffle}</td><td>{@code g} groups (required)</td><td>{@code channel_shuffle(x, g)}</td>
 *       <td>channels permuted ({@code c} divisible by {@code g}); {@code k = 1, s = 1}</td></tr>
 *   <tr><td>{@code flatten}</td><td>none</td><td>{@code torch.flatten(x, 1)}, {@code nn.Flatten}</td>
 *       <td>{@code HxWxC} becomes {@code 1x1x(H*W*C)}; global like {@code gap}
 *       ({@code ek = n, s = 1})</td></tr>
 *   <tr><td>{@code adaptiveavgpool}</td><td>{@code o} output size, {@code N} or {@code HxW} (required)</td>
 *       <td>{@code nn.AdaptiveAvgPool2d(o)}</td>
 *       <td>see {@link org.rfsweep.core.math.AdaptiveWindows}; global when {@code o = 1x1}</td></tr>
 *   <tr><td>{@code layernorm}</td><td>none</td><td>{@code nn.LayerNorm(c)} on every pixel, {@code LayerNorm2d}</td>
 *       <td>elementwise; {@code 2*c} params</td></tr>
 *   <tr><td>{@code gelu}</td><td>none</td><td>{@code nn.GELU}</td><td>elementwise</td></tr>
 *   <tr><td>{@code scale}</td><td>none</td><td>ConvNeXt's {@code layer_scale}, a {@code (c, 1, 1)} parameter</td>
 *       <td>elementwise; {@code c} params</td></tr>
 * </table>
 * None of them has MACs; only {@code layernorm} and {@code scale} have parameters.
 */
public final class Op {
    public static final int CONV = 0;
    public static final int DWCONV = 1;
    public static final int SEPCONV = 2;
    public static final int MAXPOOL = 3;
    public static final int AVGPOOL = 4;
    public static final int GAP = 5;
    public static final int FC = 6;
    public static final int BN = 7;
    public static final int RELU = 8;
    public static final int RELU6 = 9;
    public static final int HARDSWISH = 10;
    public static final int HARDSIGMOID = 11;
    public static final int SIGMOID = 12;
    public static final int SILU = 13;
    public static final int DROPOUT = 14;
    /** Stochastic depth (drop path): the identity at inference. */
    public static final int DROPPATH = 15;
    /** The last of the layers {@link #RELU}{@code ..} that leave shape, field and counts unchanged. */
    public static final int LAST_ELEMENTWISE = DROPPATH;
    /** Layer norm over the channels of each pixel (ConvNeXt): {@code 2*c} params, elementwise. */
    public static final int LAYERNORM = 16;
    /** GELU, elementwise. */
    public static final int GELU = 17;
    /** A learnable per-channel multiplier (ConvNeXt's layer scale): {@code c} params, elementwise. */
    public static final int SCALE = 18;

    /** One of {@code n} equal channel parts ({@link Layer#G} = n, {@link Layer#INDEX} = the part). */
    public static final int CHUNK = 24;
    /** Channel shuffle over {@link Layer#G} groups. */
    public static final int SHUFFLE = 25;
    public static final int FLATTEN = 26;
    /** Adaptive average pool to the output size in {@link Layer#KH}/{@link Layer#KW}. */
    public static final int ADAPTIVEAVGPOOL = 27;

    public static final int FIRST_MARKER = 32;
    public static final int ADD = 32;
    public static final int CAT = 33;
    public static final int MUL = 34;
    public static final int NEXT = 35;
    public static final int END = 36;

    private Op() {
    }

    /** The architecture-string name of {@code op} (see {@link Kinds}). */
    public static String name(int op) {
        return Kinds.name(op);
    }

    /** The code of the layer named {@code name}, or -1. Branch names are not layers. */
    public static int layerCode(String name) {
        return Kinds.layerCode(name);
    }

    /** The names of all layers, in code order, for messages: {@code "conv, dwconv, ..."}. */
    public static String layerNames() {
        return Kinds.layerNames();
    }

    public static boolean isMarker(int op) {
        return op >= FIRST_MARKER;
    }

    /** Layers with a sliding spatial window: kernel, stride, dilation and padding apply. */
    public static boolean isWindowed(int op) {
        return Kinds.is(op, Kinds.WINDOWED);
    }

    public static boolean isPool(int op) {
        return Kinds.is(op, Kinds.POOL);
    }

    /**
     * Layers that always see the whole feature map (SPEC section 3: {@code ek = n}, output extent 1).
     * {@link #ADAPTIVEAVGPOOL} is global only when its output size is {@code 1x1}.
     */
    public static boolean isGlobal(int op) {
        return Kinds.is(op, Kinds.GLOBAL);
    }
}
